import { isAscii } from 'node:buffer';
import type { LogLine } from '../model/lines.js';
import { controlFreePrefix } from './control-scan.js';
import { stripPrefix } from './prefix.js';
import { MAX_LINE_CHARS, sanitizeLine } from './sanitize.js';
import { maskSecrets } from './secrets.js';

/**
 * Turns the physical lines of one input into LogLines: printable text, prefixes off, and the
 * device that printed each line when a syslog header said so. A syslog header alone on a line
 * (the message wrapped after it) lends its host to the next line.
 */
export class LineReader {
  private lineNo = 0;
  private pendingHost: string | undefined;

  constructor(readonly input: string) {}

  /** `controlFree`: the splitter has checked that `physical` holds no control character. */
  read(physical: string, cut = false, controlFree = false): LogLine {
    this.lineNo++;
    const { text: clean, truncated } = sanitizeLine(physical, controlFree);
    const text = maskSecrets(clean);
    const prefix = stripPrefix(text);
    let device = prefix.host;
    if (prefix.body === '' && device !== undefined) {
      this.pendingHost = device;
    } else if (device === undefined && this.pendingHost !== undefined && prefix.body !== '') {
      device = this.pendingHost;
      this.pendingHost = undefined;
    } else if (prefix.body !== '') {
      this.pendingHost = undefined;
    }
    // Every line has the same shape (absent fields are undefined): the stages after this one
    // then see one object layout, and setting `device` later does not reshape the line.
    return {
      input: this.input,
      lineNo: this.lineNo,
      raw: text,
      body: prefix.body,
      device,
      time: prefix.time,
      truncated: truncated || cut ? true : undefined,
    };
  }
}

/** Splits a whole string into physical lines (the API path; files go through `ByteLineSplitter`). */
export function* splitLines(text: string): Generator<string> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end === text.length && start === end) return;
    yield end - start > MAX_LINE_CHARS
      ? text.slice(start, start + MAX_LINE_CHARS + 1)
      : text.slice(start, end);
    start = end + 1;
  }
}

/**
 * Where the splitter sends each line: `cut` when it was longer than the cap, `controlFree` when
 * the chunk scan found no control character in it (the read stage then skips its own test).
 */
export type LineSink = (line: string, cut: boolean, controlFree: boolean) => void;

/**
 * Splits a byte stream into lines without holding more than one capped line: the part of a line
 * past the cap is dropped as it arrives. Invalid UTF-8 becomes U+FFFD.
 */
export class ByteLineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private cut = false;
  private static readonly CAP = MAX_LINE_CHARS * 4;

  constructor(private readonly emit: LineSink) {}

  push(chunk: Buffer): void {
    // Logs are nearly always ASCII: one check per chunk lets every line skip UTF-8 decoding, and
    // one scan tells which of its lines come before any control character.
    const ascii = isAscii(chunk);
    const encoding = ascii ? 'latin1' : 'utf8';
    const controlFreeUntil = ascii ? controlFreePrefix(chunk) : 0;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      if (this.size === 0) {
        this.emit(
          chunk.toString(encoding, start, Math.min(nl, start + ByteLineSplitter.CAP)),
          nl - start > ByteLineSplitter.CAP,
          nl <= controlFreeUntil,
        );
      } else {
        this.keep(chunk.subarray(start, nl));
        this.flush();
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  end(): void {
    if (this.size > 0 || this.cut) this.flush();
  }

  private keep(part: Buffer): void {
    const room = ByteLineSplitter.CAP - this.size;
    if (part.length > room) {
      this.cut = true;
      if (room > 0) {
        this.parts.push(Buffer.from(part.subarray(0, room)));
        this.size += room;
      }
      return;
    }
    this.parts.push(Buffer.from(part));
    this.size += part.length;
  }

  private flush(): void {
    const line = Buffer.concat(this.parts, this.size).toString('utf8');
    const cut = this.cut;
    this.parts = [];
    this.size = 0;
    this.cut = false;
    this.emit(line, cut, false);
  }
}
