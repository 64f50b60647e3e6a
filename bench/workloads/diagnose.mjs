/**
 * Workload 1: `diagnose --format json` on generated fleet logs, against `grep -c ISAKMP` and
 * `wc -l` on the same file (the machine's limit for reading it). MB/s, lines/s, peak RSS.
 */
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import process from 'node:process';
import { cached, freeBytes, sourceHash } from '../lib/cache.mjs';
import { hasCommand, runMany, runOnce } from '../lib/measure.mjs';
import {
  formatCount,
  formatMemory,
  formatRate,
  formatRatio,
  formatSeconds,
  ratio,
  summarise,
} from '../lib/stats.mjs';
import { writeLog } from '../logs/generate-log.mjs';

const FLOOR_SCRIPT = fileURLToPath(new URL('../floor.mjs', import.meta.url));
const GENERATOR = ['logs/generate-log.mjs', 'logs/episodes.mjs', 'logs/fleet-log.mjs', 'lib/random.mjs'];
/** Room left on the disk after writing a log: the benchmark must not fill it. */
const DISK_MARGIN = 2 * 2 ** 30;
const SEED = 1;
/** Inputs of at least this size run `--large-runs` times instead of `--runs`. */
const LARGE_MB = 500;

/**
 * The first stages alone, run like `diagnose` (bench/floor.mjs): what any speed goal has to leave
 * room for, since every line must become a string and be masked and stripped before it is read.
 */
const FLOORS = [
  { tool: 'floor: CLI reader (a string per line)', stage: 'lines' },
  { tool: 'floor: reader + read stage', stage: 'read' },
];

const BASELINES = [
  { tool: 'grep -c ISAKMP', argv: (f) => ['grep', '-c', 'ISAKMP', f], needs: 'grep' },
  { tool: 'wc -l', argv: (f) => ['wc', '-l', f], needs: 'wc' },
];

function prepareLog(ctx, mb) {
  const bytes = mb * 1e6;
  const name = `fleet-log-${mb}MB-seed${SEED}-${sourceHash(GENERATOR)}.log`;
  const needed = bytes + DISK_MARGIN;
  const free = freeBytes(ctx.cacheDir);
  return cached(ctx.cacheDir, name, (path) => {
    if (free < needed) {
      throw new Error(
        `skipped: ${(free / 2 ** 30).toFixed(1)} GiB free in ${ctx.cacheDir}, ${(needed / 2 ** 30).toFixed(1)} GiB needed`,
      );
    }
    ctx.log(`generating ${path} (${mb} MB)…`);
    return writeLog(path, bytes, SEED);
  });
}

function row(tool, runs, log) {
  const { seconds, cpuSeconds, rssKb } = summarise(runs);
  return {
    tool,
    seconds,
    cpuSeconds,
    rss: rssKb,
    mbps: log.bytes / 1e6 / seconds,
    cpuMbps: ratio(log.bytes / 1e6, cpuSeconds),
    lps: log.lines / seconds,
  };
}

export default {
  name: 'diagnose',
  title: 'diagnose on generated fleet logs',
  async run(ctx) {
    const section = {
      columns: [
        'input',
        'runs',
        'tool',
        'wall',
        'CPU',
        'MB/s (wall)',
        'MB/s (CPU)',
        'lines/s',
        'peak RSS',
        'time vs grep -c',
      ],
      rows: [],
      missing: [],
      notes: [
        `Logs from \`bench/logs/generate-log.mjs\` (seed ${SEED}): IOS-XE debug, IOS and ASA syslog, \`show crypto\` output; 16 routers and 4 ASAs with 60 peers each, 8 % of pairs faulty. Cached in ${ctx.cacheDir}.`,
        `\`node ${ctx.distLabel}/cli/main.js diagnose --format json FILE > /dev/null\` (what \`bin/ipsec-doctor\` runs); the floor rows run \`node bench/floor.mjs lines|read FILE\` (the same reader, then the read stage, and nothing after)${ctx.pin ? ', every command pinned to one CPU with `taskset -c 0`' : ''}; the file is read once before timing so every tool starts from the page cache. CPU is user + system time of the child (GNU time): steadier than wall-clock when the machine is shared.`,
      ],
    };
    for (const mb of ctx.sizes) {
      let log;
      try {
        log = prepareLog(ctx, mb);
      } catch (error) {
        section.missing.push({ what: `diagnose ${mb} MB`, reason: error.message });
        continue;
      }
      const label = `${formatCount(log.bytes / 1e6)} MB, ${formatCount(log.lines)} lines`;
      await runOnce(['cat', log.path], { pin: false });
      const results = [];
      // A gigabyte takes minutes per run: fewer runs keep `npm run bench` within ten minutes.
      const runs = mb >= LARGE_MB ? ctx.largeRuns : ctx.runs;
      ctx.log(`diagnose ${mb} MB × ${runs}…`);
      const ours = row(
        'ipsec-doctor diagnose',
        await runMany(
          [process.execPath, join(ctx.dist, 'cli/main.js'), 'diagnose', '--format', 'json', log.path],
          runs,
          {
            pin: ctx.pin,
            okCodes: [0, 1],
          },
        ),
        log,
      );
      results.push(ours);
      const floor = {};
      for (const f of FLOORS) {
        const argv = [process.execPath, FLOOR_SCRIPT, f.stage, log.path];
        floor[f.stage] = row(
          f.tool,
          await runMany(argv, runs, { pin: ctx.pin, env: ctx.distEnv, capture: true }),
          log,
        );
        results.push(floor[f.stage]);
      }
      let grep;
      for (const b of BASELINES) {
        if (!hasCommand(b.needs)) {
          section.missing.push({ what: `baseline \`${b.tool}\``, reason: `${b.needs} not found on PATH` });
          continue;
        }
        const r = row(
          b.tool, // A pipe, not /dev/null: GNU grep stops at the first match when its output is /dev/null.
          await runMany(b.argv(log.path), runs, { pin: ctx.pin, okCodes: [0, 1], capture: true }),
          log,
        );
        if (b.tool.startsWith('grep')) grep = r;
        results.push(r);
      }
      for (const r of results) {
        section.rows.push([
          label,
          runs,
          r.tool,
          formatSeconds(r.seconds),
          formatSeconds(r.cpuSeconds),
          formatRate(r.mbps, ''),
          formatRate(r.cpuMbps, ''),
          formatRate(r.lps / 1e6, 'M'),
          formatMemory(r.rss),
          formatRatio(ratio(r.seconds, grep?.seconds)),
        ]);
      }
      section.summary ??= [];
      const read = floor.read;
      section.summary.push(
        `${mb} MB: ${formatRate(ours.mbps, 'MB/s')} wall, ${formatRate(ours.cpuMbps, 'MB/s')} of CPU time (goal ≥ 100 on one core), ${formatRatio(ratio(ours.seconds, grep?.seconds))} grep -c's time (goal ≤ 10×), peak RSS ${formatMemory(ours.rss)} (goal < 200 MB at 1 GB); the reader and read stage alone: ${formatRate(read.cpuMbps, 'MB/s')} of CPU, ${formatRatio(ratio(read.seconds, grep?.seconds))} grep -c's time`,
      );
    }
    return section;
  },
};
