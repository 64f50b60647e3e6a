import type { CryptoMap, DeviceConfig, SourceRef } from '../../model.js';
import { applyMapCommand } from '../commands.js';
import { type ConfigHit, type LintRule, lines } from '../hit.js';

type Kind =
  | 'transform-set'
  | 'acl'
  | 'dynamic-map'
  | 'pool'
  | 'ipsec-profile'
  | 'isakmp-profile'
  | 'keyring'
  | 'interface';

interface Reference {
  kind: Kind;
  name: string;
  ref: SourceRef;
  /** What refers to it, for the text (`crypto map outside_map 10`). */
  from: string;
}

/** Every name the configuration uses, with the line that uses it. */
function references(d: DeviceConfig): Reference[] {
  const out: Reference[] = [];
  const mapRefs = (m: CryptoMap, dynamic: boolean) => {
    for (const e of m.entries) {
      const from = `${dynamic ? 'crypto dynamic-map' : 'crypto map'} ${m.name} ${e.seq}`;
      const at = (word: string) => e.lines.find((l) => l.text.includes(word)) ?? e.ref;
      for (const t of e.transformSets) out.push({ kind: 'transform-set', name: t, ref: at(t), from });
      if (e.matchAddress !== undefined)
        out.push({ kind: 'acl', name: e.matchAddress, ref: at(e.matchAddress), from });
      if (e.dynamicMap !== undefined) out.push({ kind: 'dynamic-map', name: e.dynamicMap, ref: e.ref, from });
      if (e.isakmpProfile !== undefined)
        out.push({ kind: 'isakmp-profile', name: e.isakmpProfile, ref: at(e.isakmpProfile), from });
    }
    if (m.localAddressInterface !== undefined)
      out.push({
        kind: 'interface',
        name: m.localAddressInterface,
        ref: m.ref,
        from: `crypto map ${m.name} local-address`,
      });
  };
  for (const m of d.cryptoMaps) mapRefs(m, false);
  for (const m of d.dynamicMaps) mapRefs(m, true);
  for (const p of d.ipsecProfiles) {
    const from = `crypto ipsec profile ${p.name}`;
    for (const t of p.transformSets) out.push({ kind: 'transform-set', name: t, ref: p.ref, from });
    if (p.isakmpProfile !== undefined)
      out.push({ kind: 'isakmp-profile', name: p.isakmpProfile, ref: p.ref, from });
  }
  for (const p of d.isakmpProfiles)
    for (const k of p.keyrings)
      out.push({ kind: 'keyring', name: k, ref: p.ref, from: `crypto isakmp profile ${p.name}` });
  for (const i of d.interfaces) {
    if (i.tunnel?.protectionProfile !== undefined)
      out.push({
        kind: 'ipsec-profile',
        name: i.tunnel.protectionProfile,
        ref: i.ref,
        from: `interface ${i.name}`,
      });
    if (i.undeclared && i.cryptoMap !== undefined)
      out.push({ kind: 'interface', name: i.name, ref: i.ref, from: `crypto map ${i.cryptoMap}` });
  }
  for (const g of d.clientGroups) {
    if (g.splitTunnelAcl !== undefined)
      out.push({ kind: 'acl', name: g.splitTunnelAcl, ref: g.ref, from: g.name });
    if (g.pool !== undefined) out.push({ kind: 'pool', name: g.pool, ref: g.ref, from: g.name });
  }
  for (const n of d.nat)
    if (n.acl !== undefined && !n.acl.startsWith('route-map '))
      out.push({ kind: 'acl', name: n.acl, ref: n.ref, from: 'NAT' });
  return out;
}

function defined(d: DeviceConfig, r: Reference): boolean {
  switch (r.kind) {
    case 'transform-set':
      return d.transformSets.some((t) => t.name === r.name);
    case 'acl':
      return d.acls.has(r.name);
    case 'dynamic-map':
      return d.dynamicMaps.some((m) => m.name === r.name);
    case 'pool':
      return d.pools.some((p) => p.name === r.name);
    case 'ipsec-profile':
      return d.ipsecProfiles.some((p) => p.name === r.name);
    case 'isakmp-profile':
      return d.isakmpProfiles.some((p) => p.name === r.name);
    case 'keyring':
      return d.keys.some((k) => k.container === r.name);
    case 'interface':
      return d.interfaces.some((i) => !i.undeclared && (i.name === r.name || i.nameif === r.name));
  }
}

const undefinedReference: LintRule = {
  code: 'UNDEFINED_REFERENCE',
  check(d) {
    return references(d)
      .filter((r) => !defined(d, r))
      .map((r): ConfigHit => ({
        code: 'UNDEFINED_REFERENCE',
        device: d,
        refs: lines(r.ref),
        details: { kind: r.kind, name: r.name, usedBy: r.from },
        commands: [],
      }));
  },
};

/** The interface a crypto map most likely belongs on: the NAT outside, else the default route's. */
function outsideInterface(d: DeviceConfig) {
  return (
    d.interfaces.find((i) => i.natSide === 'outside') ??
    d.interfaces.find((i) => i.nameif === 'outside') ??
    d.interfaces.find((i) => !i.undeclared && i.address !== undefined && !/loopback|tunnel/i.test(i.name))
  );
}

const mapNotApplied: LintRule = {
  code: 'CRYPTO_MAP_NOT_APPLIED',
  check(d) {
    const applied = new Set(d.interfaces.filter((i) => !i.undeclared).map((i) => i.cryptoMap));
    return d.cryptoMaps
      .filter((m) => m.entries.length > 0 && !applied.has(m.name))
      .map((m): ConfigHit => {
        const itf = outsideInterface(d);
        return {
          code: 'CRYPTO_MAP_NOT_APPLIED',
          device: d,
          refs: lines(m.ref, ...m.entries.map((e) => e.ref)),
          details: { map: m.name, suggestedInterface: itf?.nameif ?? itf?.name },
          commands: [applyMapCommand(d, m.name, itf ?? { name: '<outside-interface>' })],
        };
      });
  },
};

export const referenceRules: readonly LintRule[] = [undefinedReference, mapNotApplied];
