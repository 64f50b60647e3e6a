/** The arithmetic of the report: medians of runs, throughputs and ratios, and how they print. */

export function median(values) {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians of a set of runs: wall seconds, CPU seconds and peak RSS (undefined when not measured). */
export function summarise(runs) {
  const of = (key) => (runs.every((r) => r[key] !== undefined) ? median(runs.map((r) => r[key])) : undefined);
  return { seconds: of('seconds'), cpuSeconds: of('cpuSeconds'), rssKb: of('rssKb') };
}

/** `a / b`, or undefined when either side is missing or b is zero (a ratio against nothing means nothing). */
export function ratio(a, b) {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/**
 * Exponent k of `time ≈ c · size^k` fitted through the smallest and largest sizes: 1 is linear
 * growth, 2 quadratic. Undefined with fewer than two distinct positive points.
 */
export function growthExponent(points) {
  const usable = points.filter((p) => p.size > 0 && p.seconds > 0).sort((a, b) => a.size - b.size);
  if (usable.length < 2) return undefined;
  const first = usable[0];
  const last = usable[usable.length - 1];
  if (first.size === last.size) return undefined;
  return Math.log(last.seconds / first.seconds) / Math.log(last.size / first.size);
}

export const formatSeconds = (s) =>
  s === undefined ? '–' : s < 0.1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`;
export const formatRate = (n, unit) =>
  n === undefined ? '–' : `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ${unit}`;
export const formatCount = (n) => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
export const formatRatio = (r) => (r === undefined ? '–' : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`);
export const formatMemory = (kb) => (kb === undefined ? '–' : `${(kb / 1024).toFixed(0)} MB`);
