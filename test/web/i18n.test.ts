import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readJson } from '../helpers.js';

type Catalogue = { [key: string]: string | Catalogue };

const WEB = join(ROOT, 'src/web');
const LANGS = ['en', 'fr', 'zh', 'ja', 'ko'];
const catalogue = (lang: string) => readJson<Catalogue>(join(WEB, 'locales', `${lang}.json`));

function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('web workbench texts', () => {
  const en = flatten(catalogue('en'));

  it.each(LANGS.slice(1))('%s has every English text, with the same placeholders', (lang) => {
    const other = flatten(catalogue(lang));
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      expect(placeholders(other.get(key)!), `${lang}: ${key}`).toEqual(placeholders(text));
      expect(other.get(key)!.trim(), `${lang}: ${key}`).not.toBe('');
    }
  });

  it('every literal key the page asks for exists', () => {
    const asked = sources(WEB).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bt\('([a-z][\w.-]*)'/g)].map((m) => m[1]!),
    );
    expect(asked.length).toBeGreaterThan(50);
    expect(asked.filter((k) => !en.has(k))).toEqual([]);
  });

  it('every English text is used by the page (directly, or through a key built from a code)', () => {
    const code = sources(WEB)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const dynamic = ['severity.', 'phase.', 'error.', 'nav.', 'history.verb.', 'fleet.states.'];
    const unused = [...en.keys()].filter(
      (k) => !code.includes(`'${k}'`) && !dynamic.some((d) => k.startsWith(d)),
    );
    expect(unused).toEqual([]);
  });
});
