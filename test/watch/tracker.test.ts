import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER, type Change, Tracker } from '../../src/watch/track/tracker.js';
import { asSyslog, fixtureLines } from './support.js';

const T0 = Date.parse('2026-11-23T08:00:00Z');
const MINUTE = 60_000;

function tracker(lang: 'en' | 'fr' = 'en') {
  const clock = { now: T0 };
  const t = new Tracker({ ...DEFAULT_TRACKER, lang, now: () => clock.now });
  const changes: Change[] = [];
  t.onChange((c) => changes.push(c));
  return { t, clock, changes };
}

const row = (t: Tracker, device: string, peer: string) =>
  t.snapshot().find((x) => x.device === device && x.peer === peer);

/** IOS-XE debug over syslog (no host in the header: the device is the source address). */
const PSK_FAIL = [
  '<191>*Nov 23 11:10:00.100: ISAKMP (0): received packet from 198.51.100.70 dport 500 sport 500 Global (R) MM_KEY_EXCH',
  '<187>*Nov 23 11:10:00.101: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.70 failed its sanity check or is malformed',
];
const RECOVERED = [
  '<189>*Nov 23 11:20:00.011: ISAKMP:(1002):SA has been authenticated with 198.51.100.70',
  '<189>*Nov 23 11:20:00.020: ISAKMP:(1002):Old State = IKE_R_MM5  New State = IKE_P1_COMPLETE',
];

