import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readJson } from '../helpers.js';

type Catalogue = { [key: string]: string | Catalogue };

const LANGS = ['en', 'fr', 'zh', 'ja', 'ko'];

/** The workbench page's texts and the `serve` command's: each catalogue with the code that uses it. */
const CATALOGUES = [
  {
    name: 'web page',
    dir: join(ROOT, 'src/web/locales'),
    sources: sourcesUnder(join(ROOT, 'src/web')),
    // Keys built from a code the API sends (severity, phase, error code, view, verb, state).
    dynamic: ['severity.', 'phase.', 'error.', 'nav.', 'history.verb.', 'fleet.states.'],
  },
  {
    name: 'serve command',
    // The `serve` part of the shared catalogues; the code asks for it as say('key').
    dir: join(ROOT, 'src/i18n/locales'),
    part: 'serve',
    sources: [join(ROOT, 'src/cli/commands/serve.ts')],
    dynamic: [],
  },
];

function flatten(c: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourcesUnder(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** A catalogue file, or one part of it. */
function load(dir: string, lang: string, part?: string): Catalogue {
  const all = readJson<Catalogue>(join(dir, `${lang}.json`));
  return part === undefined ? all : (all[part] as Catalogue);
}

describe.each(
  CATALOGUES as { name: string; dir: string; part?: string; sources: string[]; dynamic: string[] }[],
)('texts of the $name', ({ dir, part, sources, dynamic }) => {
  const en = flatten(load(dir, 'en', part));
  const code = sources.map((f) => readFileSync(f, 'utf8')).join('\n');

  it.each(LANGS.slice(1))('%s has every English text, with the same placeholders', (lang) => {
    const other = flatten(load(dir, lang, part));
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      expect(placeholders(other.get(key)!), `${lang}: ${key}`).toEqual(placeholders(text));
      expect(other.get(key)!.trim(), `${lang}: ${key}`).not.toBe('');
    }
  });

  it('every key the code asks for exists, and every text is used', () => {
    const asked = [...code.matchAll(/\b(?:t|say)\('([a-z][\w.-]*)'/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(5);
    expect(asked.filter((k) => !en.has(k))).toEqual([]);
    const unused = [...en.keys()].filter(
      (k) => !code.includes(`'${k}'`) && !dynamic.some((d) => k.startsWith(d)),
    );
    expect(unused).toEqual([]);
  });
});
