import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { type Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Monitor } from '../../src/watch/monitor.js';
import { DEFAULT_TRACKER, Tracker } from '../../src/watch/track/tracker.js';
import { asSyslog, eventually, fixtureLines, octetFrame, sendTcp } from './support.js';

const GOOD = fixtureLines('core/asa-syslog-mixed/input.log').map((l) => asSyslog(l));

describe('hostile syslog never stops the receivers or the other clients', () => {
  let monitor: Monitor;
  let tcp: number;
  let udp: number;
  const open: Socket[] = [];

  beforeAll(async () => {
    monitor = await Monitor.start({
      lang: 'en',
      listen: [
        { transport: 'tcp', host: '127.0.0.1', port: 0 },
        { transport: 'udp', host: '127.0.0.1', port: 0 },
      ],
      follow: [],
      fromStart: false,
      db: join(mkdtempSync(join(tmpdir(), 'watch-hostile-')), 'fleet.sqlite'),
      retainMs: 86_400_000,
    });
    tcp = Number(/:(\d+)$/.exec(monitor.receivers[0]!.url)![1]);
    udp = Number(/:(\d+)$/.exec(monitor.receivers[1]!.url)![1]);
  });
  afterAll(async () => {
    for (const s of open) s.destroy();
    await monitor?.stop();
  });

  it('a client that connects and stalls mid-frame holds up no one', async () => {
    const stalled = connect(tcp, '127.0.0.1');
    open.push(stalled);
    await new Promise((r) => stalled.once('connect', r));
    stalled.write('5000 <13>Nov 23 10:00:00 stall-rtr : %ASA-4-402101: decaps: recd IPSEC packet');
    const silent = connect(tcp, '127.0.0.1'); // connects and never sends a byte
    open.push(silent);
    await sendTcp(
      tcp,
      GOOD.map((l) => octetFrame(l)),
    );
    await eventually(() => expect(monitor.tracker.snapshot({ code: 'PROXY_ID_MISMATCH' })).toHaveLength(1));
  });

  it('binary, header-less, 1 MB and half-framed input is read past, and the next client is served', async () => {
    const before = monitor.tracker.stats.messages;
    await sendTcp(tcp, [
      randomBytes(64 * 1024),
      Buffer.from('\n\u0000\u0001\u00ff\u00fe garbage \u001b[31m red\n'),
      Buffer.from('ISAKMP (0:1): atts are not acceptable. Next payload is 0\n'),
      Buffer.alloc(1 << 20, 0x41),
      Buffer.from('\n99999999 <13>too long a count\n'),
      Buffer.from('300 <13>half a frame, then the client leaves'),
    ]);
    const udpClient = createSocket('udp4');
    await new Promise<void>((resolve) =>
      udpClient.send(randomBytes(1500), udp, '127.0.0.1', () => resolve()),
    );
    await new Promise<void>((resolve) => udpClient.send(Buffer.alloc(0), udp, '127.0.0.1', () => resolve()));
    await new Promise<void>((resolve) =>
      udpClient.send(Buffer.alloc(60_000, 0x42), udp, '127.0.0.1', () => resolve()),
    );
    const replay = fixtureLines('modern/ios15-replay-burst/input.log')[0]!;
    await new Promise<void>((resolve) =>
      udpClient.send(asSyslog(replay, 188), udp, '127.0.0.1', () => resolve()),
    );
    udpClient.close();
    await sendTcp(tcp, [Buffer.from(GOOD[3]! + '\n')]);
    await eventually(() => {
      expect(monitor.tracker.snapshot({ device: 'hq-rtr' })).toHaveLength(1);
      expect(monitor.tracker.stats.messages).toBeGreaterThan(before + 6);
    });
    // Everything that arrived was stored as printable, capped text.
    await monitor.flush();
    const stored = await monitor.store.lines('127.0.0.1', 0, 1e9);
    expect(stored.length).toBeGreaterThan(5);
    for (const l of stored) {
      expect(l.text.length).toBeLessThanOrEqual(16 * 1024);
      expect(l.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
  });

  it('a new connection after all that is still read', async () => {
    await sendTcp(tcp, [
      Buffer.from(
        '<166>Nov 23 08:45:10 late-asa : %ASA-5-713119: Group = 198.51.100.44, IP = 198.51.100.44, PHASE 1 COMPLETED\n',
      ),
    ]);
    await eventually(() =>
      expect(monitor.tracker.snapshot({ device: 'late-asa' })[0]).toMatchObject({
        peer: '198.51.100.44',
        phase1: 'QM_IDLE',
      }),
    );
  });
});

describe('the tracker on arbitrary input', () => {
  it('never throws, whatever the text, and stores it printable', () => {
    const t = new Tracker({ ...DEFAULT_TRACKER, lang: 'en' });
    const pieces = [
      ...GOOD,
      '<13>',
      '\u0000',
      '%ASA-4-402101:',
      'ISAKMP (0:1):',
      '=R1=',
      'r1#show crypto isakmp sa',
      '\n',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...pieces)), { maxLength: 20 }),
        (parts) => {
          const before = t.stats.lines;
          t.receive('192.0.2.66', parts.join(' '));
          t.tick();
          expect(t.stats.lines).toBeGreaterThan(before);
          for (const l of t.drain().lines) expect(l.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
