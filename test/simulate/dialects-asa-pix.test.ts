/**
 * The PIX 6 and ASA dialect writers on traces built by hand, scenario by scenario as the machines
 * emit them: `diagnose` on both sides' transcripts must name exactly the scenario's code, and the
 * lines an engineer looks for must be there.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, explain } from '../../src/index.js';
import { asaWriter } from '../../src/simulate/dialects/asa.js';
import type { DialectWriter, SpeakerContext } from '../../src/simulate/dialects/dialect.js';
import { ios12Writer, ios15Writer } from '../../src/simulate/dialects/ios.js';
import { pixWriter } from '../../src/simulate/dialects/pix.js';
import { RETRANSMIT, family, initialState, stateAfter } from '../../src/simulate/machine/states.js';
import { ikeTransform, ipsecTransform } from '../../src/simulate/numbers.js';
import type {
  Dialect,
  IdPayload,
  IkeMessage,
  IpsecSa,
  Payload,
  PolicyAttributes,
  QuickModeRefusal,
  Side,
  Step,
  Trace,
} from '../../src/simulate/trace.js';

const WRITERS: Record<Dialect, DialectWriter> = {
  asa: asaWriter,
  pix: pixWriter,
  ios12: ios12Writer,
  ios15: ios15Writer,
};

/** Side a (the initiator) and side b (the responder). */
const ADDRESS: Record<Side, string> = { a: '198.51.100.1', b: '203.0.113.2' };
const START = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));

const POLICY: PolicyAttributes = {
  encryption: 'aes-256',
  hash: 'sha',
  authentication: 'pre-share',
  group: 14,
  lifetime: 86400,
};
const OTHER_POLICY: PolicyAttributes = { ...POLICY, encryption: '3des', group: 2 };

const subnet = (address: string): IdPayload => ({
  type: 'ID',
  idType: 4,
  protocol: 0,
  port: 0,
  address,
  second: '255.255.255.0',
});
/** Quick-mode proxies from the initiator's view: its own network first. */
const A_NET = subnet('10.1.1.0');
const B_NET = subnet('10.2.2.0');
const TRANSFORMS = ['esp-aes-256', 'esp-sha-hmac'];
const SPI = { a: 0x1a2b3c4d, b: 0x5e6f7a8b };
const QM_ID = 0x2d3e4f50;

const REFUSALS: Record<QuickModeRefusal['reason'], QuickModeRefusal> = {
  proxy: { reason: 'proxy', proxies: { local: B_NET, remote: subnet('10.9.9.0') } },
  'peer-not-found': { reason: 'peer-not-found', peer: ADDRESS.a },
  'invalid-local-address': { reason: 'invalid-local-address', address: ADDRESS.b },
  transform: {
    reason: 'transform',
    offered: { prot: 3, trans: 12, hmac: 2, name: 'esp-aes-256 esp-sha-hmac' },
  },
  pfs: { reason: 'pfs', requiredGroup: 14 },
};

type Scenario =
  | 'success'
  | 'no-keys-initiator'
  | 'no-keys-responder'
  | 'not-responding'
  | 'policy-refused'
  | 'key-mismatch'
  | QuickModeRefusal['reason'];

