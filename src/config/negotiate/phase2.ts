import { PHASE2_LIFETIME_DEFAULTS } from '../defaults.js';
import type { AclEntry, CryptoMapEntry, DeviceConfig, TransformSet } from '../model.js';
import { TrafficSet, entryTraffic, permittedTraffic } from '../traffic/index.js';
import { entryAcceptsPeer, walkEntries, type IkeEndpoint } from './endpoints.js';

const aclTrafficCache = new WeakMap<readonly AclEntry[], TrafficSet>();

/** What an entry's crypto ACL protects (from this device's point of view: local → remote). */
export function protectedTraffic(d: DeviceConfig, entry: CryptoMapEntry): TrafficSet | undefined {
  if (entry.matchAddress === undefined) return undefined;
  const acl = d.acls.get(entry.matchAddress);
  if (!acl) return undefined;
  let t = aclTrafficCache.get(acl.entries);
  if (!t) {
    t = permittedTraffic(acl.entries);
    aclTrafficCache.set(acl.entries, t);
  }
  return t;
}

/** The proxy identities an initiator proposes: one per permit line of its crypto ACL. */
export interface Proposal {
  line: AclEntry;
  /** As the responder reads it: its local side first. */
  asSeenByResponder: TrafficSet;
}

export function proposals(d: DeviceConfig, entry: CryptoMapEntry): Proposal[] {
  const acl = entry.matchAddress !== undefined ? d.acls.get(entry.matchAddress) : undefined;
  return (acl?.entries ?? [])
    .filter((e) => e.action === 'permit')
    .map((line) => ({ line, asSeenByResponder: entryTraffic(line).mirror() }));
}

export type EntryChoice =
  | { entry: CryptoMapEntry }
  /** The first entry whose ACL takes the proxies does not name this peer (`peer address X not found`). */
  | { peerNotFound: CryptoMapEntry; owner?: CryptoMapEntry }
  /** No entry's ACL takes the proxies (`proxy identities not supported`). */
  | { noMatch: CryptoMapEntry[] };

/**
 * The responder's walk for a quick-mode proposal: entries of the map on the receiving
 * interface in sequence order; the first whose crypto ACL contains the proposed proxies is
 * chosen, and only then is the peer checked.
 */
export function selectResponderEntry(
  d: DeviceConfig,
  endpoint: IkeEndpoint,
  peer: string,
  proposal: TrafficSet,
): EntryChoice {
  const entries = endpoint.map ? walkEntries(d, endpoint.map) : [];
  const covers = (e: CryptoMapEntry) => {
    const t = protectedTraffic(d, e);
    return e.matchAddress === undefined ? true : t !== undefined && proposal.isSubsetOf(t);
  };
  const first = entries.find(covers);
  if (!first) return { noMatch: entries.filter((e) => entryAcceptsPeer(d, e, peer)) };
  if (entryAcceptsPeer(d, first, peer)) return { entry: first };
  // Only a static entry can be "the entry for this peer": a dynamic entry is consulted when no
  // static entry matches the proxies, not after one matched with another peer.
  const owner = entries.find(
    (e) => e !== first && !isDynamic(d, e) && entryAcceptsPeer(d, e, peer) && covers(e),
  );
  return owner ? { peerNotFound: first, owner } : { peerNotFound: first };
}

function isDynamic(d: DeviceConfig, e: CryptoMapEntry): boolean {
  return d.dynamicMaps.some((m) => m.entries.includes(e));
}

/** `esp-aes` is `esp-aes-128`; the order of transforms in a set does not matter. */
function canonical(t: TransformSet): string {
  return t.transforms
    .map((x) => x.replace(/^esp-aes-128$/, 'esp-aes'))
    .sort()
    .join(' ');
}

export function sameTransforms(a: TransformSet, b: TransformSet): boolean {
  return canonical(a) === canonical(b);
}

/** The responder takes the initiator's offers in order, the first equal to one of its own sets. */
export function selectTransform(
  offered: readonly TransformSet[],
  local: readonly TransformSet[],
): { offer: TransformSet; local: TransformSet } | undefined {
  for (const offer of offered) {
    const match = local.find((l) => sameTransforms(l, offer));
    if (match) return { offer, local: match };
  }
  return undefined;
}

export function transformSetsOf(d: DeviceConfig, entry: CryptoMapEntry): TransformSet[] {
  return entry.transformSets.flatMap((n) => d.transformSets.filter((t) => t.name === n));
}

/**
 * PFS in quick mode: a responder that requires PFS refuses an offer without it or with another
 * DH group; a responder without PFS accepts what the initiator asks for.
 */
export function pfsAccepted(offered: number | undefined, required: number | undefined): boolean {
  return required === undefined || offered === required;
}

export function phase2Lifetime(d: DeviceConfig, entry: CryptoMapEntry): number {
  return entry.lifetimeSeconds ?? d.phase2Lifetime?.seconds ?? PHASE2_LIFETIME_DEFAULTS[d.platform].seconds;
}
