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
export const VALUE_COUNT = SLOTS.length + 4;

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
