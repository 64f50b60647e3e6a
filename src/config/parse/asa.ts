import type { DeviceConfig } from '../model.js';
import { readAccessList } from './firewall-acl.js';
import {
  readAsaInterface,
  readHostname,
  readMtu,
  readName,
  readPool,
  readRoute,
  readSysopt,
  readVersion,
} from './firewall-basics.js';
import type { Command } from './firewall-context.js';
import {
  readAsaPolicy,
  readCryptoMap,
  readGlobalLifetime,
  readIsakmpEnable,
  readPixPolicy,
  readTransformSet,
  readTrustpoint,
} from './firewall-crypto.js';
import { readNat, readStatic } from './firewall-nat.js';
import { readObject, readObjectGroup } from './firewall-objects.js';
import { parseFirewall } from './firewall-parse.js';
import { readGroupPolicy, readTunnelGroup } from './firewall-remote-access.js';
import type { ConfigLine } from './source.js';

/**
 * ASA 7.x–9.x commands. 7.0/7.1 still wrote `isakmp …` at top level, 7.2–8.3 `crypto isakmp …`
 * and `crypto ipsec transform-set`, 8.4+ `crypto ikev1 …` and `crypto ipsec ikev1 transform-set`;
 * 8.2 and earlier write `nat (inside) 0 access-list`, 8.3+ twice and object NAT.
 */
const ASA_COMMANDS: Command[] = [
  { words: ['hostname'], handle: readHostname },
  { words: ['asa', 'version'], handle: readVersion },
  { words: ['name'], phase: 1, handle: readName },
  { words: ['interface'], phase: 1, handle: readAsaInterface },
  { words: ['object'], phase: 1, handle: readObject },
  { words: ['object-group'], phase: 1, handle: readObjectGroup },
  { words: ['mtu'], handle: readMtu },
  { words: ['access-list'], handle: readAccessList },
  { words: ['crypto', 'ikev1', 'policy'], handle: readAsaPolicy },
  { words: ['crypto', 'isakmp', 'policy'], handle: readAsaPolicy },
  { words: ['isakmp', 'policy'], handle: readPixPolicy },
  { words: ['crypto', 'ikev1', 'enable'], handle: readIsakmpEnable },
  { words: ['crypto', 'isakmp', 'enable'], handle: readIsakmpEnable },
  { words: ['isakmp', 'enable'], handle: readIsakmpEnable },
  { words: ['crypto', 'ipsec', 'ikev1', 'transform-set'], handle: readTransformSet },
  { words: ['crypto', 'ipsec', 'transform-set'], handle: readTransformSet },
  { words: ['crypto', 'ipsec', 'security-association', 'lifetime'], handle: readGlobalLifetime },
  { words: ['crypto', 'ca', 'trustpoint'], handle: readTrustpoint },
  { words: ['crypto', 'map'], handle: readCryptoMap },
  { words: ['crypto', 'dynamic-map'], handle: readCryptoMap },
  { words: ['tunnel-group'], handle: readTunnelGroup },
  { words: ['group-policy'], handle: readGroupPolicy },
  { words: ['nat'], handle: readNat },
  { words: ['static'], handle: readStatic },
  { words: ['route'], handle: readRoute },
  { words: ['ip', 'local', 'pool'], handle: readPool },
  { words: ['sysopt', 'connection'], handle: readSysopt },
  { words: ['no', 'sysopt', 'connection'], handle: readSysopt },
];

/** An ASA 7.x–9.x running configuration (or a `show running-config …` fragment of one). */
export function parseAsa(file: string, lines: readonly ConfigLine[]): DeviceConfig {
  // ASA 7.1+: IPsec traffic bypasses interface ACLs unless `no sysopt connection permit-vpn`.
  return parseFirewall(file, lines, 'asa', ASA_COMMANDS, true);
}
