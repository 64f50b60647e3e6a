import { toUint } from '../parse/address.js';
import type { CryptoMap, CryptoMapEntry, DeviceConfig, Interface } from '../model.js';

/** Where a device speaks IKE: a crypto-map interface (or its local-address) or a VTI's tunnel source. */
export interface IkeEndpoint {
  address: string;
  /** The interface the crypto map is applied to (or the tunnel interface). */
  interface: Interface;
  map?: CryptoMap;
  /** A VTI: `map` is its one-entry stand-in (see vtiMap). */
  vti?: boolean;
}

/** The crypto ACL a VTI's proxies amount to: `permit ip any any` (tunnel mode ipsec ipv4). */
export const VTI_ACL = 'tunnel protection (ip any any)';

/**
 * A VTI negotiates like a one-entry crypto map: its tunnel destination as the peer, any ↔ any as
 * proxies, transforms, PFS and lifetime from its `crypto ipsec profile`; the same decision rules
 * then apply. Undefined when the profile or the destination is missing (lint reports those).
 */
function vtiMap(d: DeviceConfig, itf: Interface): CryptoMap | undefined {
  const profile = d.ipsecProfiles.find((p) => p.name === itf.tunnel?.protectionProfile);
  const destination = itf.tunnel?.destination;
  if (!profile || destination === undefined || toUint(destination) === undefined) return undefined;
  const entry: CryptoMapEntry = {
    map: itf.name,
    seq: 1,
    kind: 'ipsec-isakmp',
    peers: [destination],
    transformSets: profile.transformSets,
    matchAddress: VTI_ACL,
    ...(profile.pfsGroup !== undefined && { pfsGroup: profile.pfsGroup }),
    ...(profile.lifetimeSeconds !== undefined && { lifetimeSeconds: profile.lifetimeSeconds }),
    ...(profile.isakmpProfile !== undefined && { isakmpProfile: profile.isakmpProfile }),
    vtiProfile: profile.name,
    ref: itf.ref,
    lines: [itf.ref, profile.ref],
  };
  return { name: itf.name, entries: [entry], ref: itf.ref };
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
    const source =
      itf.tunnel?.protectionProfile !== undefined && !itf.shutdown ? itf.tunnel.source : undefined;
    if (source !== undefined) {
      const address = toUint(source) !== undefined ? source : interfaceByName(d, source)?.address;
      const map = vtiMap(d, itf);
      if (address) out.push({ address, interface: itf, vti: true, ...(map && { map }) });
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
