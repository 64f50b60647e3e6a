import { createWriteStream, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { type Translator, pickLanguage, translator } from '../../i18n/index.js';
import { type GenerateLimit, HEALTHY, writeFleetLog } from '../../generate/index.js';
import {
  GenerateOptionError,
  faultMix,
  parseCount,
  parseSize,
  parseStart,
  parseTunnels,
} from '../../generate/options.js';
import { InputError, progressReporter } from '../inputs.js';
import { type SetExit, langOption } from '../options.js';

interface GenerateCliOptions {
  tunnels: string;
  faults?: string;
  faultRate?: string;
  size?: string;
  lines?: string;
  seed: string;
  start: string;
  output?: string;
  manifest?: string;
  lang?: string;
  progress: boolean;
}

/** What a terminal may receive without --output: a demo's worth, not megabytes. */
const TERMINAL_BYTES = 1e6;
const TERMINAL_LINES = 10_000;
/** Bytes per line on average, to show progress against a --lines limit. */
const LINE_BYTES_ESTIMATE = 120;

function limitOf(o: GenerateCliOptions): GenerateLimit {
  if (o.size !== undefined && o.lines !== undefined) throw new GenerateOptionError('sizeAndLines');
  if (o.lines !== undefined) return { lines: parseCount('lines', o.lines, Number.MAX_SAFE_INTEGER) };
  return { bytes: parseSize(o.size ?? '100MB') };
}

function toTerminalAllowed(limit: GenerateLimit): boolean {
  return 'lines' in limit ? limit.lines <= TERMINAL_LINES : limit.bytes <= TERMINAL_BYTES;
}

async function run(o: GenerateCliOptions, t: Translator): Promise<number> {
  const limit = limitOf(o);
  const options = {
    tunnels: parseTunnels(o.tunnels),
    mix: faultMix(o.faults, o.faultRate),
    limit,
    seed: parseCount('seed', o.seed, 0xffff_ffff),
    start: parseStart(o.start),
  };
  if (!o.output && process.stdout.isTTY && !toTerminalAllowed(limit))
    throw new InputError(t.text('generate.toTerminal'));
  const out: Writable = o.output ? createWriteStream(o.output) : process.stdout;
  const expected = 'bytes' in limit ? limit.bytes : limit.lines * LINE_BYTES_ESTIMATE;
  const progress = progressReporter(expected, o.progress, (mb, pct) =>
    t.text('generate.progress', { mb, pct }),
  );
  let reported = 0;
  const result = await writeFleetLog(out, options, (bytes) => {
    progress.add(bytes - reported);
    reported = bytes;
  });
  progress.done();
  if (o.output) {
    out.end();
    await finished(out);
  }
  if (o.manifest) {
    const manifest = {
      seed: options.seed,
      start: options.start.toISOString(),
      bytes: result.bytes,
      lines: result.lines,
      tunnels: result.manifest,
    };
    writeFileSync(o.manifest, JSON.stringify(manifest, null, 1) + '\n');
  }
  if (o.output)
    process.stderr.write(
      t.text('generate.done', {
        file: o.output,
        mb: (result.bytes / 1e6).toFixed(1),
        lines: result.lines,
        tunnels: result.manifest.length,
        faulty: result.manifest.filter((m) => m.code !== HEALTHY).length,
      }) + '\n',
    );
  return 0;
}

export function register(program: Command, setExit: SetExit): void {
  program
    .command('generate')
    .description(
      'write a synthetic fleet log (tunnels, a fault mix, syslog and debug lines) for benchmarks and demos',
    )
    .option('--tunnels <n>', 'number of tunnels (pairs of devices)', '1000')
    .option('--faults <mix>', 'fault mix: CODE=weight,… (healthy=weight sets the healthy share)')
    .option('--fault-rate <r>', 'share of tunnels with a fault (default 0.1)')
    .option('--size <size>', 'stop at this size, e.g. 100MB (default)')
    .option('--lines <n>', 'stop at this many lines')
    .option('--seed <s>', 'same seed, same bytes', '1')
    .option('--start <iso>', 'time of the first line', '2026-11-24T10:00:00Z')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--manifest <file>', 'write what was injected (tunnel → code) as JSON')
    .addOption(langOption())
    .option('--no-progress', 'no progress line on stderr')
    .action(async (o: GenerateCliOptions) => {
      const t = translator(pickLanguage(o.lang));
      try {
        setExit(await run(o, t));
      } catch (err) {
        if (err instanceof GenerateOptionError) throw new InputError(t.text(`generate.${err.key}`, err.vars));
        throw err;
      }
    });
}
