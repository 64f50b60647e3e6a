import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ByteLineSplitter } from '../../read/lines.js';
import type { Deliver, Receiver } from './listen.js';

const POLL_MS = 250;
const CHUNK = 1 << 20;

/**
 * `tail -F`: follows a file by name, so a rotated log (renamed or truncated, then recreated) is
 * read on from its new beginning once the old one has been read to its end. Lines go on as lines
 * (multi-line debug output and show blocks are the read stage's business); the file's name is
 * the origin, so a line whose header names no host belongs to it.
 */
export async function follow(path: string, deliver: Deliver, fromStart: boolean): Promise<Receiver> {
  const origin = basename(path);
  let splitter = new ByteLineSplitter((line, cut) => deliver(origin, line, cut));
  let handle: FileHandle | undefined;
  let inode = -1;
  let position = 0;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  const buffer = Buffer.alloc(CHUNK);

  const drain = async (): Promise<void> => {
    if (!handle) return;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      splitter.push(buffer.subarray(0, bytesRead));
    }
  };

  const reopen = async (start: number): Promise<void> => {
    await handle?.close();
    splitter.end();
    splitter = new ByteLineSplitter((line, cut) => deliver(origin, line, cut));
    handle = undefined;
    try {
      handle = await open(path, 'r');
      const st = await handle.stat();
      inode = st.ino;
      position = start === -1 ? st.size : 0;
    } catch {
      inode = -1; // not there (yet): rotation in progress, or the file comes later
    }
  };

  const poll = async (): Promise<void> => {
    let current: { ino: number; size: number } | undefined;
    try {
      current = await stat(path);
    } catch {
      current = undefined;
    }
    if (current && current.ino !== inode) {
      await drain(); // the rotated file's last lines first
      await reopen(0);
    } else if (current && current.size < position) {
      await reopen(0); // truncated in place (copytruncate)
    }
    await drain();
  };

  await reopen(fromStart ? 0 : -1);
  const timer = setInterval(() => {
    busy = busy.then(() => (stopped ? undefined : poll())).catch(() => undefined);
  }, POLL_MS);
  busy = busy.then(drain).catch(() => undefined);

  return {
    url: `file://${path}`,
    async close() {
      clearInterval(timer);
      await busy;
      stopped = true;
      await poll().catch(() => undefined);
      splitter.end();
      await handle?.close();
    },
  };
}
