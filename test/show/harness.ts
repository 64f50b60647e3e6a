import { Classifier } from '../../src/classify/classifier.js';
import type { Event, EventOf } from '../../src/model/events.js';
import { LineReader, splitLines } from '../../src/read/lines.js';

/** Runs the read and classify stages over a text and returns the show events of one kind. */
export function showEvents<K extends Event['kind']>(text: string, kind: K): Array<EventOf<K>> {
  const out: Event[] = [];
  const classifier = new Classifier((e) => out.push(e));
  const reader = new LineReader('t');
  for (const l of splitLines(text)) classifier.push(reader.read(l));
  classifier.end();
  return out.filter((e): e is EventOf<K> => e.kind === kind);
}
