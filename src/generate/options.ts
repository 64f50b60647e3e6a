/**
 * The words of `generate`'s flags: sizes (`100MB`), fault mixes (`PSK_MISMATCH=2,healthy=8`),
 * counts and the start time. Errors name an i18n key (`generate.<key>`) and its variables, so
 * the CLI says them in the user's language.
 */
import { MAX_TUNNELS } from './addressing.js';
import { FAULT_CODES, HEALTHY } from './faults.js';
import type { FaultMix } from './fleet.js';

export class GenerateOptionError extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(`generate.${key}`);
  }
}

/** Decimal units, as disks and `--size 100MB` mean them. */
const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, k: 1e3, mb: 1e6, m: 1e6, gb: 1e9, g: 1e9 };

export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!(bytes >= 1)) throw new GenerateOptionError('badSize', { value });
  return bytes;
}

export function parseCount(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max)
    throw new GenerateOptionError('badCount', { flag, value, min: 1, max });
  return n;
}

export const parseTunnels = (value: string) => parseCount('tunnels', value, MAX_TUNNELS);

export function parseStart(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(d.getTime()))
    throw new GenerateOptionError('badStart', { value });
  return d;
}

/** Share of faulty tunnels when `--fault-rate` is not given. */
export const DEFAULT_FAULT_RATE = 0.1;

/**
 * `--faults CODE=weight,…` and `--fault-rate R` as one mix. Without a `healthy=` weight, the
 * faulty share is R (default 0.1), split by the weights; with one, the weights are the mix.
 */
export function faultMix(faults: string | undefined, rateText: string | undefined): FaultMix {
  const rate = rateText === undefined ? undefined : Number(rateText);
  if (rate !== undefined && !(rate >= 0 && rate <= 1))
    throw new GenerateOptionError('badRate', { value: rateText! });
  const weights: [string, number][] =
    faults === undefined
      ? FAULT_CODES.map((c) => [c, 1])
      : faults
          .split(',')
          .filter((e) => e.trim() !== '')
          .map(parseWeight);
  if (!weights.some(([, w]) => w > 0)) throw new GenerateOptionError('badWeight', { entry: faults ?? '' });
  const healthy = weights.find(([c]) => c === HEALTHY);
  if (healthy) {
    if (rate !== undefined) throw new GenerateOptionError('rateAndHealthy');
    return weights;
  }
  const share = rate ?? DEFAULT_FAULT_RATE;
  const total = weights.reduce((n, [, w]) => n + w, 0);
  return [[HEALTHY, 1 - share], ...weights.map(([c, w]) => [c, (w / total) * share] as [string, number])];
}

function parseWeight(entry: string): [string, number] {
  const [code, weightText] = entry.trim().split('=');
  const name = code!.trim();
  if (name !== HEALTHY && !FAULT_CODES.includes(name.toUpperCase()))
    throw new GenerateOptionError('unknownFault', {
      code: name,
      codes: [...FAULT_CODES, HEALTHY].join(', '),
    });
  const weight = weightText === undefined ? 1 : Number(weightText);
  if (!(weight >= 0) || !Number.isFinite(weight))
    throw new GenerateOptionError('badWeight', { entry: entry.trim() });
  return [name === HEALTHY ? HEALTHY : name.toUpperCase(), weight];
}
