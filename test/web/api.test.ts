import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, checkBinding } from '../../src/server/index.js';
import { FIXTURES } from '../helpers.js';
import { fixedFleet } from './fleet-fixture.js';

const MM_FAIL = readFileSync(
  join(FIXTURES, 'seed/en/processing-of-main-mode-failed-with-peer/input.log'),
  'utf8',
).trimEnd();
const XSS = '<img src=x onerror=alert(1)>';
const PSK = 'crypto isakmp key Sup3rS3cret address 150.150.150.1';

const post = (url: string, payload: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url,
  payload: payload as InjectOptions['payload'],
  headers: { 'content-type': 'application/json', ...headers },
});

type ErrorBody = { error: { code: string; message: string } };

/** Every error answer is the JSON shape, with no stack trace or file path in it. */
function expectError(res: { statusCode: number; body: string }, status: number, code: string): ErrorBody {
  expect(res.statusCode).toBe(status);
  const body = JSON.parse(res.body) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(res.body).not.toMatch(/\bat .*\(|node_modules|\.ts:\d|\.js:\d/);
  return body;
}

describe('JSON API', () => {
  let app: FastifyInstance;
  beforeAll(() => {
    app = buildServer({ db: ':memory:', fleet: fixedFleet() });
  });
  afterAll(() => app.close());

  it('POST /api/diagnose answers the CLI contract object, and keeps it in the history', async () => {
    const res = await app.inject(
      post('/api/diagnose', { inputs: [{ name: 'hq.log', text: MM_FAIL }], lang: 'fr' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const r = res.json<{
      tool: string;
      findings: {
        code: string;
        peer?: string;
        evidence: { input: string; line: number }[];
        summary: string;
      }[];
      historyId: number;
    }>();
    expect(r.tool).toBe('ipsec-doctor');
    expect(r.findings[0]).toMatchObject({ code: 'IKE_POLICY_MISMATCH', peer: '150.150.150.1' });
    expect(r.findings[0]!.evidence[0]).toMatchObject({ input: 'hq.log', line: 1 });
    expect(r.findings[0]!.summary).toContain('La phase 1 échoue');
    expect(r.historyId).toBeGreaterThan(0);
  });

  it('{"text"} is one input; explain and annotate mirror their verbs', async () => {
    const explained = await app.inject(
      post('/api/explain', {
        text: '%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 150.150.150.1 failed its sanity check or is malformed',
      }),
    );
    expect(explained.json<{ recognised: boolean; findings: { code: string }[] }>()).toMatchObject({
      recognised: true,
      findings: [{ code: 'PSK_MISMATCH' }],
    });
    const annotated = await app.inject(post('/api/annotate', { text: `${MM_FAIL}\n${XSS}` }));
    const lines = annotated.json<{ lines: { input: string; line: number; text: string; gloss?: string }[] }>()
      .lines;
    expect(lines[0]).toMatchObject({ input: 'input', line: 1 });
    expect(lines[0]!.gloss).toBeTruthy();
    expect(lines.at(-1)).toEqual({ input: 'input', line: 6, text: XSS });
  });

  it('a hostile line comes back as JSON data, never as markup the browser would sniff', async () => {
    const res = await app.inject(post('/api/annotate', { text: XSS }));
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.json<{ lines: { text: string }[] }>().lines[0]!.text).toBe(XSS);
  });

  it('check takes exactly two inputs, A then B', async () => {
    expectError(await app.inject(post('/api/check', { text: 'hostname a' })), 400, 'bad_request');
    const res = await app.inject(
      post('/api/check', {
        inputs: [
          { name: 'a.cfg', text: 'hostname a' },
          { name: 'b.cfg', text: 'hostname b' },
        ],
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json<{ outcome: { states: object } }>().outcome.states).toBeDefined();
  });

  it('malformed requests: JSON errors with a 4xx status and no stack trace', async () => {
    expectError(
      await app.inject({ ...post('/api/diagnose', '{"text": '), payload: '{"text": ' }),
      400,
      'bad_request',
    );
    expectError(await app.inject(post('/api/diagnose', { text: 'x', lang: 'xx' })), 400, 'bad_request');
    expectError(await app.inject(post('/api/diagnose', { text: 'x', inputs: [] })), 400, 'bad_request');
    expectError(await app.inject(post('/api/diagnose', {})), 400, 'bad_request');
    expectError(
      await app.inject(
        post('/api/diagnose', {
          inputs: [
            { name: 'a', text: '' },
            { name: 'a', text: '' },
          ],
        }),
      ),
      400,
      'bad_request',
    );
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/diagnose',
        payload: 'text',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'unsupported_media_type',
    );
    expectError(await app.inject({ method: 'GET', url: '/api/nothing-here' }), 404, 'not_found');
  });

  it('binary and control characters in the input are analysed, not fatal', async () => {
    const junk =
      Array.from({ length: 2000 }, (_, i) => String.fromCharCode(i % 256)).join('') + '\u001b[31m\u0000';
    const res = await app.inject(post('/api/diagnose', { text: `${junk}\n${MM_FAIL}` }));
    expect(res.statusCode).toBe(200);
    expect(res.json<{ findings: { code: string }[] }>().findings[0]!.code).toBe('IKE_POLICY_MISMATCH');
  });

  it('history: inputs are stored with pre-shared keys masked; search by peer and code; delete', async () => {
    const saved = (
      await app.inject(post('/api/diagnose', { inputs: [{ name: 'psk.log', text: `${PSK}\n${MM_FAIL}` }] }))
    ).json<{ historyId: number }>().historyId;
    const entry = await app.inject({ method: 'GET', url: `/api/history/${saved}` });
    expect(entry.body).not.toContain('Sup3rS3cret');
    expect(entry.json<{ inputs: { text: string }[] }>().inputs[0]!.text).toContain(
      'crypto isakmp key ***** address',
    );

    const list = async (q: string) =>
      (await app.inject({ method: 'GET', url: `/api/history?${q}` }))
        .json<{ entries: { id: number }[] }>()
        .entries.map((e) => e.id);
    expect(await list('peer=150.150')).toContain(saved);
    expect(await list('code=ike_policy')).toContain(saved);
    expect(await list('code=PSK_MISSING')).not.toContain(saved);
    expect(await list('peer=%25')).toEqual([]);

    expect((await app.inject({ method: 'DELETE', url: `/api/history/${saved}` })).statusCode).toBe(200);
    expectError(await app.inject({ method: 'GET', url: `/api/history/${saved}` }), 404, 'not_found');
    expectError(await app.inject({ method: 'DELETE', url: '/api/history/abc' }), 400, 'bad_request');
  });

  it('"save": false keeps an analysis out of the history', async () => {
    const res = await app.inject(post('/api/diagnose', { text: MM_FAIL, save: false }));
    expect(res.json<{ historyId?: number }>().historyId).toBeUndefined();
  });

  it('GET /api/fleet passes the filters to the fleet source', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/fleet?state=down&device=' });
    expect(res.statusCode).toBe(200);
    const tunnels = res.json<{ tunnels: { peer: string }[] }>().tunnels;
    expect(tunnels.map((t) => t.peer)).toEqual(['198.51.100.7']);
  });

  it('security headers: a strict CSP on every answer, the page included', async () => {
    for (const url of ['/', '/api/history']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('the built page has no inline script and loads nothing from another origin', async () => {
    const html = (await app.inject({ method: 'GET', url: '/' })).body;
    expect(html).toContain('<div id="app">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('a page request naming another host is refused (DNS rebinding)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/history',
      headers: { host: 'attacker.example:8470' },
    });
    expectError(res, 403, 'forbidden_host');
    expect(
      (await app.inject({ method: 'GET', url: '/api/history', headers: { host: '[::1]:8470' } })).statusCode,
    ).toBe(200);
  });
});

describe('limits', () => {
  it('413 names the limit', async () => {
    const app = buildServer({ limits: { bodyBytes: 4096 } });
    const body = expectError(
      await app.inject(post('/api/diagnose', { text: 'x'.repeat(10_000) })),
      413,
      'too_large',
    );
    expect(body.error.message).toContain('4096 bytes');
    await app.close();
  });

  it('an analysis over the time limit is stopped: 503 timeout', async () => {
    const app = buildServer({ limits: { timeMs: 1, workers: 1 } });
    const big = `${MM_FAIL}\n`.repeat(20_000);
    expectError(await app.inject(post('/api/diagnose', { text: big })), 503, 'timeout');
    await app.close();
  });

  it('an analysis that runs out of memory fails alone: 503, and the next one is answered', async () => {
    // A worker holds ~11 MB once the analysers are loaded: 16 MB leaves a small analysis room, the
    // huge one none (8 MB failed the small one now and then, depending on when V8 collected).
    const app = buildServer({ limits: { workers: 1, workerMemoryMb: 16 } });
    const huge = `${MM_FAIL}\n`.repeat(40_000);
    expectError(await app.inject(post('/api/annotate', { text: huge })), 503, 'resources_exhausted');
    expect((await app.inject(post('/api/diagnose', { text: MM_FAIL }))).statusCode).toBe(200);
    await app.close();
  });

  it('too many inputs in one request: 400', async () => {
    const app = buildServer({ limits: { inputs: 2 } });
    const inputs = ['a', 'b', 'c'].map((name) => ({ name, text: '' }));
    expectError(await app.inject(post('/api/diagnose', { inputs })), 400, 'bad_request');
    await app.close();
  });
});

describe('token', () => {
  let app: FastifyInstance;
  beforeAll(() => {
    app = buildServer({ token: 'c0rrect-h0rse' });
  });
  afterAll(() => app.close());

  it('every API call needs the bearer token', async () => {
    const missing = await app.inject(post('/api/diagnose', { text: MM_FAIL }));
    expectError(missing, 401, 'unauthorized');
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expectError(
      await app.inject(post('/api/diagnose', { text: MM_FAIL }, { authorization: 'Bearer wrong' })),
      401,
      'unauthorized',
    );
    expectError(await app.inject({ method: 'GET', url: '/api/fleet' }), 401, 'unauthorized');
    expectError(
      await app.inject(post('/api/diagnose', { text: MM_FAIL }, { authorization: 'Basic c0rrect-h0rse' })),
      401,
      'unauthorized',
    );
  });

  it('the right token opens the API; the page itself carries no data and loads without it', async () => {
    const token = buildServer({ token: 'c0rrect-h0rse', db: ':memory:' });
    const ok = await token.inject(
      post('/api/diagnose', { text: MM_FAIL }, { authorization: 'Bearer c0rrect-h0rse' }),
    );
    expect(ok.statusCode).toBe(200);
    // With a token, any Host may be used (a server on a LAN address).
    const lan = await token.inject({
      method: 'GET',
      url: '/api/history',
      headers: { authorization: 'Bearer c0rrect-h0rse', host: '10.0.0.5:8470' },
    });
    expect(lan.statusCode).toBe(200);
    expect(
      (await token.inject({ method: 'GET', url: '/', headers: { host: '10.0.0.5:8470' } })).statusCode,
    ).toBe(200);
    await token.close();
  });

  it('listening beyond loopback requires a token', () => {
    expect(() => checkBinding('0.0.0.0', undefined)).toThrow(/token/);
    expect(() => checkBinding('192.168.1.10', '')).toThrow(/token/);
    expect(() => checkBinding('0.0.0.0', 't')).not.toThrow();
    for (const host of ['127.0.0.1', '::1', 'localhost', '127.1.2.3'])
      expect(() => checkBinding(host, undefined)).not.toThrow();
  });
});

describe('without a history or a fleet', () => {
  it('say so with their own error codes', async () => {
    const app = buildServer({});
    expectError(await app.inject({ method: 'GET', url: '/api/history' }), 404, 'history_disabled');
    const fleet = expectError(
      await app.inject({ method: 'GET', url: '/api/fleet' }),
      404,
      'fleet_not_configured',
    );
    expect(fleet.error.message).toContain('watch --http');
    const r = await app.inject(post('/api/diagnose', { text: MM_FAIL }));
    expect(r.json<{ historyId?: number }>().historyId).toBeUndefined();
    await app.close();
  });
});
