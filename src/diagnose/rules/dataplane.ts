import type { Kept, SaEntryFacts } from '../../correlate/evidence.js';
import type { Session } from '../../correlate/session.js';
import type { EventKind } from '../../model/events.js';
import { type Rule, eventsOf, evidenceOfEvents, peerOr, sourceOf } from './rule.js';
import { aclTerm } from './transforms.js';

/** Occurrences per minute above which a data-plane message is a burst (an error), not noise. */
export const BURST_PER_MINUTE = 10;

function counted(
  code: Rule['code'],
  kind: EventKind,
  commands: (s: Session) => string[],
  burstIsError = false,
): Rule {
  return {
    code,
    detect(s) {
      const seen = s.seen.get(kind);
      if (!seen) return null;
      const details: Record<string, unknown> = { count: seen.count };
      const { status, spi } = seen.latest;
      if (status !== undefined) {
        details['status'] = status;
        details['meaning'] = status === 4615 ? 'esp-sequence' : status === 4612 ? 'ah-sequence' : 'other';
      }
      if (spi) details['spi'] = spi;
      const burst = seen.count >= BURST_PER_MINUTE;
      return {
        code,
        source: sourceOf(seen.kept),
        evidence: evidenceOfEvents(seen.kept),
        details,
        ...(burst && { context: 'burst' }),
        ...(burst && burstIsError && { severity: 'error' as const }),
        commands: commands(s),
      };
    },
  };
}

function pathMtu(s: Session) {
  const frags = eventsOf(s, 'icmp.frag-needed');
  const pings = eventsOf(s, 'ping.sending', 'ping.result');
  // Pair each `Sending N, SIZE-byte` with the `Success rate` that follows it.
  const tries: Array<{ size: number; ok: boolean; target: string; events: Kept[] }> = [];
  let open: Kept | undefined;
  for (const e of pings) {
    if (e.kind === 'ping.sending') open = e;
    else if (e.kind === 'ping.result' && open?.kind === 'ping.sending') {
      tries.push({ size: open.size, ok: e.ok > 0, target: open.target, events: [open, e] });
      open = undefined;
    }
  }
  return { frags, tries };
}

const pathMtuRule: Rule = {
  code: 'PATH_MTU_EXCEEDED',
  detect(s) {
    const { frags, tries } = pathMtu(s);
    const failed = tries.filter((t) => !t.ok);
    const passed = tries.filter((t) => t.ok);
    const contrast = failed.some((f) => passed.some((p) => p.size < f.size));
    if (frags.length === 0 && !contrast) return null;
    const largestOk = passed.length > 0 ? Math.max(...passed.map((t) => t.size)) : undefined;
    const smallestFailed = failed.length > 0 ? Math.min(...failed.map((t) => t.size)) : undefined;
    const pathMtuValue = largestOk ?? (smallestFailed !== undefined ? smallestFailed - 1 : 1500);
    // Room for ESP in tunnel mode with NAT-T and the largest padding (see the note's MTU section).
    const ipMtu = Math.min(1400, pathMtuValue - 100);
    const frag = frags[0];
    const target = frag?.kind === 'icmp.frag-needed' && frag.dst !== '' ? frag.dst : tries[0]?.target;
    return {
      code: 'PATH_MTU_EXCEEDED',
      source: 'debug',
      evidence: evidenceOfEvents([...frags, ...tries.flatMap((t) => t.events)]),
      details: {
        largestOk,
        smallestFailed,
        recommendedIpMtu: ipMtu,
        recommendedMss: ipMtu - 40,
        ...(target && { destination: target }),
      },
      ...(largestOk !== undefined && { context: 'measured' }),
      commands: [
        `interface <tunnel-or-inside-interface>\n ip mtu ${ipMtu}\n ip tcp adjust-mss ${ipMtu - 40}`,
        'crypto ipsec df-bit clear',
      ],
    };
  },
};

