/**
 * Workload 1: `diagnose --format json` on generated fleet logs, against `grep -c ISAKMP` and
 * `wc -l` on the same file (the machine's limit for reading it). MB/s, lines/s, peak RSS.
 */
import { join } from 'node:path';
import { cached, freeBytes, sourceHash } from '../lib/cache.mjs';
import { hasCommand, runMany, runOnce } from '../lib/measure.mjs';
import {
  formatCount,
  formatMemory,
  formatRate,
  formatRatio,
  formatSeconds,
  median,
  ratio,
} from '../lib/stats.mjs';
import { writeLog } from '../logs/generate-log.mjs';

const GENERATOR = ['logs/generate-log.mjs', 'logs/episodes.mjs', 'logs/fleet-log.mjs', 'lib/random.mjs'];
/** Room left on the disk after writing a log: the benchmark must not fill it. */
const DISK_MARGIN = 2 * 2 ** 30;
const SEED = 1;

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
  const seconds = median(runs.map((r) => r.seconds));
  const rss = runs.every((r) => r.rssKb !== undefined) ? median(runs.map((r) => r.rssKb)) : undefined;
  return { tool, seconds, rss, mbps: log.bytes / 1e6 / seconds, lps: log.lines / seconds };
}

export default {
  name: 'diagnose',
  title: 'diagnose on generated fleet logs',
  async run(ctx) {
    const section = {
      columns: ['input', 'tool', 'median time', 'MB/s', 'lines/s', 'peak RSS', 'time vs grep -c'],
      rows: [],
      missing: [],
      notes: [
        `Logs from \`bench/logs/generate-log.mjs\` (seed ${SEED}): IOS-XE debug, IOS and ASA syslog, \`show crypto\` output; 16 routers and 4 ASAs with 60 peers each, 8 % of pairs faulty. Cached in ${ctx.cacheDir}.`,
        `\`ipsec-doctor diagnose --format json FILE > /dev/null\`${ctx.pin ? ', every command pinned to one CPU with `taskset -c 0`' : ''}; the file is read once before timing so every tool starts from the page cache.`,
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
      ctx.log(`diagnose ${mb} MB × ${ctx.runs}…`);
      const ours = row(
        'ipsec-doctor diagnose',
        await runMany(
          [join(ctx.root, 'bin/ipsec-doctor'), 'diagnose', '--format', 'json', log.path],
          ctx.runs,
          {
            pin: ctx.pin,
            okCodes: [0, 1],
          },
        ),
        log,
      );
      results.push(ours);
      let grep;
      for (const b of BASELINES) {
        if (!hasCommand(b.needs)) {
          section.missing.push({ what: `baseline \`${b.tool}\``, reason: `${b.needs} not found on PATH` });
          continue;
        }
        const r = row(
          b.tool,
          await runMany(b.argv(log.path), ctx.runs, { pin: ctx.pin, okCodes: [0, 1] }),
          log,
        );
        if (b.tool.startsWith('grep')) grep = r;
        results.push(r);
      }
      for (const r of results) {
        section.rows.push([
          label,
          r.tool,
          formatSeconds(r.seconds),
          formatRate(r.mbps, ''),
          formatRate(r.lps / 1e6, 'M'),
          formatMemory(r.rss),
          formatRatio(ratio(r.seconds, grep?.seconds)),
        ]);
      }
      section.summary ??= [];
      section.summary.push(
        `${mb} MB: ${formatRate(ours.mbps, 'MB/s')} (goal ≥ 100), ${formatRatio(ratio(ours.seconds, grep?.seconds))} grep -c's time (goal ≤ 10×), peak RSS ${formatMemory(ours.rss)} (goal < 200 MB at 1 GB)`,
      );
    }
    return section;
  },
};
