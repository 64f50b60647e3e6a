/**
 * Device clocks as they print them: IOS `*Nov 24 10:00:00.123: `, ASA/PIX syslog
 * `Nov 24 2026 10:00:01: `, ASA debug `Nov 24 10:00:01 `, a collector's `Nov 24 10:00:00 `.
 * The simulator's dialects and the fleet-log generator write every timestamp through here.
 */

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How a device stamps one line. */
export interface StampStyle {
  /** `*` (clock not synchronised), `.` (synchronised once) or nothing. */
  mark: string;
  year: boolean;
  millis: boolean;
  /** ` UTC` and the like, or nothing. */
  zone: string;
  /** What separates the stamp from the message: `: ` or ` `. */
  separator: string;
  /** ASA and PIX print `Nov 04`; IOS and RFC 3164 collectors `Nov  4`. */
  zeroPadDay?: boolean;
}

export const IOS_DEBUG: StampStyle = { mark: '*', year: false, millis: true, zone: '', separator: ': ' };
export const FIREWALL_SYSLOG: StampStyle = {
  mark: '',
  year: true,
  millis: false,
  zone: '',
  separator: ': ',
  zeroPadDay: true,
};
export const ASA_DEBUG: StampStyle = {
  mark: '',
  year: false,
  millis: false,
  zone: '',
  separator: ' ',
  zeroPadDay: true,
};
export const COLLECTOR: StampStyle = { mark: '', year: false, millis: false, zone: '', separator: ' ' };

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const MILLIS = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}`);

/** Everything up to the seconds: `*Nov 24 2026 10:00:00` as the style has it. */
function head(style: StampStyle, second: number): string {
  const d = new Date(second * 1000);
  const date = d.getUTCDate();
  const day = date < 10 ? (style.zeroPadDay ? `0${date}` : ` ${date}`) : String(date);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${style.mark}${MONTHS[d.getUTCMonth()]} ${day}${style.year ? ` ${d.getUTCFullYear()}` : ''} ${time}`;
}

/** Formats one style; remembers the current second's text (times of a log only move forward). */
export class Stamper {
  private second = NaN;
  private head = '';
  private readonly tail: string;

  constructor(private readonly style: StampStyle | undefined) {
    this.tail = style ? style.zone + style.separator : '';
  }

  /** `time`: milliseconds since the Unix epoch. */
  format(time: number): string {
    const style = this.style;
    if (!style) return '';
    const second = Math.floor(time / 1000);
    if (second !== this.second) {
      this.second = second;
      this.head = head(style, second);
    }
    return style.millis ? this.head + MILLIS[time - second * 1000]! + this.tail : this.head + this.tail;
  }
}

/** One stamp at `at` ms after `start`. */
export function stampAt(style: StampStyle, start: Date, at: number): string {
  return new Stamper(style).format(start.getTime() + at);
}
