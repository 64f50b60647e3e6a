import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'bin/ipsec-doctor');
const env = { ...process.env, LANG: 'C', IPSEC_DOCTOR_TOKEN: '' };

/** Starts `serve` and resolves with the address it prints. */
function start(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(BIN, ['serve', '--port', '0', ...args], { env: { ...env, ...extraEnv } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /workbench: (\S+)/.exec(out);
      if (m) resolve({ child, url: new URL(m[1]!) });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

describe('ipsec-doctor serve', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGTERM')));

  it('refuses a non-loopback address without a token: exit 2, one line, no stack trace', () => {
    const r = spawnSync(BIN, ['serve', '--host', '0.0.0.0', '--port', '0'], { env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('token');
  });

  it('serves the page and the API on loopback, history in the --db file', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ipsec-doctor-serve-')), 'h.sqlite');
    const { child, url } = await start(['--db', db]);
    children.push(child);
    expect(url.hostname).toBe('127.0.0.1');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const res = await fetch(new URL('/api/diagnose', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'ISAKMP (0:1): phase 1 SA not acceptable!' }),
    });
    const report = (await res.json()) as { findings: { code: string }[]; historyId: number };
    expect(report.findings[0]!.code).toBe('IKE_POLICY_MISMATCH');
    expect(report.historyId).toBe(1);
  });

  it('with a token (from the environment) on any address, the printed address carries it', async () => {
    const { child, url } = await start(['--host', '0.0.0.0', '--no-history'], {
      IPSEC_DOCTOR_TOKEN: 'tok-123',
    });
    children.push(child);
    expect(url.searchParams.get('token')).toBe('tok-123');
    const api = new URL('/api/fleet', `http://127.0.0.1:${url.port}`);
    expect((await fetch(api)).status).toBe(401);
    const ok = await fetch(api, { headers: { authorization: 'Bearer tok-123' } });
    expect(((await ok.json()) as { error: { code: string } }).error.code).toBe('fleet_not_configured');
  });
});
