import { useEffect, useState } from 'preact/hooks';
import type { LadderStep, RunReport, Side } from '../api.js';
import { useLocale } from '../context.js';
import type { T } from '../i18n.js';
import { type ArrowRow, LADDER, SIZES, layoutLadder, secondsOf } from '../ladder-layout.js';

/** Hostnames come from configurations: shown whole in the tooltip and the label, cut in the drawing. */
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const NARROW = '(max-width: 640px)';

/** Whether the screen is phone-sized, following rotation and resizing. */
function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => matchMedia(NARROW).matches);
  useEffect(() => {
    const query = matchMedia(NARROW);
    const follow = () => setNarrow(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return narrow;
}

const labelOf = (s: LadderStep) => [s.step, s.payloads.join(', ')].filter((p) => p !== '').join(' ');

const noteOf = (s: LadderStep, t: T) =>
  s.retransmission ? `(${t('simulate.retransmission', { count: s.retransmission })})` : undefined;

/** What a screen reader says for one arrow: the failure first, then time, who, what, how. */
function describe(s: LadderStep, names: Record<Side, string>, t: T): string {
  const note = noteOf(s, t);
  const label = note ? `${labelOf(s)} ${note}` : labelOf(s);
  return [
    s.failed && t('simulate.failedStep'),
    t('simulate.arrow', {
      time: t('simulate.seconds', { value: secondsOf(s.at) }),
      from: names[s.from],
      to: names[s.to],
      label,
    }),
    s.encrypted && t('simulate.encrypted'),
    !s.delivered && t('simulate.lost'),
  ]
    .filter(Boolean)
    .join('; ');
}

/** A padlock centred on (x, y), cut out of the line it sits on. */
function Lock({ x, y }: { x: number; y: number }) {
  return (
    <g class="lock" aria-hidden="true">
      <rect class="gap" x={x - 8} y={y - 9} width="16" height="16" />
      <path d={`M${x - 3} ${y - 2}v-3a3 3 0 0 1 6 0v3`} />
      <rect class="body" x={x - 5} y={y - 2} width="10" height="8" rx="1.5" />
    </g>
  );
}

/** The end of an arrow: a head on the receiver's lifeline, or a cross where a lost message vanished. */
function End({ row }: { row: ArrowRow }) {
  const { x2, y } = row;
  if (row.lost) return <path class="cross" d={`M${x2 - 6} ${y - 6}l12 12M${x2 - 6} ${y + 6}l12 -12`} />;
  const back = row.x2 > row.x1 ? -10 : 10;
  return <polygon class="head" points={`${x2},${y} ${x2 + back},${y - 5} ${x2 + back},${y + 5}`} />;
}

/**
 * One run's negotiation as a sequence diagram (inline SVG): both peers' lifelines, one arrow per
 * ISAKMP message in time order, encrypted ones dashed with a lock, lost ones ending in a cross,
 * the step the negotiation stopped at in red. Every arrow is a list item with its own label and
 * can take the keyboard focus.
 */
export function LadderDiagram({ run, names }: { run: RunReport; names: Record<Side, string> }) {
  const { t } = useLocale();
  const size = useNarrow() ? SIZES.compact : SIZES.wide;
  const layout = layoutLadder(
    run.ladder.map((s) => {
      const note = noteOf(s, t);
      return { ...s, label: labelOf(s), ...(note && { note }) };
    }),
    size,
  );
  const address: Record<Side, string> = {
    a: run.initiator === 'a' ? run.from : run.to,
    b: run.initiator === 'b' ? run.from : run.to,
  };
  const middle = (layout.lanes.a + layout.lanes.b) / 2;
  return (
    <figure class="ladder">
      <div class="ladder-scroll">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="list"
          aria-label={t('simulate.ladderTitle', { a: names.a, b: names.b })}
        >
          {(['a', 'b'] as const).map((side) => (
            <g key={side} class="lifeline" aria-hidden="true">
              <title>{`${names[side]} ${address[side]}`}</title>
              <rect
                x={layout.lanes[side] - size.headerWidth / 2}
                y="2"
                width={size.headerWidth}
                height={LADDER.header - 8}
                rx="6"
              />
              <text class="host" x={layout.lanes[side]} y="22">
                {cut(names[side], size.nameChars)}
              </text>
              <text class="address" x={layout.lanes[side]} y="41">
                {address[side]}
              </text>
              <line x1={layout.lanes[side]} y1={layout.top} x2={layout.lanes[side]} y2={layout.bottom} />
            </g>
          ))}
          {layout.rows.map((row, i) => {
            const s = run.ladder[i]!;
            const toward = row.x2 > row.x1 ? 1 : -1;
            return (
              <g
                key={i}
                class={['arrow', s.encrypted && 'encrypted', row.lost && 'lost', s.failed && 'failed']
                  .filter(Boolean)
                  .join(' ')}
                role="listitem"
                // SVG attributes are case-sensitive: `tabIndex` would be ignored.
                tabindex={0}
                aria-label={describe(s, names, t)}
              >
                <rect
                  class="focus"
                  x="2"
                  y={row.labelY - LADDER.lineHeight + 2}
                  width={layout.width - 4}
                  height={row.y - row.labelY + LADDER.lineHeight + 6}
                  rx="4"
                />
                <text class="time" x="8" y={row.y + 4}>
                  {t('simulate.seconds', { value: secondsOf(s.at) })}
                </text>
                <text class="label" y={row.labelY}>
                  {row.lines.map((line, n) => (
                    <tspan key={n} x={middle} dy={n === 0 ? 0 : LADDER.lineHeight}>
                      {line}
                    </tspan>
                  ))}
                </text>
                <line x1={row.x1} y1={row.y} x2={row.x2} y2={row.y} />
                <End row={row} />
                {s.encrypted && <Lock x={row.x1 + toward * 24} y={row.y} />}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <ul class="legend">
          {LEGEND.map(({ key, sample }) => (
            <li key={key}>
              <svg viewBox="0 0 44 16" width="44" height="16" aria-hidden="true">
                {sample}
              </svg>
              {t(key)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The legend under the diagram: each kind of arrow drawn small, and what it means. */
const LEGEND = [
  {
    key: 'simulate.legendClear',
    sample: (
      <g class="arrow">
        <line x1="2" y1="10" x2="40" y2="10" />
        <polygon class="head" points="42,10 34,6 34,14" />
      </g>
    ),
  },
  {
    key: 'simulate.legendEncrypted',
    sample: (
      <g class="arrow encrypted">
        <line x1="2" y1="8" x2="40" y2="8" />
        <polygon class="head" points="42,8 34,4 34,12" />
        <Lock x={16} y={8} />
      </g>
    ),
  },
  {
    key: 'simulate.legendLost',
    sample: (
      <g class="arrow lost">
        <line x1="2" y1="8" x2="30" y2="8" />
        <path class="cross" d="M24 2l12 12M24 14l12 -12" />
      </g>
    ),
  },
  {
    key: 'simulate.legendFailed',
    sample: (
      <g class="arrow failed">
        <line x1="2" y1="8" x2="40" y2="8" />
        <polygon class="head" points="42,8 34,4 34,12" />
      </g>
    ),
  },
] as const;
