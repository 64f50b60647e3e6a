/**
 * A small seeded PRNG (mulberry32): the same seed must write the same bytes on every machine and
 * Node version, which Math.random cannot promise.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), chance: (p) => next() < p };
}

/** Picks an item by relative weight. */
export function weightedPick<T>(entries: readonly (readonly [T, number])[], rng: Random): T {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of entries) if ((x -= w) < 0) return item;
  return entries[entries.length - 1]![0];
}
