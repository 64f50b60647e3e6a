import {
  type Cube,
  cubeContains,
  cubeCovers,
  cubeIntersect,
  cubeMinus,
  cubeMirror,
  cubesIntersect,
  EVERY_FLOW,
} from './cube.js';
import type { Flow } from './flow.js';
import { mergeCubes } from './merge.js';
import { sampleOf } from './sample.js';

/**
 * Beyond this many cubes an operation gives up with TrafficTooComplexError rather than exhaust
 * memory on a hostile configuration (about 20 MB of cubes).
 */
export const MAX_CUBES = 100_000;

export class TrafficTooComplexError extends Error {
  constructor() {
    super(`traffic set exceeds ${MAX_CUBES} cubes`);
    this.name = 'TrafficTooComplexError';
  }
}

/**
 * An exact set of flows (protocol, source and destination address, source and destination port)
 * as a union of disjoint cubes. Immutable.
 *
 * Cost: operations compare every cube of one set with every cube of the other, O(m·n) cheap
 * integer tests, and split only the cubes that partially overlap. Subtracting one cube from
 * another yields at most 76 pieces; ordinary ACLs (prefix wildcards, mostly disjoint entries)
 * therefore stay within a few pieces per entry. The worst case (many partially overlapping
 * non-contiguous wildcards) is exponential in the number of overlapping entries; it is cut off at
 * MAX_CUBES.
 */
export class TrafficSet {
  static readonly EMPTY = new TrafficSet([]);
  static readonly ALL = new TrafficSet([EVERY_FLOW]);

  /** `cubes` must be pairwise disjoint. */
  static fromDisjointCubes(cubes: readonly Cube[]): TrafficSet {
    if (cubes.length > MAX_CUBES) throw new TrafficTooComplexError();
    return new TrafficSet(cubes);
  }

  private constructor(readonly cubes: readonly Cube[]) {}

  isEmpty(): boolean {
    return this.cubes.length === 0;
  }

  contains(flow: Flow): boolean {
    return this.cubes.some((c) => cubeContains(c, flow));
  }

  union(other: TrafficSet): TrafficSet {
    if (this.isEmpty()) return other;
    return TrafficSet.fromDisjointCubes([...this.cubes, ...other.subtract(this).cubes]);
  }

  intersect(other: TrafficSet): TrafficSet {
    const out: Cube[] = [];
    for (const a of this.cubes) {
      for (const b of other.cubes) if (cubesIntersect(a, b)) out.push(cubeIntersect(a, b));
    }
    return TrafficSet.fromDisjointCubes(out);
  }

  subtract(other: TrafficSet): TrafficSet {
    const out: Cube[] = [];
    for (const a of this.cubes) {
      out.push(...cubeMinusAll(a, other.cubes));
      if (out.length > MAX_CUBES) throw new TrafficTooComplexError();
    }
    return new TrafficSet(out);
  }

  isSubsetOf(other: TrafficSet): boolean {
    return this.cubes.every(
      (a) => other.cubes.some((b) => cubeCovers(b, a)) || cubeMinusAll(a, other.cubes).length === 0,
    );
  }

  equals(other: TrafficSet): boolean {
    return this.isSubsetOf(other) && other.isSubsetOf(this);
  }

  overlaps(other: TrafficSet): boolean {
    return this.cubes.some((a) => other.cubes.some((b) => cubesIntersect(a, b)));
  }

  /** The same traffic as the peer's crypto ACL should write it: sources and destinations swapped. */
  mirror(): TrafficSet {
    return new TrafficSet(this.cubes.map(cubeMirror));
  }

  /** One concrete flow of the set, for "for example, …" messages; undefined when empty. */
  sample(): Flow | undefined {
    return sampleOf(this.cubes);
  }

  /** The same traffic in fewer cubes (see mergeCubes); worth it before describing a set. */
  normalized(): TrafficSet {
    return new TrafficSet(mergeCubes(this.cubes));
  }
}

/** `a` minus every cube of `others`, as disjoint cubes (none when `others` cover `a`). */
function cubeMinusAll(a: Cube, others: readonly Cube[]): Cube[] {
  let pieces = [a];
  for (const b of others) {
    if (!cubesIntersect(a, b)) continue;
    const next: Cube[] = [];
    for (const p of pieces) {
      if (!cubesIntersect(p, b)) next.push(p);
      else if (!cubeCovers(b, p)) next.push(...cubeMinus(p, b));
    }
    if (next.length === 0) return next;
    if (next.length > MAX_CUBES) throw new TrafficTooComplexError();
    pieces = next;
  }
  return pieces;
}
