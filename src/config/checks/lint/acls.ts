import { formatFlow, TrafficSet, permittedTraffic } from '../../traffic/index.js';
import type { AclEntry, DeviceConfig, NatRule } from '../../model.js';
import { walkEntries } from '../../negotiate/endpoints.js';
import { type IndexedEntry, mapIndex, protectedTraffic } from '../../negotiate/entry-index.js';
import { ANY, aclWords } from '../../parse/address.js';
import { aclLine } from '../commands.js';
import { type ConfigHit, type LintRule, lines } from '../hit.js';

/**
 * Pairs of entries whose remote-address spans meet (a sweep over the spans sorted by start):
 * only those can overlap, so a hub's thousands of disjoint spoke entries are not compared all
 * with all. Returned in walk order, as an all-pairs loop would find them.
 */
function meetingPairs(entries: readonly IndexedEntry[]): [IndexedEntry, IndexedEntry][] {
  const sorted = entries.filter((x) => x.traffic && x.lo <= x.hi).sort((a, b) => a.lo - b.lo);
  const pairs: [IndexedEntry, IndexedEntry][] = [];
  let active: IndexedEntry[] = [];
  for (const x of sorted) {
    active = active.filter((a) => a.hi >= x.lo);
    for (const a of active) pairs.push(a.order < x.order ? [a, x] : [x, a]);
    active.push(x);
  }
  return pairs.sort(([a1, b1], [a2, b2]) => a1.order - a2.order || b1.order - b2.order);
}

const overlap: LintRule = {
  code: 'CRYPTO_ACL_OVERLAP',
  check(d) {
    const hits: ConfigHit[] = [];
    for (const map of d.cryptoMaps)
      for (const [x, y] of meetingPairs(mapIndex(d, map).all)) {
        const [a, b] = [x.entry, y.entry];
        if (a.matchAddress === b.matchAddress) continue;
        const sample = x.traffic!.intersect(y.traffic!).sample();
        if (!sample) continue;
        hits.push({
          code: 'CRYPTO_ACL_OVERLAP',
          device: d,
          refs: lines(a.ref, b.ref, d.acls.get(a.matchAddress!)?.ref, d.acls.get(b.matchAddress!)?.ref),
          details: {
            map: map.name,
            entries: [a.seq, b.seq],
            acls: [a.matchAddress, b.matchAddress],
            example: formatFlow(sample),
            shadowed: y.traffic!.isSubsetOf(x.traffic!),
          },
          commands: [],
        });
      }
    return hits;
  },
};

/** ACL names the crypto maps use. */
function cryptoAcls(d: DeviceConfig): Set<string> {
  return new Set(
    [...d.cryptoMaps, ...d.dynamicMaps].flatMap((m) =>
      m.entries.flatMap((e) => (e.matchAddress ? [e.matchAddress] : [])),
    ),
  );
}

const reused: LintRule = {
  code: 'ACL_REUSED',
  check(d) {
    const crypto = cryptoAcls(d);
    return d.nat
      .filter((n) => n.acl !== undefined && crypto.has(n.acl))
      .map((n): ConfigHit => ({
        code: 'ACL_REUSED',
        device: d,
        refs: lines(n.ref, d.acls.get(n.acl!)?.ref),
        details: { acl: n.acl },
        commands: [],
      }));
  },
};

/** The traffic a NAT rule applies to: its ACL's permits, or the source/destination it names. */
function natTraffic(d: DeviceConfig, n: NatRule): TrafficSet | undefined {
  if (n.acl !== undefined) {
    const acl = d.acls.get(n.acl);
    return acl ? permittedTraffic(acl.entries) : undefined;
  }
  return permittedTraffic([{ action: 'permit', src: n.src ?? ANY, dst: n.dst ?? ANY, ref: n.ref }]);
}

/**
 * Traffic a crypto ACL protects that a NAT rule would translate first: it leaves with a
 * translated source, no longer matches the crypto ACL, and goes out in clear (or nowhere).
 * Exemptions (PIX/ASA `nat 0`, identity twice-NAT) come before translations; IOS route-map
 * denies are already inside the synthetic route-map ACL.
 */
