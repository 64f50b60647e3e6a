import type { Dialect } from '../../model/events.js';
import { cleanAddress, type Draft } from '../draft.js';
import { asaContext, classifyAsaText } from './asa.js';
import { classifyIcmp } from './icmp.js';
import { classifyIkeBody } from './ike-body.js';
import { classifyIpsec } from './ipsec.js';
import { readIsakmpPrefix } from './isakmp-prefix.js';
import { classifySyslog, looksLikeSyslog } from './syslog.js';

/**
 * Classifies one logical message (continuation lines already joined) by its first characters:
 * cheap `startsWith` tests pick the one matcher that can apply before any regex runs.
 */

const IPSEC_PREFIX = /^IPSEC\s*\((\w+)\)\s*:?\s*,?\s*/i;
// The note's `src 12.1.1.1, dest 12.1.1.2` and PIX 6.3's `src:172.16.1.2, dest:172.16.1.1 spt:500 dpt:500`.
const PROCESS_BLOCK = /^crypto_isakmp_process_block:\s*src:?\s?(\S+?),? dest:?\s?(\S+)/;

export function classifyMessage(text: string): Draft | null {
  const c = text.charCodeAt(0);
  if (c === 73 /* I */) {
    if (text.startsWith('ISAKMP')) return isakmp(text);
    if (text.startsWith('IPSEC') || text.startsWith('IPSec') || text.startsWith('IPsec')) return ipsec(text);
    if (text.startsWith('IP = ')) return asa(text);
    if (text.startsWith('ICMP:')) return classifyIcmp(text);
  }
  if (c === 37 /* % */ || looksLikeSyslog(text)) return classifySyslog(text);
  // `[IKEv1]: IP = …`, `[IKEv1 DEBUG]: Group = …`, `[IKEv1 DECODE]: …` (ASA 8.x/9.x), `[IKEv1]IP = …`.
  if (c === 91 /* [ */ && text.startsWith('[IKEv'))
    return asa(text.replace(/^\[IKEv\d(?: [A-Z]+)?\]:?\s*/, ''));
  if (text.startsWith('Group = ')) return asa(text);
  if (text.startsWith('crypto_')) {
    // Not routed by its addresses: the note's own PIX sample prints them both ways round.
    if (PROCESS_BLOCK.test(text)) return { kind: 'ike.exchange', exchange: 'process_block', dialect: 'pix' };
    if (text.includes("can't handle any more")) return { kind: 'dp.engine-unavailable' };
    return null;
  }
  if (text.startsWith('OAK_')) {
    const m = /^OAK_(\w+?)(?: exchange)?$/.exec(text);
    return { kind: 'ike.exchange', exchange: m?.[1] ?? text, dialect: 'pix' };
  }
  if (text.startsWith('QM FSM error')) return { kind: 'ike.qm-fsm-error' };
  if (
    text.startsWith('All IPSec SA proposals found unacceptable') ||
    text.startsWith('All IPsec SA proposals')
  )
    return { kind: 'ike.all-proposals-unacceptable', phase1: false };
  if (text.startsWith('Received encrypted packet with no matching SA')) return { kind: 'ike.no-matching-sa' };
  if (text.startsWith('decaps: rec')) return classifySyslog(`%ASA-4-402101: ${text}`);
  if (text.startsWith('decrypt: replay check failed')) return { kind: 'dp.replay' };
  if (text.startsWith('packet-rx error: ESP sequence fail')) return { kind: 'dp.esp-seq-fail' };
  if (text.startsWith('IKE message from') && text.includes('sanity check')) {
    const p = /IKE message from (\S+)/.exec(text);
    return { kind: 'ike.bad-message', ...(p?.[1] && { peer: cleanAddress(p[1]) }) };
  }
  if (text.startsWith('Processing of ') && text.includes('Mode failed')) {
    const p = /peer at (\S+)/.exec(text);
    return {
      kind: 'ike.mode-failure',
      mode: /Processing of (\w+)/.exec(text)?.[1] ?? 'Main',
      ...(p?.[1] && { peer: cleanAddress(p[1]) }),
    };
  }
  const icmp = classifyIcmp(text);
  if (icmp) return icmp;
  // IOS 12 transcripts as the note prints them carry no `ISAKMP` prefix.
  return classifyIkeBody(text);
}

function isakmp(text: string): Draft | null {
  const prefix = readIsakmpPrefix(text);
  const rest = text.slice(prefix.end);
  const connId = prefix.second ?? prefix.first;
  const dialect: Dialect | undefined = prefix.ios15
    ? 'ios15'
    : prefix.first !== undefined
      ? 'ios'
      : undefined;
  if (rest.startsWith('IPSec') || rest.startsWith('IPsec') || rest.startsWith('IPSEC')) {
    const inner = rest.startsWith('IPSEC(') || rest.startsWith('IPSec(') ? ipsec(rest) : null;
    if (inner) return decorate(inner, connId, dialect);
  }
  const d = classifyIkeBody(rest.trim());
  if (d) return decorate(d, connId, dialect);
  if (text.startsWith('ISAKMP_TRANSACTION')) return { kind: 'ike.mode-config', text };
  return decorate({ kind: 'ike.info', text: rest }, connId, dialect);
}

function ipsec(text: string): Draft | null {
  const m = IPSEC_PREFIX.exec(text);
  if (!m) return null;
  return classifyIpsec((m[1] ?? '').toLowerCase(), text.slice(m[0].length));
}

function asa(text: string): Draft | null {
  const d = classifyAsaText(text);
  if (d) {
    d.dialect = 'asa';
    return d;
  }
  const { peer } = asaContext(text);
  return peer ? { kind: 'ike.info', text, peer, dialect: 'asa' } : null;
}

/** Adds what the `ISAKMP` prefix told to a matcher's fresh draft (in place: no copy per message). */
function decorate(d: Draft, connId: string | undefined, dialect: Dialect | undefined): Draft {
  if (connId !== undefined && d.connId === undefined) d.connId = connId;
  if (dialect !== undefined && d.dialect === undefined) d.dialect = dialect;
  return d;
}
