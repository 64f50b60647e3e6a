/**
 * A ternary match over a bit field (an address with a wildcard, or a protocol number): the bits
 * set in `care` must equal those of `value`; the others are free. `value` never has bits outside
 * `care`, so two equal matches have equal numbers. Fields are up to 32 bits wide; every result is
 * kept unsigned (`>>> 0`) so comparisons and keys do not depend on JavaScript's sign bit.
 */
export interface Ternary {
  readonly value: number;
  readonly care: number;
}

export function ternary(value: number, care: number): Ternary {
  return { value: (value & care) >>> 0, care: care >>> 0 };
}

export function ternaryIntersects(a: Ternary, b: Ternary): boolean {
  return ((a.value ^ b.value) & a.care & b.care) === 0;
}

/** Only meaningful when the two intersect. */
export function ternaryIntersect(a: Ternary, b: Ternary): Ternary {
  return { value: (a.value | b.value) >>> 0, care: (a.care | b.care) >>> 0 };
}

/** Whether every value matched by `inner` is matched by `outer`. */
export function ternaryCovers(outer: Ternary, inner: Ternary): boolean {
  return (outer.care & ~inner.care) === 0 && ((outer.value ^ inner.value) & outer.care) === 0;
}

export function ternaryMatches(t: Ternary, n: number): boolean {
  return ((n ^ t.value) & t.care) === 0;
}

/**
 * `a` minus `b` (which intersect) as disjoint matches: one per bit `b` cares about and `a` does
 * not. Bits are taken from the most significant down, so a prefix minus a longer prefix gives
 * prefixes (`any` minus a /24 is 24 prefixes, not a scatter of odd wildcards).
 */
export function ternaryMinus(a: Ternary, b: Ternary): Ternary[] {
  const pieces: Ternary[] = [];
  let value = a.value;
  let care = a.care;
  let bits = (b.care & ~a.care) >>> 0;
  while (bits !== 0) {
    const bit = highestBit(bits);
    pieces.push({ value: (value | (~b.value & bit)) >>> 0, care: (care | bit) >>> 0 });
    value = (value | (b.value & bit)) >>> 0;
    care = (care | bit) >>> 0;
    bits = (bits & ~bit) >>> 0;
  }
  return pieces;
}

export function highestBit(bits: number): number {
  return (0x80000000 >>> Math.clz32(bits)) >>> 0;
}

export function lowestBit(bits: number): number {
  return (bits & -bits) >>> 0;
}

/**
 * A readable member: free bits 0 except the lowest free bit within `width`, so a /24 gives its
 * `.1` rather than the network address (and a host gives itself).
 */
export function ternaryPick(t: Ternary, width: number): number {
  const free = (~t.care & fieldMask(width)) >>> 0;
  return (t.value | lowestBit(free)) >>> 0;
}

export function fieldMask(width: number): number {
  return width >= 32 ? 0xffffffff : ((1 << width) - 1) >>> 0;
}
