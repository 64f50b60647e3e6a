import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { ByteLineSplitter, type LineSink } from '../read/lines.js';

export class InputError extends Error {}

/** `-` or no file means stdin. */
export function inputNames(files: readonly string[]): string[] {
  return files.length === 0 ? ['-'] : [...files];
}

/** Checks every file before reading any, so a typo fails fast with exit 2. */
export function checkReadable(files: readonly string[]): number {
  let total = 0;
  for (const f of files) {
    if (f === '-') continue;
    try {
      const st = statSync(f);
      if (st.isDirectory()) throw new InputError(`${f}: is a directory`);
      total += st.size;
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(
        `${f}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      );
    }
  }
  return total;
}

/** Streams the lines of one input to `onLine`, never holding more than a chunk and one line. */
export async function streamLines(
  name: string,
  onLine: LineSink,
  onBytes?: (n: number) => void,
): Promise<void> {
  // A chunk is garbage once split, but one large enough to outlive a young-generation collection
  // is promoted and freed only by a full one: 1 MiB chunks piled up to ~60 MB of dead buffers.
  const stream: Readable =
    name === '-' ? process.stdin : createReadStream(name, { highWaterMark: 256 * 1024 });
  const splitter = new ByteLineSplitter(onLine);
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      splitter.push(buf);
      onBytes?.(buf.length);
    }
  } catch (err) {
    throw new InputError(`${name}: ${(err as Error).message}`);
  }
  splitter.end();
}

/** Progress on stderr for long inputs, only when a person is watching. */
export function progressReporter(
  totalBytes: number,
  enabled: boolean,
  label: (mb: string, pct: string) => string,
): {
  add(n: number): void;
  done(): void;
} {
  let read = 0;
  let last = 0;
  const on = enabled && process.stderr.isTTY === true && totalBytes > 16 * 1024 * 1024;
  return {
    add(n) {
      read += n;
      if (!on) return;
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      const pct = totalBytes > 0 ? `${Math.min(100, Math.round((read / totalBytes) * 100))}%` : '';
      process.stderr.write(`\r${label((read / 1e6).toFixed(0), pct)}`);
    },
    done() {
      if (on) process.stderr.write('\r\x1b[K');
    },
  };
}
