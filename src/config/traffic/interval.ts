/** An inclusive interval of port numbers; never empty (`lo <= hi`). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export const ALL_PORTS: Interval = { lo: 0, hi: 65535 };

export function intervalIntersects(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** Only meaningful when the two intersect. */
export function intervalIntersect(a: Interval, b: Interval): Interval {
  return { lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

export function intervalCovers(outer: Interval, inner: Interval): boolean {
  return outer.lo <= inner.lo && inner.hi <= outer.hi;
}

export function intervalMatches(i: Interval, n: number): boolean {
  return i.lo <= n && n <= i.hi;
}

/** `a` minus `b` (which intersect): what lies below and above `b`, at most two intervals. */
export function intervalMinus(a: Interval, b: Interval): Interval[] {
  const pieces: Interval[] = [];
  if (a.lo < b.lo) pieces.push({ lo: a.lo, hi: b.lo - 1 });
  if (b.hi < a.hi) pieces.push({ lo: b.hi + 1, hi: a.hi });
  return pieces;
}

export function isAllPorts(i: Interval): boolean {
  return i.lo === ALL_PORTS.lo && i.hi === ALL_PORTS.hi;
}
