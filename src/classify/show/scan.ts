import { isAsciiBlank, isDigit } from '../chars.js';

/**
 * Index arithmetic over a line's text, for parsers that read the common layouts of a `show` output
 * without slicing or matching the line first. Each reader returns `NONE` where it cannot tell what
 * the parser's pattern would do (a character outside ASCII, which `\s` and `trim` may take as a
 * blank, or a line break, which `.` does not match): the parser then takes its general way.
 */

/** No answer: the caller falls back to its patterns. */
export const NONE = -1;

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const ASCII_END = 128;

/** Index of the first character of `s` that is not an ASCII blank (`s.length` if none). */
export function textStart(s: string): number {
  let i = 0;
  while (i < s.length && isAsciiBlank(s.charCodeAt(i))) i++;
  return i;
}

/** Index after the last character of `s` that is not an ASCII blank. */
export function textEnd(s: string): number {
  return blanksStart(s, 0, s.length);
}

/** Where the ASCII blanks that end `s` at `end` begin, not before `from`. */
export function blanksStart(s: string, from: number, end: number): number {
  while (end > from && isAsciiBlank(s.charCodeAt(end - 1))) end--;
  return end;
}

/** After the blanks at `at` (`\s*`), or `NONE` at a character outside ASCII. */
export function skipBlanks(s: string, at: number, end: number): number {
  for (; at < end; at++) {
    const c = s.charCodeAt(at);
    if (c >= ASCII_END) return NONE;
    if (!isAsciiBlank(c)) break;
  }
  return at;
}

/** End of the run of characters other than blanks at `at` (`\S*`), or `NONE` at one outside ASCII. */
export function tokenEnd(s: string, at: number, end: number): number {
  for (; at < end; at++) {
    const c = s.charCodeAt(at);
    if (c >= ASCII_END) return NONE;
    if (isAsciiBlank(c)) break;
  }
  return at;
}

/** End of the run of hexadecimal digits at `at` (`[0-9A-Fa-f]*`). */
export function hexDigitsEnd(s: string, at: number, end: number): number {
  for (; at < end; at++) {
    const c = s.charCodeAt(at);
    if (!(isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) break;
  }
  return at;
}

/** Whether `s` from `from` to `end` is ASCII without a line break (what `.` matches, in ASCII). */
export function isPlainText(s: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= ASCII_END || c === LINE_FEED || c === CARRIAGE_RETURN) return false;
  }
  return true;
}
