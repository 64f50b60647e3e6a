import type { AnnotatedLine } from '../api.js';
import { useLocale } from '../context.js';
import { lineKey, visibleLines } from '../lines.js';

interface Props {
  lines: readonly AnnotatedLine[];
  /** Every evidence line of the report. */
  marked: ReadonlySet<string>;
  /** The evidence lines of the finding in focus. */
  selected: ReadonlySet<string>;
  /** Element id of a line: the views scroll to it. */
  idOf: (input: string, line: number) => string;
}

/** One input, line by line: recognised lines glossed on hover or focus, evidence highlighted. */
export function LineView({ lines, marked, selected, idOf }: Props) {
  const { t } = useLocale();
  const name = lines[0]?.input ?? '';
  return (
    <ol class="lines" aria-label={t('input.lines', { name })}>
      {visibleLines(lines, marked).map((s, i) => {
        if (s.kind === 'gap')
          return (
            <li key={`gap-${i}`} class="gap">
              {t('input.gap', { count: s.count })}
            </li>
          );
        const l = s.line;
        const key = lineKey(l.input, l.line);
        const id = idOf(l.input, l.line);
        const cls = [
          'line',
          l.gloss && 'glossed',
          marked.has(key) && 'evidence',
          selected.has(key) && 'selected',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <li
            key={id}
            id={id}
            class={cls}
            tabIndex={l.gloss || marked.has(key) ? 0 : undefined}
            aria-describedby={l.gloss ? `${id}-gloss` : undefined}
          >
            <span class="ln" aria-hidden="true">
              {l.line}
            </span>
            <code class="text">{l.text}</code>
            {l.gloss && (
              <span class="gloss" role="tooltip" id={`${id}-gloss`}>
                {l.gloss}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
