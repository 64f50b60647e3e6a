#!/usr/bin/env node
/**
 * Writes a fleet log of about the requested size, streamed to disk (memory does not grow with it):
 *   node bench/logs/generate-log.mjs OUT --mb 100 [--seed N]
 * Mixed IOS-XE debug, IOS and ASA syslog, `show crypto` output; many (device, peer) pairs, some
 * faulty. Same seed and size, same bytes.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from '../lib/random.mjs';
import { EPISODES } from './episodes.mjs';
import { castFleet } from './fleet-log.mjs';

export const LOG_SHAPE = { routers: 16, asas: 4, peersPerDevice: 60, faultRate: 0.08 };
const FLUSH_BYTES = 1 << 20;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const START = Date.UTC(2026, 10, 23, 0, 0, 0);

const two = (n) => String(n).padStart(2, '0');

/** The clock episodes print: `Nov 23 08:41:12` plus milliseconds, advancing a little per episode. */
function clock() {
  let ms = START;
  let second = -1;
  const t = { date: '', ms: '000' };
  return {
    advance(by) {
      ms += by;
      const s = Math.floor(ms / 1000);
      if (s !== second) {
        second = s;
        const d = new Date(s * 1000);
        t.date = `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
      }
      t.ms = String(ms % 1000).padStart(3, '0');
      return t;
    },
  };
}

function weighted(entries) {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  return (rng) => {
    let x = rng.next() * total;
    for (const [item, w] of entries) if ((x -= w) < 0) return item;
    return entries[entries.length - 1][0];
  };
}

/** Yields chunks of log text until about `bytes` have been produced. */
export function* logChunks(bytes, seed) {
  const rng = seededRandom(seed);
  const devices = castFleet({ ...LOG_SHAPE, seed: seed + 1 });
  const pickEpisode = Object.fromEntries(Object.entries(EPISODES).map(([p, e]) => [p, weighted(e)]));
  const t = clock();
  let written = 0;
  let parts = [];
  let size = 0;
  while (written + size < bytes) {
    const device = devices[rng.int(devices.length)];
    const pair = device.pairs[rng.int(device.pairs.length)];
    const lines = pickEpisode[device.platform](rng)(device, pair, t.advance(1 + rng.int(400)), rng);
    const text = lines.join('\n') + '\n';
    parts.push(text);
    size += text.length;
    if (size >= FLUSH_BYTES) {
      yield parts.join('');
      written += size;
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** Writes the log to `path` (through a temporary name, so a crash never leaves a short file behind). */
export function writeLog(path, bytes, seed) {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  let total = 0;
  let lines = 0;
  try {
    for (const chunk of logChunks(bytes, seed)) {
      const buf = Buffer.from(chunk);
      writeSync(fd, buf);
      total += buf.length;
      for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return { bytes: total, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { mb: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' } },
  });
  const mb = Number(values.mb);
  const seed = Number(values.seed);
  if (positionals.length !== 1 || !(mb > 0) || !Number.isInteger(seed)) {
    process.stderr.write('usage: node bench/logs/generate-log.mjs OUT --mb 100 [--seed N]\n');
    process.exit(2);
  }
  const { bytes, lines } = writeLog(positionals[0], mb * 1e6, seed);
  process.stdout.write(`${positionals[0]}: ${(bytes / 1e6).toFixed(1)} MB, ${lines} lines\n`);
}
