#!/usr/bin/env node
/**
 * `npm run bench`: runs the workloads side by side with their baselines, prints the medians and
 * ratios, and writes them into BENCHMARKS.md with the machine and the date.
 *
 *   npm run bench -- [--workloads diagnose,show,audit,simulate,watch] [--sizes 100,1000]
 *                    [--runs 3] [--large-runs 1] [--show-mb 8] [--fleets 100,1000,10000] [--no-pin]
 *                    [--no-write] [--cache DIR] [--dist DIR]
 *
 * Benchmarks use the build in dist/ (the npm script builds it first), or the build in --dist DIR
 * (e.g. an earlier commit's, for before/after figures).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CACHE_DIR } from './lib/cache.mjs';
import { machineFacts } from './lib/machine.mjs';
import { tools } from './lib/measure.mjs';
import { renderReport, writeResults } from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** In report order. `watch` is written by the watcher's engineer as workloads/watch.mjs. */
const WORKLOADS = ['diagnose', 'show', 'audit', 'simulate', 'watch'];
const TITLES = { watch: '`watch`: syslog messages per second (TCP, UDP loss)' };

const list = (s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
const numbers = (s, name) =>
  list(s).map((x) => {
    const n = Number(x);
    if (!(n > 0)) throw new Error(`--${name}: ${x} is not a positive number`);
    return n;
  });

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      workloads: { type: 'string', default: WORKLOADS.join(',') },
      sizes: { type: 'string', default: '100,1000' },
      runs: { type: 'string', default: '3' },
      'large-runs': { type: 'string', default: '1' },
      'show-mb': { type: 'string', default: '8' },
      fleets: { type: 'string', default: '100,1000,10000' },
      'no-pin': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      cache: { type: 'string', default: DEFAULT_CACHE_DIR },
      dist: { type: 'string' },
    },
  });
  const workloads = list(values.workloads);
  for (const w of workloads)
    if (!WORKLOADS.includes(w)) throw new Error(`unknown workload ${w} (${WORKLOADS.join(', ')})`);
  const count = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    workloads,
    sizes: numbers(values.sizes, 'sizes'),
    runs: count('runs'),
    largeRuns: count('large-runs'),
    showMb: numbers(values['show-mb'], 'show-mb')[0],
    fleets: numbers(values.fleets, 'fleets'),
    pin: !values['no-pin'] && tools.taskset,
    write: !values['no-write'],
    cacheDir: values.cache,
    dist: values.dist === undefined ? undefined : resolve(values.dist),
  };
}

/** A workload module, or a section saying why it is missing. */
async function load(name) {
  const base = new URL(`./workloads/${name}`, import.meta.url);
  const file = ['.mjs', '.js'].map((ext) => new URL(base.href + ext)).find((u) => existsSync(u));
  if (file) return (await import(file.href)).default;
  const reason = existsSync(new URL(base.href + '.ts'))
    ? `bench/workloads/${name}.ts exists, but Node 20 runs no TypeScript: write it as bench/workloads/${name}.mjs`
    : `bench/workloads/${name}.mjs is not written yet`;
  return {
    title: TITLES[name] ?? name,
    run: async () => ({ columns: [], rows: [], notes: [], missing: [{ what: name, reason }] }),
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!tools.gnuTime)
    process.stderr.write('bench: /usr/bin/time not found: peak RSS will be reported as missing\n');
  const ctx = {
    ...options,
    root: ROOT,
    // Another build (e.g. of an earlier commit) can be measured with the same harness and inputs.
    dist: options.dist ?? join(ROOT, 'dist'),
    distLabel: options.dist === undefined ? 'dist' : relative(ROOT, options.dist) || '.',
    distEnv: options.dist === undefined ? process.env : { ...process.env, IPSEC_DOCTOR_DIST: options.dist },
    log: (m) => process.stderr.write(`bench: ${m}\n`),
  };
  const sections = [];
  for (const name of options.workloads) {
    const workload = await load(name);
    let section;
    try {
      section = await workload.run(ctx);
    } catch (error) {
      section = {
        columns: [],
        rows: [],
        notes: [],
        missing: [{ what: name, reason: `failed: ${error.message}` }],
      };
    }
    sections.push({ title: workload.title, ...section });
  }
  const invocation = process.argv.slice(2).join(' ') || '(defaults)';
  const markdown = renderReport(machineFacts(ROOT), invocation, sections);
  process.stdout.write(markdown);
  if (options.write) {
    writeResults(new URL('../BENCHMARKS.md', import.meta.url), markdown);
    process.stderr.write('bench: results written to BENCHMARKS.md\n');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`bench: ${error.message}\n`);
    process.exit(2);
  });
}
