import { describe, expect, it } from 'vitest';
import { CODES } from '../src/diagnose/catalogue.js';
import { CATALOGUES, LANGUAGES } from '../src/i18n/index.js';

type Tree = { [k: string]: Tree | string | string[] };

function leaves(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, [v]);
    else if (Array.isArray(v)) v.forEach((s, i) => out.set(`${key}[${i}]`, [s]));
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const en = leaves(CATALOGUES.en as Tree);

describe('texts exist in every language', () => {
  it('English has title, summary, explanation and remedy for every finding code', () => {
    for (const code of CODES) {
      for (const part of ['title', 'summary', 'explanation'])
        expect(en.has(`finding.${code}.${part}`), `${code}.${part}`).toBe(true);
    }
  });
  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang} has exactly the English keys, with the same placeholders`, () => {
      const other = leaves(CATALOGUES[lang] as Tree);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      const titles = [...en.keys()].filter((k) => k.endsWith('.title'));
      const translated = titles.filter((k) => other.get(k)?.[0] !== en.get(k)?.[0]);
      expect(translated.length, `${lang}: finding titles still in English`).toBe(titles.length);
      for (const [k, [v]] of en)
        expect(placeholders(other.get(k)?.[0] ?? ''), `${lang} ${k}`).toEqual(placeholders(v ?? ''));
    });
  }
});