const PAYLOADS: Partial<Record<Step, Payload[]>> = {
  MM1: [
    {
      type: 'SA',
      proposals: [
        { number: 1, protocol: 1, transforms: [ikeTransform(1, OTHER_POLICY), ikeTransform(2, POLICY)] },
      ],
    },
    { type: 'VID', hex: 'afcad71368a1f1c96b8696fc77570100' },
  ],
  MM2: [{ type: 'SA', proposals: [{ number: 1, protocol: 1, transforms: [ikeTransform(2, POLICY)] }] }],
  MM3: [
    { type: 'KE', group: 14, bytes: 256 },
    { type: 'NONCE', bytes: 20 },
  ],
  MM4: [
    { type: 'KE', group: 14, bytes: 256 },
    { type: 'NONCE', bytes: 20 },
  ],
  MM5: [
    { type: 'ID', idType: 1, protocol: 17, port: 500, address: ADDRESS.a },
    { type: 'HASH', bytes: 20 },
  ],
  MM6: [
    { type: 'ID', idType: 1, protocol: 17, port: 500, address: ADDRESS.b },
    { type: 'HASH', bytes: 20 },
  ],
  QM1: [
    { type: 'HASH', bytes: 20 },
    {
      type: 'SA',
      proposals: [
        {
          number: 1,
          protocol: 3,
          spi: SPI.a,
          transforms: [ipsecTransform(1, TRANSFORMS, 'tunnel', 3600, undefined)],
        },
      ],
    },
    { type: 'NONCE', bytes: 20 },
    A_NET,
    B_NET,
  ],
  QM2: [
    { type: 'HASH', bytes: 20 },
    {
      type: 'SA',
      proposals: [
        {
          number: 1,
          protocol: 3,
          spi: SPI.b,
          transforms: [ipsecTransform(1, TRANSFORMS, 'tunnel', 3600, undefined)],
        },
      ],
    },
    { type: 'NONCE', bytes: 20 },
    A_NET,
    B_NET,
  ],
  QM3: [{ type: 'HASH', bytes: 20 }],
};

/**
 * The traces of one scenario, in the order the machines emit them (src/simulate/machine/run.ts):
 * a initiates towards b; each side's ISAKMP state is kept in its own dialect.
 */
