import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/index.js';
import type { Event, EventOf } from '../../src/model/events.js';
import { Analysis } from '../../src/pipeline/analysis.js';
import { renderShow } from '../../src/simulate/show/index.js';
import { DIALECTS, type Dialect, type IdPayload, type SideState } from '../../src/simulate/trace.js';
import { FIXTURES, SHARED } from '../helpers.js';
import { ESTABLISHED, HQ_SA, LOCAL, PEER, hqState, sideStates } from './show-states.js';

/** The show events ipsec-doctor's own parsers read from a rendered output. */
function readBack(text: string) {
  const events: Event[] = [];
  const analysis = new Analysis((e) => events.push(e));
  analysis.text({ name: 'x.log', text });
  const of = <K extends Event['kind']>(kind: K) => events.filter((e): e is EventOf<K> => e.kind === kind);
  return { isakmp: of('show.isakmp-sa'), ipsec: of('show.ipsec-sa') };
}

const findingsOf = (text: string) => diagnose([{ name: 'x.log', text }]).findings;

const ident = (id: IdPayload) => ({
  addr: id.address,
  mask: id.idType === 1 ? '255.255.255.255' : id.second,
  prot: String(id.protocol),
  port: String(id.port),
});

describe('renderShow: diagnose reads the state back', () => {
  for (const dialect of DIALECTS) {
    for (const role of ['initiator', 'responder'] as const) {
      it(`${dialect}, ${role}: established phase 1 and 2, and nothing wrong`, () => {
        const text = renderShow(hqState(dialect, ESTABLISHED[dialect], role, HQ_SA));
        const findings = findingsOf(text);
        expect(findings.map((f) => f.code).sort()).toEqual(['IKE_SA_ESTABLISHED', 'IPSEC_SA_ESTABLISHED']);
        expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(findings.every((f) => f.device === 'hq-gw' && f.source === 'show')).toBe(true);
        expect(findings.find((f) => f.code === 'IPSEC_SA_ESTABLISHED')?.peer).toBe(PEER);
      });
    }
  }

  it.each([
    ['ios12', 'MM_NO_STATE', 'initiator', 'IKE_POLICY_MISMATCH'],
    ['ios15', 'MM_NO_STATE', 'initiator', 'IKE_POLICY_MISMATCH'],
    ['pix', 'MM_NO_STATE', 'initiator', 'IKE_POLICY_MISMATCH'],
    ['asa', 'MM_NO_STATE', 'responder', 'IKE_POLICY_MISMATCH'],
    ['ios12', 'MM_KEY_EXCH', 'initiator', 'PSK_MISMATCH'],
    ['ios15', 'MM_KEY_EXCH', 'initiator', 'PSK_MISMATCH'],
    ['pix', 'MM_KEY_EXCH', 'initiator', 'PSK_MISMATCH'],
    ['asa', 'MM_WAIT_MSG2', 'initiator', 'IKE_PEER_NOT_RESPONDING'],
  ] as const)('%s stuck in %s (%s): %s, from show output', (dialect, state, role, code) => {
    const findings = findingsOf(renderShow(hqState(dialect, state, role)));
    expect(findings.map((f) => [f.code, f.source, f.peer, f.severity])).toEqual([
      [code, 'show', PEER, 'error'],
    ]);
    expect(findings[0]!.evidence.map((e) => e.text).join('\n')).toContain(state);
  });

  it.each(DIALECTS)('%s holding no SA at all: nothing to report', (dialect) => {
    const text = renderShow({ side: 'a', dialect, hostname: 'hq-gw', address: LOCAL });
    expect(findingsOf(text)).toEqual([]);
    expect(readBack(text)).toEqual({ isakmp: [], ipsec: [] });
  });
});