function entries(s: Session): Array<{ entry: SaEntryFacts; event: Kept }> {
  return (s.get('show.ipsec-sa')?.kept ?? []).map((e) => ({ entry: e.entry, event: e }));
}

const oneWay: Rule = {
  code: 'ONE_WAY_TRAFFIC',
  detect(s) {
    const hits = entries(s).filter(({ entry }) => {
      const enc = entry.encaps;
      const dec = entry.decaps;
      return (enc > 0 && dec === 0) || (dec > 0 && enc === 0);
    });
    const first = hits[0];
    if (!first) return null;
    const enc = first.entry.encaps;
    const direction = enc > 0 ? 'outbound-only' : 'inbound-only';
    const local = aclTerm(
      first.entry.localIdent ? `${first.entry.localIdent.addr}/${first.entry.localIdent.mask}` : undefined,
    );
    const remote = aclTerm(
      first.entry.remoteIdent ? `${first.entry.remoteIdent.addr}/${first.entry.remoteIdent.mask}` : undefined,
    );
    return {
      code: 'ONE_WAY_TRAFFIC',
      source: 'show',
      evidence: evidenceOfEvents(hits.map((h) => h.event)).filter((e) =>
        /#pkts (en|de)caps|current_peer|ident/.test(e.text),
      ),
      details: {
        direction,
        encaps: enc,
        decaps: first.entry.decaps,
        ...(local && { localIdent: local }),
        ...(remote && { remoteIdent: remote }),
      },
      context: direction === 'outbound-only' ? 'outbound' : 'inbound',
      commands:
        local && remote
          ? [
              `ip access-list extended <nat-acl>\n deny ip ${local} ${remote}\n permit ip ${local} any`,
              `show crypto ipsec sa peer ${peerOr(s, '<peer>')}`,
            ]
          : [`show crypto ipsec sa peer ${peerOr(s, '<peer>')}`],
    };
  },
};

const sendRecvErrors: Rule = {
  code: 'IPSEC_SEND_RECV_ERRORS',
  detect(s) {
    const hits = entries(s).filter(({ entry }) => entry.sendErrors > 0 || entry.recvErrors > 0);
    const first = hits[0];
    if (!first) return null;
    return {
      code: 'IPSEC_SEND_RECV_ERRORS',
      source: 'show',
      evidence: evidenceOfEvents(hits.map((h) => h.event)).filter((e) =>
        /errors|current_peer|ident/.test(e.text),
      ),
      details: {
        sendErrors: first.entry.sendErrors,
        recvErrors: first.entry.recvErrors,
      },
      commands: ['show crypto ipsec sa detail', 'clear crypto sa counters'],
    };
  },
};

export const dataPlaneRules: readonly Rule[] = [
  counted('REPLAY_CHECK_FAILED', 'dp.replay', () => [
    'crypto ipsec security-association replay window-size 1024',
  ]),
  counted('INVALID_SPI', 'dp.invalid-spi', (s) => [
    'crypto isakmp invalid-spi-recovery',
    'crypto isakmp keepalive 10 3 periodic',
    `clear crypto sa peer ${peerOr(s, '<peer>')}`,
  ]),
  counted('HMAC_VERIFY_FAILED', 'dp.hmac-fail', () => ['show crypto engine accelerator statistic'], true),
  counted('HW_CRYPTO_PACKET_ERROR', 'dp.hw-error', () => [
    'interface <inside-interface>\n ip tcp adjust-mss 1300',
    'crypto ipsec fragmentation before-encryption',
  ]),
  counted('ESP_SEQUENCE_FAIL', 'dp.esp-seq-fail', () => [
    'crypto ipsec fragmentation before-encryption',
    'interface <outside-interface>\n ip mtu 1400',
  ]),
  counted('CRYPTO_ENGINE_UNAVAILABLE', 'dp.engine-unavailable', () => [
    'show crypto engine brief',
    'show module',
  ]),
  pathMtuRule,
  oneWay,
  sendRecvErrors,
];
