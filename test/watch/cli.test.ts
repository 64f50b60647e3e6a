import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { FleetTunnel } from '../../src/model/fleet.js';
import { asSyslog, eventually, fixtureLines, octetFrame, sendTcp, startWatch } from './support.js';

const ASA = fixtureLines('core/asa-syslog-mixed/input.log').map((l) => asSyslog(l));
const REPLAY = fixtureLines('modern/ios15-replay-burst/input.log').map((l) => asSyslog(l, 188));

function storedLines(db: string): number {
  const d = new Database(db, { readonly: true });
  const n = (d.prepare('SELECT COUNT(*) AS n FROM lines').get() as { n: number }).n;
  d.close();
  return n;
}

describe('ipsec-doctor watch', () => {
  it('SIGTERM flushes: every line received is stored, the tunnel table is written, exit 0', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'watch-cli-')), 'fleet.sqlite');
    const w = await startWatch(['--db', db, '--format', 'json']);
    const udp = createSocket('udp4');
    for (const l of REPLAY) await new Promise<void>((r) => udp.send(l, w.udp, '127.0.0.1', () => r()));
    udp.close();
    await sendTcp(
      w.tcp,
      ASA.map((l) => octetFrame(l)),
    );
    await eventually(() => {
      expect(w.stdout()).toContain('REPLAY_CHECK_FAILED');
      expect(w.stdout()).toContain('PROXY_ID_MISMATCH');
    });
    const { code, stdout, stderr } = await w.stop();
    expect(code).toBe(0);
    expect(storedLines(db)).toBe(ASA.length + REPLAY.length);
    expect(stderr).toMatch(new RegExp(`stopped: ${ASA.length + REPLAY.length} messages`));
    const opened = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; finding?: { code: string } })
      .filter((c) => c.kind === 'opened')
      .map((c) => c.finding!.code)
      .sort();
    expect(opened).toEqual(
      [
        'IKE_POLICY_MISMATCH',
        'INVALID_SPI',
        'PROXY_ID_MISMATCH',
        'REPLAY_CHECK_FAILED',
        'TRANSFORM_SET_MISMATCH',
      ].sort(),
    );
    const d = new Database(db, { readonly: true });
    const rows = d.prepare('SELECT device, peer, phase2 FROM tunnels ORDER BY device, peer').all();
    d.close();
    expect(rows).toContainEqual({ device: '127.0.0.1', peer: '198.51.100.10', phase2: 'up' });
    expect(rows).toContainEqual({ device: 'hq-rtr', peer: '*', phase2: 'unknown' });
  });

  it('--http serves the live fleet on GET /api/fleet, filters included', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'watch-cli-')), 'fleet.sqlite');
    const w = await startWatch(['--db', db, '--http', '127.0.0.1:0']);
    try {
      await sendTcp(w.tcp, [Buffer.from(ASA.join('\n') + '\n')]);
      const get = async (q: string) =>
        ((await (await fetch(`${w.http}/api/fleet${q}`)).json()) as { tunnels: FleetTunnel[] }).tunnels;
      await eventually(async () => expect(await get('?code=PROXY_ID_MISMATCH')).toHaveLength(1));
      const all = await get('');
      expect(all.length).toBe(5);
      expect(all[0]!.findings.some((f) => f.open && f.severity === 'error')).toBe(true);
      expect((await get('?state=up')).map((t) => t.peer)).toEqual(['198.51.100.10']);
    } finally {
      expect((await w.stop()).code).toBe(0);
    }
  });

  it('a usage error is one line on stderr and exit 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('./support.js');
    const r = spawnSync(BIN, ['watch', '--listen', 'ftp://x:1'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--listen ftp://x:1');
  });
});
