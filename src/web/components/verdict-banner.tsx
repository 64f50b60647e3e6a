import type { Tone } from '../verdict.js';

/** The answer first: the headline of the report, coloured by how bad it is. */
export function VerdictBanner({ headline, detail, tone }: { headline: string; detail?: string; tone: Tone }) {
  return (
    <div class={`verdict tone-${tone}`} role="status">
      <p class="headline">{headline}</p>
      {detail && <p class="detail">{detail}</p>}
    </div>
  );
}
