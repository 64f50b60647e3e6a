import type { Event } from '../model/events.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a message matcher returns: the event without the lines it came from (the classifier adds them). */
export type Draft = DistributiveOmit<Event, 'lines'>;

/** Whether a character is one `[.,;:)]+$` strips from the end of an address (`.` `,` `;` `:` `)`). */
function isAddressTrail(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 41;
}

/**
 * Addresses as printed, without trailing punctuation (`12.1.1.1.` in PIX debugs, `x.x.x.x,`) and
 * an opening `(`; `undefined` when nothing is left. Any other text is kept as it is (host names).
 */
export function cleanAddress(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  let end = s.length;
  while (end > 0 && isAddressTrail(s.charCodeAt(end - 1))) end--;
  const start = end > 0 && s.charCodeAt(0) === 40 /* ( */ ? 1 : 0;
  return end > start ? s.slice(start, end) : undefined;
}
