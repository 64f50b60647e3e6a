/** Minutes of error-rate history a tunnel keeps (the Fleet page's sparkline). */
export const RATE_MINUTES = 60;
const MINUTE = 60_000;

/**
 * Error-or-warning messages per minute over the last hour, in a fixed ring: `end` is the minute
 * (since the epoch) of the last bucket, so a reader elsewhere (the store) can realign to its now.
 */
export interface RateWindow {
  end: number;
  counts: number[];
}

export function emptyRate(now: number): RateWindow {
  return { end: Math.floor(now / MINUTE), counts: new Array<number>(RATE_MINUTES).fill(0) };
}

/** Moves the window so its last bucket is `now`'s minute. */
export function advance(w: RateWindow, now: number): RateWindow {
  const minute = Math.floor(now / MINUTE);
  const shift = minute - w.end;
  if (shift <= 0) return w;
  const counts = shift >= RATE_MINUTES ? new Array<number>(RATE_MINUTES).fill(0) : w.counts.slice(shift);
  while (counts.length < RATE_MINUTES) counts.push(0);
  return { end: minute, counts };
}

export function count(w: RateWindow, now: number, n = 1): RateWindow {
  const moved = advance(w, now);
  moved.counts[RATE_MINUTES - 1]! += n;
  return moved;
}

/** Sums two windows (a tunnel's row written before it aged out, and its new one). */
export function addRates(a: RateWindow, b: RateWindow): RateWindow {
  const end = Math.max(a.end, b.end);
  const x = advance(a, end * MINUTE);
  const y = advance(b, end * MINUTE);
  return { end, counts: x.counts.map((c, i) => c + (y.counts[i] ?? 0)) };
}
