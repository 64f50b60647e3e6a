import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, lint } from '../../../src/config/index.js';

const DIR = new URL('../../fixtures/config/', import.meta.url).pathname;
const A = readFileSync(DIR + 'pairs/ios-ios/peer-a.cfg', 'utf8');
const B = readFileSync(DIR + 'pairs/ios-ios/peer-b.cfg', 'utf8');
/** Healthy pairs of every platform combination, with the secrets that must never be printed. */
const PAIRS: [string, string, string[]][] = [
  [A, B, ['Mirr0r-Me']],
  [
    readFileSync(DIR + 'pairs/ios-asa/branch-a.cfg', 'utf8'),
    readFileSync(DIR + 'asa/hq-asa9-hub.cfg', 'utf8'),
    ['Br4nchA-s3cret!', 'Br4nchB-s3cret?'],
  ],
  [
    readFileSync(DIR + 'pairs/ios-pix/remote-router.cfg', 'utf8'),
    readFileSync(DIR + 'pix/pixfirewall-63.cfg', 'utf8'),
    ['L2Lp1x-k3y'],
  ],
];

/** Words IOS crypto configurations are made of, to build lines that look almost right. */
const WORDS = [
  'crypto',
  'isakmp',
  'policy',
  'key',
  'address',
  'map',
  'ipsec-isakmp',
  'dynamic',
  'set',
  'peer',
  'transform-set',
  'match',
  'pfs',
  'group2',
  'access-list',
  'permit',
  'deny',
  'ip',
  'tcp',
  'host',
  'any',
  'eq',
  'range',
  'interface',
  'local-address',
  'keyring',
  'pre-shared-key',
  'lifetime',
  'security-association',
  'seconds',
  'ip',
  'nat',
  'inside',
  'source',
  'list',
  'route-map',
  '10',
  '65535',
  '0',
  '999999999999',
  '1.1.1.1',
  '255.255.255.0',
  '0.0.0.255',
  '-1',
  '<img>',
  '\u0000',
];

const lineOf = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 9 }).map((w) => w.join(' '));

/** One of the fixture's lines replaced, deleted, duplicated or indented differently. */
const mutation = fc
  .tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'duplicate', 'indent'), lineOf)
  .map(([at, how, line]) => (text: string) => {
    const lines = text.split('\n');
    const i = at % lines.length;
    if (how === 'replace') lines[i] = line;
    else if (how === 'delete') lines.splice(i, 1);
    else if (how === 'duplicate') lines.splice(i, 0, lines[i]!);
    else lines[i] = ` ${lines[i]!}`;
    return lines.join('\n');
  });

describe('the IOS parser and the pair check on hostile input', () => {
  it('random text, bytes and keyword soup never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.array(lineOf, { maxLength: 40 }).map((l) => l.join('\n')),
        ),
        (text) => {
          const r = lint([{ name: 'x.cfg', text }]);
          expect(Array.isArray(r.findings)).toBe(true);
          check({ name: 'x.cfg', text }, { name: 'b.cfg', text: B });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('mutated pairs (IOS, ASA, PIX) never throw and never print a pre-shared key', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAIRS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        ([a, b, secrets], edits, onA) => {
          const [x, y] = onA ? [edits.reduce((t, e) => e(t), a), b] : [a, edits.reduce((t, e) => e(t), b)];
          const r = check({ name: 'a.cfg', text: x }, { name: 'b.cfg', text: y });
          const json = JSON.stringify(r);
          for (const secret of secrets) expect(json).not.toContain(secret);
          expect(['ike-phase1', 'ipsec-phase2', undefined]).toContain(r.outcome.failedPhase);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a 5,000-entry ACL and a gigantic line are handled (capped, no crash)', () => {
    const acl = Array.from(
      { length: 5000 },
      (_, i) => `access-list 150 permit tcp host 10.${i >> 8}.${i & 255}.1 any eq ${i % 65535}`,
    ).join('\n');
    const huge = `crypto isakmp key ${'x'.repeat(2_000_000)} address 1.1.1.1`;
    const r = lint([{ name: 'big.cfg', text: `${A}\n${acl}\n${huge}\n` }]);
    expect(JSON.stringify(r)).not.toContain('xxxxxxxxxx');
  });
});
