import { createHash } from 'node:crypto';
import { prefixLength, toUint } from '../parse/address.js';
import type { DeviceConfig, PresharedKey } from '../model.js';
import { interfaceByName } from './endpoints.js';

interface IndexedKey {
  key: PresharedKey;
  net: number;
  mask: number;
  /** Mask length ×2, +1 when bound to a local address: the order of preference. */
  rank: number;
}

interface KeyIndex {
  /** /32 keys by address: the common case, looked up directly. */
  hosts: Map<number, IndexedKey[]>;
  /** Keys for subnets (and the wildcard 0.0.0.0/0), scanned. */
  subnets: IndexedKey[];
}

const indexes = new WeakMap<DeviceConfig, KeyIndex>();

function indexOf(d: DeviceConfig): KeyIndex {
  let index = indexes.get(d);
  if (index) return index;
  index = { hosts: new Map(), subnets: [] };
  for (const key of d.keys) {
    const net = toUint(key.address);
    const mask = toUint(key.mask);
    if (net === undefined || mask === undefined) continue;
    const rank = (prefixLength(key.mask) ?? 0) * 2 + (key.localAddress !== undefined ? 1 : 0);
    const k: IndexedKey = { key, net: (net & mask) >>> 0, mask, rank };
    if (mask === 0xffffffff) index.hosts.set(net, [...(index.hosts.get(net) ?? []), k]);
    else index.subnets.push(k);
  }
  indexes.set(d, index);
  return index;
}

/**
 * The key a device uses with `peer`: the most specific address/mask that covers it; a keyring
 * bound to a local address serves only IKE on that address, and wins a tie with an unbound one.
 */
export function keyFor(d: DeviceConfig, peer: string, localAddress?: string): PresharedKey | undefined {
  const p = toUint(peer);
  if (p === undefined) return undefined;
  const index = indexOf(d);
  let best: IndexedKey | undefined;
  for (const k of [...(index.hosts.get(p) ?? []), ...index.subnets]) {
    if ((p & k.mask) >>> 0 !== k.net) continue;
    if (k.key.localAddress !== undefined && localAddress !== undefined) {
      const bound = interfaceByName(d, k.key.localAddress)?.address ?? k.key.localAddress;
      if (bound !== localAddress) continue;
    }
    const rank = k.rank - (k.key.localAddress !== undefined && localAddress === undefined ? 1 : 0);
    if (!best || rank > best.rank) best = { ...k, rank };
  }
  return best?.key;
}

/**
 * A short salted digest of a key, so two people can see that keys differ without either seeing
 * a key. The salt is the pair of peer addresses: the same key on the same tunnel prints the same
 * fingerprint in every run, and fingerprints of different tunnels cannot be compared.
 */
export function fingerprint(secret: string, a: string, b: string): string {
  const salt = [a, b].sort().join('|');
  return createHash('sha256').update(`ipsec-doctor\u0000${salt}\u0000${secret}`).digest('hex').slice(0, 8);
}