describe('renderShow: each dialect as the device prints it', () => {
  const note = readFileSync(join(SHARED, 'seeds/003_0a890d93c98fb07f.txt'), 'utf8').split('\n');
  const words = (line: string) => line.trim().split(/\s+/);
  const bodyOf = (text: string, command: string) => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.endsWith(command)) + 1;
    return lines.slice(
      start,
      lines.findIndex((l, i) => i >= start && /^[\w.-]+# ?/.test(l)),
    );
  };
  /** What a line says before its first value: `#pkts encaps: 0, …` → `#pkts encaps`. */
  const labelOf = (line: string) => {
    const label: string[] = [];
    for (const token of line.trim().split(/\s+/)) {
      const end = /[:=]/.exec(token);
      const head = end ? token.slice(0, end.index) : token;
      if (/\d/.test(head)) break;
      if (head !== '') label.push(head);
      if (end) break;
    }
    return label.join(' ');
  };
  const labels = (lines: readonly string[]) => new Set(lines.map(labelOf).filter((l) => l !== ''));

  it("ios12: the note's ISAKMP table, column for column", () => {
    const header = note.findIndex((l) => words(l).join(' ') === 'dst src state conn-id slot');
    const state = hqState('ios12', 'QM_IDLE');
    state.address = '12.1.1.1';
    state.isakmp = { ...state.isakmp!, dst: '12.1.1.2', src: '12.1.1.1' };
    const body = bodyOf(renderShow(state), 'show crypto isakmp sa');
    expect(body.map(words)).toEqual([words(note[header]!), words(note[header + 1]!)]);
  });

  it("pix: the note's table (Total, Embryonic, pending, created) for an SA stuck in MM_KEY_EXCH", () => {
    const header = note.findIndex((l) => words(l).join(' ') === 'dst src state pending created');
    const state = hqState('pix', 'MM_KEY_EXCH');
    state.address = '10.177.243.187';
    state.isakmp = { ...state.isakmp!, dst: '192.168.254.250', src: '10.177.243.187' };
    const body = bodyOf(renderShow(state), 'show crypto isakmp sa');
    // The note's PIX also held a second, established SA: its Total is 2.
    expect(body.map(words)).toEqual([
      ['Total', ':', '1'],
      words(note[header - 1]!),
      words(note[header]!),
      words(note[header + 1]!),
    ]);
  });

  it("ios12 and pix: every label of the note's show crypto ipsec sa samples", () => {
    const iosSample = note.slice(
      note.indexOf('  interface: FastEthernet0'),
      note.indexOf('outbound pcp sas: ') + 1,
    );
    const pixSample = note.slice(
      note.indexOf('interface: outside'),
      note.indexOf('    outbound ah sas:') + 1,
    );
    const ios = bodyOf(renderShow(hqState('ios12', 'QM_IDLE', 'initiator', HQ_SA)), 'show crypto ipsec sa');
    const pix = bodyOf(renderShow(hqState('pix', 'QM_IDLE', 'initiator', HQ_SA)), 'show crypto ipsec sa');
    expect(labels(ios)).toEqual(labels(iosSample));
    // The note's PIX sample is a dynamic peer's, and its capture stops before `outbound pcp sas:`.
    const pixLabels = labels(pixSample);
    pixLabels.delete('dynamic allocated peer ip');
    expect(labels(pix)).toEqual(pixLabels.add('outbound pcp sas'));
  });

  it("asa: every label of an ASA 9 capture's L2L entries (ntc-templates)", () => {
    const raw = readFileSync(
      join(
        SHARED,
        'peers/ntc-templates/tests/cisco_asa/show_crypto_ipsec_sa/cisco_asa_show_crypto_ipsec_sa.raw',
      ),
      'utf8',
    ).split('\n');
    const capture = raw.slice(raw.indexOf('interface: COLO'));
    const asa = bodyOf(renderShow(hqState('asa', 'MM_ACTIVE', 'initiator', HQ_SA)), 'show crypto ipsec sa');
    expect(labels(asa)).toEqual(labels(capture));
  });

  it('ios15: every label of an IOS-XE capture, and the SA lists IOS prints empty', () => {
    const capture = readFileSync(join(FIXTURES, 'modern/ios15-show-one-way/input.log'), 'utf8').split('\n');
    const ios15 = bodyOf(renderShow(hqState('ios15', 'QM_IDLE', 'initiator', HQ_SA)), 'show crypto ipsec sa');
    const expected = labels(bodyOf(capture.join('\n'), 'show crypto ipsec sa'));
    for (const list of ['inbound ah sas', 'inbound pcp sas', 'outbound ah sas', 'outbound pcp sas'])
      expected.add(list);
    expect(labels(ios15)).toEqual(expected);
  });

  /** What each dialect prints for HQ_SA besides the addresses, proxies and SPIs every dialect shares. */
  const EXPECTED = {
    ios12: {
      entry: { cryptoMapTag: 'CMAP', currentOutboundSpi: '9F2B11C4', pathMtu: '1500' },
      transform: 'esp-256-aes esp-sha-hmac',
      settings: 'Tunnel',
      connIds: ['2001', '2002'],
    },
    ios15: {
      entry: {
        cryptoMapTag: 'CMAP',
        currentOutboundSpi: '0x9F2B11C4(2670399940)',
        plaintextMtu: '1438',
        pfs: 'N',
        dhGroup: 'none',
        protectedVrf: '(none)',
      },
      transform: 'esp-256-aes esp-sha-hmac',
      settings: 'Tunnel',
      connIds: ['2001', '2002'],
    },
    pix: {
      entry: { cryptoMapTag: 'CMAP', currentOutboundSpi: '9f2b11c4', ipsecOverhead: '72' },
      transform: 'esp-aes-256 esp-sha-hmac',
      settings: 'Tunnel',
      connIds: ['2001', '2002'],
    },
    asa: {
      entry: {
        cryptoMapTag: 'CMAP',
        seqNum: '10',
        currentOutboundSpi: '9F2B11C4',
        currentInboundSpi: '3A7D90E2',
        ipsecOverhead: '74',
        accessList:
          'access-list outside_10_cryptomap extended permit ip 10.1.1.0 255.255.255.0 10.2.2.0 255.255.255.0',
      },
      transform: 'esp-aes-256 esp-sha-hmac no compression',
      settings: 'L2L, Tunnel, IKEv1',
      connIds: ['2001', '2001'],
    },
  } as const;

  it.each(DIALECTS)('%s: the parsers read every field of the SA pair', (dialect: Dialect) => {
    const { ipsec } = readBack(renderShow(hqState(dialect, ESTABLISHED[dialect], 'initiator', HQ_SA)));
    expect(ipsec).toHaveLength(1);
    const entry = ipsec[0]!.entry;
    const expected = EXPECTED[dialect];
    expect(entry).toMatchObject({
      ...expected.entry,
      interface: 'outside',
      localAddr: LOCAL,
      currentPeer: PEER,
      localEndpoint: LOCAL,
      remoteEndpoint: PEER,
      localIdent: ident(HQ_SA.proxies.local),
      remoteIdent: ident(HQ_SA.proxies.remote),
    });
    expect(Object.values(entry.counters).every((n) => n === 0)).toBe(true);
    expect(entry.counters).toMatchObject({ encaps: 0, decaps: 0, sendErrors: 0, recvErrors: 0 });
    expect(entry.sas.map((sa) => [sa.direction, sa.protocol, Number(sa.spiHex), sa.spiDec])).toEqual([
      ['inbound', 'esp', HQ_SA.inboundSpi, String(HQ_SA.inboundSpi)],
      ['outbound', 'esp', HQ_SA.outboundSpi, String(HQ_SA.outboundSpi)],
    ]);
    for (const [i, sa] of entry.sas.entries())
      expect(sa).toMatchObject({
        transform: expected.transform,
        settings: expected.settings,
        connId: expected.connIds[i],
        cryptoMap: 'CMAP',
        lifetimeKb: '4608000',
        lifetimeSec: '3599',
        ivSize: '16 bytes',
        replayDetection: 'Y',
      });
  });

  it('ios15: PFS and a VTI as IOS names them', () => {
    const vti = { ...HQ_SA, map: 'Tunnel1', interface: 'Tunnel1', pfsGroup: 14 };
    const { ipsec } = readBack(renderShow(hqState('ios15', 'QM_IDLE', 'initiator', vti)));
    expect(ipsec[0]!.entry).toMatchObject({ cryptoMapTag: 'Tunnel1-head-0', pfs: 'Y', dhGroup: 'group14' });
  });

  it('ios12: compression adds no ESP bytes and is not an ESP transform', () => {
    const lzs = { ...HQ_SA, transforms: ['esp-3des', 'esp-md5-hmac', 'comp-lzs'] };
    const { ipsec } = readBack(renderShow(hqState('ios12', 'QM_IDLE', 'initiator', lzs)));
    expect(ipsec[0]!.entry.sas.map((sa) => [sa.protocol, sa.transform, sa.ivSize])).toEqual([
      ['esp', 'esp-3des esp-md5-hmac', '8 bytes'],
      ['esp', 'esp-3des esp-md5-hmac', '8 bytes'],
    ]);
  });

  it('ios12: an AH-only transform set lists its SAs under ah, with no IV and replay detection', () => {
    const ah = { ...HQ_SA, transforms: ['ah-sha-hmac'] };
    const { ipsec } = readBack(renderShow(hqState('ios12', 'QM_IDLE', 'initiator', ah)));
    expect(
      ipsec[0]!.entry.sas.map((sa) => [sa.direction, sa.protocol, sa.ivSize, sa.replayDetection]),
    ).toEqual([
      ['inbound', 'ah', '0 bytes', 'Y'],
      ['outbound', 'ah', '0 bytes', 'Y'],
    ]);
  });

  it('asa: the peer of the IKE Peer line is the other end, whichever side is dst', () => {
    for (const role of ['initiator', 'responder'] as const) {
      const { isakmp } = readBack(renderShow(hqState('asa', 'MM_WAIT_MSG6', role)));
      expect(isakmp.map((e) => [e.peer, e.row.role, e.row.state, e.row.type])).toEqual([
        [PEER, role, 'MM_WAIT_MSG6', 'L2L'],
      ]);
    }
  });
});

