import type { Outcome } from '../../pipeline/report.js';
import type { CryptoMapEntry, DeviceConfig } from '../model.js';
import { type IkeEndpoint, addresses, ikeEndpoints, walkEntries } from '../negotiate/endpoints.js';
import {
  type DirectionResult,
  type Failure,
  type Party,
  type Side,
  negotiate,
} from '../negotiate/negotiate.js';
import { phase2Lifetime } from '../negotiate/phase2.js';
import { fixCommands } from './fixes.js';
import { type ConfigHit, lines, nameOf } from './hit.js';

export interface PairResult {
  hits: ConfigHit[];
  outcome: Outcome;
  directions: DirectionResult[];
}

interface Initiating {
  entry: CryptoMapEntry;
  endpoint: IkeEndpoint;
  /** Position in the device's own walk: endpoints in order, each map's entries in order. */
  order: number;
}

const byPeerCache = new WeakMap<DeviceConfig, Map<string, Initiating[]>>();

/** A device's static entries by the peer addresses they name: a hub is indexed once. */
function entriesByPeer(d: DeviceConfig): Map<string, Initiating[]> {
  let index = byPeerCache.get(d);
  if (index) return index;
  index = new Map();
  const seen = new Set<CryptoMapEntry>();
  let order = 0;
  for (const endpoint of ikeEndpoints(d)) {
    if (!endpoint.map) continue;
    for (const entry of walkEntries(d, endpoint.map)) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      const item = { entry, endpoint, order: order++ };
      for (const p of new Set(entry.peers)) index.set(p, [...(index.get(p) ?? []), item]);
    }
  }
  byPeerCache.set(d, index);
  return index;
}

/** Every crypto map entry of `from` that names an address of `to` as its peer, with its IKE source. */
function initiations(from: Party, to: Party): { run: () => DirectionResult }[] {
  const theirs = new Set([...addresses(to.device), ...ikeEndpoints(to.device).map((e) => e.address)]);
  const index = entriesByPeer(from.device);
  const found = new Map<CryptoMapEntry, Initiating>();
  for (const address of theirs) for (const item of index.get(address) ?? []) found.set(item.entry, item);
  return [...found.values()]
    .sort((a, b) => a.order - b.order)
    .map(({ entry, endpoint }) => {
      const peer = entry.peers.find((p) => theirs.has(p))!;
      return { run: () => negotiate(from, to, entry, endpoint, peer) };
    });
}

/**
 * `check A B`: plays the negotiation both ways (each side's entries that name the other), then
 * compares what both would agree on (lifetimes). When the two directions end differently, the
 * outcome says so for each.
 */
export function checkPair(a: DeviceConfig, b: DeviceConfig): PairResult {
  const A: Party = { side: 'a', device: a };
  const B: Party = { side: 'b', device: b };
  const aToB = initiations(A, B).map((x) => x.run());
  const bToA = initiations(B, A).map((x) => x.run());
  const directions = [...aToB, ...bToA];
  const hits: ConfigHit[] = [];
  if (directions.length === 0) hits.push(unrelated(a, b));
  const failures = new Map<string, { f: Failure; dirs: DirectionResult[] }>();
  for (const d of directions) {
    if (!d.failure) continue;
    // A fault both directions run into (keys, transforms) is one finding, fixed on one side.
    const key = d.failure.code;
    const known = failures.get(key);
    if (known) known.dirs.push(d);
    else failures.set(key, { f: d.failure, dirs: [d] });
  }
  for (const { f, dirs } of rootCauses([...failures.values()]))
    // An undefined name is the device's own fault, which lint reports once with its line.
    if (f.code !== 'UNDEFINED_REFERENCE') hits.push(failureHit(A, B, f, dirs, directions));
  hits.push(...lifetimeHits(A, B, directions));
  return { hits, outcome: outcomeOf(aToB, bToA), directions };
}

function device(A: Party, B: Party, side: Side): DeviceConfig {
  return side === 'a' ? A.device : B.device;
}

function failureHit(
  A: Party,
  B: Party,
  f: Failure,
  dirs: DirectionResult[],
  all: DirectionResult[],
): ConfigHit {
  const fixOn = device(A, B, f.fix);
  const first = dirs[0]!;
  const other = device(A, B, f.fix === 'a' ? 'b' : 'a');
  const failsWhen = [...new Set(dirs.map((d) => `${d.initiator}-initiates`))];
  const directional = all.some((d) => d.established || (d.failure && d.failure.code !== f.code));
  const hit: ConfigHit = {
    code: f.code,
    device: fixOn,
    peer: f.fix === first.initiator ? first.to : first.from,
    refs: lines(...f.refs),
    details: {
      ...f.details,
      fixOn: f.fix,
      failsWhen,
      ...(directional && { dependsOnInitiator: true }),
    },
    context: f.details['identical'] ? 'identical' : 'config',
    commands: fixCommands(f, fixOn, other, first),
  };
  if (f.code === 'LIFETIME_MISMATCH') hit.severity = 'error';
  return hit;
}

