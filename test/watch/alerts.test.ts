import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandChannel, webhookChannel } from '../../src/watch/alert/channels.js';
import { AlertQueue, DEFAULT_POLICY } from '../../src/watch/alert/queue.js';
import { Monitor } from '../../src/watch/monitor.js';
import { asSyslog, eventually, fixtureLines, sendTcp } from './support.js';

const FAST = { ...DEFAULT_POLICY, baseDelayMs: 1, maxDelayMs: 4 };

describe('alert delivery', () => {
  it('retries a failing channel with back-off until it delivers', async () => {
    const tries: string[] = [];
    const q = new AlertQueue(async (p) => {
      tries.push(p);
      if (tries.length < 3) throw new Error('unreachable');
    }, FAST);
    q.push('{"n":1}');
    await q.drained();
    expect(tries).toEqual(['{"n":1}', '{"n":1}', '{"n":1}']);
    expect(q.stats).toEqual({ sent: 1, failed: 0, dropped: 0 });
  });

  it('gives an alert up after its attempts and goes on with the next', async () => {
    const sent: string[] = [];
    const q = new AlertQueue(
      async (p) => {
        if (p === 'dead') throw new Error('500');
        sent.push(p);
      },
      { ...FAST, attempts: 4 },
    );
    q.push('dead');
    q.push('alive');
    await q.drained();
    expect(sent).toEqual(['alive']);
    expect(q.stats).toEqual({ sent: 1, failed: 1, dropped: 0 });
  });

  it('holds alerts beyond the rate for the next minute, and drops the oldest beyond its capacity', async () => {
    const sent: string[] = [];
    const q = new AlertQueue(async (p) => void sent.push(p), { ...FAST, perMinute: 2, capacity: 3 });
    for (const p of ['a', 'b', 'c', 'd', 'e', 'f']) q.push(p);
    // a is on its way at once; b and c go when e and f come; d is next, then the minute is used up.
    await eventually(() => expect(sent).toEqual(['a', 'd']));
    expect(q.stats.dropped).toBe(2);
    q.stop();
    await q.drained();
    expect(sent).toEqual(['a', 'd']);
    expect(q.stats.dropped).toBe(4);
  });

  it('--on-finding runs the command with the alert as JSON on stdin; a non-zero exit is a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-alert-'));
    const out = join(dir, 'alert.json');
    await commandChannel(`cat > '${out}'`)('{"code":"PSK_MISMATCH"}');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ code: 'PSK_MISMATCH' });
    await expect(commandChannel('exit 3')('{}')).rejects.toThrow('exit 3');
  });

  it('--webhook POSTs JSON; a 5xx is retried', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        bodies.push(`${req.method} ${req.headers['content-type']} ${body}`);
        res.statusCode = bodies.length === 1 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const q = new AlertQueue(webhookChannel(`http://127.0.0.1:${port}/hook`), FAST);
      q.push('{"code":"INVALID_SPI"}');
      await q.drained();
      expect(bodies).toEqual([
        'POST application/json {"code":"INVALID_SPI"}',
        'POST application/json {"code":"INVALID_SPI"}',
      ]);
      expect(q.stats.sent).toBe(1);
    } finally {
      server.close();
    }
  });

  it('a finding that opens in the monitor reaches --on-finding, once per finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-alert-'));
    const monitor = await Monitor.start({
      lang: 'en',
      listen: [{ transport: 'tcp', host: '127.0.0.1', port: 0 }],
      follow: [],
      fromStart: false,
      db: join(dir, 'fleet.sqlite'),
      retainMs: 86_400_000,
      onFinding: `cat > '${dir}'/alert-$$.json`,
    });
    try {
      const port = Number(/:(\d+)$/.exec(monitor.receivers[0]!.url)![1]);
      const lines = fixtureLines('modern/ios15-replay-burst/input.log').map((l) => asSyslog(l, 188));
      await sendTcp(port, [Buffer.from(lines.join('\n') + '\n')]);
      await eventually(() => expect(monitor.alertStats().sent).toBe(1));
    } finally {
      await monitor.stop();
    }
    const files = readdirSync(dir).filter((f) => f.startsWith('alert-'));
    expect(files).toHaveLength(1);
    const alert = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as Record<string, unknown>;
    expect(alert).toMatchObject({
      tool: 'ipsec-doctor',
      event: 'finding-opened',
      tunnel: { device: 'hq-rtr', peer: '*' },
      finding: { code: 'REPLAY_CHECK_FAILED', severity: 'warning', open: true },
    });
    expect(existsSync(join(dir, 'fleet.sqlite'))).toBe(true);
  });
});
