import type { Flow } from './flow.js';
import {
  ALL_PORTS,
  type Interval,
  intervalCovers,
  intervalIntersect,
  intervalIntersects,
  intervalMatches,
  intervalMinus,
} from './interval.js';
import {
  type Ternary,
  ternary,
  ternaryCovers,
  ternaryIntersect,
  ternaryIntersects,
  ternaryMatches,
  ternaryMinus,
} from './ternary.js';

/**
 * A product of per-field matches: every flow whose protocol, addresses and ports each match.
 * Never empty. Traffic sets are unions of disjoint cubes.
 */
export interface Cube {
  /** 8-bit protocol number; care 0 = any protocol. */
  readonly proto: Ternary;
  readonly src: Ternary;
  readonly dst: Ternary;
  readonly srcPorts: Interval;
  readonly dstPorts: Interval;
}

export const EVERY_FLOW: Cube = {
  proto: ternary(0, 0),
  src: ternary(0, 0),
  dst: ternary(0, 0),
  srcPorts: ALL_PORTS,
  dstPorts: ALL_PORTS,
};

export function cubesIntersect(a: Cube, b: Cube): boolean {
  return (
    ternaryIntersects(a.src, b.src) &&
    ternaryIntersects(a.dst, b.dst) &&
    ternaryIntersects(a.proto, b.proto) &&
    intervalIntersects(a.dstPorts, b.dstPorts) &&
    intervalIntersects(a.srcPorts, b.srcPorts)
  );
}

/** Only meaningful when the two intersect. */
export function cubeIntersect(a: Cube, b: Cube): Cube {
  return {
    proto: ternaryIntersect(a.proto, b.proto),
    src: ternaryIntersect(a.src, b.src),
    dst: ternaryIntersect(a.dst, b.dst),
    srcPorts: intervalIntersect(a.srcPorts, b.srcPorts),
    dstPorts: intervalIntersect(a.dstPorts, b.dstPorts),
  };
}

export function cubeCovers(outer: Cube, inner: Cube): boolean {
  return (
    ternaryCovers(outer.src, inner.src) &&
    ternaryCovers(outer.dst, inner.dst) &&
    ternaryCovers(outer.proto, inner.proto) &&
    intervalCovers(outer.dstPorts, inner.dstPorts) &&
    intervalCovers(outer.srcPorts, inner.srcPorts)
  );
}

export function cubeContains(c: Cube, f: Flow): boolean {
  return (
    ternaryMatches(c.src, f.src) &&
    ternaryMatches(c.dst, f.dst) &&
    ternaryMatches(c.proto, f.protocol) &&
    intervalMatches(c.dstPorts, f.dstPort) &&
    intervalMatches(c.srcPorts, f.srcPort)
  );
}

/**
 * `a` minus `b` (which intersect) as disjoint cubes: field by field, the part of `a` outside `b`
 * in that field, then `a` narrowed to `b` in that field for the next. At most 8 + 32 + 32 + 2 + 2
 * pieces.
 */
export function cubeMinus(a: Cube, b: Cube): Cube[] {
  const pieces: Cube[] = [];
  let rest = a;
  for (const proto of ternaryMinus(rest.proto, b.proto)) pieces.push({ ...rest, proto });
  rest = { ...rest, proto: ternaryIntersect(rest.proto, b.proto) };
  for (const src of ternaryMinus(rest.src, b.src)) pieces.push({ ...rest, src });
  rest = { ...rest, src: ternaryIntersect(rest.src, b.src) };
  for (const dst of ternaryMinus(rest.dst, b.dst)) pieces.push({ ...rest, dst });
  rest = { ...rest, dst: ternaryIntersect(rest.dst, b.dst) };
  for (const srcPorts of intervalMinus(rest.srcPorts, b.srcPorts)) pieces.push({ ...rest, srcPorts });
  rest = { ...rest, srcPorts: intervalIntersect(rest.srcPorts, b.srcPorts) };
  for (const dstPorts of intervalMinus(rest.dstPorts, b.dstPorts)) pieces.push({ ...rest, dstPorts });
  return pieces;
}

/** The same traffic seen from the other end: source and destination swapped. */
export function cubeMirror(c: Cube): Cube {
  return { proto: c.proto, src: c.dst, dst: c.src, srcPorts: c.dstPorts, dstPorts: c.srcPorts };
}
