import { MAX_LINE_CHARS } from '../../read/sanitize.js';

/** Longest frame kept, in bytes (a capped line in UTF-8); the rest of a longer frame is dropped. */
export const MAX_FRAME_BYTES = MAX_LINE_CHARS * 4;
/** More digits than this before the space is no octet count (RFC 6587 frames are far smaller). */
const MAX_COUNT_DIGITS = 9;

type Mode = 'start' | 'count' | 'octets' | 'line';

/**
 * Splits a TCP syslog stream into messages, frame by frame either RFC 6587 octet counting
 * (`123 <PRI>…`) or newline-terminated (what most relays send). Holds at most one capped frame:
 * bytes past the cap are skipped as they arrive, so a gigabyte line costs no memory.
 */
export class SyslogFramer {
  private mode: Mode = 'start';
  private digits = '';
  private remaining = 0;
  private parts: Buffer[] = [];
  private size = 0;
  private cut = false;

  constructor(private readonly emit: (frame: string, cut: boolean) => void) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      switch (this.mode) {
        case 'start': {
          const c = chunk[i]!;
          if (c === 10 || c === 13 || c === 0) i++;
          else if (c >= 48 && c <= 57) this.mode = 'count';
          else this.mode = 'line';
          break;
        }
        case 'count':
          i = this.readCount(chunk, i);
          break;
        case 'octets': {
          const take = Math.min(this.remaining, chunk.length - i);
          this.keep(chunk.subarray(i, i + take));
          this.remaining -= take;
          i += take;
          if (this.remaining === 0) this.flush();
          break;
        }
        case 'line': {
          const nl = chunk.indexOf(10, i);
          if (nl === -1) {
            this.keep(chunk.subarray(i));
            i = chunk.length;
          } else {
            this.keep(chunk.subarray(i, nl));
            this.flush();
            i = nl + 1;
          }
          break;
        }
      }
    }
  }

  /** The connection closed: a half frame is still a message, marked cut. */
  end(): void {
    if (this.mode === 'count') {
      this.keep(Buffer.from(this.digits, 'latin1'));
      this.mode = 'line';
    }
    if (this.mode === 'octets') this.cut = true;
    if (this.size > 0 || this.cut) this.flush();
    this.mode = 'start';
  }

  /** Digits then a space are an octet count; anything else makes the digits the start of a line. */
  private readCount(chunk: Buffer, i: number): number {
    while (i < chunk.length) {
      const c = chunk[i]!;
      if (c >= 48 && c <= 57 && this.digits.length < MAX_COUNT_DIGITS) {
        this.digits += String.fromCharCode(c);
        i++;
        continue;
      }
      if (c === 32 && this.digits.length > 0) {
        this.remaining = Number(this.digits);
        this.digits = '';
        this.mode = this.remaining > 0 ? 'octets' : 'start';
        return i + 1;
      }
      this.keep(Buffer.from(this.digits, 'latin1'));
      this.digits = '';
      this.mode = 'line';
      return i;
    }
    return i;
  }

  private keep(part: Buffer): void {
    const room = MAX_FRAME_BYTES - this.size;
    if (part.length > room) {
      this.cut = true;
      if (room <= 0) return;
      part = part.subarray(0, room);
    }
    if (part.length === 0) return;
    // A copy: a view would keep the whole socket chunk alive while the frame waits.
    this.parts.push(Buffer.from(part));
    this.size += part.length;
  }

  private flush(): void {
    let frame = Buffer.concat(this.parts, this.size).toString('utf8');
    if (frame.endsWith('\n')) frame = frame.slice(0, -1);
    const cut = this.cut;
    this.parts = [];
    this.size = 0;
    this.cut = false;
    this.mode = 'start';
    this.emit(frame, cut);
  }
}
