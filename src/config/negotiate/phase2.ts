import { PHASE2_LIFETIME_DEFAULTS } from '../defaults.js';
import type { AclEntry, CryptoMapEntry, DeviceConfig, TransformSet } from '../model.js';
import { type TrafficSet, entryTraffic } from '../traffic/index.js';
import { ANY } from '../parse/address.js';
import { VTI_ACL, entryAcceptsPeer, type IkeEndpoint } from './endpoints.js';
import { type IndexedEntry, candidatesFor, mapIndex, remoteBounds } from './entry-index.js';

/** The proxy identities an initiator proposes: one per permit line of its crypto ACL. */
export interface Proposal {
  line: AclEntry;
  /** As the responder reads it: its local side first. */
  asSeenByResponder: TrafficSet;
}

export function proposals(d: DeviceConfig, entry: CryptoMapEntry): Proposal[] {
  const acl =
    entry.matchAddress === VTI_ACL
      ? { entries: [{ action: 'permit' as const, src: ANY, dst: ANY, ref: entry.ref }] }
      : entry.matchAddress !== undefined
        ? d.acls.get(entry.matchAddress)
        : undefined;
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
 * chosen, and only then is the peer checked. Only entries whose ACL reaches the proposal's
 * remote addresses are tried (an index per map): a hub's thousands of entries are not walked.
 */
export function selectResponderEntry(
  d: DeviceConfig,
  endpoint: IkeEndpoint,
  peer: string,
  proposal: TrafficSet,
): EntryChoice {
  if (!endpoint.map) return { noMatch: [] };
  const index = mapIndex(d, endpoint.map);
  // A VTI takes exactly its own proxies (any ↔ any); a crypto map entry anything its ACL contains.
  const covers = (x: IndexedEntry) =>
    x.traffic === undefined
      ? x.entry.matchAddress === undefined
      : x.entry.vtiProfile !== undefined
        ? proposal.equals(x.traffic)
        : proposal.isSubsetOf(x.traffic);
  const candidates = candidatesFor(index, remoteBounds(proposal));
  const first = candidates.find(covers);
  if (!first) return { noMatch: index.all.map((x) => x.entry).filter((e) => entryAcceptsPeer(d, e, peer)) };
  if (entryAcceptsPeer(d, first.entry, peer)) return { entry: first.entry };
  // Only a static entry can be "the entry for this peer": a dynamic entry is consulted when no
  // static entry matches the proxies, not after one matched with another peer.
  const owner = candidates.find(
    (x) => x !== first && !isDynamic(d, x.entry) && entryAcceptsPeer(d, x.entry, peer) && covers(x),
  );
  return owner ? { peerNotFound: first.entry, owner: owner.entry } : { peerNotFound: first.entry };
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

function sameTransforms(a: TransformSet, b: TransformSet): boolean {
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
