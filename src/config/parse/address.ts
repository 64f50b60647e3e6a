import ipaddr from 'ipaddr.js';
import type { AddressMatch } from '../model.js';

/**
 * Parsed addresses: a fleet audit looks the same few thousand addresses up millions of times.
 * Bounded, so hostile input cannot grow it without limit.
 */
const parsed = new Map<string, number | undefined>();
const MAX_MEMO = 200_000;

/** Dotted quad → uint32, or undefined when the text is not an IPv4 address. */
export function toUint(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (parsed.has(text)) return parsed.get(text);
  let n: number | undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(text).octets;
    n = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  }
  if (parsed.size >= MAX_MEMO) parsed.clear();
  parsed.set(text, n);
  return n;
}

export function fromUint(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A subnet mask (contiguous ones) as a prefix length; undefined when the mask is not contiguous. */
export function prefixLength(mask: string): number | undefined {
  try {
    return ipaddr.IPv4.parse(mask).prefixLengthFromSubnetMask() ?? undefined;
  } catch {
    return undefined;
  }
}

export const ANY: AddressMatch = { addr: 0, wildcard: 0xffffffff };

export function host(addr: number): AddressMatch {
  return { addr, wildcard: 0 };
}

/** ACL form: address + wildcard (IOS). */
export function withWildcard(addr: number, wildcard: number): AddressMatch {
  return { addr: (addr & ~wildcard) >>> 0, wildcard: wildcard >>> 0 };
}

/** Firewall form: address + subnet mask (PIX/ASA ACLs, routes, NAT). */
export function withMask(addr: number, mask: number): AddressMatch {
  return withWildcard(addr, ~mask >>> 0);
}

export function contains(match: AddressMatch, addr: number): boolean {
  return (addr & ~match.wildcard) >>> 0 === match.addr;
}

/** `host a`, `any`, `a w` (IOS) — the way an engineer writes the match back into an ACL. */
export function aclWords(m: AddressMatch, form: 'wildcard' | 'mask' = 'wildcard'): string {
  if (m.wildcard === 0xffffffff) return 'any';
  if (m.wildcard === 0) return `host ${fromUint(m.addr)}`;
  return `${fromUint(m.addr)} ${fromUint(form === 'wildcard' ? m.wildcard : ~m.wildcard >>> 0)}`;
}

/** Whether `addr` lies in the subnet `net`/`mask` (dotted quads). */
export function inSubnet(addr: string, net: string, mask: string): boolean {
  const a = toUint(addr);
  const n = toUint(net);
  const m = toUint(mask);
  if (a === undefined || n === undefined || m === undefined) return false;
  return (a & m) >>> 0 === (n & m) >>> 0;
}
