import { createHash } from 'node:crypto';
import { inSubnet, prefixLength } from '../parse/address.js';
import type { DeviceConfig, PresharedKey } from '../model.js';
import { interfaceByName } from './endpoints.js';

/**
 * The key a device uses with `peer`: the most specific address/mask that covers it; a keyring
 * bound to a local address serves only IKE on that address.
 */
export function keyFor(d: DeviceConfig, peer: string, localAddress?: string): PresharedKey | undefined {
  let best: PresharedKey | undefined;
  let bestLength = -1;
  for (const k of d.keys) {
    if (!inSubnet(peer, k.address, k.mask)) continue;
    if (k.localAddress !== undefined && localAddress !== undefined) {
      const bound = interfaceByName(d, k.localAddress)?.address ?? k.localAddress;
      if (bound !== localAddress) continue;
    }
    // A key bound to this local address is more specific than an unbound one of the same mask.
    const length =
      (prefixLength(k.mask) ?? 0) * 2 + (k.localAddress !== undefined && localAddress !== undefined ? 1 : 0);
    if (length > bestLength) {
      best = k;
      bestLength = length;
    }
  }
  return best;
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
