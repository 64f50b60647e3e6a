/** Character tests shared by the classify stage's hand-written scanners (message matchers, show parsers). */

/** The characters `\s` matches in a JavaScript pattern (and `String.prototype.trim` removes). */
export function isSpace(c: number): boolean {
  if (c < 160) return isAsciiBlank(c);
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The white space of `\s` and `trim` below 128. */
export function isAsciiBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of the run of digits at `at` (`\d*`), not past `end`. */
export function digitsEnd(s: string, at: number, end: number): number {
  while (at < end && isDigit(s.charCodeAt(at))) at++;
  return at;
}

/** `[A-Z]` */
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** `[A-Za-z_]` */
export function isWordLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** First position at or after `pos` that is not `\s`. */
export function skipSpaces(s: string, pos: number): number {
  while (isSpace(s.charCodeAt(pos))) pos++;
  return pos;
}
