/**
 * Workload 3: `audit DIR` over generated hub-and-spoke fleets (bench/generate-fleet.mjs) of
 * growing size: seconds, and how time grows with the number of peerings (1 = linear).
 */
import { join } from 'node:path';
import process from 'node:process';
import { cached, sourceHash } from '../lib/cache.mjs';
import { runMany } from '../lib/measure.mjs';
import {
  formatCount,
  formatMemory,
  formatRate,
  formatSeconds,
  growthExponent,
  median,
} from '../lib/stats.mjs';
import { cliHasVerb } from '../lib/verbs.mjs';
import { writeFleet } from '../generate-fleet.mjs';

const HUBS = 4;
const FAULTS = 0.05;
const SEED = 1;
/** Fleets of at least this many devices run `--large-runs` times. */
const LARGE_FLEET = 5000;
const GENERATOR = [
  'generate-fleet.mjs',
  'fleet/plan.mjs',
  'fleet/ios.mjs',
  'fleet/asa.mjs',
  'lib/random.mjs',
];

export default {
  name: 'audit',
  title: 'audit of generated configuration fleets',
  async run(ctx) {
    const section = {
      columns: ['devices', 'runs', 'peerings', 'config MB', 'median time', 'peerings/s', 'peak RSS'],
      rows: [],
      missing: [],
      notes: [
        `Fleets from \`node bench/generate-fleet.mjs DIR --spokes N --hubs ${HUBS} --faults ${FAULTS} --seed ${SEED}\` (IOS spokes, IOS hubs and one ASA hub); \`ipsec-doctor audit --format json DIR > /dev/null\`.`,
      ],
      summary: [],
    };
    if (!cliHasVerb(ctx.dist, 'audit')) {
      section.missing.push({ what: 'audit', reason: '`ipsec-doctor audit` is not built yet (issue 3)' });
      return section;
    }
    const points = [];
    for (const devices of ctx.fleets) {
      const fleet = cached(ctx.cacheDir, `fleet-${devices}-${sourceHash(GENERATOR)}`, (dir) => {
        ctx.log(`generating ${dir}…`);
        const r = writeFleet(dir, {
          spokes: Math.max(1, devices - HUBS),
          hubs: HUBS,
          faults: FAULTS,
          seed: SEED,
        });
        return { devices: r.devices, peerings: r.peerings, bytes: r.bytes };
      });
      const count = devices >= LARGE_FLEET ? ctx.largeRuns : ctx.runs;
      ctx.log(`audit ${devices} devices × ${count}…`);
      const runs = await runMany(
        [process.execPath, join(ctx.dist, 'cli/main.js'), 'audit', '--format', 'json', fleet.path],
        count,
        { pin: ctx.pin, okCodes: [0, 1] },
      );
      const seconds = median(runs.map((r) => r.seconds));
      points.push({ size: fleet.peerings, seconds });
      section.rows.push([
        formatCount(fleet.devices),
        count,
        formatCount(fleet.peerings),
        formatRate(fleet.bytes / 1e6, ''),
        formatSeconds(seconds),
        formatCount(fleet.peerings / seconds),
        formatMemory(median(runs.map((r) => r.rssKb ?? 0)) || undefined),
      ]);
    }
    // Between each pair of neighbouring sizes: start-up cost flattens the small end.
    const steps = points.slice(1).map((p, i) => {
      const k = growthExponent([points[i], p]);
      return `${formatCount(points[i].size)} → ${formatCount(p.size)} peerings: time ∝ peerings^${k === undefined ? '–' : k.toFixed(2)}`;
    });
    if (steps.length > 0) section.summary.push(`${steps.join('; ')} (1.00 = linear)`);
    return section;
  },
};
