import { type ConfigHit, type LintRule, lines } from '../hit.js';

/** Algorithms no longer recommended, with what to use instead (NSA CNSA / Cisco Next Generation Encryption). */
const WEAK: Record<string, string> = {
  des: 'aes-256',
  '3des': 'aes-256',
  md5: 'sha256',
  'group 1': 'group 14 (or 19/20 where supported)',
  'group 2': 'group 14 (or 19/20 where supported)',
  'group 5': 'group 14 (or 19/20 where supported)',
  'esp-des': 'esp-aes 256 (or esp-gcm 256)',
  'esp-3des': 'esp-aes 256 (or esp-gcm 256)',
  'esp-md5-hmac': 'esp-sha256-hmac',
  'ah-md5-hmac': 'ah-sha256-hmac',
};

const weakCrypto: LintRule = {
  code: 'WEAK_CRYPTO',
  check(d) {
    const items: { what: string; where: string; use: string }[] = [];
    const refs = [];
    for (const p of d.ikePolicies.filter((x) => !x.implicit)) {
      for (const v of [p.encryption, p.hash, `group ${p.group}`]) {
        const use = WEAK[v];
        if (use) {
          items.push({ what: v, where: `policy ${p.priority}`, use });
          refs.push(p.ref);
        }
      }
    }
    for (const t of d.transformSets)
      for (const x of t.transforms) {
        const use = WEAK[x];
        if (use) {
          items.push({ what: x, where: `transform-set ${t.name}`, use });
          refs.push(t.ref);
        }
      }
    for (const m of [...d.cryptoMaps, ...d.dynamicMaps])
      for (const e of m.entries)
        if (e.pfsGroup !== undefined && WEAK[`group ${e.pfsGroup}`]) {
          items.push({
            what: `pfs group${e.pfsGroup}`,
            where: `crypto map ${m.name} ${e.seq}`,
            use: 'pfs group14',
          });
          refs.push(e.ref);
        }
    if (items.length === 0) return [];
    const hit: ConfigHit = {
      code: 'WEAK_CRYPTO',
      device: d,
      refs: lines(...refs),
      details: { weak: items.map((i) => `${i.what} (${i.where}) → ${i.use}`) },
      commands: [],
    };
    return [hit];
  },
};

export const strengthRules: readonly LintRule[] = [weakCrypto];
