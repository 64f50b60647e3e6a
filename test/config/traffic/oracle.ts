import fc from 'fast-check';
import type { AclEntry, AddressMatch, PortRange } from '../../../src/config/model.js';
import type { Flow, TrafficSet } from '../../../src/config/traffic/index.js';
import { intervalMatches } from '../../../src/config/traffic/interval.js';
import { ternaryMatches } from '../../../src/config/traffic/ternary.js';

/**
 * A small universe in which brute force is exact. ACLs are generated so that every region their
 * entries can tell apart has a representative here:
 * - addresses: 10.0.0.16–23 (entries fix or free only the low 3 bits) and 192.168.1.1 for every
 *   address outside (matched only by `any`);
 * - protocols: icmp and tcp (entries use `ip`, icmp or tcp) and udp for every other protocol;
 * - ports: 0–3 and 4 for 4–65535 (entries' ranges start at 0–4 and end at 0–3 or 65535).
 * So equality, inclusion and disjointness over the universe are those over every flow.
 */
const BASE = 0x0a000010;
const LOW_BITS = 0b111;
const OUTSIDE = 0xc0a80101;
const ENTRY_PROTOCOLS = [undefined, 1, 6] as const;
const UNIVERSE_PROTOCOLS = [1, 6, 17];
const ADDRESSES = [...Array.from({ length: LOW_BITS + 1 }, (_, v) => BASE + v), OUTSIDE];
const PORTS = [0, 1, 2, 3, 4];

export const UNIVERSE: readonly Flow[] = UNIVERSE_PROTOCOLS.flatMap((protocol) =>
  ADDRESSES.flatMap((src) =>
    ADDRESSES.flatMap((dst) =>
      PORTS.flatMap((srcPort) => PORTS.map((dstPort) => ({ protocol, src, dst, srcPort, dstPort }))),
    ),
  ),
);

/**
 * The universe's flows in the set, found cube by cube (the universe is a product, so each cube's
 * flows are the product of the values each field matches), and how many flows lie in more than
 * one cube: the representation promises none.
 */
export function universeMembers(set: TrafficSet): { members: Uint8Array; covered: number } {
  const members = new Uint8Array(UNIVERSE.length);
  let covered = 0;
  for (const c of set.cubes) {
    const protocols = indices(UNIVERSE_PROTOCOLS, (p) => ternaryMatches(c.proto, p));
    const srcs = indices(ADDRESSES, (a) => ternaryMatches(c.src, a));
    const dsts = indices(ADDRESSES, (a) => ternaryMatches(c.dst, a));
    const srcPorts = indices(PORTS, (p) => intervalMatches(c.srcPorts, p));
    const dstPorts = indices(PORTS, (p) => intervalMatches(c.dstPorts, p));
    for (const p of protocols)
      for (const s of srcs)
        for (const d of dsts)
          for (const sp of srcPorts)
            for (const dp of dstPorts) {
              members[flowIndex(p, s, d, sp, dp)] = 1;
              covered++;
            }
  }
  return { members, covered };
}

/** The universe's flows for which the predicate holds. */
export function universeWhere(predicate: (f: Flow) => boolean): Uint8Array {
  return Uint8Array.from(UNIVERSE, (f) => (predicate(f) ? 1 : 0));
}

function indices(values: readonly number[], keep: (v: number) => boolean): number[] {
  return values.flatMap((v, i) => (keep(v) ? [i] : []));
}

/** Position in UNIVERSE, which lists protocols, then sources, destinations, source and destination ports. */
function flowIndex(p: number, s: number, d: number, sp: number, dp: number): number {
  return (((p * ADDRESSES.length + s) * ADDRESSES.length + d) * PORTS.length + sp) * PORTS.length + dp;
}

/**
 * The ACL's verdict on each packet, by the book: the first entry whose every field matches
 * decides; none matching denies. Address matches are worked out bit by bit once per entry for the
 * universe's addresses (any other address, as in a sample, is worked out when asked).
 */
export function oracle(entries: readonly AclEntry[]): (f: Flow) => boolean {
  const compiled = entries.map((e) => ({
    action: e.action,
    matches: entryPredicate(e),
  }));
  return (f) => compiled.find((e) => e.matches(f))?.action === 'permit';
}

function entryPredicate(e: AclEntry): (f: Flow) => boolean {
  const src = addressPredicate(e.src);
  const dst = addressPredicate(e.dst);
  const ported = e.protocol === 6 || e.protocol === 17;
  return (f) =>
    (e.protocol === undefined || e.protocol === f.protocol) &&
    src(f.src) &&
    dst(f.dst) &&
    (!ported || (portMatches(e.srcPorts, f.srcPort) && portMatches(e.dstPorts, f.dstPort)));
}