/**
 * A forced `local-address` is one fault with two faces: the side refuses quick mode on the
 * address the peer uses ("invalid local address") and, initiating, it sources IKE from an
 * address the peer has no key or entry for. The second face is not reported on its own.
 */
function rootCauses(
  failures: { f: Failure; dirs: DirectionResult[] }[],
): { f: Failure; dirs: DirectionResult[] }[] {
  const forced = failures.find(
    (x) => x.f.code === 'INVALID_LOCAL_ADDRESS' && x.f.details['localAddress'] !== undefined,
  );
  if (!forced) return failures;
  const side = forced.f.fix;
  return failures.filter((x) => x === forced || !x.dirs.every((d) => d.initiator === side));
}

/** Neither configuration names the other as a peer: most likely the wrong pair of files, or a wrong `set peer`. */
function unrelated(a: DeviceConfig, b: DeviceConfig): ConfigHit {
  const peersOf = (d: DeviceConfig) => [
    ...new Set(d.cryptoMaps.flatMap((m) => m.entries.flatMap((e) => e.peers))),
  ];
  const entryRefs = (d: DeviceConfig) => d.cryptoMaps.flatMap((m) => m.entries.map((e) => e.ref));
  return {
    code: 'PEER_ADDRESS_MISMATCH',
    device: a,
    refs: lines(...entryRefs(a), ...entryRefs(b)),
    details: {
      peersOfA: peersOf(a),
      peersOfB: peersOf(b),
      addressesOfA: ikeEndpoints(a).map((e) => e.address),
      addressesOfB: ikeEndpoints(b).map((e) => e.address),
      withoutPeers: [a, b].filter((d) => peersOf(d).length === 0).map(nameOf),
    },
    // A side with no peer at all is most likely not the configuration meant (or not an IPsec one).
    context: peersOf(a).length === 0 || peersOf(b).length === 0 ? 'noPeers' : 'unrelated',
    commands: [],
  };
}

/**
 * Phase-1 lifetimes that differ (the SA takes the shorter) and phase-2 lifetimes that differ.
 * A phase-1 lifetime difference that makes one direction fail is reported by the failure itself.
 */
function lifetimeHits(A: Party, B: Party, dirs: DirectionResult[]): ConfigHit[] {
  const out: ConfigHit[] = [];
  if (dirs.some((d) => d.failure?.code === 'LIFETIME_MISMATCH')) return out;
  const p1 = dirs.find(
    (d) => d.agreed.policy && d.agreed.policy.offer.lifetime !== d.agreed.policy.policy.lifetime,
  );
  if (p1?.agreed.policy) {
    const { offer, policy } = p1.agreed.policy;
    out.push({
      code: 'LIFETIME_MISMATCH',
      device: device(A, B, p1.responder),
      peer: p1.from,
      refs: lines(offer.ref, policy.ref),
      details: {
        phase: 1,
        [p1.initiator]: offer.lifetime,
        [p1.responder]: policy.lifetime,
        winner: Math.min(offer.lifetime, policy.lifetime),
      },
      context: 'phase1',
      commands: [],
    });
  }
  const p2 = dirs.find((d) => d.agreed.responderEntry);
  if (p2?.agreed.responderEntry) {
    const I = device(A, B, p2.initiator);
    const R = device(A, B, p2.responder);
    const [li, lr] = [phase2Lifetime(I, p2.entry), phase2Lifetime(R, p2.agreed.responderEntry)];
    if (li !== lr)
      out.push({
        code: 'LIFETIME_MISMATCH',
        device: R,
        peer: p2.from,
        refs: lines(p2.entry.ref, p2.agreed.responderEntry.ref),
        details: { phase: 2, [p2.initiator]: li, [p2.responder]: lr, winner: Math.min(li, lr) },
        context: 'phase2',
        commands: [],
      });
  }
  return out;
}

type Single = Omit<Outcome, 'directions'>;

/**
 * One direction's outcome over every tunnel that side initiates towards the other (crypto map
 * entries, VTIs): established only when all are; otherwise the first failure's phase and states.
 */
export function directionOutcome(results: readonly DirectionResult[]): Single | undefined {
  const d = results.find((r) => !r.established) ?? results[0];
  if (!d) return undefined;
  return {
    established: d.established,
    ...(d.failure && { failedPhase: d.failure.phase }),
    states: { a: d.states.a, b: d.states.b },
  };
}

function outcomeOf(aToB: readonly DirectionResult[], bToA: readonly DirectionResult[]): Outcome {
  const [x, y] = [directionOutcome(aToB), directionOutcome(bToA)];
  if (!x && !y) return { established: false, failedPhase: 'ike-phase1', states: { a: 'none', b: 'none' } };
  if (!x || !y) return (x ?? y)!;
  const same = x.established === y.established && x.failedPhase === y.failedPhase;
  if (same) return x;
  const failed = x.established ? y : x;
  return {
    established: false,
    ...(failed.failedPhase && { failedPhase: failed.failedPhase }),
    states: failed.states,
    directions: { aInitiates: x, bInitiates: y },
  };
}
