#!/usr/bin/env node
/**
 * Writes a hub-and-spoke fleet of device configurations for `audit` benchmarks and tests:
 *   node bench/generate-fleet.mjs OUTDIR --spokes 2000 --hubs 4 [--faults 0.05] [--seed N]
 * OUTDIR gets one `NAME.cfg` per device and `fleet.json` (the plan's counts and every injected
 * fault with the finding code an audit should report). Same seed, same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { asaHub } from './fleet/asa.mjs';
import { iosHub, iosSpoke } from './fleet/ios.mjs';
import { FAULT_KINDS, GOOD_POLICY, MAX_HUBS, MAX_SPOKES, planFleet } from './fleet/plan.mjs';

const HUB_WRITERS = { ios: iosHub, asa: asaHub };

/** Renders every device of a plan as [fileName, text]; hubs first, then spokes. */
export function* renderFleet(plan) {
  const members = plan.hubs.map(() => []);
  for (const spoke of plan.spokes)
    for (const peering of spoke.peerings) members[peering.hub].push({ spoke, peering });
  for (const [i, hub] of plan.hubs.entries()) {
    yield [`${hub.name}.cfg`, HUB_WRITERS[hub.platform](hub, members[i], GOOD_POLICY)];
  }
  for (const spoke of plan.spokes) yield [`${spoke.name}.cfg`, iosSpoke(spoke, plan.hubs)];
}

export function manifest(plan, options) {
  const peerings = plan.spokes.reduce((n, s) => n + s.peerings.length, 0);
  return {
    generator: 'bench/generate-fleet.mjs',
    options,
    devices: plan.hubs.length + plan.spokes.length,
    hubs: plan.hubs.map(({ name, platform, publicIp }) => ({ name, platform, publicIp })),
    peerings,
    faultKinds: FAULT_KINDS,
    faults: plan.faults,
  };
}

export function writeFleet(outDir, options) {
  const plan = planFleet(options);
  mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  for (const [name, text] of renderFleet(plan)) {
    writeFileSync(join(outDir, name), text);
    bytes += Buffer.byteLength(text);
  }
  const summary = manifest(plan, options);
  writeFileSync(join(outDir, 'fleet.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return { ...summary, bytes };
}

function integerOption(value, name, min, max) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

function parseCommandLine(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spokes: { type: 'string', default: '100' },
      hubs: { type: 'string', default: '2' },
      faults: { type: 'string', default: '0.05' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (positionals.length !== 1) throw new Error('one OUTDIR expected');
  const faults = Number(values.faults);
  if (!(faults >= 0 && faults <= 1)) throw new Error('--faults must be a fraction from 0 to 1');
  return {
    outDir: positionals[0],
    options: {
      spokes: integerOption(values.spokes, 'spokes', 1, MAX_SPOKES),
      hubs: integerOption(values.hubs, 'hubs', 1, MAX_HUBS),
      faults,
      seed: integerOption(values.seed, 'seed', 0, 2 ** 32 - 1),
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { outDir, options } = parseCommandLine(process.argv.slice(2));
    const result = writeFleet(outDir, options);
    process.stdout.write(
      `${outDir}: ${result.devices} devices, ${result.peerings} peerings, ${result.faults.length} faulty peerings, ${(result.bytes / 1e6).toFixed(1)} MB\n`,
    );
  } catch (error) {
    process.stderr.write(
      `generate-fleet: ${error.message}\nusage: node bench/generate-fleet.mjs OUTDIR --spokes 2000 --hubs 4 [--faults 0.05] [--seed N]\n`,
    );
    process.exit(2);
  }
}
