export function median(values: readonly number[]): number;
export function summarise(runs: ReadonlyArray<{ seconds?: number; cpuSeconds?: number; rssKb?: number }>): {
  seconds?: number;
  cpuSeconds?: number;
  rssKb?: number;
};
export function ratio(a: number | undefined, b: number | undefined): number | undefined;
export function growthExponent(points: ReadonlyArray<{ size: number; seconds: number }>): number | undefined;
export function formatSeconds(s: number | undefined): string;
export function formatRate(n: number | undefined, unit: string): string;
export function formatCount(n: number | undefined): string;
export function formatRatio(r: number | undefined): string;
export function formatMemory(kb: number | undefined): string;
