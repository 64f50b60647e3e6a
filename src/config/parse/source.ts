import { maskSecrets } from '../../read/secrets.js';
import { sanitizeLine } from '../../read/sanitize.js';
import type { SourceRef } from '../model.js';

/** Longest configuration file read, in lines: a running-config of a large ASA is ~100k lines. */
export const MAX_CONFIG_LINES = 500_000;

/**
 * One configuration line: its evidence (text with secrets masked) and its words. The words keep
 * pre-shared keys in clear so the checker can compare them; they must never reach an output.
 */
export interface ConfigLine {
  ref: SourceRef;
  words: string[];
  /** Leading spaces: sub-mode commands are indented under their parent. */
  indent: number;
}

/** Blank lines, `!` comments and ASA `:` header lines carry nothing. */
function isNoise(text: string): boolean {
  const t = text.trimStart();
  return t === '' || t.startsWith('!') || t.startsWith(':') || t.startsWith('#');
}

export function readConfig(file: string, text: string): ConfigLine[] {
  const out: ConfigLine[] = [];
  let lineNo = 0;
  for (const physical of text.split('\n')) {
    lineNo++;
    if (lineNo > MAX_CONFIG_LINES) break;
    const { text: clean } = sanitizeLine(physical);
    if (isNoise(clean)) continue;
    const indent = clean.length - clean.trimStart().length;
    out.push({
      ref: { file, line: lineNo, text: maskSecrets(clean.trimEnd()) },
      words: clean.trim().split(/\s+/),
      indent,
    });
  }
  return out;
}

/** A top-level command and the indented sub-mode lines under it. */
export interface Section {
  head: ConfigLine;
  body: ConfigLine[];
}

export function sections(lines: readonly ConfigLine[]): Section[] {
  const out: Section[] = [];
  for (const line of lines) {
    const current = out[out.length - 1];
    if (line.indent > 0 && current) current.body.push(line);
    else out.push({ head: line, body: [] });
  }
  return out;
}

/** `words` starts with `prefix` (case-insensitive, keywords may be abbreviated by the device: no). */
export function startsWith(words: readonly string[], ...prefix: string[]): boolean {
  if (words.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (words[i]?.toLowerCase() !== prefix[i]) return false;
  return true;
}

/** Integer value of a word, or undefined when it is not a plain decimal number. */
export function int(word: string | undefined): number | undefined {
  return word !== undefined && /^\d{1,10}$/.test(word) ? Number(word) : undefined;
}
