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
  /** `MM1 SA (2 transforms)`, payloads separated by `, `. */
  label: string;
  /** Said after the label, on a line of its own when it does not fit (a retransmission). */
  note?: string;
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

/** The drawing's measures: wide for a laptop, compact for a phone (read at about the same size). */
export interface LadderSize {
  width: number;
  lanes: Record<Lane, number>;
  /** Width of a lifeline's header box, and the characters of a hostname that fit in it. */
  headerWidth: number;
  nameChars: number;
  /** Characters per label line before it wraps (12.5px monospace between the lifelines). */
  wrapAt: number;
}

export const SIZES = {
  wide: { width: 800, lanes: { a: 200, b: 680 }, headerWidth: 230, nameChars: 26, wrapAt: 58 },
  compact: { width: 420, lanes: { a: 110, b: 340 }, headerWidth: 150, nameChars: 17, wrapAt: 30 },
} as const satisfies Record<string, LadderSize>;

export const LADDER = {
  /** Height of the two headers (hostname, address). */
  header: 56,
  lineHeight: 16,
  /** Space between a row's last label line and its arrow, and below the arrow. */
  gapAbove: 6,
  gapBelow: 18,
  /** How far a lost message gets: this share of the way to the other lifeline. */
  lostReach: 0.72,
} as const;

/**
 * Breaks a label into lines of at most `width` characters, at the `, ` between payloads (a
 * single payload longer than that stays whole on its own line); the note follows the last line.
 */
export function wrapLabel(label: string, width: number, note?: string): string[] {
  const lines: string[] = [];
  let line = '';
  const add = (part: string, separator: string) => {
    const joined = line === '' ? part : `${line}${separator} ${part}`;
    if (joined.length <= width || line === '') line = joined;
    else {
      lines.push(`${line}${separator}`);
      line = part;
    }
  };
  for (const part of label.split(', ')) add(part, ',');
  if (note !== undefined) add(note, '');
  if (line !== '') lines.push(line);
  return lines;
}

export function layoutLadder(arrows: readonly ArrowInput[], size: LadderSize = SIZES.wide): LadderLayout {
  const { lineHeight, gapAbove, gapBelow } = LADDER;
  const { lanes } = size;
  let y = LADDER.header + gapBelow;
  const rows = arrows.map((arrow): ArrowRow => {
    const lines = wrapLabel(arrow.label, size.wrapAt, arrow.note);
    const labelY = y + lineHeight - 4;
    const arrowY = y + lines.length * lineHeight + gapAbove;
    y = arrowY + gapBelow;
    const [x1, target] = [lanes[arrow.from], lanes[arrow.to]];
    const lost = !arrow.delivered;
    const x2 = lost ? x1 + (target - x1) * LADDER.lostReach : target;
    return { lines, labelY, y: arrowY, x1, x2, lost };
  });
  return { width: size.width, height: y + 8, lanes, top: LADDER.header, bottom: y, rows };
}

/** Relative time at the left of an arrow: seconds since the run started, to the millisecond. */
export const secondsOf = (ms: number): string => (ms / 1000).toFixed(3);
