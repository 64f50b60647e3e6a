/**
 * Aggressive mode where a configuration asks for it (IOS `crypto isakmp peer` with
 * `set aggressive-mode`, ASA `set phase1-mode aggressive`): three messages instead of six, the
 * responder needs the key at once, and a wrong key is found by the initiator in AM2.
 */
import { describe, expect, it } from 'vitest';
import { check, diagnose } from '../../src/index.js';
import { simulate } from '../../src/simulate/index.js';
import type { Dialect } from '../../src/simulate/trace.js';
import { PAIRS, apply, read } from '../config/faults.js';

/** PeerA (IOS 12.4) starts aggressive mode towards PeerB; the ASA hub towards branch-a. */
const AGGRESSIVE: Record<'ios-ios' | 'ios-asa', { side: 0 | 1; edits: [string, string][] }> = {
  'ios-ios': {
    side: 0,
    edits: [
      [
        'crypto isakmp key 0 Mirr0r-Me address 20.1.1.2\n',
        'crypto isakmp peer address 20.1.1.2\n set aggressive-mode password Mirr0r-Me\n set aggressive-mode client-endpoint ipv4-address 12.1.1.1\n',
      ],
    ],
  },
  'ios-asa': {
    side: 1,
    edits: [
      [
        'crypto map OUTSIDE-MAP 10 set pfs group14\n',
        'crypto map OUTSIDE-MAP 10 set pfs group14\ncrypto map OUTSIDE-MAP 10 set phase1-mode aggressive\n',
      ],
    ],
  },
};

interface Case {
  name: string;
  pair: 'ios-ios' | 'ios-asa';
  /** A further fault on one side, after aggressive mode is on. */
  fault?: { side: 0 | 1; edits: [string, string][] };
  code?: string;
}

const CASES: Case[] = [
  { name: 'healthy', pair: 'ios-ios' },
  { name: 'healthy', pair: 'ios-asa' },
  {
    name: 'keys differ',
    pair: 'ios-ios',
    fault: { side: 1, edits: [['key 0 Mirr0r-Me', 'key 0 Not-The-Same']] },
    code: 'PSK_MISMATCH',
  },
  {
    name: 'keys differ',
    pair: 'ios-asa',
    fault: { side: 0, edits: [['Br4nchA-s3cret!', 'Other-s3cret!']] },
    code: 'PSK_MISMATCH',
  },
  {
    name: 'no key on the responder',
    pair: 'ios-ios',
    fault: { side: 1, edits: [['crypto isakmp key 0 Mirr0r-Me address 12.1.1.1\n', '']] },
    code: 'PSK_MISSING',
  },
  {
    name: 'no common policy',
    pair: 'ios-ios',
    fault: { side: 1, edits: [[' group 14', ' group 14\n hash md5']] },
    code: 'IKE_POLICY_MISMATCH',
  },
];

function pair(c: Case, dialect: Dialect) {
  const inputs = PAIRS[c.pair].map(read);
  const on = AGGRESSIVE[c.pair];
  inputs[on.side] = { ...inputs[on.side]!, text: apply(inputs[on.side]!.text, on.edits) };
  if (c.fault)
    inputs[c.fault.side] = {
      ...inputs[c.fault.side]!,
      text: apply(inputs[c.fault.side]!.text, c.fault.edits),
    };
  return { a: inputs[0]!, b: inputs[1]!, dialect };
}

const errors = (fs: readonly { code: string; severity: string }[]) =>
  [...new Set(fs.filter((f) => f.severity === 'error').map((f) => f.code))].sort();

describe('aggressive mode, where configured', () => {
  it.each(
    CASES.flatMap((c) =>
      (['ios12', 'ios15'] as Dialect[]).map((d) => [`${c.pair} ${c.name} (IOS as ${d})`, c, d] as const),
    ),
  )('%s: AM1–AM3 on the wire, and diagnose names what check names', (_n, c, dialect) => {
    const { a, b } = pair(c, dialect);
    const r = simulate(a, b, { dialects: { a: dialect }, initiator: c.pair === 'ios-ios' ? 'a' : 'b' });
    const run = r.runs[0]!;
    expect(run.ladder[0]!.step).toBe('AM1');
    expect(run.ladder.some((s) => s.step.startsWith('MM'))).toBe(false);
    const initiatorLog = r.transcripts[run.initiator];
    expect(initiatorLog).toMatch(/Aggressive Mode|IKE Initiator|AG_|AM_/);
    const checked = check(a, b);
    expect(errors(checked.findings)).toEqual(c.code ? [c.code] : []);
    const logs = (['a', 'b'] as const).map((side) => ({
      name: `${side}.log`,
      text: `${r.transcripts[side]}\n${r.show[side]}`,
    }));
    expect(errors(diagnose(logs).findings)).toEqual(c.code ? [c.code] : []);
    if (!c.code) {
      expect(run.ladder.map((s) => s.step)).toEqual(['AM1', 'AM2', 'AM3', 'QM1', 'QM2', 'QM3']);
      expect(r.outcome.established).toBe(true);
    }
    if (c.code === 'PSK_MISMATCH') expect(run.stoppedAt).toBe('AM2');
  });
});
