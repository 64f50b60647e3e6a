/** IOS NAT: `ip nat inside source list|route-map|static`, route-map denies as exemptions. */
import type { Acl, DeviceConfig, SourceRef } from '../model.js';
import { host, toUint } from './address.js';
import { problem } from './device.js';
import { type ConfigLine } from './source.js';

/** A `route-map` clause: its action and the ACLs it matches. */
export interface RouteMapClause {
  action: 'permit' | 'deny';
  acls: string[];
  ref: SourceRef;
}

export function parseNat(
  d: DeviceConfig,
  line: ConfigLine,
  natRouteMaps: { name: string; ref: SourceRef }[],
): void {
  const w = line.words;
  const how = w[4]?.toLowerCase();
  if (how === 'list' && w[5]) d.nat.push({ kind: 'translate', acl: w[5], ref: line.ref });
  else if (how === 'route-map' && w[5]) natRouteMaps.push({ name: w[5], ref: line.ref });
  else if (how === 'static') {
    const a = toUint(w[5]);
    if (a !== undefined) d.nat.push({ kind: 'translate', src: host(a), ref: line.ref });
  } else problem(d, line.ref, 'unrecognised NAT rule');
}

/**
 * `ip nat inside source route-map RM …`: the route-map's clauses in order; a deny clause's ACL
 * exempts its traffic, a permit clause's ACL translates. One synthetic ACL keeps that order.
 */
export function natFromRouteMap(
  d: DeviceConfig,
  name: string,
  clauses: RouteMapClause[] | undefined,
  ref: SourceRef,
): void {
  if (!clauses) return problem(d, ref, `NAT route-map '${name}' is not defined`);
  const synthetic: Acl = { name: `route-map ${name}`, entries: [], ref };
  for (const clause of clauses)
    for (const aclName of clause.acls) {
      const acl = d.acls.get(aclName);
      if (!acl) continue;
      for (const e of acl.entries)
        if (e.action === 'permit') synthetic.entries.push({ ...e, action: clause.action });
        else if (clause.action === 'permit') synthetic.entries.push(e);
    }
  d.acls.set(synthetic.name, synthetic);
  d.nat.push({ kind: 'translate', acl: synthetic.name, ref });
}
