/**
 * A record is one message a device logs (a line and its indented continuation lines), as a
 * template: its time offset, which side logs it, how it was stamped, and its text cut into
 * literals and slots. Stamping a record for a tunnel fills the slots with that tunnel's values.
 */
import { SLOTS } from './addressing.js';
import type { StampStyle } from '../simulate/stamp.js';

/** Slots past the tunnel's values: numbers drawn per record (connection chatter, SPIs). */
export const DRAWN_NUMBER = SLOTS.length;
export const DRAWN_OCTET = SLOTS.length + 1;
/** `0x1A2B3C4D` */
export const DRAWN_SPI = SLOTS.length + 2;
/** `0x1A2B3C4D(439041101)`, as IOS prints an SPI. */
export const DRAWN_SPI_PAIR = SLOTS.length + 3;
/**
 * Slots past the drawn numbers: connection ids, which a device allocates from its own counter.
 * Per side, up to CONN_SLOTS IKE SAs (`ISAKMP:(1001):`, `ISAKMP (0:1):`) and CONN_SLOTS IPsec
 * SA ids (`sa_conn_id= 2001`), in the order the episode first names them.
 */
export const CONN_SLOTS = 8;
export const IKE_ID = SLOTS.length + 4;
export const IPSEC_ID = IKE_ID + 2 * CONN_SLOTS;
export const VALUE_COUNT = IPSEC_ID + 2 * CONN_SLOTS;

export const ikeSlot = (side: 0 | 1, k: number) => IKE_ID + side * CONN_SLOTS + k;
export const ipsecSlot = (side: 0 | 1, k: number) => IPSEC_ID + side * CONN_SLOTS + k;

export interface RecordTemplate {
  /** Milliseconds since the episode started. */
  at: number;
  side: 0 | 1;
  /** Index into the episode catalogue's stamp styles; -1 for an unstamped message. */
  style: number;
  /** Literal, slot, literal, slot, …, literal (always odd length). */
  parts: (string | number)[];
  /** Lines the record takes (1 + its continuation lines). */
  lines: number;
}

export interface Token {
  text: string;
  /** A network's first octets (`10.48.57`), always followed by the last one. */
  prefix: boolean;
}

/**
 * Cuts `text` at each token's occurrences. `tokens[i]` is what slot `i` held when the text was
 * written; a match must not continue a longer number or address (`10.1.1.10` is not `10.1.1.1`).
 */
export function cutTemplate(text: string, tokens: readonly Token[]): (string | number)[] {
  const alternatives = tokens.map((t) => {
    const escaped = t.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return `(${escaped}${t.prefix ? '(?=\\.\\d)' : '(?![\\w-]|\\.?\\d)'})`;
  });
  const pattern = new RegExp(`(?<![\\w.-])(?:${alternatives.join('|')})`, 'g');
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const slot = m.slice(1).findIndex((g) => g !== undefined);
    parts.push(text.slice(last, m.index), slot);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * Connection ids in a message: IOS 15's `ISAKMP:(1001):` and `ISAKMP (1001): incrementing …`,
 * IOS 12's `ISAKMP (0:1): ` (group 1), and IPsec SA ids, `sa_conn_id= 2001` and PIX's
 * `conn_id 2003` (group 2). Id 0 (an SA not yet bound, `conn_id= 0`) is text, not a slot.
 */
const CONN_ID = /ISAKMP ?:?\((?:0:)?([1-9]\d*)\)|\b(?:sa_)?conn_id=? ?([1-9]\d*)/g;

/**
 * One side's connection ids as the simulator printed them (`run:id` → which of the side's SAs
 * it is, in order of first appearance): every run of an episode is a new SA.
 */
export interface ConnIds {
  ike: Map<string, number>;
  ipsec: Map<string, number>;
  /** The side prints IOS 12 ids (`(0:N)`). */
  ios12: boolean;
}

export const newConnIds = (): ConnIds => ({ ike: new Map(), ipsec: new Map(), ios12: false });

/** Cuts the connection ids out of a template's literals, as slots of `side`'s SAs. */
export function cutConnIds(
  parts: readonly (string | number)[],
  side: 0 | 1,
  run: number,
  ids: ConnIds,
): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const text = parts[i] as string;
    let last = 0;
    for (const m of text.matchAll(CONN_ID)) {
      const ike = m[1] !== undefined;
      const id = ike ? m[1]! : m[2]!;
      const map = ike ? ids.ike : ids.ipsec;
      let k = map.get(`${run}:${id}`);
      if (k === undefined) map.set(`${run}:${id}`, (k = map.size));
      if (k >= CONN_SLOTS) throw new Error(`more than ${CONN_SLOTS} connection ids on one side`);
      if (ike && m[0].includes('(0:')) ids.ios12 = true;
      // The id is the match's end, before the `)` of an IKE tag.
      const at = m.index + m[0].length - id.length - (ike ? 1 : 0);
      out.push(text.slice(last, at), ike ? ikeSlot(side, k) : ipsecSlot(side, k));
      last = at + id.length;
    }
    out.push(text.slice(last));
    if (i + 1 < parts.length) out.push(parts[i + 1]!);
  }
  return out;
}

/** Fills a template's slots. */
export function fill(parts: readonly (string | number)[], values: readonly string[]): string {
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) out += values[parts[i] as number]! + (parts[i + 1] as string);
  return out;
}

/** A catalogue's stamp styles, each stored once. */
export class StyleTable {
  readonly styles: StampStyle[] = [];
  private readonly index = new Map<string, number>();

  add(style: StampStyle, key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.styles.length;
      this.styles.push(style);
      this.index.set(key, i);
    }
    return i;
  }
}
