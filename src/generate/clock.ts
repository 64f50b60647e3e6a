/**
 * Reading the timestamps of simulated transcripts back into a style and a time, so each record
 * of a generated log is re-stamped in its device's own style (formats: simulate/stamp.ts).
 */

import { COLLECTOR, MONTHS, type StampStyle, Stamper } from '../simulate/stamp.js';

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
      ...(m[3]!.length === 2 && m[3]!.startsWith('0') && { zeroPadDay: true }),
    },
    time,
    length: m[0].length,
  };
}

export function styleKey(s: StampStyle): string {
  return `${s.mark}|${s.year}|${s.millis}|${s.zone}|${s.separator}|${s.zeroPadDay === true}`;
}

/** The collector's own RFC 3164 timestamp (`Nov 24 10:00:00`), which starts every line it writes. */
export function collectorStamper(): Stamper {
  return new Stamper(COLLECTOR);
}
