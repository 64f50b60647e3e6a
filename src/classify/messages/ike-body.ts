import type { IkeAttribute } from '../../model/events.js';
import { cleanAddress, type Draft } from '../draft.js';

/**
 * The text of an IOS/PIX `debug crypto isakmp` message after its `ISAKMP (0:1):` prefix, or a
 * bare debug line as the 2009 note prints them. Ordered cheapest and most frequent first.
 */

const ATTRIBUTE_MISMATCH: Array<[RegExp, IkeAttribute]> = [
  [/^hash algorithm offered does not match policy/i, 'hash'],
  [/^encryption algorithm offered does not match policy/i, 'encryption'],
  [/^diffie-hellman group offered does not match policy/i, 'group'],
  [/^authentication method offered does not match policy/i, 'auth'],
  [/^(?:proposed )?key ?length (?:offered )?does not match policy/i, 'keylength'],
  [/^(?:life ?time|life duration).*(?:does not match|greater than|mismatch)/i, 'lifetime'],
];

/** `life duration (VPI) of 0x0 0x1 0x51 0x80` → 86400; `(basic) of 240` → 240. */
export function decodeLifeDuration(text: string): string | undefined {
  const vpi = /\(VPI\) of\s+((?:0x[0-9a-f]{1,2}\s*)+)/i.exec(text);
  if (vpi?.[1]) {
    const bytes = vpi[1]
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16));
    let value = 0;
    for (const b of bytes) value = value * 256 + b;
    return String(value);
  }
  const basic = /of\s+(\d+)/.exec(text);
  return basic?.[1];
}

/** Longest phase-1 attribute name `attribute` tests for (`default group `), in characters. */
const ATTRIBUTE_NAME_CHARS = 14;
/** First letters (lower-cased) of the phase-1 attribute names: other messages skip the tests. */
const ATTRIBUTE_STARTS = new Set(['e', 'h', 'd', 'g', 'a', 'k', 'l']);
/** First letters of the phase-2 attribute names (the pattern is ASCII-only, like any non-Unicode `/i`). */
const PHASE2_ATTRIBUTE_STARTS = new Set(['a', 'e', 's', 'g', 'k', 'h']);

function attribute(rest: string): Draft | null {
  // Only the name is compared, so only its characters are lower-cased (non-ASCII letters such as
  // the Kelvin sign lower-case to ASCII: they are let through to the comparison).
  const first = rest.charCodeAt(0);
  if (first < 128 && !ATTRIBUTE_STARTS.has(rest.charAt(0).toLowerCase())) return null;
  const lower = rest.slice(0, ATTRIBUTE_NAME_CHARS).toLowerCase();
  if (lower.startsWith('encryption '))
    return { kind: 'ike.attribute', attribute: 'encryption', value: rest.slice(11).trim() };
  if (lower.startsWith('hash '))
    return { kind: 'ike.attribute', attribute: 'hash', value: rest.slice(5).trim() };
  if (lower.startsWith('default group '))
    return { kind: 'ike.attribute', attribute: 'group', value: rest.slice(14).trim() };
  if (lower.startsWith('group '))
    return { kind: 'ike.attribute', attribute: 'group', value: rest.slice(6).trim() };
  if (lower.startsWith('auth '))
    return { kind: 'ike.attribute', attribute: 'auth', value: rest.slice(5).trim() };
  if (lower.startsWith('keylength of '))
    return { kind: 'ike.attribute', attribute: 'keylength', value: rest.slice(13).trim() };
  if (lower.startsWith('life duration')) {
    const value = decodeLifeDuration(rest);
    return value === undefined ? null : { kind: 'ike.attribute', attribute: 'lifetime', value };
  }
  if (lower.startsWith('life type')) return { kind: 'ike.info', text: rest };
  return null;
}

function phase2Attribute(rest: string): Draft | null {
  if (!PHASE2_ATTRIBUTE_STARTS.has(rest.charAt(0).toLowerCase())) return null;
  const m =
    /^(authenticator is|encaps is|SA life type in|SA life duration|group is|key length is|HMAC algorithm is)\s*(.*)$/i.exec(
      rest,
    );
  if (!m?.[1]) return null;
  const name = m[1].toLowerCase().replace(/ (is|in)$/, '');
  const value = name === 'sa life duration' ? (decodeLifeDuration(rest) ?? m[2] ?? '') : (m[2] ?? '').trim();
  return { kind: 'ike.ipsec-attribute', name, value };
}

