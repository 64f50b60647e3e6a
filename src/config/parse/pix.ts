import type { DeviceConfig } from '../model.js';
import { readAccessList } from './firewall-acl.js';
import {
  interfaceNamed,
  readHostname,
  readMtu,
  readName,
  readPool,
  readRoute,
  readSysopt,
  readVersion,
  setAddress,
  setNameif,
} from './firewall-basics.js';
import { type Command, type FirewallContext, ignore } from './firewall-context.js';
import {
  readCryptoMap,
  readGlobalLifetime,
  readIsakmpEnable,
  readPixKey,
  readPixPolicy,
  readTransformSet,
  readTrustpoint,
} from './firewall-crypto.js';
import { readNat, readStatic } from './firewall-nat.js';
import { readObjectGroup } from './firewall-objects.js';
import { parseFirewall } from './firewall-parse.js';
import { readVpnGroup } from './firewall-remote-access.js';
import type { ConfigLine, Section } from './source.js';

/** `interface ethernet0 auto [shutdown]`. */
function readPixInterface(ctx: FirewallContext, s: Section): void {
  const [, name, ...rest] = s.head.words;
  if (!name) return ignore(ctx, 1 + s.body.length);
  const itf = interfaceNamed(ctx, name, s);
  if (rest.some((w) => w.toLowerCase() === 'shutdown')) itf.shutdown = true;
  ignore(ctx, s.body.length);
}

/** `nameif ethernet0 outside security0`. */
function readNameif(ctx: FirewallContext, s: Section): void {
  const [, hardware, nameif] = s.head.words;
  if (!hardware || !nameif) return ignore(ctx, 1 + s.body.length);
  setNameif(ctx, interfaceNamed(ctx, hardware, s), nameif);
  ignore(ctx, s.body.length);
}

/** `ip address outside 12.1.1.1 255.255.255.0` (or `dhcp`, `pppoe`). */
function readPixAddress(ctx: FirewallContext, s: Section): void {
  const [, , nameif, address, mask] = s.head.words;
  const itf = nameif === undefined ? undefined : ctx.byNameif.get(nameif);
  if (!itf) return ignore(ctx, 1 + s.body.length);
  setAddress(itf, address, mask);
  ignore(ctx, s.body.length);
}

/** PIX 6.x commands (6.2+ object-groups included). */
const PIX_COMMANDS: Command[] = [
  { words: ['hostname'], handle: readHostname },
  { words: ['pix', 'version'], handle: readVersion },
  { words: ['name'], phase: 1, handle: readName },
  { words: ['interface'], phase: 1, handle: readPixInterface },
  { words: ['nameif'], phase: 1, handle: readNameif },
  { words: ['ip', 'address'], phase: 1, handle: readPixAddress },
  { words: ['object-group'], phase: 1, handle: readObjectGroup },
  { words: ['mtu'], handle: readMtu },
  { words: ['access-list'], handle: readAccessList },
  { words: ['isakmp', 'policy'], handle: readPixPolicy },
  { words: ['isakmp', 'enable'], handle: readIsakmpEnable },
  { words: ['isakmp', 'key'], handle: readPixKey },
  { words: ['crypto', 'ipsec', 'transform-set'], handle: readTransformSet },
  { words: ['crypto', 'ipsec', 'security-association', 'lifetime'], handle: readGlobalLifetime },
  { words: ['ca', 'identity'], handle: readTrustpoint },
  { words: ['crypto', 'map'], handle: readCryptoMap },
  { words: ['crypto', 'dynamic-map'], handle: readCryptoMap },
  { words: ['nat'], handle: readNat },
  { words: ['static'], handle: readStatic },
  { words: ['route'], handle: readRoute },
  { words: ['ip', 'local', 'pool'], handle: readPool },
  { words: ['sysopt', 'connection'], handle: readSysopt },
  { words: ['no', 'sysopt', 'connection'], handle: readSysopt },
  { words: ['vpngroup'], handle: readVpnGroup },
];

/** A PIX 6.x running configuration. */
export function parsePix(file: string, lines: readonly ConfigLine[]): DeviceConfig {
  // PIX 6: decrypted traffic still meets the interface ACLs unless `sysopt connection permit-ipsec`.
  return parseFirewall(file, lines, 'pix', PIX_COMMANDS, false);
}