function addressPredicate(m: AddressMatch): (addr: number) => boolean {
  const known = new Map(ADDRESSES.map((a) => [a, addressMatches(m, a)]));
  return (addr) => known.get(addr) ?? addressMatches(m, addr);
}

/** Bit by bit: every bit the wildcard does not free must equal the entry's. */
function addressMatches(m: AddressMatch, addr: number): boolean {
  for (let bit = 0; bit < 32; bit++) {
    const free = Math.floor(m.wildcard / 2 ** bit) % 2 === 1;
    if (!free && Math.floor(m.addr / 2 ** bit) % 2 !== Math.floor(addr / 2 ** bit) % 2) return false;
  }
  return true;
}

function portMatches(r: PortRange | undefined, port: number): boolean {
  return r === undefined || (r.lo <= port && port <= r.hi);
}

export function mirrorFlow(f: Flow): Flow {
  return { protocol: f.protocol, src: f.dst, dst: f.src, srcPort: f.dstPort, dstPort: f.srcPort };
}

const addressArb: fc.Arbitrary<AddressMatch> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ addr: 0, wildcard: 0xffffffff }) },
  {
    weight: 4,
    arbitrary: fc
      .record({ low: fc.integer({ min: 0, max: LOW_BITS }), wildcard: fc.integer({ min: 0, max: LOW_BITS }) })
      .map(({ low, wildcard }) => ({ addr: (BASE + low) & ~wildcard, wildcard })),
  },
);

const portRangeArb: fc.Arbitrary<PortRange | undefined> = fc.oneof(
  fc.constant(undefined),
  fc
    .record({ lo: fc.integer({ min: 0, max: 4 }), hi: fc.constantFrom(0, 1, 2, 3, 65535) })
    .filter(({ lo, hi }) => lo <= hi),
);

export const entryArb: fc.Arbitrary<AclEntry> = fc
  .record({
    action: fc.oneof(
      { weight: 3, arbitrary: fc.constant('permit' as const) },
      { weight: 1, arbitrary: fc.constant('deny' as const) },
    ),
    protocol: fc.constantFrom(...ENTRY_PROTOCOLS),
    src: addressArb,
    dst: addressArb,
    srcPorts: portRangeArb,
    dstPorts: portRangeArb,
  })
  .map((e) => ({ ...e, ref: { file: 'generated.cfg', line: 1, text: '' } }));

export const aclArb = fc.array(entryArb, { minLength: 1, maxLength: 7 });

/** The peer's ACL written as the mirror image: same order, sources and destinations swapped. */
export function mirrorAcl(entries: readonly AclEntry[]): AclEntry[] {
  return entries.map((e) => ({ ...e, src: e.dst, dst: e.src, srcPorts: e.dstPorts, dstPorts: e.srcPorts }));
}

/**
 * Two ACLs, the second often derived from the first (the same, a line added, removed or moved
 * one place up) so that equal, subset and superset come up as often as overlap and disjoint.
 */
export const pairArb: fc.Arbitrary<[AclEntry[], AclEntry[]]> = aclArb.chain((a) =>
  fc.tuple(
    fc.constant(a),
    fc.oneof(
      { weight: 3, arbitrary: aclArb },
      { weight: 1, arbitrary: fc.constant(a) },
      {
        weight: 1,
        arbitrary: fc.tuple(entryArb, fc.nat()).map(([e, i]) => spliced(a, i % (a.length + 1), 0, e)),
      },
      { weight: 1, arbitrary: fc.nat().map((i) => spliced(a, i % Math.max(1, a.length), 1)) },
      { weight: 1, arbitrary: fc.nat().map((i) => moveUp(a, a.length < 2 ? 0 : 1 + (i % (a.length - 1)))) },
    ),
  ),
);

function spliced(a: readonly AclEntry[], at: number, remove: number, ...insert: AclEntry[]): AclEntry[] {
  const copy = [...a];
  copy.splice(at, remove, ...insert);
  return copy;
}

function moveUp(a: readonly AclEntry[], i: number): AclEntry[] {
  const copy = [...a];
  const [prev, cur] = [copy[i - 1], copy[i]];
  if (prev === undefined || cur === undefined) return copy;
  copy[i - 1] = cur;
  copy[i] = prev;
  return copy;
}
