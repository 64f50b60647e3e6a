import { toUint } from '../parse/address.js';
import type { CryptoMap, CryptoMapEntry, DeviceConfig, Interface } from '../model.js';

/** Where a device speaks IKE: a crypto-map interface (or its local-address) or a VTI's tunnel source. */
export interface IkeEndpoint {
  address: string;
  /** The interface the crypto map is applied to (or the tunnel interface). */
  interface: Interface;
  map?: CryptoMap;
}

export function interfaceByName(d: DeviceConfig, name: string): Interface | undefined {
  const n = name.toLowerCase();
  return d.interfaces.find((i) => i.name.toLowerCase() === n || i.nameif?.toLowerCase() === n);
}

/** The interface that holds `address`, if any. */
export function interfaceWithAddress(d: DeviceConfig, address: string): Interface | undefined {
  return d.interfaces.find((i) => i.address === address);
}

/** Every address configured on the device's interfaces. */
export function addresses(d: DeviceConfig): Set<string> {
  return new Set(d.interfaces.flatMap((i) => (i.address ? [i.address] : [])));
}

const endpointCache = new WeakMap<DeviceConfig, IkeEndpoint[]>();

/** Parsed configurations are not changed afterwards: their endpoints are computed once. */
export function ikeEndpoints(d: DeviceConfig): IkeEndpoint[] {
  const cached = endpointCache.get(d);
  if (cached) return cached;
  const out: IkeEndpoint[] = [];
  endpointCache.set(d, out);
  for (const itf of d.interfaces) {
    if (itf.cryptoMap !== undefined) {
      const map = d.cryptoMaps.find((m) => m.name === itf.cryptoMap);
      const local = map?.localAddressInterface ? interfaceByName(d, map.localAddressInterface) : itf;
      const address = local?.address;
      if (address) out.push({ address, interface: itf, ...(map && { map }) });
    }
    const source = itf.tunnel?.protectionProfile !== undefined ? itf.tunnel.source : undefined;
    if (source !== undefined) {
      const address = toUint(source) !== undefined ? source : interfaceByName(d, source)?.address;
      if (address) out.push({ address, interface: itf });
    }
  }
  return out;
}

/**
 * Entries of a map as the device walks them when a peer proposes: static entries by sequence,
 * a `dynamic` entry standing for the dynamic map's own entries at its place.
 */
export function walkEntries(d: DeviceConfig, map: CryptoMap): CryptoMapEntry[] {
  const out: CryptoMapEntry[] = [];
  for (const e of map.entries) {
    if (e.kind === 'ipsec-manual') continue;
    if (e.kind !== 'dynamic') out.push(e);
    else out.push(...(d.dynamicMaps.find((m) => m.name === e.dynamicMap)?.entries ?? []));
  }
  return out;
}

/** A dynamic-map entry accepts any peer; a static entry only those it names. */
export function entryAcceptsPeer(d: DeviceConfig, entry: CryptoMapEntry, peer: string): boolean {
  if (d.dynamicMaps.some((m) => m.entries.includes(entry)))
    return entry.peers.length === 0 || entry.peers.includes(peer);
  return entry.peers.includes(peer);
}
