import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import type { SimulationReport } from '../../src/simulate/index.js';
import { simulate } from '../../src/simulate/index.js';
import { FIXTURES } from '../helpers.js';

/** The note's Peer A / Peer B; B's transform set changed so quick mode fails (faults.ts). */
const PAIR = join(FIXTURES, 'config/pairs/ios-ios');
const PEER_A = { name: 'peer-a.cfg', text: readFileSync(join(PAIR, 'peer-a.cfg'), 'utf8') };
const PEER_B_TS = {
  name: 'peer-b.cfg',
  text: readFileSync(join(PAIR, 'peer-b.cfg'), 'utf8').replace(
    'esp-aes 256 esp-sha-hmac',
    'esp-3des esp-sha-hmac',
  ),
};
const KEY = 'Mirr0r-Me';
const HOSTILE = '<script>alert(1)</script>';

const post = (payload: unknown): InjectOptions => ({
  method: 'POST',
  url: '/api/simulate',
  payload: payload as InjectOptions['payload'],
  headers: { 'content-type': 'application/json' },
});

function expectError(res: { statusCode: number; body: string }, status: number, code: string): string {
  expect(res.statusCode).toBe(status);
  const body = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(res.body).not.toMatch(/\bat .*\(|node_modules|\.ts:\d|\.js:\d/);
  return body.error.message;
}

describe('POST /api/simulate', () => {
  let app: FastifyInstance;
  beforeAll(() => {
    app = buildServer({ db: ':memory:' });
  });
  afterAll(() => app.close());

  it("answers the CLI's JSON object: runs with their ladder, both transcripts, the failing step", async () => {
    const res = await app.inject(post({ inputs: [PEER_A, PEER_B_TS] }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const r = res.json<SimulationReport>();
    // Exactly what `simulate --format json` prints for the same pair.
    expect(r).toEqual(JSON.parse(JSON.stringify(simulate(PEER_A, PEER_B_TS))));
    expect(r.outcome).toMatchObject({ established: false, failedPhase: 'ipsec-phase2', simulated: true });
    expect(r.names).toEqual({ a: 'PeerA', b: 'PeerB' });
    expect(r.runs).toHaveLength(1);
    const [run] = r.runs;
    expect(run!.ladder.map((s) => s.step)).toEqual(['MM1', 'MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM1', 'INFO']);
    expect(run!.ladder.filter((s) => s.failed).map((s) => s.step)).toEqual(['QM1']);
    expect(run!.code).toBe('TRANSFORM_SET_MISMATCH');
    expect(run!.transcripts.a).toContain('sending packet to 20.1.1.2');
    expect(run!.transcripts.b).toContain('received packet from 12.1.1.1');
    expect(r.findings.map((f) => f.code)).toContain('TRANSFORM_SET_MISMATCH');
    expect(r).not.toHaveProperty('historyId');
  });

  it('never echoes a pre-shared key, and takes the language, the initiator and the dialects', async () => {
    const res = await app.inject(
      post({ inputs: [PEER_A, PEER_B_TS], lang: 'ja', initiator: 'b', dialects: { a: 'asa' } }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(KEY);
    const r = res.json<SimulationReport>();
    expect(r.runs.map((run) => run.initiator)).toEqual(['b']);
    expect(r.dialects.a).toBe('asa');
    expect(r.dialects.b).toBe(simulate(PEER_A, PEER_B_TS).dialects.b);
    expect(r.transcripts.a).toContain('debug crypto ikev1');
    expect(r.findings[0]!.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('takes exactly two inputs: one or three is 400 wrong_input_count', async () => {
    const one = expectError(await app.inject(post({ inputs: [PEER_A] })), 400, 'wrong_input_count');
    expect(one).toContain('exactly 2');
    expectError(
      await app.inject(post({ inputs: [PEER_A, PEER_B_TS, { name: 'c.cfg', text: 'hostname c' }] })),
      400,
      'wrong_input_count',
    );
    expectError(await app.inject(post({ text: PEER_A.text })), 400, 'wrong_input_count');
  });

  it('refuses an unknown initiator or dialect, and no input, with 400 bad_request', async () => {
    const inputs = [PEER_A, PEER_B_TS];
    expectError(await app.inject(post({ inputs, initiator: 'c' })), 400, 'bad_request');
    expectError(await app.inject(post({ inputs, dialects: { a: 'junos' } })), 400, 'bad_request');
    expectError(await app.inject(post({ inputs: [] })), 400, 'bad_request');
  });

  it('a hostname carrying markup comes back as JSON data, unchanged', async () => {
    const hostile = { name: 'x.cfg', text: PEER_A.text.replace('hostname PeerA', `hostname ${HOSTILE}`) };
    const res = await app.inject(post({ inputs: [hostile, PEER_B_TS] }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const r = res.json<SimulationReport>();
    expect(r.names.a).toBe(HOSTILE);
    expect(r.transcripts.a).toContain(`${HOSTILE}#debug crypto isakmp`);
  });
});

describe('POST /api/simulate limits', () => {
  it('a body over the limit is 413 too_large', async () => {
    const app = buildServer({ limits: { bodyBytes: 4096 } });
    const big = { name: 'big.cfg', text: `${PEER_A.text}\n${'!'.repeat(8000)}` };
    const message = expectError(await app.inject(post({ inputs: [big, PEER_B_TS] })), 413, 'too_large');
    expect(message).toContain('4096 bytes');
    await app.close();
  });
});
