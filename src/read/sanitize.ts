/** Longest line kept, in characters; the rest of a longer line is dropped (logs can carry gigabyte lines). */
export const MAX_LINE_CHARS = 16 * 1024;

const NEEDS_CLEANING = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const ANSI_ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Makes one physical line printable: CR, ANSI colour/cursor escapes and other control characters
 * go (tabs stay: show tables use them as column separators). Cheap when there is nothing to do;
 * `controlFree` when a chunk scan already found none.
 */
export function sanitizeLine(line: string, controlFree = false): { text: string; truncated: boolean } {
  let text = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
  let truncated = false;
  if (text.length > MAX_LINE_CHARS) {
    text = text.slice(0, MAX_LINE_CHARS);
    truncated = true;
  }
  if (!controlFree && NEEDS_CLEANING.test(text)) text = text.replace(ANSI_ESCAPE, '').replace(CONTROL, '');
  return { text, truncated };
}
