import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin/ipsec-doctor');
const run = (args: string[], input?: string) =>
  spawnSync(BIN, args, { input, encoding: 'utf8', env: { ...process.env, LANG: 'C', NO_COLOR: '1' } });

const MM_FAIL = [
  '1d00h: ISAKMP (0:1): atts are not acceptable. Next payload is 0',
  '1d00h: ISAKMP (0:1); no offers accepted!',
  '1d00h: %CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with',
  'peer at 150.150.150.1',
].join('\n');

describe('the command line contract (shared/spec/cli.md)', () => {
  it('diagnose from stdin: verdict first, exit 1 on an error finding', () => {
    const r = run(['diagnose'], MM_FAIL);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toContain('150.150.150.1');
    expect(r.stdout).toContain('IKE_POLICY_MISMATCH');
  });
  it('JSON output has the contract shape', () => {
    const r = run(['diagnose', '--format', 'json', '-'], MM_FAIL);
    const j = JSON.parse(r.stdout) as {
      tool: string;
      version: string;
      findings: Array<Record<string, unknown>>;
    };
    expect(j.tool).toBe('ipsec-doctor');
    expect(j.version).toMatch(/^\d+\.\d+\.\d+/);
    const f = j.findings[0]!;
    expect(f).toMatchObject({
      code: 'IKE_POLICY_MISMATCH',
      severity: 'error',
      source: 'debug',
      phase: 'ike-phase1',
      peer: '150.150.150.1',
    });
    expect((f['evidence'] as Array<{ line: number }>)[0]!.line).toBe(1);
  });
  it('speaks the language asked for, or the locale', () => {
    expect(run(['diagnose', '--lang', 'ja'], MM_FAIL).stdout).toContain('フェーズ 1');
    const fr = spawnSync(BIN, ['diagnose'], {
      input: MM_FAIL,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'fr_FR.UTF-8', NO_COLOR: '1' },
    });
    expect(fr.stdout).toContain('La phase 1 échoue');
  });
  it('exit 0 when healthy, in Japanese on request', () => {
    const r = run(['diagnose', '--lang', 'ja'], 'ISAKMP (0:1): SA has been authenticated with 10.1.1.2\n');
    expect(r.status).toBe(0);
  });
  it('exit 2 with one line and no stack trace on a missing file or a bad flag', () => {
    const r = run(['diagnose', '/nonexistent/file.log']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(run(['diagnose', '--format', 'xml']).status).toBe(2);
    expect(run(['frobnicate']).status).toBe(2);
  });
  it('explain decodes one message', () => {
    const r = run(['explain', 'IPSEC(validate_proposal): invalid local address 12.2.6.2']);
    expect(r.stdout).toContain('INVALID_LOCAL_ADDRESS');
    expect(r.status).toBe(1);
  });
  it('annotate glosses recognised lines, passes others through, never prints a key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-'));
    const f = join(dir, 'a.log');
    writeFileSync(f, `hello world\ncrypto isakmp key SuperSecret1 address 150.150.150.1\n${MM_FAIL}\n`);
    const r = run(['annotate', f]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('hello world');
    expect(r.stdout).not.toContain('SuperSecret1');
    expect(lines[2]).toContain('#');
  });
});
