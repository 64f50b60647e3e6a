/**
 * Takes the prefixes real logs put before a device message: syslog `<PRI>`, RFC 5424 headers,
 * RFC 3164 timestamps and hosts, sequence numbers (`000311:`), Cisco timestamps (`*Mar  1
 * 00:01:18.619:`, `Nov 23 2026 08:41:10:`) and uptime stamps (`1d00h:`, `2w5d:`, `20:44:44:`).
 * Only lines that start at column 0 carry prefixes: indentation means a continuation.
 */
export interface Prefix {
  body: string;
  host?: string;
  time?: string;
}

const PRI = /<\d{1,3}>/y;
const RFC5424 = /1 (\S+) (\S+) \S+ \S+ \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) ?/y;
const MONTH_TIME =
  /[*.]?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2}(?: \d{4})? \d{1,2}:\d\d:\d\d(?:\.\d{1,6})?(?: [A-Z]{2,5}[+-]?\d{0,2})?/y;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/y;
const UPTIME = /[*.]?(?:\d{1,3}[wdy]\d{1,2}[dhw]|\d{1,2}:\d\d:\d\d(?:\.\d{1,6})?)(?= ?:)/iy;
const SEQUENCE = /\d{1,10}:(?: |$)/y;
const COLON = / ?: ?/y;
const HOST = /([A-Za-z0-9][\w.-]*) (?::\s?)?/y;
const MONTH_LIKE = /[A-Z][a-z]{2} /y;

/** A timestamp as printed from `start` to `end`, without the `*` (not synchronised) or `.` (synchronised once) mark. */
function stampAt(line: string, start: number, end: number): string {
  const c = line.charCodeAt(start);
  return line.slice(c === 42 || c === 46 ? start + 1 : start, end);
}

/** Only whitespace (the same set `trim` removes), tested without allocating a trimmed copy. */
const BLANK = /^\s*$/;

function isBlank(s: string): boolean {
  const c = s.charCodeAt(0);
  // A printable ASCII first character settles it without the pattern.
  return !(c > 32 && c < 127) && BLANK.test(s);
}

/*
 * Necessary conditions for the patterns below, tested on a character or two so that most lines
 * (debug messages after their stamp, show rows, sequence numbers) skip patterns that cannot match.
 */

/** Whether MONTH_TIME can match at `pos`: a month's first letter, after an optional mark. */
function monthCanStart(s: string, pos: number): boolean {
  let c = s.charCodeAt(pos);
  if (c === 42 || c === 46) c = s.charCodeAt(pos + 1);
  // J F M A S O N D
  return c === 74 || c === 70 || c === 77 || c === 65 || c === 83 || c === 79 || c === 78 || c === 68;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the run of digits starting at `pos` ends (looking at most `max` digits ahead). */
function digitsEnd(s: string, pos: number, max: number): number {
  let i = pos;
  while (i - pos <= max && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** Whether UPTIME can match at `pos`: 1-3 digits then w/d/y, or 1-2 digits then a colon. */
function uptimeCanStart(s: string, pos: number): boolean {
  const c = s.charCodeAt(pos);
  const from = c === 42 || c === 46 ? pos + 1 : pos;
  const end = digitsEnd(s, from, 3);
  const n = end - from;
  const after = s.charCodeAt(end) | 32; // lower case for letters
  return (
    n >= 1 && ((after === 58 && n <= 2) || ((after === 119 || after === 100 || after === 121) && n <= 3))
  );
}

function at(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

/** Where the sticky pattern's match at `pos` ends, or -1: a test, so no match array per prefix. */
function matchEnd(re: RegExp, s: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(s) ? re.lastIndex : -1;
}

/** Whether what follows a syslog host looks like a message rather than more words of a sentence. */
function messageFollows(s: string, pos: number): boolean {
  const c = s.charCodeAt(pos);
  // % (mnemonic), digit (sequence number), * or . (Cisco time), [ (ASA debug), letter of a month
  return (
    c === 37 ||
    (c >= 48 && c <= 57) ||
    c === 42 ||
    c === 46 ||
    c === 91 ||
    at(MONTH_LIKE, s, pos) !== null ||
    c === 60
  );
}

export function stripPrefix(line: string): Prefix {
  const first = line.charCodeAt(0);
  // Fast path: a line starting with a letter other than a month, or with whitespace, has no prefix.
  if (line.length === 0 || first === 32 || first === 9) return { body: line };
  let pos = 0;
  let host: string | undefined;
  let time: string | undefined;
  let end = first === 60 ? matchEnd(PRI, line, pos) : -1;
  if (end !== -1) {
    pos = end;
    const h = line.charCodeAt(pos) === 49 ? at(RFC5424, line, pos) : null;
    if (h) {
      time = h[1] === '-' ? undefined : h[1];
      host = h[2] === '-' ? undefined : h[2];
      pos += h[0].length;
    }
  }
  // RFC 3164 header: timestamp, then host, then the device's own prefixes.
  for (let round = 0; round < 4; round++) {
    const start = pos;
    const c = line.charCodeAt(pos);
    const digit = c >= 48 && c <= 57;
    const mark = c === 42 || c === 46; // * or . before a Cisco timestamp
    // Cheap first-character tests keep the regexes off lines that cannot carry a prefix.
    if (!digit && !mark && !(c >= 65 && c <= 90) && c !== 58) break;
    const stamp = digit
      ? line.charCodeAt(pos + 4) === 45 && matchEnd(ISO_TIME, line, pos)
      : monthCanStart(line, pos) && matchEnd(MONTH_TIME, line, pos);
    if (stamp !== false && (end = stamp) !== -1) {
      time = stampAt(line, pos, end);
      pos = end;
      const colon = matchEnd(COLON, line, pos);
      if (colon !== -1) {
        pos = colon;
      } else if (line.charCodeAt(pos) === 32) {
        pos++;
        const h = at(HOST, line, pos);
        const name = h?.[1];
        if (
          h &&
          name &&
          host === undefined &&
          (messageFollows(line, pos + h[0].length) || /^(\d{1,3}\.){3}\d{1,3}$/.test(name))
        ) {
          host = name;
          pos += h[0].length;
        }
      }
    } else if ((digit || mark) && uptimeCanStart(line, pos) && (end = matchEnd(UPTIME, line, pos)) !== -1) {
      time = stampAt(line, pos, end);
      pos = end;
      const colon = matchEnd(COLON, line, pos);
      if (colon !== -1) pos = colon;
    } else if (
      digit &&
      line.charCodeAt(digitsEnd(line, pos, 10)) === 58 &&
      (end = matchEnd(SEQUENCE, line, pos)) !== -1
    ) {
      pos = end;
    } else if (line.charCodeAt(pos) === 58 && pos > 0) {
      pos++; // ASA `host : %ASA…`
      while (line.charCodeAt(pos) === 32) pos++;
    }
    if (pos === start) break;
  }
  if (pos === 0) return { body: line };
  // A seq-only header with trailing spaces leaves nothing: the message follows on the next line.
  const rest = line.slice(pos);
  const prefix: Prefix = { body: isBlank(rest) ? '' : rest };
  if (host !== undefined) prefix.host = host;
  if (time !== undefined) prefix.time = time;
  return prefix;
}