describe('the tracker', () => {
  it('keeps each peer of an ASA apart, with its state and open findings', () => {
    const { t } = tracker();
    for (const l of fixtureLines('core/asa-syslog-mixed/input.log')) t.receive('192.0.2.1', asSyslog(l));
    t.tick();
    expect(row(t, '192.0.2.1', '198.51.100.7')).toMatchObject({ phase1: 'QM_IDLE', phase2: 'down' });
    expect(row(t, '192.0.2.1', '198.51.100.7')!.findings.map((f) => f.code)).toEqual([
      'TRANSFORM_SET_MISMATCH',
    ]);
    expect(row(t, '192.0.2.1', '198.51.100.9')!.findings.map((f) => f.code)).toEqual(['PROXY_ID_MISMATCH']);
    expect(row(t, '192.0.2.1', '198.51.100.10')).toMatchObject({
      phase1: 'QM_IDLE',
      phase2: 'up',
      findings: [],
    });
    // The first line names its host: that is the device; it names no peer.
    expect(row(t, 'asa-edge-1', '*')!.findings[0]).toMatchObject({ code: 'IKE_POLICY_MISMATCH', open: true });
    expect(t.stats).toEqual({ messages: 7, lines: 7, recognised: 7 });
  });

  it('opens a finding, counts its repeats with first and last seen, closes it when the tunnel recovers', () => {
    const { t, clock, changes } = tracker();
    for (const l of PSK_FAIL) t.receive('10.9.9.9', l);
    t.tick();
    let f = row(t, '10.9.9.9', '198.51.100.70')!.findings[0]!;
    expect(f).toMatchObject({ code: 'PSK_MISMATCH', open: true, count: 1 });
    expect(f.evidence.map((e) => e.line)).toContain(2);
    clock.now += 5 * MINUTE;
    for (const l of PSK_FAIL) t.receive('10.9.9.9', l);
    t.tick();
    f = row(t, '10.9.9.9', '198.51.100.70')!.findings[0]!;
    expect(f.count).toBe(2);
    expect(Date.parse(f.lastSeen) - Date.parse(f.firstSeen)).toBe(5 * MINUTE);
    expect(row(t, '10.9.9.9', '198.51.100.70')!.phase1).toBe('MM_KEY_EXCH');
    clock.now += MINUTE;
    for (const l of RECOVERED) t.receive('10.9.9.9', l);
    t.tick();
    const tunnel = row(t, '10.9.9.9', '198.51.100.70')!;
    expect(tunnel.phase1).toBe('QM_IDLE');
    expect(tunnel.findings).toMatchObject([{ code: 'PSK_MISMATCH', open: false, count: 2 }]);
    expect(changes.filter((c) => c.kind !== 'state').map((c) => c.kind)).toEqual(['opened', 'closed']);
    // A new failure after the recovery opens it again.
    clock.now += MINUTE;
    for (const l of PSK_FAIL) t.receive('10.9.9.9', l);
    t.tick();
    expect(row(t, '10.9.9.9', '198.51.100.70')!.findings.filter((x) => x.open)).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'opened')).toHaveLength(2);
  });

  it('counts error messages per minute for the sparkline', () => {
    const { t, clock } = tracker();
    const replay = fixtureLines('modern/ios15-replay-burst/input.log');
    for (const l of replay.slice(0, 4)) t.receive('10.1.1.1', asSyslog(l, 188));
    clock.now += 2 * MINUTE;
    for (const l of replay.slice(4)) t.receive('10.1.1.1', asSyslog(l, 188));
    t.tick();
    const rate = row(t, 'hq-rtr', '*')!.errorRate;
    expect(rate).toHaveLength(60);
    expect(rate.slice(-3)).toEqual([4, 0, replay.length - 4]);
    expect(row(t, 'hq-rtr', '*')!.findings[0]).toMatchObject({
      code: 'REPLAY_CHECK_FAILED',
      count: replay.length,
    });
  });

  it('closes a data-plane finding that stopped recurring, and retires idle tunnels from memory', () => {
    const { t, clock, changes } = tracker();
    for (const l of fixtureLines('modern/ios15-replay-burst/input.log'))
      t.receive('10.1.1.1', asSyslog(l, 188));
    t.tick();
    t.drain();
    clock.now += DEFAULT_TRACKER.quietMs + MINUTE;
    t.tick();
    expect(row(t, 'hq-rtr', '*')!.findings[0]!.open).toBe(false);
    expect(changes.at(-1)).toMatchObject({ kind: 'closed', finding: { code: 'REPLAY_CHECK_FAILED' } });
    clock.now += DEFAULT_TRACKER.idleMs;
    t.tick();
    expect(t.snapshot()).toEqual([]);
    // The row as it was when it left memory is what the store keeps.
    expect(t.drain().tunnels.map((r) => r.device)).toEqual(['hq-rtr']);
  });

  it('takes back what the store kept of a tunnel it sees again', () => {
    const first = tracker();
    for (const l of PSK_FAIL) first.t.receive('10.9.9.9', l);
    first.t.tick();
    const stored = first.t.drain().tunnels.find((r) => r.peer === '198.51.100.70')!;
    const second = tracker();
    second.t.onNewTunnel((device, peer) => {
      if (device === stored.device && peer === stored.peer) second.t.adopt(stored);
    });
    second.clock.now += 10 * MINUTE;
    for (const l of PSK_FAIL) second.t.receive('10.9.9.9', l);
    second.t.tick();
    const f = row(second.t, '10.9.9.9', '198.51.100.70')!.findings[0]!;
    expect(f.count).toBe(2);
    expect(f.firstSeen).toBe(new Date(T0).toISOString());
  });

  it('numbers lines on after those already stored, per input', () => {
    const { t } = tracker();
    t.resumeLines(new Map([['hq-rtr', 41]]));
    t.receive('10.1.1.1', asSyslog(fixtureLines('modern/ios15-replay-burst/input.log')[0]!, 188));
    expect(t.drain().lines).toMatchObject([{ input: 'hq-rtr', line: 42, device: 'hq-rtr' }]);
  });

  it('filters by state, code and device; summaries in the chosen language', () => {
    const { t } = tracker('fr');
    for (const l of fixtureLines('core/asa-syslog-mixed/input.log')) t.receive('192.0.2.1', asSyslog(l));
    t.tick();
    expect(t.snapshot({ code: 'PROXY_ID_MISMATCH' }).map((x) => x.peer)).toEqual(['198.51.100.9']);
    expect(t.snapshot({ state: 'up' }).map((x) => x.peer)).toEqual(['198.51.100.10']);
    expect(t.snapshot({ device: 'ASA-EDGE-1' }).map((x) => x.peer)).toEqual(['*']);
    expect(
      t
        .snapshot({ code: 'MISMATCH', device: '192.0' })
        .map((x) => x.peer)
        .sort(),
    ).toEqual(['198.51.100.7', '198.51.100.9']);
    expect(t.snapshot({ state: 'DOWN' })).toHaveLength(3);
    const en = tracker('en').t;
    for (const l of fixtureLines('core/asa-syslog-mixed/input.log')) en.receive('192.0.2.1', asSyslog(l));
    en.tick();
    const summary = (x: Tracker) => x.snapshot({ code: 'PROXY_ID_MISMATCH' })[0]!.findings[0]!.summary;
    expect(summary(t)).toContain('198.51.100.9');
    expect(summary(t)).not.toBe(summary(en));
  });

  it('never shows a pre-shared key a line carried', () => {
    const { t } = tracker();
    t.receive('10.2.2.2', '<189>Nov 23 10:00:00 hq-rtr : crypto isakmp key s3cr3t-PSK address 198.51.100.2');
    expect(JSON.stringify(t.drain())).not.toContain('s3cr3t-PSK');
  });

  it("a device-wide row that turns out to be a named peer's goes, its findings counted under that peer", () => {
    const { t, clock } = tracker();
    const ios = (text: string) => t.receive('10.5.5.5', `<187>${text}`);
    ios(
      '*Nov 23 11:10:00.101: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.2 failed its sanity check or is malformed',
    );
    ios('*Nov 23 11:10:01.000: ISAKMP:(1009):SA has been authenticated with 198.51.100.1');
    t.tick();
    clock.now += 2 * MINUTE; // 198.51.100.1 settles and is evicted; 198.51.100.2 has an open finding
    t.tick();
    ios('*Nov 23 11:12:00.001: ISAKMP:(1004): retransmitting phase 1 MM_KEY_EXCH...');
    t.tick();
    expect(row(t, '10.5.5.5', '*')).toBeDefined();
    ios(
      '*Nov 23 11:12:00.101: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.2 failed its sanity check or is malformed',
    );
    t.tick();
    expect(row(t, '10.5.5.5', '*')).toBeUndefined();
    expect(t.drain().removed).toEqual([{ device: '10.5.5.5', peer: '*' }]);
    // Two bad messages and the retransmission in MM_KEY_EXCH the finding also cites.
    expect(row(t, '10.5.5.5', '198.51.100.2')!.findings[0]).toMatchObject({
      code: 'PSK_MISMATCH',
      count: 3,
      open: true,
    });
  });
});
