/**
 * Workload 4: `simulate` (negotiations per second: every pair of generate's catalogue, healthy
 * and with each fault, simulated in-process many times) and `generate` (MB/s written: 200 MB of
 * a 2,000-tunnel fleet to /dev/null, against `cat` and `wc -l` of the same bytes).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { hasCommand, runMany, runOnce } from '../lib/measure.mjs';
import {
  formatMemory,
  formatRate,
  formatRatio,
  formatSeconds,
  median,
  ratio,
  summarise,
} from '../lib/stats.mjs';
import { cliHasVerb } from '../lib/verbs.mjs';

const GENERATE_MB = 200;
const GENERATE_TUNNELS = 2000;
const SEED = 1;
/** Rounds of the simulate measurement (the median is reported) and passes over the pairs per round. */
const SIMULATE_ROUNDS = 5;
const SIMULATE_PASSES = 10;

const generateArgs = (ctx, output) => [
  process.execPath,
  join(ctx.dist, 'cli/main.js'),
  'generate',
  '--tunnels',
  String(GENERATE_TUNNELS),
  '--size',
  `${GENERATE_MB}MB`,
  '--seed',
  String(SEED),
  '--output',
  output,
];

/** Every (pair, fault) configuration pair the generator simulates, as configuration texts. */
async function catalogueInputs(dist) {
  const load = (path) => import(pathToFileURL(join(dist, path)).href);
  const [{ pairConfigs }, { PAIR_TEMPLATES }, { FAULT_TABLE, editsFor }, { CANONICAL_TUNNEL, tunnelValues }] =
    await Promise.all([
      load('generate/episodes.js'),
      load('generate/templates.js'),
      load('generate/faults.js'),
      load('generate/addressing.js'),
    ]);
  const inputs = [];
  for (const pair of PAIR_TEMPLATES) {
    const values = tunnelValues(CANONICAL_TUNNEL, { a: pair.a.platform, b: pair.b.platform });
    for (const fault of [undefined, ...FAULT_TABLE.filter((f) => editsFor(f, pair))]) {
      const c = pairConfigs(pair, fault, values, 'bench-Key-1');
      inputs.push([
        { name: 'a.cfg', text: c.a },
        { name: 'b.cfg', text: c.b },
      ]);
    }
  }
  return inputs;
}

async function measureSimulate(ctx, section) {
  const { simulate } = await import(pathToFileURL(join(ctx.dist, 'simulate/index.js')).href);
  const inputs = await catalogueInputs(ctx.dist);
  for (const [a, b] of inputs) simulate(a, b); // warm-up: JIT and the parsers' tables
  const rounds = [];
  for (let round = 0; round < SIMULATE_ROUNDS; round++) {
    let negotiations = 0;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let pass = 0; pass < SIMULATE_PASSES; pass++)
      for (const [a, b] of inputs) negotiations += simulate(a, b).runs.length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    rounds.push({ seconds, cpuSeconds: (used.user + used.system) / 1e6, negotiations });
  }
  const negotiations = rounds[0].negotiations;
  const seconds = median(rounds.map((r) => r.seconds));
  const cpuSeconds = median(rounds.map((r) => r.cpuSeconds));
  const pairs = inputs.length * SIMULATE_PASSES;
  section.rows.push([
    `simulate (in-process), ${inputs.length} pairs × ${SIMULATE_PASSES}`,
    SIMULATE_ROUNDS,
    formatSeconds(seconds),
    formatSeconds(cpuSeconds),
    formatRate(negotiations / seconds, 'neg/s'),
    formatRate(negotiations / cpuSeconds, 'neg/s'),
    '–',
    '–',
  ]);
  section.summary.push(
    `simulate: ${formatRate(negotiations / seconds, 'negotiations/s')} (${formatRate((seconds / pairs) * 1000, 'ms')} per pair, parsing both configurations included; goal: milliseconds)`,
  );
}

async function measureGenerate(ctx, section) {
  const runs = ctx.runs;
  const ours = summarise(await runMany(generateArgs(ctx, '/dev/null'), runs, { pin: ctx.pin }));
  const bytes = GENERATE_MB * 1e6;
  mkdirSync(ctx.cacheDir, { recursive: true });
  const file = join(ctx.cacheDir, `generate-${GENERATE_MB}MB-seed${SEED}.log`);
  await runOnce(generateArgs(ctx, file));
  const rows = [['ipsec-doctor generate (to /dev/null)', ours]];
  for (const [tool, argv] of [
    ['cat (to /dev/null)', ['cat', file]],
    ['wc -l', ['wc', '-l', file]],
  ]) {
    if (!hasCommand(argv[0])) {
      section.missing.push({ what: `baseline \`${tool}\``, reason: `${argv[0]} not found on PATH` });
      continue;
    }
    await runOnce(argv); // into the page cache
    rows.push([tool, summarise(await runMany(argv, runs, { pin: ctx.pin, capture: argv[0] === 'wc' }))]);
  }
  const cat = rows.find(([tool]) => tool.startsWith('cat'))?.[1];
  for (const [tool, r] of rows)
    section.rows.push([
      `${tool}, ${GENERATE_MB} MB`,
      runs,
      formatSeconds(r.seconds),
      formatSeconds(r.cpuSeconds),
      formatRate(bytes / 1e6 / r.seconds, 'MB/s'),
      formatRate(ratio(bytes / 1e6, r.cpuSeconds), 'MB/s'),
      formatMemory(r.rssKb),
      formatRatio(ratio(r.seconds, cat?.seconds)),
    ]);
  section.summary.push(
    `generate: ${formatRate(bytes / 1e6 / ours.seconds, 'MB/s')} wall, ${formatRate(ratio(bytes / 1e6, ours.cpuSeconds), 'MB/s')} of CPU time (goal ≥ 50 on one core), peak RSS ${formatMemory(ours.rssKb)}`,
  );
}

export default {
  name: 'simulate',
  title: 'simulate and generate',
  async run(ctx) {
    const section = {
      columns: ['measure', 'runs', 'wall', 'CPU', 'rate (wall)', 'rate (CPU)', 'peak RSS', 'time vs cat'],
      rows: [],
      missing: [],
      notes: [
        `simulate: each pair template of \`src/generate/templates.ts\` (IOS 15↔IOS 15, IOS 12↔IOS 15, IOS↔ASA 9, IOS↔PIX 6.3, ASA↔ASA), healthy and with every fault of \`src/generate/faults.ts\` that applies to it, through \`simulate()\` of ${ctx.distLabel} in the harness's own process (parse both configurations, check, play one or both directions, write transcripts and show output); a negotiation is one direction played. Median of ${SIMULATE_ROUNDS} rounds.`,
        `generate: \`node ${ctx.distLabel}/cli/main.js generate --tunnels ${GENERATE_TUNNELS} --size ${GENERATE_MB}MB --seed ${SEED} --output /dev/null\`${ctx.pin ? ', pinned to one CPU with `taskset -c 0`' : ''}; baselines read the same bytes from a file in the page cache (${ctx.cacheDir}).`,
      ],
      summary: [],
    };
    for (const [verb, measure] of [
      ['simulate', measureSimulate],
      ['generate', measureGenerate],
    ]) {
      if (!cliHasVerb(ctx.dist, verb)) {
        section.missing.push({
          what: verb,
          reason: `\`ipsec-doctor ${verb}\` is not built in ${ctx.distLabel}`,
        });
        continue;
      }
      ctx.log(`${verb}…`);
      await measure(ctx, section);
    }
    return section;
  },
};
