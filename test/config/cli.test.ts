import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'bin/ipsec-doctor');
const FIX = join(ROOT, 'test/fixtures/config');
const run = (args: string[]) =>
  spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C', NO_COLOR: '1' } });
const A = join(FIX, 'pairs/ios-ios/peer-a.cfg');
const B = join(FIX, 'pairs/ios-ios/peer-b.cfg');

function brokenB(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-cli-'));
  const path = join(dir, 'peer-b.cfg');
  writeFileSync(path, readFileSync(B, 'utf8').replace('key 0 Mirr0r-Me', 'key 0 Elsewhere'));
  return path;
}

describe('lint, check and audit on the command line', () => {
  it('check of a healthy pair: exit 0, the predicted outcome in JSON', () => {
    const r = run(['check', '--format', 'json', A, B]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { findings: unknown[]; outcome: Record<string, unknown> };
    expect(j.outcome).toMatchObject({ established: true, states: { a: 'QM_IDLE', b: 'QM_IDLE' } });
  });

  it('check of a broken pair: exit 1, verdict first, neither key printed in any format', () => {
    const b = brokenB();
    for (const format of ['text', 'json', 'markdown', 'sarif']) {
      const r = run(['check', '--format', format, A, b]);
      expect(r.status, format).toBe(1);
      expect(r.stdout).not.toContain('Mirr0r-Me');
      expect(r.stdout).not.toContain('Elsewhere');
    }
    expect(run(['check', A, b]).stdout.split('\n')[0]).toContain('pre-shared keys differ');
  });

  it('SARIF has the rule and a result located at a config line', () => {
    const r = run(['check', '--format', 'sarif', A, brokenB()]);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver.rules.map((x) => x.id)).toContain('PSK_MISMATCH');
    const res = log.runs[0]!.results.find((x) => x.ruleId === 'PSK_MISMATCH')!;
    expect(res.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
  });

  it('audit finds the peering in a folder and reports it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-audit-'));
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'peer-a.cfg'), readFileSync(A));
    writeFileSync(join(dir, 'site', 'peer-b.cfg'), readFileSync(brokenB()));
    const r = run(['audit', '--format', 'json', dir]);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout) as {
      peerings: { a: string; b: string; established: boolean; codes: string[] }[];
    };
    expect(j.peerings).toEqual([
      { a: 'PeerA', b: 'PeerB', established: false, failedPhase: 'ike-phase1', codes: ['PSK_MISMATCH'] },
    ]);
  });

  it('the bundled example pair says what the README says: PFS required by the branch only', () => {
    const r = run([
      'check',
      '--format',
      'json',
      join(ROOT, 'examples/configs/hq-router.cfg'),
      join(ROOT, 'examples/configs/branch-asa.cfg'),
    ]);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout) as {
      findings: { code: string; severity: string }[];
      outcome: Record<string, unknown>;
    };
    expect(j.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['PFS_MISMATCH']);
    expect(j.outcome).toMatchObject({
      directions: { aInitiates: { established: false }, bInitiates: { established: true } },
    });
  });

  it('usage errors: exit 2 with one line and no stack trace', () => {
    for (const args of [
      ['check', A],
      ['check', A, '/no/such/file'],
      ['lint'],
      ['audit', '/no/such/dir'],
      ['lint', '--format', 'xml', A],
    ]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('lint in Japanese: Japanese text, the command stays as the device expects it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-ja-'));
    const cfg = join(dir, 'ezvpn.cfg');
    writeFileSync(cfg, readFileSync(join(FIX, 'seed/ezvpn-server.cfg'), 'utf8').replace(' acl 150\n', ''));
    const r = run(['lint', '--lang', 'ja', '--format', 'json', cfg]);
    const f = (
      JSON.parse(r.stdout) as { findings: { code: string; summary: string; remedy: string[] }[] }
    ).findings.find((x) => x.code === 'SPLIT_TUNNEL_MISSING')!;
    expect(f.summary).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(f.remedy.at(-1)).toBe('crypto isakmp client configuration group hw-client-groupname\n acl <acl>');
  });
});
