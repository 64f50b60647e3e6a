import type { DeviceConfig, Interface, SourceRef } from '../model.js';
import { toUint } from './address.js';
import { emptyDevice, resolvePolicies, type WrittenPolicy } from './device.js';
import { type ConfigLine, type Section, int, sections, startsWith } from './source.js';
import { parseNamedAcl, parseNumberedAcl } from './ios-acl.js';
import { type PendingApply, parseCrypto, sortEntries } from './ios-crypto.js';
import { type RouteMapClause, natFromRouteMap, parseNat } from './ios-nat.js';

/**
 * IOS 12.x / 15.x / IOS-XE running configurations. Sub-mode commands are the indented lines
 * under their parent; top-level commands are recognised by their leading words.
 */
export function parseIos(file: string, lines: readonly ConfigLine[]): DeviceConfig {
  const d = emptyDevice(file, 'ios');
  const policies: WrittenPolicy[] = [];
  const routeMaps = new Map<string, RouteMapClause[]>();
  const natRouteMaps: { name: string; ref: SourceRef }[] = [];
  const pendingApply: PendingApply[] = [];
  for (const s of sections(lines)) {
    const w = s.head.words;
    const k0 = w[0]?.toLowerCase();
    if (k0 === 'hostname') d.hostname = w[1];
    else if (k0 === 'version') d.version = w[1];
    else if (k0 === 'interface') parseInterface(d, s);
    else if (k0 === 'crypto') parseCrypto(d, s, policies, pendingApply);
    else if (k0 === 'no' && startsWith(w, 'no', 'crypto', 'isakmp', 'default', 'policy'))
      d.defaultPoliciesDisabled = true;
    else if (k0 === 'no' && startsWith(w, 'no', 'crypto', 'isakmp', 'enable')) d.isakmpEnabled = 'none';
    else if (k0 === 'access-list') parseNumberedAcl(d, s.head);
    else if (startsWith(w, 'ip', 'access-list')) parseNamedAcl(d, s);
    else if (startsWith(w, 'ip', 'nat', 'inside', 'source')) parseNat(d, s.head, natRouteMaps);
    else if (startsWith(w, 'ip', 'route') && toUint(w[2]) !== undefined && toUint(w[3]) !== undefined)
      d.routes.push({
        network: w[2] ?? '',
        mask: w[3] ?? '',
        ...(toUint(w[4]) !== undefined ? { nextHop: w[4] } : w[4] ? { interface: w[4] } : {}),
        ref: s.head.ref,
      });
    else if (startsWith(w, 'ip', 'local', 'pool') && w[3] && toUint(w[4]) !== undefined)
      d.pools.push({ name: w[3], first: w[4] ?? '', last: w[5] ?? w[4] ?? '', ref: s.head.ref });
    else if (k0 === 'route-map' && w[1]) {
      const clauses = routeMaps.get(w[1]) ?? [];
      const acls = s.body
        .filter((l) => startsWith(l.words, 'match', 'ip', 'address'))
        .flatMap((l) => l.words.slice(3));
      clauses.push({ action: w[2]?.toLowerCase() === 'deny' ? 'deny' : 'permit', acls, ref: s.head.ref });
      routeMaps.set(w[1], clauses);
    } else d.ignoredLines += 1 + s.body.length;
  }
  for (const { name, ref } of natRouteMaps) natFromRouteMap(d, name, routeMaps.get(name), ref);
  for (const { map, itf, ref } of pendingApply) {
    const target = d.interfaces.find((i) => i.name === itf || i.nameif === itf);
    if (target) target.cryptoMap = map;
    else d.interfaces.push({ name: itf, cryptoMap: map, undeclared: true, ref });
  }
  sortEntries(d);
  d.ikePolicies = resolvePolicies(d, policies, d.defaultPoliciesDisabled ?? false);
  return d;
}

function parseInterface(d: DeviceConfig, s: Section): void {
  const itf: Interface = { name: s.head.words.slice(1).join(' '), ref: s.head.ref };
  for (const l of s.body) {
    const w = l.words;
    if (startsWith(w, 'ip', 'address') && toUint(w[2]) !== undefined && w[4]?.toLowerCase() !== 'secondary') {
      itf.address = w[2];
      if (w[3]) itf.mask = w[3];
    } else if (w[0]?.toLowerCase() === 'shutdown') itf.shutdown = true;
    else if (startsWith(w, 'crypto', 'map') && w[2]) itf.cryptoMap = w[2];
    else if (startsWith(w, 'ip', 'mtu')) setNumber(itf, 'mtu', int(w[2]));
    else if (startsWith(w, 'ip', 'tcp', 'adjust-mss')) setNumber(itf, 'tcpMss', int(w[3]));
    else if (startsWith(w, 'ip', 'nat') && (w[2] === 'inside' || w[2] === 'outside')) itf.natSide = w[2];
    else if (w[0]?.toLowerCase() === 'tunnel') {
      const t = (itf.tunnel ??= {});
      if (w[1] === 'source' && w[2]) t.source = w[2];
      else if (w[1] === 'destination' && w[2]) t.destination = w[2];
      else if (w[1] === 'mode') t.mode = w.slice(2).join(' ');
      else if (startsWith(w, 'tunnel', 'protection', 'ipsec', 'profile') && w[4]) t.protectionProfile = w[4];
    }
  }
  d.interfaces.push(itf);
}

function setNumber(itf: Interface, field: 'mtu' | 'tcpMss', n: number | undefined): void {
  if (n !== undefined) itf[field] = n;
}
