import { type Kept, evidenceOfKept } from '../../correlate/evidence.js';
import type { Session } from '../../correlate/session.js';
import type { Event } from '../../model/events.js';
import type { FindingSource, Severity } from '../../model/findings.js';
import type { Evidence } from '../../model/lines.js';
import type { Code } from '../catalogue.js';

/** What a rule found in one session, before texts are attached. */
export interface Hit {
  code: Code;
  source: FindingSource;
  evidence: Evidence[];
  /** Stable per code; also the values the localised texts interpolate. */
  details: Record<string, unknown>;
  /** Text variant (`finding.CODE.summary_<context>`) when the details allow a sharper sentence. */
  context?: string;
  /** Overrides the catalogue severity (rates: an HMAC burst is an error). */
  severity?: Severity;
  /** Config commands to paste, already filled in. */
  commands: string[];
  /** Weak evidence (a show state alone) yields to any other finding of the same phase. */
  weak?: boolean;
}

export interface Rule {
  code: Code;
  detect(session: Session): Hit | null;
}

export const MAX_EVIDENCE = 24;

/** Evidence lines of kept events, in input order, without duplicates, capped. */
export function evidenceOfEvents(events: readonly Kept[]): Evidence[] {
  return mergeEvidence(...events.map(evidenceOfKept));
}

export function mergeEvidence(...lists: Evidence[][]): Evidence[] {
  const all: Evidence[] = [];
  for (const list of lists) for (const e of list) all.push(e);
  // Sorted first, a line cited twice sits next to itself, so duplicates are dropped without a key
  // string per line. The sort is stable: of a line's citations the first stays first and is kept.
  all.sort(byPlace);
  const out: Evidence[] = [];
  for (const e of all) {
    const last = out[out.length - 1];
    if (last !== undefined && last.line === e.line && last.input === e.input) continue;
    out.push(e);
    if (out.length === MAX_EVIDENCE) break;
  }
  return out;
}

function byPlace(a: Evidence, b: Evidence): number {
  return a.input === b.input ? a.line - b.line : a.input < b.input ? -1 : 1;
}

/** Where the evidence came from (the first event's): a debug transcript, a syslog message or show output. */
export function sourceOf(events: readonly Kept[]): FindingSource {
  return events[0]?.source ?? 'debug';
}

/** Kept events of the given kinds in the session, in input order. */
export function eventsOf(session: Session, ...kinds: Event['kind'][]): Kept[] {
  const out: Kept[] = [];
  for (const k of kinds) out.push(...(session.seen.get(k)?.kept ?? []));
  return out.sort((a, b) => a.lineNo - b.lineNo);
}

/** Whether the device speaks ASA/PIX (remedies then use ASA commands). */
export function isAsa(session: Session): boolean {
  return session.dialects.has('asa');
}

export function peerOr(session: Session, placeholder: string): string {
  return session.peer ?? placeholder;
}
