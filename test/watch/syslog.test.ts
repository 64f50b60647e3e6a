import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSyslog } from '../../src/watch/syslog/header.js';
import { MAX_FRAME_BYTES, SyslogFramer } from '../../src/watch/syslog/framing.js';
import { parseListen } from '../../src/watch/receive/listen.js';
import { octetFrame } from './support.js';

function frames(chunks: Buffer[]): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  const f = new SyslogFramer((frame, cut) => out.push([frame, cut]));
  for (const c of chunks) f.push(c);
  f.end();
  return out;
}

describe('syslog headers', () => {
  it.each([
    [
      'ASA with device-id hostname',
      '<166>Nov 23 08:41:10 asa-edge-1 : %ASA-5-713257: Phase 1 failure',
      { host: 'asa-edge-1', msg: '%ASA-5-713257: Phase 1 failure' },
    ],
    [
      'ASA timestamp with year, no host',
      '<163>Nov 23 2026 08:42:10: %ASA-3-713902: Group = 198.51.100.7, IP = 198.51.100.7, QM FSM error',
      { msg: '%ASA-3-713902: Group = 198.51.100.7, IP = 198.51.100.7, QM FSM error' },
    ],
    [
      'IOS: sequence number and its own timestamp, no host',
      '<188>311: *Nov 23 08:41:12.001 UTC: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed',
      { msg: '311: *Nov 23 08:41:12.001 UTC: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed' },
    ],
    [
      'relayed file line: relay host and program tag, the device line inside',
      '<133>Nov 24 10:00:01 relay-1 ipsec[42]: Nov 23 08:41:12 hq-rtr 311: %CRYPTO-4-PKT_REPLAY_ERR: x',
      { host: 'relay-1', app: 'ipsec', msg: 'Nov 23 08:41:12 hq-rtr 311: %CRYPTO-4-PKT_REPLAY_ERR: x' },
    ],
    [
      'RFC 3339 timestamp (rsyslog forward format)',
      '<13>2026-11-24T10:00:01.123456+00:00 relay-1 ipsec: %ASA-4-402101: decaps',
      { host: 'relay-1', app: 'ipsec', msg: '%ASA-4-402101: decaps' },
    ],
    [
      'RFC 5424 with structured data and BOM',
      '<165>1 2026-11-23T08:41:10.003Z hq-rtr.example.net ios 311 - [meta sequenceId="1"] \ufeff%CRYPTO-4-RECVD_PKT_INV_SPI: decaps',
      { host: 'hq-rtr.example.net', app: 'ios', msg: '%CRYPTO-4-RECVD_PKT_INV_SPI: decaps' },
    ],
    [
      'RFC 5424 without host',
      '<165>1 - - - - - - ISAKMP:(1002):SA has been authenticated',
      { msg: 'ISAKMP:(1002):SA has been authenticated' },
    ],
    [
      'an RFC 5424 host with control characters is no host',
      '<165>1 - hq\u001b[31m - - - - %ASA-4-402101: decaps',
      { msg: '1 - hq\u001b[31m - - - - %ASA-4-402101: decaps' },
    ],
    [
      'no header at all',
      'ISAKMP (0:1): atts are not acceptable.',
      { msg: 'ISAKMP (0:1): atts are not acceptable.' },
    ],
    [
      'a PRI out of range is no header',
      '<999>Nov 23 08:41:10 host x',
      { msg: '<999>Nov 23 08:41:10 host x' },
    ],
    [
      'a Cisco word after the host is the message, not a tag',
      '<191>Nov 23 10:00:00 hq-rtr ISAKMP:(1002):Old State = IKE_R_MM5  New State = IKE_P1_COMPLETE',
      { host: 'hq-rtr', msg: 'ISAKMP:(1002):Old State = IKE_R_MM5  New State = IKE_P1_COMPLETE' },
    ],
  ])('%s', (_, text, expected) => {
    expect(parseSyslog(text)).toEqual(expected);
  });

  it('never throws and keeps the message text, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const m = parseSyslog(s);
        expect(s.endsWith(m.msg) || s.includes(m.msg)).toBe(true);
      }),
    );
  });
});

describe('TCP framing (RFC 6587)', () => {
  const a = '<166>Nov 23 08:41:10 asa-edge-1 : %ASA-5-713257: Phase 1 failure';
  const b = '<188>311: *Nov 23 08:41:12.001 UTC: %CRYPTO-4-PKT_REPLAY_ERR: decrypt';

  it('reads newline and octet-counted frames, mixed on one connection', () => {
    const out = frames([Buffer.from(a + '\n'), octetFrame(b), Buffer.from(b + '\r\n'), octetFrame(a + '\n')]);
    expect(out.map(([f]) => f)).toEqual([a, b, b + '\r', a]);
  });

  it('a frame split at every byte boundary reads the same', () => {
    const stream = Buffer.concat([octetFrame(a), Buffer.from(b + '\n'), octetFrame('<13>x\ny')]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((x, y) => x - y);
        const chunks: Buffer[] = [];
        let at = 0;
        for (const p of [...points, stream.length]) {
          chunks.push(stream.subarray(at, p));
          at = p;
        }
        expect(frames(chunks).map(([f]) => f)).toEqual([a, b, '<13>x\ny']);
      }),
    );
  });

  it('a line starting with digits that are no octet count is a line (IOS without PRI)', () => {
    expect(frames([Buffer.from('311: *Nov 23 08:41:12.001 UTC: %CRYPTO-4-PKT_REPLAY_ERR\n')])).toEqual([
      ['311: *Nov 23 08:41:12.001 UTC: %CRYPTO-4-PKT_REPLAY_ERR', false],
    ]);
  });

  it('caps a 1 MB line and an oversized octet count, and reads on after them', () => {
    const huge = Buffer.alloc(1 << 20, 0x41);
    const out = frames([huge, Buffer.from('\n'), octetFrame('B'.repeat(1 << 20)), Buffer.from(a + '\n')]);
    expect(out).toHaveLength(3);
    expect(out[0]![0].length).toBe(MAX_FRAME_BYTES);
    expect(out[0]![1]).toBe(true);
    expect(out[1]![0].length).toBe(MAX_FRAME_BYTES);
    expect(out[1]![1]).toBe(true);
    expect(out[2]).toEqual([a, false]);
  });

  it('a half frame at the close is delivered, marked cut', () => {
    const whole = octetFrame(a);
    expect(frames([whole.subarray(0, 30)])).toEqual([[whole.subarray(3, 30).toString(), true]]);
    expect(frames([Buffer.from('no newline at the end')])).toEqual([['no newline at the end', false]]);
  });
});

describe('--listen addresses', () => {
  it.each([
    ['udp://0.0.0.0:5514', { transport: 'udp', host: '0.0.0.0', port: 5514 }],
    ['tcp://[::1]:6514', { transport: 'tcp', host: '::1', port: 6514 }],
    ['tcp://127.0.0.1:0', { transport: 'tcp', host: '127.0.0.1', port: 0 }],
  ])('%s', (text, expected) => expect(parseListen(text)).toEqual(expected));
  it.each(['http://x:1', 'udp://host', 'tcp://h:70000', 'udp://a b:1'])('rejects %s', (text) =>
    expect(parseListen(text)).toBeNull(),
  );
});
