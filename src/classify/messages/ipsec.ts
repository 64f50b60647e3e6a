import type { KeyEngineMessage } from '../../model/events.js';
import { cleanAddress, type Draft } from '../draft.js';
import { isSpace, isWordLetter, skipSpaces } from '../chars.js';

/** `IPSEC(fn): …` messages of `debug crypto ipsec`, including the multi-line `(key eng. msg.)` blocks. */

/** Whether a character is one `[\s,(]+$` strips from the end of a field's value. */
function isValueTrail(c: number): boolean {
  return c === 44 /* , */ || c === 40 /* ( */ || isSpace(c);
}

/**
 * A field's value, `text[start, end)`, without trailing blanks, commas and `(` and then one `)`
 * (`10.1.1.0/255.255.255.0/0/0 (` before `type=4),`): what
 * `.replace(/[\s,(]+$/, '').replace(/\)$/, '').trim()` leaves. It starts after `=\s*`, so only its end
 * needs trimming.
 */
function fieldValue(text: string, start: number, end: number): string {
  while (end > start && isValueTrail(text.charCodeAt(end - 1))) end--;
  if (end > start && text.charCodeAt(end - 1) === 41 /* ) */) end--;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * `dest= 12.1.1.2, SRC= 12.1.1.1, dest_proxy= 10.1.1.0/255.255.255.0/0/0 (type=4), …` → fields.
 * Keys are what the global pattern `([A-Za-z_]+)\s*=\s*` finds, read by one scan instead: that pattern retries every
 * shorter run of letters of each word that is not a key, and builds a match array per key.
 */
export function parseKeyEngineFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let lastProxy: string | undefined;
  // The key being read and where its value starts.
  let key: string | undefined;
  let valueStart = 0;
  const store = (end: number) => {
    if (key === undefined) return;
    const value = fieldValue(text, valueStart, end);
    if (key === 'type' && lastProxy !== undefined) {
      fields[`${lastProxy}_type`] = value;
      return;
    }
    if (key.endsWith('proxy')) lastProxy = key;
    fields[key] = value;
  };
  let pos = 0;
  while (pos < text.length) {
    if (!isWordLetter(text.charCodeAt(pos))) {
      pos++;
      continue;
    }
    // A run of letters is a key only whole: a shorter run would be followed by a letter, not `=`.
    const start = pos;
    while (isWordLetter(text.charCodeAt(pos))) pos++;
    const equals = skipSpaces(text, pos);
    if (text.charCodeAt(equals) !== 61 /* = */) continue;
    store(start);
    key = text.slice(start, pos).toLowerCase();
    valueStart = skipSpaces(text, equals + 1);
    pos = valueStart;
  }
  store(text.length);
  return fields;
}

export function keyEngineMessage(fn: string, text: string): KeyEngineMessage {
  const f = parseKeyEngineFields(text);
  const msg: KeyEngineMessage = { fn };
  // Newer IOS prints `local=`/`remote=` with `local_proxy=`/`remote_proxy=` and INBOUND/OUTBOUND.
  const inbound = /\bINBOUND\b/.test(text);
  const src = f['src'] ?? (inbound ? f['remote'] : f['local']);
  const dest = f['dest'] ?? (inbound ? f['local'] : f['remote']);
  const srcProxy = f['src_proxy'] ?? (inbound ? f['remote_proxy'] : f['local_proxy']);
  const destProxy = f['dest_proxy'] ?? (inbound ? f['local_proxy'] : f['remote_proxy']);
  const set = <K extends keyof KeyEngineMessage>(k: K, v: KeyEngineMessage[K] | undefined) => {
    if (v !== undefined && v !== '') msg[k] = v;
  };
  set('src', cleanAddress(src?.replace(/:\d+$/, '')));
  set('dest', cleanAddress(dest?.replace(/:\d+$/, '')));
  set('srcProxy', srcProxy);
  set('destProxy', destProxy);
  set('srcProxyType', f['src_proxy_type'] ?? f[inbound ? 'remote_proxy_type' : 'local_proxy_type']);
  set('destProxyType', f['dest_proxy_type'] ?? f[inbound ? 'local_proxy_type' : 'remote_proxy_type']);
  set('local', cleanAddress(f['local']?.replace(/:\d+$/, '')));
  set('protocol', f['protocol']);
  set('transform', f['transform']?.replace(/\s*,$/, ''));
  set('lifedur', f['lifedur']);
  set('spi', f['spi']);
  set('connId', f['conn_id']);
  const part = /proposal part #(\d+)/.exec(text);
  if (part?.[1]) msg.part = Number(part[1]);
  return msg;
}

/** `IPSEC(fn): rest` → event. `fn` lower-cased. */
export function classifyIpsec(fn: string, rest: string): Draft | null {
  const lower = rest.toLowerCase();
  if (lower.includes('transform proposal')) {
    const m = /\((?:prot|port|proto)\s*(\d+),\s*trans\s*(\d+),\s*hmac_alg\s*(\d+)\)/i.exec(rest);
    if (lower.includes('not supported'))
      return {
        kind: 'ipsec.transform-unsupported',
        ...(m && { prot: Number(m[1]), trans: Number(m[2]), hmac: Number(m[3]) }),
      };
  }
  if (lower.includes('proxy identities not supported')) return { kind: 'ipsec.proxy-unsupported' };
  if (lower.includes('pfs mismatch')) return { kind: 'ike.pfs-mismatch' };
  if (lower.includes('invalid local address')) {
    const m = /invalid local address (\S+)/i.exec(rest);
    return { kind: 'ipsec.invalid-local-address', address: cleanAddress(m?.[1]) ?? '' };
  }
  if (lower.includes('not found') && lower.includes('peer address')) {
    const m = /peer address (\S+) not found/i.exec(rest);
    return { kind: 'ipsec.peer-not-found', ...(m?.[1] && { peer: cleanAddress(m[1]) }) };
  }
  if (lower.includes('invalid proxy id')) return { kind: 'ipsec.invalid-proxy-ids' };
  if (lower.includes('pfs') && lower.includes('mismatch')) return { kind: 'ike.pfs-mismatch' };
  if (fn === 'create_sa' && lower.includes('sa created')) {
    const f = parseKeyEngineFields(rest);
    // IOS 12 prints `sa_prot=`, IOS 15 and IOS-XE `sa_proto=`.
    const prot = f['sa_prot'] ?? f['sa_proto'];
    return {
      kind: 'ipsec.sa-created',
      ...(f['sa_dest'] && { dest: cleanAddress(f['sa_dest']) }),
      ...(prot && { prot }),
      ...(f['sa_spi'] && { spi: f['sa_spi'] }),
      ...(f['sa_trans'] && { transform: f['sa_trans'].replace(/\s*,$/, '') }),
      ...(f['sa_conn_id'] && { saConnId: f['sa_conn_id'] }),
    };
  }
  if (fn === 'spi_response') {
    const m = /getting spi (\S+) for SA\s+from\s+(\S+)\s+to\s+(\S+)\s+for prot (\d+)/i.exec(rest);
    if (m?.[1])
      return { kind: 'ipsec.spi-response', spi: m[1], from: m[2] ?? '', to: m[3] ?? '', prot: m[4] ?? '' };
  }
  if (lower.includes('key eng. msg') || lower.includes('proposal part') || fn === 'initialize_sas') {
    return { kind: 'ipsec.key-eng', msg: keyEngineMessage(fn, rest) };
  }
  if (lower.includes('queue event')) return { kind: 'ipsec.queue-event' };
  return null;
}
