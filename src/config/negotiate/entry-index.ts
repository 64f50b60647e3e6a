import type { CryptoMap, CryptoMapEntry, DeviceConfig } from '../model.js';
import { TrafficSet, permittedTraffic } from '../traffic/index.js';
import { VTI_ACL, walkEntries } from './endpoints.js';

const aclTrafficCache = new WeakMap<readonly unknown[], TrafficSet>();

/** What an entry's crypto ACL protects (from this device's point of view: local → remote). */
export function protectedTraffic(d: DeviceConfig, entry: CryptoMapEntry): TrafficSet | undefined {
  if (entry.matchAddress === undefined) return undefined;
  if (entry.matchAddress === VTI_ACL) return TrafficSet.ALL;
  const acl = d.acls.get(entry.matchAddress);
  if (!acl) return undefined;
  let t = aclTrafficCache.get(acl.entries);
  if (!t) {
    t = permittedTraffic(acl.entries);
    aclTrafficCache.set(acl.entries, t);
  }
  return t;
}

/** The span of remote (destination) addresses a set of flows reaches. */
export interface Bounds {
  lo: number;
  hi: number;
}

export function remoteBounds(t: TrafficSet): Bounds {
  let lo = 0xffffffff;
  let hi = 0;
  for (const c of t.cubes) {
    lo = Math.min(lo, c.dst.value);
    hi = Math.max(hi, (c.dst.value | ~c.dst.care) >>> 0);
  }
  return lo > hi ? { lo: 0, hi: -1 } : { lo, hi };
}

export interface IndexedEntry extends Bounds {
  entry: CryptoMapEntry;
  /** Position in the device's walk of the map. */
  order: number;
  /** Undefined: the entry has no crypto ACL and takes any proxies (a dynamic template). */
  traffic?: TrafficSet;
}

interface MapIndex {
  /** Every entry in walk order (entries whose ACL is not defined included, without traffic). */
  all: IndexedEntry[];
  /** Entries whose remote span stays inside one /16, by that /16. */
  buckets: Map<number, IndexedEntry[]>;
  /** Entries that span several /16 (or take anything): candidates for every proposal. */
  broad: IndexedEntry[];
}

const BLOCK_SHIFT = 16;
const indexes = new WeakMap<CryptoMap, MapIndex>();

/**
 * The entries of a map, indexed by the remote addresses their ACLs reach, so a proposal is
 * checked against the few entries that could contain it rather than every entry of a hub.
 */
export function mapIndex(d: DeviceConfig, map: CryptoMap): MapIndex {
  let index = indexes.get(map);
  if (index) return index;
  index = { all: [], buckets: new Map(), broad: [] };
  for (const [order, entry] of walkEntries(d, map).entries()) {
    const traffic = protectedTraffic(d, entry);
    const any = entry.matchAddress === undefined;
    const { lo, hi } = traffic ? remoteBounds(traffic) : any ? { lo: 0, hi: 0xffffffff } : { lo: 0, hi: -1 };
    const indexed: IndexedEntry = { entry, order, lo, hi, ...(traffic && { traffic }) };
    index.all.push(indexed);
    if (hi < lo) continue; // An ACL that is not defined (or permits nothing) covers no proposal.
    if (lo >>> BLOCK_SHIFT === hi >>> BLOCK_SHIFT) {
      const block = lo >>> BLOCK_SHIFT;
      index.buckets.set(block, [...(index.buckets.get(block) ?? []), indexed]);
    } else index.broad.push(indexed);
  }
  indexes.set(map, index);
  return index;
}

/**
 * Entries that could contain a proposal reaching `bounds`, in walk order: only those whose span
 * includes it can (an entry containing the proposal reaches at least its remote addresses).
 */
export function candidatesFor(index: MapIndex, bounds: Bounds): IndexedEntry[] {
  const block = bounds.lo >>> BLOCK_SHIFT;
  const local = block === bounds.hi >>> BLOCK_SHIFT ? (index.buckets.get(block) ?? []) : index.all;
  const out = [...local, ...index.broad].filter((x) => x.lo <= bounds.lo && x.hi >= bounds.hi);
  return out.sort((a, b) => a.order - b.order).filter((x, i, list) => i === 0 || list[i - 1] !== x);
}
