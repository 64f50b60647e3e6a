/**
 * Geometry of the ladder (sequence) diagram: A's lifeline on the left, B's on the right, one
 * arrow per message in time order, each under its label. Pure, so it is tested without a browser;
 * the component only draws what this returns.
 */

export type Lane = 'a' | 'b';

/** One message as the diagram needs it: who to whom, whether it arrived, its label as shown. */
export interface ArrowInput {
  from: Lane;
  to: Lane;
  delivered: boolean;
  label: string;
}

export interface ArrowRow {
  /** Label lines (a long payload list wraps), drawn centred above the arrow. */
  lines: string[];
  /** Baseline of the first label line. */
  labelY: number;
  /** The arrow line: it starts on the sender's lifeline; a lost one ends before the other's. */
  y: number;
  x1: number;
  x2: number;
  lost: boolean;
}

export interface LadderLayout {
  width: number;
  height: number;
  /** x of each lifeline. */
  lanes: Record<Lane, number>;
  /** Where the lifelines start (below the headers) and end. */
  top: number;
  bottom: number;
  rows: ArrowRow[];
}

export const LADDER = {
  width: 800,
  lanes: { a: 200, b: 680 },
  /** Height of the two headers (hostname, address). */
  header: 56,
  lineHeight: 16,
  /** Space between a row's last label line and its arrow, and below the arrow. */
  gapAbove: 6,
  gapBelow: 18,
  /** Characters per label line before it wraps (13px text over the 480px between lifelines). */
  wrapAt: 58,
  /** How far a lost message gets: this share of the way to the other lifeline. */
  lostReach: 0.72,
} as const;

/**
 * Breaks a label into lines of at most `width` characters, at the `, ` between payloads (a
 * single payload longer than that stays whole on its own line).
 */
export function wrapLabel(label: string, width: number = LADDER.wrapAt): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of label.split(', ')) {
    const joined = line === '' ? part : `${line}, ${part}`;
    if (joined.length <= width || line === '') line = joined;
    else {
      lines.push(`${line},`);
      line = part;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function layoutLadder(arrows: readonly ArrowInput[]): LadderLayout {
  const { lanes, lineHeight, gapAbove, gapBelow } = LADDER;
  let y = LADDER.header + gapBelow;
  const rows = arrows.map((arrow): ArrowRow => {
    const lines = wrapLabel(arrow.label);
    const labelY = y + lineHeight - 4;
    const arrowY = y + lines.length * lineHeight + gapAbove;
    y = arrowY + gapBelow;
    const [x1, target] = [lanes[arrow.from], lanes[arrow.to]];
    const lost = !arrow.delivered;
    const x2 = lost ? x1 + (target - x1) * LADDER.lostReach : target;
    return { lines, labelY, y: arrowY, x1, x2, lost };
  });
  return { width: LADDER.width, height: y + 8, lanes, top: LADDER.header, bottom: y, rows };
}

/** Relative time at the left of an arrow: seconds since the run started, to the millisecond. */
export const secondsOf = (ms: number): string => (ms / 1000).toFixed(3);
