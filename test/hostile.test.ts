import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotateText, diagnose } from '../src/index.js';

const INTACT = [
  '1d00h: ISAKMP (0:1): atts are not acceptable. Next payload is 0',
  '1d00h: ISAKMP (0:1); no offers accepted!',
  '1d00h: ISAKMP (0:1): SA not acceptable!',
  '1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at 150.150.150.1',
].join('\n');

const codes = (text: string) =>
  diagnose([{ name: 'x', text }]).findings.map((f) => `${f.code}@${f.peer ?? ''}`);

describe('hostile input never throws and never hides intact blocks', () => {
  it('random strings and bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 2000 }),
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        (s) => {
          diagnose([{ name: 'x', text: s }]);
          annotateText('x', s);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('a huge line', () => {
    expect(() =>
      diagnose([{ name: 'x', text: 'ISAKMP (0:1): ' + 'A'.repeat(3_000_000) + '\n' + INTACT }]),
    ).not.toThrow();
    expect(codes('%'.repeat(1_000_000) + '\n' + INTACT)).toContain('IKE_POLICY_MISMATCH@150.150.150.1');
  });
  it('an intact block keeps its finding with garbage before it', () => {
    const expected = codes(INTACT);
    expect(expected).toContain('IKE_POLICY_MISMATCH@150.150.150.1');
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 80 }).filter((s) => !/[\n\r]/.test(s)),
          { maxLength: 20 },
        ),
        (garbage) => {
          const text = [...garbage, '', INTACT].join('\n');
          expect(codes(text)).toEqual(expect.arrayContaining(expected));
        },
      ),
      { numRuns: 200 },
    );
  });
  it('shuffled and truncated transcripts never throw', () => {
    const lines = INTACT.split('\n').concat([
      'IPSEC(initialize_sas): ,',
      '  (key eng. msg.) dest= 1.1.1.1, src=',
      'interface: Fa0',
      '   #pkts encaps: 5',
    ]);
    fc.assert(
      fc.property(fc.shuffledSubarray(lines), fc.nat(60), (sub, cut) => {
        const text = sub.join('\n');
        diagnose([{ name: 'x', text: text.slice(0, text.length - cut) }]);
      }),
      { numRuns: 300 },
    );
  });
});
