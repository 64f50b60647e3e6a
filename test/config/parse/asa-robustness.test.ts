import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../src/config/model.js';
import { parseAsa } from '../../../src/config/parse/asa.js';
import { parsePix } from '../../../src/config/parse/pix.js';
import { readConfig } from '../../../src/config/parse/source.js';
import { FIXTURES } from '../../helpers.js';

/** PIX and ASA parsers under hostile input: never throw, never leak a pre-shared key. */

const FIXTURE_FILES = ['asa/hq-asa9-hub.cfg', 'asa/branch-asa82.cfg', 'pix/pixfirewall-63.cfg'];
const TEXTS = FIXTURE_FILES.map((f) => readFileSync(join(FIXTURES, 'config', f), 'utf8'));
const SECRETS = [
  'Br4nchA-s3cret!',
  'Br4nchB-s3cret?',
  'Gr0up-K3y-RA',
  'Br4nch82-s3cret',
  'Gr0up-K3y-82',
  'L2Lp1x-k3y',
];
const PARSERS = { asa: parseAsa, pix: parsePix };

function parseBoth(text: string): DeviceConfig[] {
  const lines = readConfig('fuzz.cfg', text);
  return [parseAsa('fuzz.cfg', lines), parsePix('fuzz.cfg', lines)];
}

/** Every string the model holds outside PresharedKey.secret. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Map) for (const v of value.values()) strings(v, out);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (k !== 'secret') strings(v, out);
  return out;
}

function leaks(d: DeviceConfig): string[] {
  const all = strings(d);
  return SECRETS.filter((s) => all.some((x) => x.includes(s)));
}

const hasSecret = (line: string) => SECRETS.some((s) => line.includes(s));

/** Mutations that keep a key line's keywords (and so its masking) intact: the reader masks, we check the parser. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -2, max: 2 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 80 }) }),
  fc.record({
    op: fc.constant('word' as const),
    at: fc.nat(),
    word: fc.nat(),
    text: fc.string({ maxLength: 12 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat(), keep: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(lines: string[], m: Mutation): void {
  if (lines.length === 0) return;
  const i = m.at % lines.length;
  const line = lines[i] ?? '';
  switch (m.op) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'swap': {
      const j = m.to % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? '', line];
      break;
    }
    case 'indent':
      lines[i] =
        m.by > 0
          ? ' '.repeat(m.by) + line
          : line.slice(Math.min(-m.by, line.length - line.trimStart().length));
      break;
    case 'insert':
      lines.splice(i, 0, m.text);
      break;
    case 'word': {
      if (hasSecret(line)) break;
      const words = line.split(' ');
      words[m.word % words.length] = m.text;
      lines[i] = words.join(' ');
      break;
    }
    case 'truncate':
      if (!hasSecret(line)) lines[i] = line.slice(0, m.keep % (line.length + 1));
      break;
  }
}

/** Words the parsers know, to reach deep paths more often than random text does. */
const VOCABULARY = [
  'access-list',
  'extended',
  'standard',
  'permit',
  'deny',
  'ip',
  'tcp',
  'udp',
  'icmp',
  'any',
  'any4',
  'any6',
  'host',
  'object',
  'object-group',
  'network',
  'service',
  'group-object',
  'network-object',
  'port-object',
  'service-object',
  'eq',
  'range',
  'neq',
  'lt',
  'gt',
  'destination',
  'source',
  'crypto',
  'map',
  'dynamic-map',
  'ikev1',
  'isakmp',
  'policy',
  'set',
  'peer',
  'pfs',
  'transform-set',
  'match',
  'address',
  'interface',
  'security-association',
  'lifetime',
  'seconds',
  'kilobytes',
  'nat',
  '(inside)',
  '(inside,outside)',
  'static',
  'dynamic',
  'tunnel-group',
  'type',
  'ipsec-l2l',
  'ipsec-attributes',
  'pre-shared-key',
  'group-policy',
  'attributes',
  'split-tunnel-policy',
  'vpngroup',
  'route',
  'outside',
  'inside',
  'name',
  'nameif',
  'G1',
  'G2',
  'O1',
  '0',
  '10',
  '10.0.0.1',
  '255.255.255.0',
  '0.0.0.0',
  '2001:db8::1',
  '1.2.3.4-1.2.3.9',
  'www',
  'log',
];
const vocabularyLine = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 10 }))
  .map(([indented, words]) => (indented ? ' ' : '') + words.join(' '));

describe('PIX and ASA parsers on hostile input', () => {
  it('fixtures themselves: no leak anywhere but PresharedKey.secret', () => {
    for (const text of TEXTS) for (const d of parseBoth(text)) expect(leaks(d)).toEqual([]);
  });

  it('random text and bytes never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 3000 }),
          fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        (text) => {
          parseBoth(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random lines of configuration words never throw', () => {
    fc.assert(
      fc.property(fc.array(vocabularyLine, { maxLength: 60 }), (lines) => {
        for (const d of parseBoth(lines.join('\n'))) {
          expect(Array.isArray(d.problems)).toBe(true);
          expect(d.ignoredLines).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('mutated fixtures never throw and never leak a key into evidence or reasons', () => {
    fc.assert(
      fc.property(
        fc.nat(TEXTS.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...(Object.keys(PARSERS) as (keyof typeof PARSERS)[])),
        (which, mutations, platform) => {
          const lines = (TEXTS[which] ?? '').split('\n');
          for (const m of mutations) mutate(lines, m);
          const d = PARSERS[platform]('fuzz.cfg', readConfig('fuzz.cfg', lines.join('\n')));
          expect(leaks(d)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
