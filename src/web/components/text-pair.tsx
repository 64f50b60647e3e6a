import type { Side } from '../api.js';

/** Two texts side by side (one under the other on a phone): monospace, scrollable, reachable by keyboard. */
export function TextPair({
  titles,
  texts,
  empty,
  idPrefix,
}: {
  titles: Record<Side, string>;
  texts: Record<Side, string>;
  /** Said instead of an empty text. */
  empty: string;
  idPrefix: string;
}) {
  return (
    <div class="text-pair">
      {(['a', 'b'] as const).map((side) => (
        <section key={side} aria-labelledby={`${idPrefix}-${side}`}>
          <h4 id={`${idPrefix}-${side}`}>{titles[side]}</h4>
          {texts[side] === '' ? (
            <p class="hint">{empty}</p>
          ) : (
            <pre class="output" tabIndex={0} aria-labelledby={`${idPrefix}-${side}`}>
              {texts[side]}
            </pre>
          )}
        </section>
      ))}
    </div>
  );
}
