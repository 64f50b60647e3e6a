import type { IkeAttribute } from '../../model/events.js';
import { cleanAddress, type Draft } from '../draft.js';

/**
 * ASA / PIX IKE texts, shared by syslog (`%ASA-3-713902: Group = g, IP = a, QM FSM error …`) and
 * `debug crypto ikev1` (`[IKEv1]Group = g, IP = a, …`): the peer is `IP =`.
 */

const ASA_CLASS: Record<string, IkeAttribute> = {
  'group description': 'group',
  'encryption algorithm': 'encryption',
  'hash algorithm': 'hash',
  'authentication method': 'auth',
  'life time': 'lifetime',
  'life duration': 'lifetime',
  'key length': 'keylength',
};

const CONTEXT_FIELD = /^(Group|Username|IP|Tunnel-group|Peer) = ([^,]*), ?/;
/** First letters of the context fields: most ASA messages (connection chatter) have none. */
const CONTEXT_START = new Set(['G', 'U', 'I', 'T', 'P']);

/** Splits `Group = g, Username = u, IP = a, rest` into its peer and the rest. */
export function asaContext(text: string): { peer?: string; group?: string; rest: string } {
  if (!CONTEXT_START.has(text.charAt(0))) return { rest: text };
  let rest = text;
  let peer: string | undefined;
  let group: string | undefined;
  for (let i = 0; i < 3; i++) {
    const m = CONTEXT_FIELD.exec(rest);
    if (!m) break;
    if (m[1] === 'IP' || m[1] === 'Peer') peer = cleanAddress(m[2]);
    if (m[1] === 'Group' || m[1] === 'Tunnel-group') group = m[2];
    rest = rest.slice(m[0].length);
  }
  const context: { peer?: string; group?: string; rest: string } = { rest };
  if (peer) context.peer = peer;
  if (group) context.group = group;
  return context;
}

export function classifyAsaText(text: string, msgId?: string): Draft | null {
  const { peer, rest } = asaContext(text);
  const withPeer = (d: Draft): Draft => {
    if (peer && !d.peer) d.peer = peer;
    return d;
  };
  const lower = rest.toLowerCase();
  if (lower.includes('qm fsm error')) return withPeer({ kind: 'ike.qm-fsm-error' });
  if (lower.includes('phase 1 failure')) {
    const m = /Mismatched attribute types for class ([\w ]+?):\s*Rcv'd:\s*(.+?)\s+Cfg'd:\s*(.+)$/i.exec(rest);
    const attribute = m?.[1] ? ASA_CLASS[m[1].toLowerCase()] : undefined;
    return withPeer({
      kind: 'ike.phase1-failure',
      reason: rest,
      ...(attribute && { attribute }),
      ...(m?.[2] && { received: m[2].trim() }),
      ...(m?.[3] && { configured: m[3].trim() }),
    });
  }
  // In phase 2 the Group Description attribute is the PFS group.
  if (lower.includes('phase 2 failure') && lower.includes('group description'))
    return withPeer({ kind: 'ike.pfs-mismatch' });
  if (lower.includes('all ipsec sa proposals found unacceptable'))
    return withPeer({ kind: 'ike.all-proposals-unacceptable', phase1: false });
  if (lower.includes('all sa proposals found unacceptable'))
    return withPeer({ kind: 'ike.all-proposals-unacceptable', phase1: true });
  // No tunnel group for the peer: nothing to take a pre-shared key from.
  if (lower.includes("can't find a valid tunnel group")) return withPeer({ kind: 'ike.no-keys' });
  if (lower.includes('had problems decrypting packet')) return withPeer({ kind: 'ike.bad-message' });
  if (lower.startsWith('ike_decode resending')) return withPeer(resent(rest));
  if (lower.includes('received encrypted packet with no matching sa'))
    return withPeer({ kind: 'ike.no-matching-sa' });
  if (
    lower.includes('with invalid payloads') ||
    lower.includes('missing sa payload') ||
    lower.includes('hash verification failed')
  )
    return withPeer({ kind: 'ike.bad-message' });
  if (lower.includes('no matching crypto map entry')) {
    const m = /remote proxy (\S+) local proxy (\S+)/i.exec(rest);
    return withPeer({
      kind: 'ike.no-crypto-map-match',
      ...(m?.[1] && { remoteProxy: m[1] }),
      ...(m?.[2] && { localProxy: m[2] }),
    });
  }
  if (lower.includes('phase 1 completed')) return withPeer({ kind: 'ike.phase-complete', phase: 1 });
  if (lower.includes('phase 2 completed')) return withPeer({ kind: 'ike.phase-complete', phase: 2 });
  if (
    lower.includes('duplicate phase 1 packet') ||
    (lower.includes('retransmit') && lower.includes('mm_wait_msg'))
  )
    return withPeer({
      kind: 'ike.retransmit',
      ...(/MM_WAIT_MSG\d/.exec(rest) && { state: /MM_WAIT_MSG\d/.exec(rest)![0] }),
    });
  if (lower.includes('pfs') && (lower.includes('mismatch') || lower.includes('not match')))
    return withPeer({ kind: 'ike.pfs-mismatch' });
  if (lower.includes('ike lost contact with remote peer')) return withPeer({ kind: 'ike.info', text: rest });
  if (
    /(?:inbound|outbound) (?:lan-to-lan|remote access) sa \(spi= ?(0x[0-9a-f]+)\).*has been created/i.test(
      rest,
    )
  ) {
    const m = /SPI= ?(0x[0-9A-Fa-f]+)\) between (\S+) and (\S+)/i.exec(rest);
    return {
      kind: 'ipsec.sa-created',
      ...(m?.[1] && { spi: m[1] }),
      ...(m?.[3] && { peer: cleanAddress(m[3]) }),
    };
  }
  if (lower.startsWith('decaps: rec') && lower.includes('invalid spi')) return invalidSpi(rest);
  if (peer !== undefined || msgId !== undefined) return withPeer({ kind: 'ike.info', text: rest });
  return null;
}

/**
 * The ASA names no state when it resends; the first payload tells which main-mode message went
 * unanswered, hence the state the initiator waits in (an unanswered MM5 is a key that differs).
 */
const WAITING_AFTER: Record<string, string> = { SA: 'MM_WAIT_MSG2', KE: 'MM_WAIT_MSG4', ID: 'MM_WAIT_MSG6' };

function resent(text: string): Draft {
  const m = /\(msgid=0\) with payloads : HDR \+ (\w+)/.exec(text);
  const state = m?.[1] ? WAITING_AFTER[m[1]] : undefined;
  return { kind: 'ike.retransmit', ...(state && { state }) };
}

/** `decaps: recd IPSEC packet has invalid spi for destaddr=a, prot=esp, spi=0x…[, srcaddr=b]` */
export function invalidSpi(text: string): Draft {
  const dest = /destaddr=\s*([^,\s]+)/.exec(text)?.[1];
  const prot = /prot=\s*([^,\s]+)/.exec(text)?.[1];
  const spi = /spi=\s*([^,\s]+)/.exec(text)?.[1];
  const src = /srcaddr=\s*([^,\s]+)/.exec(text)?.[1];
  const peer = cleanAddress(src);
  return {
    kind: 'dp.invalid-spi',
    ...(dest && { dest }),
    ...(prot && { prot }),
    ...(spi && { spi }),
    ...(peer && /\d/.test(peer) && { peer }),
  };
}