function play(scenario: Scenario, dialects: Record<Side, Dialect>): Trace[] {
  const traces: Trace[] = [];
  let now = 0;
  const role = { a: 'initiator', b: 'responder' } as const;
  const state: Record<Side, string> = {
    a: initialState(dialects.a, false),
    b: initialState(dialects.b, false),
  };
  const other = (s: Side): Side => (s === 'a' ? 'b' : 'a');
  const log = (side: Side, t: DistributiveOmit<Trace, 'at' | 'side'>) =>
    traces.push({ ...t, at: now, side } as Trace);
  const message = (from: Side, step: Step, extra: Partial<IkeMessage> = {}): IkeMessage => ({
    seq: traces.length,
    at: now,
    from,
    to: other(from),
    src: ADDRESS[from],
    dst: ADDRESS[other(from)],
    step,
    exchange: step.startsWith('QM') ? 32 : step === 'INFO' ? 5 : 2,
    initiatorCookie: '1a2b3c4d5e6f7081',
    responderCookie: step === 'MM1' ? '0000000000000000' : '92a3b4c5d6e7f809',
    messageId: step.startsWith('QM') ? QM_ID : 0,
    encrypted: ['MM5', 'MM6', 'QM1', 'QM2', 'QM3'].includes(step),
    payloads: PAYLOADS[step] ?? [],
    delivered: true,
    ...extra,
  });
  /** One message from `from`, sent, then (unless lost) received 3 ms later. */
  const exchange = (from: Side, step: Step, extra: Partial<IkeMessage> = {}): IkeMessage => {
    const m = message(from, step, extra);
    if (step !== 'INFO') state[from] = stateAfter(dialects[from], role[from], step, state[from]);
    log(from, { kind: 'send', message: m, state: state[from] });
    if (!m.delivered) return m;
    now += 3;
    log(other(from), { kind: 'receive', message: { ...m, at: now }, state: state[other(from)] });
    if (step !== 'INFO')
      state[other(from)] = stateAfter(dialects[other(from)], role[other(from)], step, state[other(from)]);
    now += 2;
    return m;
  };
  const retransmissions = RETRANSMIT[family(dialects.a)];
  const refuse = (phase: 1 | 2) => {
    const notify: Payload = { type: 'NOTIFY', protocol: phase === 1 ? 1 : 3, notify: 14 };
    exchange('b', 'INFO', {
      messageId: phase === 1 ? 0 : 0x11223344,
      encrypted: phase === 2,
      payloads: phase === 1 ? [notify] : [{ type: 'HASH', bytes: 20 }, notify],
    });
    log('a', { kind: 'notify-received', peer: ADDRESS.b, notify: 14 });
    if (phase === 2) log('a', { kind: 'give-up', phase: 2, peer: ADDRESS.b, state: state.a });
  };

  log('a', { kind: 'begin', mode: 'main', peer: ADDRESS.b, local: ADDRESS.a });
  if (scenario === 'no-keys-initiator') {
    log('a', { kind: 'no-keys', peer: ADDRESS.b });
    return traces;
  }
  log('a', { kind: 'psk-found', peer: ADDRESS.b });
  const mm1 = exchange('a', 'MM1', { delivered: scenario !== 'not-responding' });
  if (scenario === 'not-responding') {
    for (let count = 1; count <= retransmissions.count; count++) {
      now += retransmissions.intervalMs;
      log('a', {
        kind: 'retransmit',
        message: { ...mm1, at: now, retransmission: count },
        state: state.a,
        count,
      });
    }
    now += retransmissions.intervalMs;
    log('a', { kind: 'give-up', phase: 1, peer: ADDRESS.b, state: state.a });
    return traces;
  }
  if (scenario !== 'no-keys-responder') log('b', { kind: 'psk-found', peer: ADDRESS.a });
  const refused = scenario === 'policy-refused';
  log('b', {
    kind: 'policy-check',
    transform: 1,
    priority: 10,
    offer: OTHER_POLICY,
    local: POLICY,
    mismatched: ['encryption', 'group'],
  });
  log('b', {
    kind: 'policy-check',
    transform: 2,
    priority: 10,
    offer: POLICY,
    local: refused ? { ...POLICY, hash: 'md5' } : POLICY,
    mismatched: refused ? ['hash'] : [],
  });
  if (refused) {
    log('b', { kind: 'policy-refused', peer: ADDRESS.a });
    refuse(1);
    return traces;
  }
  log('b', { kind: 'policy-accepted', priority: 10 });
  exchange('b', 'MM2');
  exchange('a', 'MM3');
  if (scenario === 'no-keys-responder') {
    log('b', { kind: 'no-keys', peer: ADDRESS.a });
    refuse(1);
    return traces;
  }
  exchange('b', 'MM4');
  const mm5 = exchange('a', 'MM5');
  if (scenario === 'key-mismatch') {
    log('b', { kind: 'bad-message', peer: ADDRESS.a, step: 'MM5' });
    for (let count = 1; count <= retransmissions.count; count++) {
      now += retransmissions.intervalMs;
      const again = { ...mm5, at: now, retransmission: count };
      log('a', { kind: 'retransmit', message: again, state: state.a, count });
      now += 3;
      log('b', { kind: 'receive', message: again, state: state.b });
      log('b', { kind: 'bad-message', peer: ADDRESS.a, step: 'MM5' });
    }
    now += retransmissions.intervalMs;
    log('a', { kind: 'give-up', phase: 1, peer: ADDRESS.b, state: state.a });
    log('b', { kind: 'give-up', phase: 1, peer: ADDRESS.a, state: state.b });
    return traces;
  }
  log('b', { kind: 'authenticated', peer: ADDRESS.a, via: 'MM5' });
  exchange('b', 'MM6');
  log('b', {
    kind: 'phase1-complete',
    peer: ADDRESS.a,
    policy: POLICY,
    lifetime: POLICY.lifetime,
    via: 'MM5',
  });
  log('a', { kind: 'authenticated', peer: ADDRESS.b, via: 'MM6' });
  log('a', {
    kind: 'phase1-complete',
    peer: ADDRESS.b,
    policy: POLICY,
    lifetime: POLICY.lifetime,
    via: 'MM6',
  });
  log('a', { kind: 'begin', mode: 'quick', peer: ADDRESS.b, local: ADDRESS.a });
  exchange('a', 'QM1');
  log('b', {
    kind: 'qm-proposal',
    peer: ADDRESS.a,
    local: ADDRESS.b,
    proxies: { local: B_NET, remote: A_NET },
    transforms: TRANSFORMS.join(' '),
    transformAccepted: scenario !== 'transform',
  });
  if (scenario !== 'success') {
    log('b', { kind: 'qm-refused', peer: ADDRESS.a, refusal: REFUSALS[scenario] });
    refuse(2);
    return traces;
  }
  log('b', { kind: 'spi-allocated', spi: SPI.b, from: ADDRESS.a, to: ADDRESS.b, protocol: 50 });
  exchange('b', 'QM2');
  log('a', { kind: 'spi-allocated', spi: SPI.a, from: ADDRESS.b, to: ADDRESS.a, protocol: 50 });
  const sa = (side: Side): IpsecSa => ({
    localAddress: ADDRESS[side],
    remoteAddress: ADDRESS[other(side)],
    proxies: side === 'a' ? { local: A_NET, remote: B_NET } : { local: B_NET, remote: A_NET },
    inboundSpi: SPI[side],
    outboundSpi: SPI[other(side)],
    transforms: TRANSFORMS,
    mode: 'tunnel',
    lifetimeSeconds: 3600,
    lifetimeKilobytes: 4608000,
    map: 'outside_map',
    seq: 10,
    interface: 'outside',
    connId: side === 'a' ? 2001 : 2003,
  });
  exchange('a', 'QM3');
  log('a', { kind: 'sa-created', sa: sa('a') });
  log('a', { kind: 'phase2-complete', peer: ADDRESS.b, sa: sa('a') });
  log('b', { kind: 'sa-created', sa: sa('b') });
  log('b', { kind: 'phase2-complete', peer: ADDRESS.a, sa: sa('b') });
  return traces.sort((x, y) => x.at - y.at);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Each side's transcript, as the simulator writes it: one context per side for the whole run. */
function transcripts(traces: readonly Trace[], dialects: Record<Side, Dialect>): Record<Side, string> {
  const write = (side: Side): string => {
    const ctx: SpeakerContext = {
      side,
      hostname: side === 'a' ? 'fw-a' : 'fw-b',
      local: ADDRESS[side],
      peer: ADDRESS[side === 'a' ? 'b' : 'a'],
      start: START,
      initiates: side === 'a',
      connId: side === 'a' ? 1 : 2,
    };
    return traces
      .filter((t) => t.side === side)
      .flatMap((t) => WRITERS[dialects[side]].lines(t, ctx))
      .join('\n');
  };
  return { a: write('a'), b: write('b') };
}

function findingsOf(scenario: Scenario, dialects: Record<Side, Dialect>) {
  const text = transcripts(play(scenario, dialects), dialects);
  const report = diagnose([
    { name: 'a.log', text: text.a },
    { name: 'b.log', text: text.b },
  ]);
  return { text, findings: report.findings };
}

const problems = (fs: readonly { code: string; severity: string }[]) =>
  [...new Set(fs.filter((f) => f.severity !== 'info').map((f) => f.code))].sort();

const EXPECTED: Record<Exclude<Scenario, 'success'>, string> = {
  'no-keys-initiator': 'PSK_MISSING',
  'no-keys-responder': 'PSK_MISSING',
  'not-responding': 'IKE_PEER_NOT_RESPONDING',
  'policy-refused': 'IKE_POLICY_MISMATCH',
  'key-mismatch': 'PSK_MISMATCH',
  proxy: 'PROXY_ID_MISMATCH',
  'peer-not-found': 'PEER_NOT_FOUND_ENTRY_ORDER',
  'invalid-local-address': 'INVALID_LOCAL_ADDRESS',
  transform: 'TRANSFORM_SET_MISMATCH',
  pfs: 'PFS_MISMATCH',
};

/**
 * An ASA responder has no message for a crypto map missing from the interface IKE arrived on,
 * nor for an entry naming another peer: it rejects the proxies (713061), which is all its log
 * can tell.
 */
const ASA_RESPONDER: Partial<Record<Scenario, string>> = {
  'peer-not-found': 'PROXY_ID_MISMATCH',
  'invalid-local-address': 'PROXY_ID_MISMATCH',
};

const PAIRS: Record<string, Record<Side, Dialect>> = {
  'ASA to ASA': { a: 'asa', b: 'asa' },
  'PIX to PIX': { a: 'pix', b: 'pix' },
  'IOS 15 to ASA': { a: 'ios15', b: 'asa' },
  'PIX to IOS 12': { a: 'pix', b: 'ios12' },
};

describe.each(Object.entries(PAIRS))('%s: diagnose names exactly the scenario', (_name, dialects) => {
  it('success: both SAs up, no problem', () => {
    const { findings } = findingsOf('success', dialects);
    expect(problems(findings)).toEqual([]);
    const codes = findings.map((f) => f.code);
    expect(codes).toContain('IKE_SA_ESTABLISHED');
    expect(codes).toContain('IPSEC_SA_ESTABLISHED');
  });
  it.each(Object.keys(EXPECTED) as Exclude<Scenario, 'success'>[])('%s', (scenario) => {
    const expected = (dialects.b === 'asa' && ASA_RESPONDER[scenario]) || EXPECTED[scenario];
    expect(problems(findingsOf(scenario, dialects).findings)).toEqual([expected]);
  });
});

const ASA = { a: 'asa', b: 'asa' } as const;
const PIX = { a: 'pix', b: 'pix' } as const;

/** Seconds since midnight of `Nov 24 10:00:01 [IKEv1]…` and `Nov 24 2026 10:00:01: %ASA…` lines. */
function stampSeconds(line: string): number | undefined {
  const m = /^[A-Z][a-z]{2} \d\d(?: \d{4})? (\d\d):(\d\d):(\d\d)/.exec(line);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

describe('ASA transcripts', () => {
  it('stamp every IKEv1 and syslog line, in time order', () => {
    for (const scenario of ['success', 'key-mismatch', 'not-responding'] as const) {
      const { text } = findingsOf(scenario, ASA);
      for (const side of ['a', 'b'] as const) {
        const lines = text[side].split('\n').filter((l) => /\[IKEv1|%ASA-/.test(l));
        const seconds = lines.map(stampSeconds);
        expect(seconds.every((s) => s !== undefined)).toBe(true);
        expect(seconds).toEqual([...(seconds as number[])].sort((x, y) => x - y));
      }
    }
    expect(findingsOf('not-responding', ASA).text.a).toMatch(
      /^Nov 24 10:00:32 \[IKEv1\]: IP = 203\.0\.113\.2, IKE_DECODE RESENDING/m,
    );
  });

  it('say what an engineer looks for', () => {
    expect(findingsOf('key-mismatch', ASA).text.b).toContain(
      '[IKEv1]: IP = 198.51.100.1, ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting',
    );
    expect(findingsOf('no-keys-responder', ASA).text.b).toContain(
      "[IKEv1]: Group = 198.51.100.1, IP = 198.51.100.1, Can't find a valid tunnel group, aborting...!",
    );
    const success = findingsOf('success', ASA).text;
    expect(success.a).toMatch(
      /^Nov 24 2026 10:00:\d\d: %ASA-5-713119: Group = 203\.0\.113\.2, IP = 203\.0\.113\.2, PHASE 1 COMPLETED$/m,
    );
    expect(success.b).toContain(
      '%ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0x1A2B3C4D) between 203.0.113.2 and 198.51.100.1 (user= 198.51.100.1) has been created.',
    );
    expect(success.a).toContain(
      'Security negotiation complete for LAN-to-LAN Group (203.0.113.2)  Initiator',
    );
    expect(findingsOf('policy-refused', ASA).text.b).toContain(
      "%ASA-5-713257: Phase 1 failure:  Mismatched attribute types for class Hash Algorithm:  Rcv'd: SHA  Cfg'd: MD5",
    );
    expect(findingsOf('proxy', ASA).text.b).toContain(
      'Rejecting IPSec tunnel: no matching crypto map entry for remote proxy 10.9.9.0/255.255.255.0/0/0 local proxy 10.2.2.0/255.255.255.0/0/0 on interface outside',
    );
  });

  it('tell one story from both ends, naming the peer', () => {
    const psk = findingsOf('key-mismatch', ASA).findings.filter((f) => f.code === 'PSK_MISMATCH');
    expect(psk).toHaveLength(1);
    expect([...(psk[0]!.details['devices'] as string[])].sort()).toEqual(['a.log', 'b.log']);
    expect(findingsOf('policy-refused', ASA).findings.map((f) => f.peer)).toEqual([ADDRESS.a]);
  });
});

describe('PIX transcripts', () => {
  it('print debug lines bare and syslog with the PIX clock', () => {
    const { text } = findingsOf('success', PIX);
    expect(text.b).toContain(
      'crypto_isakmp_process_block:src:198.51.100.1, dest:203.0.113.2 spt:500 dpt:500\nOAK_MM exchange',
    );
    expect(text.b).toContain('ISAKMP (0): SA has been authenticated');
    expect(text.b).toContain(
      'VPN Peer: IPSEC: Peer ip:198.51.100.1/500 Ref cnt incremented to:2 Total VPN Peers:1',
    );
    expect(text.a).toMatch(
      /^Nov 24 2026 10:00:00: %PIX-6-602301: sa created, \(sa\) sa_dest= 198\.51\.100\.1, sa_prot= 50, sa_spi= 0x1a2b3c4d/m,
    );
    const debug = text.a.split('\n').filter((l) => !l.includes('%PIX-'));
    expect(debug.filter((l) => stampSeconds(l) !== undefined)).toEqual([]);
  });

  it('show the state each retransmission leaves from', () => {
    expect(findingsOf('not-responding', PIX).text.a).toContain(
      'ISAKMP (0): retransmitting phase 1 MM_NO_STATE...',
    );
    expect(findingsOf('key-mismatch', PIX).text.a).toContain(
      'ISAKMP (0): retransmitting phase 1 MM_KEY_EXCH...',
    );
  });
});

describe('explain: the PIX and ASA messages the writers print are recognised alone', () => {
  const cases: [string, string][] = [
    [
      "Nov 24 10:00:00 [IKEv1]: Group = 198.51.100.1, IP = 198.51.100.1, Can't find a valid tunnel group, aborting...!",
      'PSK_MISSING',
    ],
    [
      'Nov 24 10:00:00 [IKEv1]: IP = 198.51.100.1, ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting',
      'PSK_MISMATCH',
    ],
    [
      'Nov 24 10:00:08 [IKEv1]: IP = 203.0.113.2, IKE_DECODE RESENDING Message (msgid=0) with payloads : HDR + SA (1) + VENDOR (13) + NONE (0) total length : 108',
      'IKE_PEER_NOT_RESPONDING',
    ],
    [
      'Nov 24 10:00:08 [IKEv1]: Group = 203.0.113.2, IP = 203.0.113.2, IKE_DECODE RESENDING Message (msgid=0) with payloads : HDR + ID (5) + HASH (8) + NONE (0) total length : 68',
      'PSK_MISMATCH',
    ],
    [
      "Nov 24 2026 10:00:00: %ASA-5-713257: Phase 2 failure:  Mismatched attribute types for class Group Description:  Rcv'd: None  Cfg'd: Group 14",
      'PFS_MISMATCH',
    ],
    [
      'IPSEC(validate_proposal): PFS mismatch: offered no PFS, local policy requires group 14',
      'PFS_MISMATCH',
    ],
  ];
  it.each(cases)('%s', (line, code) => {
    const r = explain(line);
    expect(r.recognised).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual([code]);
  });

  it('reads PIX 6.3 process_block lines (no space after src: and dest:)', () => {
    expect(
      explain('crypto_isakmp_process_block:src:198.51.100.1, dest:203.0.113.2 spt:500 dpt:500').recognised,
    ).toBe(true);
  });

  it('keeps the peer of an ASA debug line written `[IKEv1]: IP = …`', () => {
    const r = explain('Nov 24 10:00:00 [IKEv1]: Group = 203.0.113.2, IP = 203.0.113.2, PHASE 1 COMPLETED');
    expect(r.findings.map((f) => [f.code, f.peer])).toEqual([['IKE_SA_ESTABLISHED', '203.0.113.2']]);
  });
});
