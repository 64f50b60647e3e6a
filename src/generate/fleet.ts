/**
 * The cast of a generated log: which pair template each tunnel is, which fault it carries, and
 * which data-plane noise a healthy one sees. The manifest is this cast as JSON, so a benchmark
 * or a test can check that `diagnose` finds what was injected.
 */
import { type TemplatePlatform, type TunnelValues, tunnelValues } from './addressing.js';
import { type NoiseCode, NOISE_CODES } from './chatter.js';
import type { Episode, EpisodeCatalogue } from './episodes.js';
import { HEALTHY } from './faults.js';
import { type Random, weightedPick } from './random.js';

/** A fault mix: code (or `healthy`) → relative weight. */
export type FaultMix = readonly (readonly [string, number])[];

/** Share of healthy tunnels that see data-plane warnings. */
const NOISY_SHARE = 0.1;

export interface ManifestSide {
  hostname: string;
  platform: TemplatePlatform;
  /** The address IKE is spoken from (what the other side's findings name as the peer). */
  address: string;
  /** The syslog source the collector writes (the device's inside address): `diagnose`'s device. */
  device: string;
}

export interface ManifestTunnel {
  index: number;
  pair: string;
  /** The injected fault's finding code, or `healthy`. */
  code: string;
  /** Data-plane warnings a healthy tunnel was given. */
  noise?: NoiseCode;
  a: ManifestSide;
  b: ManifestSide;
}

export interface Tunnel extends ManifestTunnel {
  episode: Episode;
  values: TunnelValues;
}

export function castTunnels(
  count: number,
  mix: FaultMix,
  catalogue: EpisodeCatalogue,
  rng: Random,
): Tunnel[] {
  const tunnels: Tunnel[] = [];
  for (let index = 0; index < count; index++) {
    const code = weightedPick(mix, rng);
    const candidates = catalogue.byCode.get(code);
    if (!candidates) throw new Error(`no pair template can carry ${code}`);
    const episode = weightedPick(
      candidates.map((e) => [e, e.pair.weight] as const),
      rng,
    );
    const pair = episode.pair;
    const v = tunnelValues(index, { a: pair.a.platform, b: pair.b.platform });
    const side = (s: 'a' | 'b'): ManifestSide => ({
      hostname: v[s].host,
      platform: pair[s].platform,
      address: v[s].addr,
      device: `${v[s].lan}.1`,
    });
    const noise =
      code === HEALTHY && rng.chance(NOISY_SHARE) ? NOISE_CODES[rng.int(NOISE_CODES.length)] : undefined;
    tunnels.push({
      index,
      pair: pair.name,
      code,
      ...(noise && { noise }),
      a: side('a'),
      b: side('b'),
      episode,
      values: v,
    });
  }
  return tunnels;
}

export function manifestOf(tunnels: readonly Tunnel[]): ManifestTunnel[] {
  return tunnels.map(({ episode: _episode, values: _values, ...t }) => t);
}
