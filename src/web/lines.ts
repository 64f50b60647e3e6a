import type { AnnotatedLine, Evidence } from './api.js';

/** Identity of a line across the page: its input and number. */
export const lineKey = (input: string, line: number) => `${input}\n${line}`;
export const evidenceKeys = (evidence: readonly Evidence[]) => evidence.map((e) => lineKey(e.input, e.line));

export type Shown = { kind: 'line'; line: AnnotatedLine } | { kind: 'gap'; count: number };

/** Inputs up to this many lines are shown whole; longer ones as their head and the marked lines in context. */
const WHOLE = 3000;
const HEAD = 200;
const CONTEXT = 6;

/**
 * The lines of one input to put on the page: a browser stays responsive with thousands of lines,
 * not with a million, and what matters in a long log is around the evidence.
 */
export function visibleLines(lines: readonly AnnotatedLine[], marked: ReadonlySet<string>): Shown[] {
  if (lines.length <= WHOLE) return lines.map((line) => ({ kind: 'line', line }));
  const keep = new Uint8Array(lines.length);
  keep.fill(1, 0, HEAD);
  lines.forEach((l, i) => {
    if (marked.has(lineKey(l.input, l.line)))
      keep.fill(1, Math.max(0, i - CONTEXT), Math.min(lines.length, i + CONTEXT + 1));
  });
  const out: Shown[] = [];
  let gap = 0;
  lines.forEach((line, i) => {
    if (!keep[i]) {
      gap++;
      return;
    }
    if (gap > 0) out.push({ kind: 'gap', count: gap });
    gap = 0;
    out.push({ kind: 'line', line });
  });
  if (gap > 0) out.push({ kind: 'gap', count: gap });
  return out;
}