const natExemption: LintRule = {
  code: 'NAT_EXEMPTION_MISSING',
  check(d) {
    const translate = d.nat.filter((n) => n.kind === 'translate');
    if (translate.length === 0) return [];
    let exempt = TrafficSet.EMPTY;
    for (const n of d.nat.filter((x) => x.kind === 'exempt'))
      exempt = exempt.union(natTraffic(d, n) ?? TrafficSet.EMPTY);
    let translated = TrafficSet.EMPTY;
    for (const n of translate) translated = translated.union(natTraffic(d, n) ?? TrafficSet.EMPTY);
    translated = translated.subtract(exempt);
    const hits: ConfigHit[] = [];
    for (const map of d.cryptoMaps)
      for (const e of walkEntries(d, map)) {
        const t = protectedTraffic(d, e);
        if (!t) continue;
        const caught = t.intersect(translated);
        const sample = caught.sample();
        if (!sample) continue;
        const rule = translate.find((n) => natTraffic(d, n)?.overlaps(caught));
        const acl = d.acls.get(e.matchAddress!);
        const permits = (acl?.entries ?? []).filter((x) => x.action === 'permit');
        hits.push({
          code: 'NAT_EXEMPTION_MISSING',
          device: d,
          refs: lines(e.ref, acl?.ref, rule?.ref),
          details: { map: map.name, entry: e.seq, acl: e.matchAddress, example: formatFlow(sample) },
          commands: exemptionCommands(d, rule, permits),
        });
      }
    return hits;
  },
};

/** ASA 8.3 replaced `nat 0` with objects and twice NAT; a config without a version is taken as current. */
function natObjectsSyntax(d: DeviceConfig): boolean {
  const m = /^(\d+)\.(\d+)/.exec(d.version ?? '');
  return !m || Number(m[1]) > 8 || (Number(m[1]) === 8 && Number(m[2]) >= 3);
}

/** Exempts the crypto ACL's permits from NAT, in the platform's own way. */
function exemptionCommands(
  d: DeviceConfig,
  rule: NatRule | undefined,
  permits: readonly AclEntry[],
): string[] {
  const pairs = permits.map((x) => `ip ${aclWords(x.src)} ${aclWords(x.dst)}`);
  if (d.platform === 'pix')
    return [...permits.map((x) => aclLine(d, 'NONAT', x)), 'nat (inside) 0 access-list NONAT'];
  if (d.platform === 'asa' && !natObjectsSyntax(d))
    return [...permits.map((x) => aclLine(d, 'NONAT', x)), 'nat (inside) 0 access-list NONAT'];
  if (d.platform === 'asa')
    return permits.map((x, i) => {
      const object = (name: string, m: AclEntry['src']) => {
        const words = aclWords(m, 'mask');
        const body =
          words === 'any' ? 'subnet 0.0.0.0 0.0.0.0' : words.startsWith('host ') ? words : `subnet ${words}`;
        return `object network ${name}\n ${body}`;
      };
      const [local, remote] = [`VPN-LOCAL-${i + 1}`, `VPN-REMOTE-${i + 1}`];
      return [
        object(local, x.src),
        object(remote, x.dst),
        `nat (inside,outside) source static ${local} ${local} destination static ${remote} ${remote} no-proxy-arp route-lookup`,
      ].join('\n');
    });
  if (rule?.acl?.startsWith('route-map ')) {
    const rm = rule.acl.slice('route-map '.length);
    return [
      ['ip access-list extended NAT-EXEMPT', ...pairs.map((p) => ` permit ${p}`)].join('\n'),
      `route-map ${rm} deny 5\n match ip address NAT-EXEMPT`,
    ];
  }
  // Sequence numbers put the denies before the NAT ACL's permits.
  return [
    [
      `ip access-list extended ${rule?.acl ?? '<nat-acl>'}`,
      ...pairs.map((p, i) => ` ${i + 1} deny ${p}`),
    ].join('\n'),
  ];
}

export const aclRules: readonly LintRule[] = [overlap, reused, natExemption];
