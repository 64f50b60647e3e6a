import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, parseConfig } from '../../src/index.js';
import { simulate } from '../../src/simulate/index.js';
import { FAULTS, PAIRS, apply, read } from '../config/faults.js';
import { ROOT } from '../helpers.js';
import { skipWithout } from '../watch/support.js';
import { HAS_TSHARK, TSHARK, dissect, expertSummary } from './tshark.js';

const BIN = join(ROOT, 'bin/ipsec-doctor');
const run = (args: string[]) =>
  spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C', NO_COLOR: '1' } });
const FIX = join(ROOT, 'test/fixtures/config');
const HQ = join(ROOT, 'examples/configs/hq-router.cfg');
const BRANCH = join(ROOT, 'examples/configs/branch-asa.cfg');

function faulty(
  code: string,
  pair = 'ios-ios',
): { a: { name: string; text: string }; b: { name: string; text: string } } {
  const f = FAULTS.find((x) => x.code === code && x.pair === pair)!;
  const inputs = PAIRS[f.pair].map(read);
  inputs[f.side] = { ...inputs[f.side]!, text: apply(inputs[f.side]!.text, f.edits) };
  return { a: inputs[0]!, b: inputs[1]! };
}

describe('simulate: what the two devices would say', () => {
  it("a key mismatch in the note's dialect: IKMP_BAD_MESSAGE on the responder, MM5 retransmitted until the initiator gives up", () => {
    const { a, b } = faulty('PSK_MISMATCH');
    const r = simulate(a, b, { dialects: { a: 'ios12', b: 'ios12' } });
    expect(r.outcome).toMatchObject({
      established: false,
      failedPhase: 'ike-phase1',
      states: { a: 'MM_KEY_EXCH', b: 'MM_KEY_EXCH' },
    });
    expect(r.transcripts.b).toContain(
      '%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 12.1.1.1 failed its sanity check or is malformed',
    );
    expect(r.transcripts.a).toMatch(/retransmitting phase 1 MM_KEY_EXCH/);
    expect(r.transcripts.a).toContain('Death by retransmission P1');
    const run0 = r.runs[0]!;
    expect(run0.stoppedAt).toBe('MM5');
    expect(run0.ladder.filter((s) => s.step === 'MM5' && s.failed)).toHaveLength(6);
    expect(run0.ladder.map((s) => s.step).slice(0, 5)).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5']);
  });

  it('a transform-set mismatch: the proposal in the IOS 12 key-engine form, then "not supported"', () => {
    const { a, b } = faulty('TRANSFORM_SET_MISMATCH');
    const r = simulate(a, b, { dialects: { a: 'ios12', b: 'ios12' } });
    expect(r.transcripts.b).toMatch(/transform proposal \(prot 3, trans \d+, hmac_alg \d\) not supported/);
    expect(r.runs[0]!.ladder.find((s) => s.failed)?.step).toBe('QM1');
    expect(r.findings.find((f) => f.code === 'TRANSFORM_SET_MISMATCH')?.source).toBe('simulation');
  });

  it('PFS on one side only: both directions are played and shown, the outcome says which fails', () => {
    const r = simulate(
      { name: HQ, text: readFileSync(HQ, 'utf8') },
      { name: BRANCH, text: readFileSync(BRANCH, 'utf8') },
    );
    expect(r.runs.map((x) => [x.initiator, x.established])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(r.outcome.directions).toBeDefined();
    expect(r.outcome.codes).toContain('PFS_MISMATCH');
    const onlyB = simulate(
      { name: HQ, text: readFileSync(HQ, 'utf8') },
      { name: BRANCH, text: readFileSync(BRANCH, 'utf8') },
      { initiator: 'b' },
    );
    expect(onlyB.runs).toHaveLength(1);
    expect(onlyB.outcome).toMatchObject({ established: true, states: { a: 'QM_IDLE', b: 'MM_ACTIVE' } });
    expect(onlyB.show.b).toContain('Crypto map tag: OUTSIDE-MAP');
  });

  it('a file that is no IPsec configuration: no run, one finding that says which file names no peer', () => {
    const r = simulate(
      { name: 'notes.txt', text: 'hello world\n' },
      { name: HQ, text: readFileSync(HQ, 'utf8') },
    );
    expect(r.runs).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['PEER_ADDRESS_MISMATCH']);
    expect(r.findings[0]!.summary).toContain('notes.txt names no IPsec peer');
    expect(r.transcripts.a.split('\n').every((l) => /debug|debugging/.test(l))).toBe(true);
  });

  it('a healthy pair: one run, established, sa created on both sides, no error', () => {
    const r = simulate(read(PAIRS['ios-ios'][0]), read(PAIRS['ios-ios'][1]));
    expect(r.runs).toHaveLength(1);
    expect(r.outcome).toMatchObject({ established: true, states: { a: 'QM_IDLE', b: 'QM_IDLE' } });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    for (const side of ['a', 'b'] as const) expect(r.transcripts[side].match(/sa created/g)).toHaveLength(2);
  });
});

