import type { InputText } from '../pipeline/analysis.js';
import { splitLines } from '../read/lines.js';
import { sanitizeLine } from '../read/sanitize.js';
import { maskSecrets } from '../read/secrets.js';

/**
 * An input as it may be kept: every line as the read stage sees it (printable, capped, pre-shared
 * keys and passwords masked), so the database never holds a secret a user pasted.
 */
export function maskInput(input: InputText): InputText {
  const lines: string[] = [];
  for (const line of splitLines(input.text)) lines.push(maskSecrets(sanitizeLine(line).text));
  return { name: maskSecrets(sanitizeLine(input.name).text), text: lines.join('\n') };
}
