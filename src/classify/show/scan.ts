import { isDigit } from '../chars.js';

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

/** ASCII blanks: the white space of `\s` and `trim` below 128. */
export const isAsciiBlank = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** Index of the first character of `s` that is not an ASCII blank (`s.length` if none). */
export function textStart(s: string): number {
  let i = 0;
  while (i < s.length && isAsciiBlank(s.charCodeAt(i))) i++;
  return i;
}

/** Index after the last character of `s` that is not an ASCII blank. */
export function textEnd(s: string): number {
  let i = s.length;
  while (i > 0 && isAsciiBlank(s.charCodeAt(i - 1))) i--;
  return i;
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

/** End of the run of digits at `at` (`\d*`). */
export function digitsEnd(s: string, at: number, end: number): number {
  while (at < end && isDigit(s.charCodeAt(at))) at++;
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
