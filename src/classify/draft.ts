import type { Event } from '../model/events.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a message matcher returns: the event without the lines it came from (the classifier adds them). */
export type Draft = DistributiveOmit<Event, 'lines'>;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Addresses as printed, without trailing punctuation (`12.1.1.1.` in PIX debugs, `x.x.x.x,`). */
export function cleanAddress(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/[.,;:)]+$/, '').replace(/^\(/, '');
  return IPV4.test(t) || t.includes(':') ? t : t.length > 0 ? t : undefined;
}