export function classifyIkeBody(rest: string): Draft | null {
  const c = rest.charCodeAt(0);
  // Lower-case starts: the most frequent negotiation steps.
  if (c >= 97 && c <= 122) {
    if (rest.startsWith('atts are acceptable')) return { kind: 'ike.atts-acceptable' };
    if (rest.startsWith('atts are not acceptable') || rest.startsWith('atts not acceptable'))
      return { kind: 'ike.atts-not-acceptable' };
    if (rest.startsWith('processing ')) {
      const p = /^processing (\w+) payload\.? ?(?:message ID = (\d+))?/.exec(rest);
      if (p?.[1])
        return { kind: 'ike.payload', payload: p[1], ...(p[2] !== undefined && { messageId: p[2] }) };
      const n = /^processing NOTIFY (\S+) protocol/i.exec(rest);
      if (n?.[1]) return { kind: 'ike.notify', notify: n[1] };
      const t = /^processing transaction payload from (\S+)/.exec(rest);
      if (t?.[1]) return { kind: 'ike.mode-config', text: rest, peer: cleanAddress(t[1]) };
    }
    if (rest.startsWith('no offers accepted')) return { kind: 'ike.no-offers-accepted' };
    if (rest.startsWith('phase 1 SA') || rest.startsWith('phase 2 SA')) {
      const m = /^phase ([12]) SA (?:policy )?not acceptable!?(?:.*local (\S+) remote (\S+?)\)?$)?/i.exec(
        rest,
      );
      if (m)
        return {
          kind: 'ike.sa-not-acceptable',
          phase1: m[1] === '1',
          ...(m[2] && { local: cleanAddress(m[2]) }),
          ...(m[3] && { peer: cleanAddress(m[3]) }),
        };
    }
    if (rest.startsWith('found peer pre-shared key match')) {
      const m = /match(?:ing|ed)\s+(\S+)/.exec(rest);
      return { kind: 'ike.psk-found', ...(m?.[1] && { peer: cleanAddress(m[1]) }) };
    }
    if (rest.startsWith('retransmit')) {
      const m = /^retransmit(?:ting)? phase ([12])\s*(?:\(\d+\)\s*)?([A-Z_0-9]+)?/.exec(rest);
      return { kind: 'ike.retransmit', ...(m?.[2] && { state: m[2] }) };
    }
    if (rest.startsWith('received packet from ') || rest.startsWith('sending packet to ')) {
      const m = /^(?:received packet from|sending packet to) (\S+) .*?\((I|R)\) ([A-Z_0-9]+)/.exec(rest);
      if (m?.[1])
        return { kind: 'ike.exchange', peer: cleanAddress(m[1]), role: m[2] as 'I' | 'R', state: m[3] ?? '' };
      const a = /^(?:received packet from|sending packet to) (\S+)/.exec(rest);
      return { kind: 'ike.exchange', ...(a?.[1] && { peer: cleanAddress(a[1]) }) };
    }
    if (rest.startsWith('beginning ')) {
      const m = /^beginning (Main|Aggressive|Quick) Mode exchange/i.exec(rest);
      if (m?.[1]) return { kind: 'ike.exchange', exchange: m[1] };
    }
    if (rest.startsWith('deleting SA reason')) {
      if (rest.includes('Death by retransmission')) return { kind: 'ike.gave-up', ...peerIn(rest) };
      return { kind: 'ike.info', text: rest, ...peerIn(rest) };
    }
    if (rest.startsWith('incrementing error counter on sa')) {
      if (/retransmit|attempt (\d+) of \1/.test(rest)) return { kind: 'ike.info', text: rest };
    }
    if (rest.startsWith('peer accepted the address') || rest.startsWith('initiating peer config')) {
      const m = /config to (\S+)/.exec(rest);
      return { kind: 'ike.mode-config', text: rest, ...(m?.[1] && { peer: cleanAddress(m[1]) }) };
    }
  }
  if (rest.startsWith('Checking ISAKMP transform')) {
    const m = /^Checking ISAKMP transform (?:(\d+) )?against priority (\d+) policy/.exec(rest);
    if (m?.[2])
      return {
        kind: 'ike.transform-check',
        priority: Number(m[2]),
        ...(m[1] && { transform: Number(m[1]) }),
      };
  }
  if (rest.startsWith('Checking IPSec proposal') || rest.startsWith('Checking IPsec proposal')) {
    const m = /proposal\s*(\d+)\s*(?:transform\s*(\d+),\s*(\S+))?/i.exec(rest);
    return {
      kind: 'ike.ipsec-proposal',
      ...(m?.[1] && { proposal: Number(m[1]) }),
      ...(m?.[2] && { transform: Number(m[2]) }),
      ...(m?.[3] && { transformName: m[3] }),
    };
  }
  if (rest.startsWith('transform ')) {
    const m = /^transform (\d+), (\S+)/.exec(rest);
    if (m?.[1]) return { kind: 'ike.ipsec-proposal', transform: Number(m[1]), transformName: m[2] ?? '' };
  }
  if (rest.includes('does not match') || rest.includes('mismatch')) {
    for (const [re, attr2] of ATTRIBUTE_MISMATCH)
      if (re.test(rest)) return { kind: 'ike.attr-mismatch', attribute: attr2 };
  }
  const attr = attribute(rest);
  if (attr) return attr;
  const p2 = phase2Attribute(rest);
  if (p2) return p2;
  if (/^(?:IKE |ISAKMP )?SA (?:policy )?not acceptable/i.test(rest))
    return { kind: 'ike.sa-not-acceptable', phase1: false };
  if (/SA has been authenticated|SA authentication status:\s*authenticated/.test(rest)) {
    return { kind: 'ike.authenticated', ...peerIn(rest) };
  }
  if (rest.startsWith('Old State')) {
    const m = /^Old State = (\S+)\s+New State = (\S+)/.exec(rest);
    if (m?.[2]) return { kind: 'ike.state-change', from: m[1] ?? '', to: m[2] };
  }
  if (/^No cert, and no keys \(public or pre-shared\) with remote peer/i.test(rest)) {
    const m = /remote peer (\S+)/i.exec(rest);
    return { kind: 'ike.no-keys', ...(m?.[1] && { peer: cleanAddress(m[1]) }) };
  }
  if (/reserved not zero on payload/i.test(rest)) {
    const m = /payload (\d+)/i.exec(rest);
    return { kind: 'ike.reserved-not-zero', ...(m?.[1] && { payload: m[1] }) };
  }
  if (/IPSec policy invalidated proposal/i.test(rest)) {
    const m = /with error (\d+)/.exec(rest);
    return { kind: 'ike.policy-invalidated', ...(m?.[1] && { error: m[1] }) };
  }
  if (rest.startsWith('ID_IPV4')) {
    const m = /^ID_(IPV4_\w+) (src|dst) (\S+)/.exec(rest);
    if (m?.[3]) return { kind: 'ike.id', idType: m[1] ?? '', addr: m[3], direction: m[2] as 'src' | 'dst' };
  }
  if (rest.startsWith('Created a peer node for')) {
    const m = /for (\S+)/.exec(rest);
    return { kind: 'ike.exchange', ...(m?.[1] && { peer: cleanAddress(m[1]) }) };
  }
  if (rest.startsWith('Creating IPSec SAs') && rest.includes('has spi')) {
    const spi = /has spi (\S+)/.exec(rest)?.[1];
    return { kind: 'ipsec.sa-created', ...(spi && { spi }) };
  }
  if (/^SKEYID state generated|^Need config|^Creating IPSec SAs|^attributes in transform/.test(rest)) {
    return { kind: 'ike.info', text: rest };
  }
  return null;
}

function peerIn(text: string): { peer?: string } {
  const m = /(?:peer|with|remote)\s+(\d{1,3}(?:\.\d{1,3}){3})/.exec(text);
  return m?.[1] ? { peer: m[1] } : {};
}
