/**
 * Timestamps as devices and collectors print them, re-made for every record of a generated log.
 * Times only move forward, so each style caches the text of the current second and only the
 * milliseconds change between records.
 */

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How a device stamped one line: `*Nov 24 10:00:00.123: `, `Nov 24 2026 10:00:01: `, `Nov 24 10:00:01 `. */
export interface StampStyle {
  /** `*` (clock not synchronised), `.` (synchronised once) or nothing. */
  mark: string;
  year: boolean;
  millis: boolean;
  /** ` UTC` and the like, or nothing. */
  zone: string;
  /** What separates the stamp from the message: `: ` or ` `. */
  separator: string;
}

const STAMP =
  /^([*.]?)(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2})(?: (\d{4}))? (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?( [A-Z]{2,5})?(: | )/;

export interface ParsedStamp {
  style: StampStyle;
  /** Milliseconds since the Unix epoch (year `fallbackYear` when the stamp has none). */
  time: number;
  /** Length of the stamp, separator included. */
  length: number;
}

export function parseStamp(line: string, fallbackYear: number): ParsedStamp | undefined {
  const m = STAMP.exec(line);
  if (!m) return undefined;
  const year = m[4] ? Number(m[4]) : fallbackYear;
  const time = Date.UTC(
    year,
    MONTHS.indexOf(m[2]!),
    Number(m[3]),
    Number(m[5]),
    Number(m[6]),
    Number(m[7]),
    m[8] ? Number(m[8]) : 0,
  );
  return {
    style: {
      mark: m[1]!,
      year: m[4] !== undefined,
      millis: m[8] !== undefined,
      zone: m[9] ?? '',
      separator: m[10]!,
    },
    time,
    length: m[0].length,
  };
}

export function styleKey(s: StampStyle): string {
  return `${s.mark}|${s.year}|${s.millis}|${s.zone}|${s.separator}`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const MILLIS = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}`);

/** `Nov 24` (day space-padded, as RFC 3164 and IOS print it), `10:00:00`, the year. */
function calendar(second: number): { day: string; year: number; time: string } {
  const d = new Date(second * 1000);
  const date = d.getUTCDate();
  return {
    day: `${MONTHS[d.getUTCMonth()]} ${date < 10 ? ' ' : ''}${date}`,
    year: d.getUTCFullYear(),
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`,
  };
}

/** Formats one style; remembers the current second's text. */
export class Stamper {
  private second = NaN;
  private head = '';
  private readonly tail: string;

  constructor(private readonly style: StampStyle | undefined) {
    this.tail = style ? style.zone + style.separator : '';
  }

  format(time: number): string {
    const style = this.style;
    if (!style) return '';
    const second = Math.floor(time / 1000);
    if (second !== this.second) {
      this.second = second;
      const c = calendar(second);
      this.head = `${style.mark}${c.day}${style.year ? ` ${c.year}` : ''} ${c.time}`;
    }
    return style.millis ? this.head + MILLIS[time - second * 1000]! + this.tail : this.head + this.tail;
  }
}

/** The collector's own RFC 3164 timestamp (`Nov 24 10:00:00`), which starts every line it writes. */
export function collectorStamper(): Stamper {
  return new Stamper({ mark: '', year: false, millis: false, zone: '', separator: ' ' });
}
