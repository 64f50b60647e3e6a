/** A virtual clock: callbacks fire in time order (then in the order they were scheduled). */
export class Clock {
  private queue: { at: number; order: number; fire: () => void; cancelled: boolean }[] = [];
  private order = 0;
  now = 0;

  at(delayMs: number, fire: () => void): { cancel(): void } {
    const item = { at: this.now + delayMs, order: this.order++, fire, cancelled: false };
    this.queue.push(item);
    return { cancel: () => (item.cancelled = true) };
  }

  /** Runs until nothing is scheduled; a runaway run (a bug) stops at `limit` callbacks. */
  run(limit = 10_000): void {
    for (let n = 0; n < limit && this.queue.length > 0; n++) {
      this.queue.sort((x, y) => x.at - y.at || x.order - y.order);
      const next = this.queue.shift()!;
      if (next.cancelled) continue;
      this.now = next.at;
      next.fire();
    }
  }
}

/** A small deterministic generator (mulberry32) seeded from text: the same pair gives the same cookies and SPIs. */
export function seededRandom(seedText: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < seedText.length; i++) seed = Math.imul(seed ^ seedText.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
