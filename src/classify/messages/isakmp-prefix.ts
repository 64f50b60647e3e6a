import { digitsEnd, isUpper, skipSpaces } from '../chars.js';

/**
 * The `ISAKMP` prefix of an IOS debug message, read character by character: `ISAKMP (0:1): x`,
 * `ISAKMP:(1001):x`, `ISAKMP: x`, `ISAKMP (0): x`, `ISAKMP : x`, `ISAKMP-ERROR: (0):x`. It takes
 * what `^ISAKMP(?:-[A-Z]+)?\s*(?::\s*)?(?:\((\d+)(?::(\d+))?\))?\s*[:;]?\s*` would, without a
 * match array and its strings for each of the most frequent messages.
 */
export interface IsakmpPrefix {
  /** Where the message after the prefix starts. */
  end: number;
  /** The first number in parentheses (`0` of `(0:1)`), when there is one. */
  first: string | undefined;
  /** The second number in parentheses (`1` of `(0:1)`), when there is one. */
  second: string | undefined;
  /** Whether a colon follows `ISAKMP` (or `ISAKMP-ERROR`) at once and, after spaces, a `(`: IOS 15. */
  ios15: boolean;
}

/** Reads the prefix of a text that starts with `ISAKMP`. */
export function readIsakmpPrefix(text: string): IsakmpPrefix {
  let pos = 6; // `ISAKMP`
  if (text.charCodeAt(pos) === 45 /* - */) {
    let upper = pos + 1;
    while (isUpper(text.charCodeAt(upper))) upper++;
    if (upper > pos + 1) pos = upper;
  }
  const afterName = pos;
  pos = skipSpaces(text, pos);
  if (text.charCodeAt(pos) === 58 /* : */) pos = skipSpaces(text, pos + 1);
  const ios15 = text.charCodeAt(afterName) === 58 && text.charCodeAt(skipSpaces(text, afterName + 1)) === 40;
  let first: string | undefined;
  let second: string | undefined;
  if (text.charCodeAt(pos) === 40 /* ( */) {
    const firstEnd = digitsEnd(text, pos + 1, text.length);
    if (firstEnd > pos + 1) {
      let close = firstEnd;
      let secondEnd = -1;
      if (text.charCodeAt(firstEnd) === 58) {
        secondEnd = digitsEnd(text, firstEnd + 1, text.length);
        if (secondEnd > firstEnd + 1 && text.charCodeAt(secondEnd) === 41) close = secondEnd;
        else secondEnd = -1;
      }
      if (text.charCodeAt(close) === 41 /* ) */) {
        first = text.slice(pos + 1, firstEnd);
        if (secondEnd !== -1) second = text.slice(firstEnd + 1, secondEnd);
        pos = close + 1;
      }
    }
  }
  pos = skipSpaces(text, pos);
  const sep = text.charCodeAt(pos);
  if (sep === 58 || sep === 59) pos = skipSpaces(text, pos + 1);
  return { end: pos, first, second, ios15 };
}