/** Random single and double faults on the healthy pairs of every platform combination. */
const mutated = fc
  .record({
    pair: fc.constantFrom(...(Object.keys(PAIRS) as (keyof typeof PAIRS)[])),
    picks: fc.array(fc.nat(), { maxLength: 2 }),
    drop: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ pair, picks, drop }) => {
    const inputs = PAIRS[pair].map(read);
    const candidates = FAULTS.filter((f) => f.pair === pair);
    for (const p of picks) {
      const f = candidates[p % candidates.length]!;
      const side = inputs[f.side]!;
      if (f.edits.every(([from]) => side.text.includes(from)))
        inputs[f.side] = { ...side, text: apply(side.text, f.edits) };
    }
    if (drop !== undefined) {
      // Remove one crypto line from A: faults no catalogue entry describes.
      const lines = inputs[0]!.text.split('\n');
      const crypto = lines
        .map((l, i) => [l, i] as const)
        .filter(([l]) => /crypto|isakmp|access-list|set /.test(l));
      const victim = crypto[drop % Math.max(1, crypto.length)];
      if (victim) lines.splice(victim[1], 1);
      inputs[0] = { ...inputs[0]!, text: lines.join('\n') };
    }
    return inputs;
  });

describe('simulate on mutated pairs (fast-check)', () => {
  it('never throws, agrees with check, prints no key, and is deterministic', () => {
    fc.assert(
      fc.property(mutated, ([a, b]) => {
        const r = simulate(a!, b!);
        const c = check(a!, b!);
        expect(r.outcome.established).toBe(c.outcome.established);
        expect(r.outcome.states).toEqual(c.outcome.states);
        const json = JSON.stringify(r);
        const secrets = [a!, b!].flatMap((i) => parseConfig(i.name, i.text).keys.map((k) => k.secret));
        for (const secret of secrets) expect(json).not.toContain(secret);
        expect(JSON.stringify(simulate(a!, b!))).toBe(json);
        for (const run of r.runs) {
          const times = run.ladder.map((s) => s.at);
          expect([...times].sort((x, y) => x - y)).toEqual(times);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('simulate on the command line', () => {
  it('JSON per the contract: outcome with codes, transcripts and show per side; exit 1 on a fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-sim-'));
    const { a, b } = faulty('PROXY_ID_MISMATCH');
    writeFileSync(join(dir, 'a.cfg'), a.text);
    writeFileSync(join(dir, 'b.cfg'), b.text);
    const r = run(['simulate', '--format', 'json', join(dir, 'a.cfg'), join(dir, 'b.cfg')]);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { outcome: Record<string, unknown> };
    expect(j['tool']).toBe('ipsec-doctor');
    expect(j.outcome).toMatchObject({
      established: false,
      failedPhase: 'ipsec-phase2',
      codes: ['PROXY_ID_MISMATCH'],
    });
    expect(Object.keys(j['transcripts'] as object)).toEqual(['a', 'b']);
    expect(Object.keys(j['show'] as object)).toEqual(['a', 'b']);
  });

  it('text: the verdict first, then the ladder marking the failing step, transcripts and show', () => {
    const r = run([
      'simulate',
      '--dialect-a',
      'ios12',
      join(FIX, PAIRS['ios-ios'][0]),
      join(FIX, PAIRS['ios-ios'][1]),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).not.toBe('');
    expect(r.stdout).toMatch(/MM1 SA \(\d transforms?\)/);
    expect(r.stdout).toContain('#show crypto isakmp sa');
  });

  it('a usage error or a missing file: exit 2 with one line on stderr', () => {
    const r = run(['simulate', '/nonexistent/a.cfg', HQ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(run(['simulate', '--initiator', 'c', HQ, BRANCH]).status).toBe(2);
  });

  describe.skipIf(skipWithout(HAS_TSHARK, `tshark (${TSHARK}; apt-get install tshark)`))(
    '--format pcap',
    () => {
      it('writes a capture tshark dissects as ISAKMP without a warning', () => {
        const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-pcap-'));
        const file = join(dir, 'sim.pcap');
        const r = run(['simulate', '--format', 'pcap', '--output', file, HQ, BRANCH]);
        expect(r.status).toBe(1);
        const packets = dissect(file, ['isakmp.exchangetype', '_ws.malformed', '_ws.expert']);
        expect(packets.length).toBeGreaterThan(10);
        for (const p of packets) {
          expect(p['isakmp.exchangetype']).toBeDefined();
          expect(p['_ws.malformed']).toBeUndefined();
          expect(p['_ws.expert']).toBeUndefined();
        }
        expect(expertSummary(file)).not.toMatch(/Warning|Error/);
      });
    },
  );
});