describe('renderShow: any side state', () => {
  const otherEnd = (s: SideState) => (s.isakmp!.dst === s.address ? s.isakmp!.src : s.isakmp!.dst);

  it('renders, and the parsers read back the state, peer, addresses, proxies and SPIs rendered', () => {
    fc.assert(
      fc.property(sideStates, (state) => {
        const { isakmp, ipsec } = readBack(renderShow(state));
        if (!state.isakmp) expect(isakmp).toEqual([]);
        else {
          expect(isakmp).toHaveLength(1);
          const row = isakmp[0]!.row;
          expect(row.state).toBe(state.isakmp.state);
          if (state.dialect === 'asa')
            expect([isakmp[0]!.peer, row.role]).toEqual([otherEnd(state), state.isakmp.role]);
          else expect([row.dst, row.src]).toEqual([state.isakmp.dst, state.isakmp.src]);
        }
        const sa = state.ipsec;
        if (!sa) return void expect(ipsec).toEqual([]);
        expect(ipsec).toHaveLength(1);
        const { entry, peer } = ipsec[0]!;
        expect(peer).toBe(sa.remoteAddress);
        expect([entry.localAddr, entry.localEndpoint, entry.remoteEndpoint]).toEqual([
          sa.localAddress,
          sa.localAddress,
          sa.remoteAddress,
        ]);
        expect([entry.localIdent, entry.remoteIdent]).toEqual([
          ident(sa.proxies.local),
          ident(sa.proxies.remote),
        ]);
        expect(entry.sas.map((s) => [s.direction, Number(s.spiHex), Number(s.spiDec)])).toEqual([
          ['inbound', sa.inboundSpi, sa.inboundSpi],
          ['outbound', sa.outboundSpi, sa.outboundSpi],
        ]);
        expect(Number.parseInt(entry.currentOutboundSpi!.replace(/\(.*$/, ''), 16)).toBe(sa.outboundSpi);
      }),
      { numRuns: 400 },
    );
  });
});
