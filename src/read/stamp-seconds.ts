/**
 * A printed timestamp (`LogLine.time`) as seconds, for measuring how much log time has passed on
 * one device. Only differences between stamps of the same format mean anything: a stamp without
 * a year counts from the start of its year, an uptime from the device's boot.
 */

/** Days in the year before each month (a non-leap year: February 29th reads as March 1st). */
const DAYS_BEFORE: Record<string, number> = {
  Jan: 0,
  Feb: 31,
  Mar: 59,
  Apr: 90,
  May: 120,
  Jun: 151,
  Jul: 181,
  Aug: 212,
  Sep: 243,
  Oct: 273,
  Nov: 304,
  Dec: 334,
};

const DAY = 86_400;

/** `Nov 23 08:41:10.449 UTC`, `Nov 23 2026 08:41:10` (the year is left out on purpose: see above). */
const MONTH_STAMP = /^([A-Z][a-z]{2}) {1,2}(\d{1,2})(?: \d{4})? (\d{1,2}):(\d\d):(\d\d)/;
const ISO_STAMP = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/;
/** Uptime under a day (`20:44:44.123`), or in units (`1d00h`, `2w5d`, `1y2w`). */
const CLOCK_UPTIME = /^(\d{1,2}):(\d\d):(\d\d)/;
const UNIT_UPTIME = /^(\d{1,3})([ywd])(\d{1,2})([wdh])$/i;
const UNIT_SECONDS: Record<string, number> = { y: 365 * DAY, w: 7 * DAY, d: DAY, h: 3_600 };

export function stampSeconds(stamp: string): number | undefined {
  let m = MONTH_STAMP.exec(stamp);
  if (m) {
    const before = DAYS_BEFORE[m[1]!];
    if (before === undefined) return undefined;
    return (before + Number(m[2])) * DAY + clock(m[3]!, m[4]!, m[5]!);
  }
  m = ISO_STAMP.exec(stamp);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 + clock(m[4]!, m[5]!, m[6]!);
  m = CLOCK_UPTIME.exec(stamp);
  if (m) return clock(m[1]!, m[2]!, m[3]!);
  m = UNIT_UPTIME.exec(stamp);
  if (m) {
    return (
      Number(m[1]) * UNIT_SECONDS[m[2]!.toLowerCase()]! + Number(m[3]) * UNIT_SECONDS[m[4]!.toLowerCase()]!
    );
  }
  return undefined;
}

function clock(h: string, m: string, s: string): number {
  return Number(h) * 3_600 + Number(m) * 60 + Number(s);
}
