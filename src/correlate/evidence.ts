import type { Event } from '../model/events.js';
import type { FindingSource } from '../model/findings.js';
import type { Evidence, LogLine } from '../model/lines.js';
import type { IpsecSaEntry, IsakmpSaRow, ProxyIdent } from '../model/show.js';
import { MAX_EVIDENCE } from '../diagnose/rules/rule.js';

/**
 * The lines of a kept event a finding may cite, and where its evidence comes from. Only the first
 * MAX_EVIDENCE lines: evidence is the first MAX_EVIDENCE lines of the events it draws on, and an
 * event's lines are in input order, so its later lines can never make it.
 */
export interface Cited {
  input: string;
  /** The first line's number (kept events sort by it; 0 for an event without lines). */
  lineNo: number;
  /** The first line's text as read (`LogLine.raw`); undefined for an event without lines. */
  text: string | undefined;
  /**
   * The next lines of an event that spans several (a message with continuation lines, a show
   * entry). Most events have one line: they hold no arrays.
   */
  more: { lineNos: number[]; texts: string[] } | undefined;
  source: FindingSource;
}

/** What rules read of a `show crypto ipsec sa` entry kept as evidence; counters not printed are 0. */
export interface SaEntryFacts {
  encaps: number;
  decaps: number;
  sendErrors: number;
  recvErrors: number;
  localIdent: ProxyIdent | undefined;
  remoteIdent: ProxyIdent | undefined;
  /** Whether an inbound SA and an outbound SA are listed. */
  inbound: boolean;
  outbound: boolean;
}

/** Fields of every event no rule reads once the event is kept (routing and the source used them). */
type Routing = 'lines' | 'peer' | 'connId' | 'dialect' | 'msgId';

type Fields<E> = E extends { kind: 'show.ipsec-sa' }
  ? Omit<E, Routing | 'entry'> & { entry: SaEntryFacts }
  : E extends { kind: 'show.isakmp-sa' }
    ? Omit<E, Routing | 'row'> & { row: Pick<IsakmpSaRow, 'state'> }
    : Omit<E, Routing>;

/**
 * An event as a session keeps it until the end: its fields without its lines, which become compact
 * evidence (whole events with their LogLines were most of the retained memory). A show entry keeps
 * only what rules read of it.
 */
export type Kept<E extends Event = Event> = E extends unknown ? Fields<E> & Cited : never;

export function keep<E extends Event>(event: E): Kept<E>;
export function keep(event: Event): Kept {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { lines, peer, connId, dialect, msgId, ...fields } = event;
  const kept = fields as Record<string, unknown>;
  if (event.kind === 'show.ipsec-sa') kept['entry'] = factsOf(event.entry);
  else if (event.kind === 'show.isakmp-sa') kept['row'] = { state: event.row.state };
  const first = lines[0];
  const n = Math.min(lines.length, MAX_EVIDENCE);
  let more: Cited['more'];
  if (n > 1) {
    more = { lineNos: new Array<number>(n - 1), texts: new Array<string>(n - 1) };
    for (let i = 1; i < n; i++) {
      const l = lines[i]!;
      more.lineNos[i - 1] = l.lineNo;
      more.texts[i - 1] = shared(l.raw);
    }
  }
  kept['input'] = first?.input ?? '';
  kept['lineNo'] = first?.lineNo ?? 0;
  kept['text'] = first === undefined ? undefined : shared(first.raw);
  kept['more'] = more;
  kept['source'] = sourceOfEvent(event.kind, first, event.msgId);
  return kept as unknown as Kept;
}

/** The evidence records of a kept event's lines. */
export function evidenceOfKept(kept: Cited): Evidence[] {
  if (kept.text === undefined) return [];
  const out: Evidence[] = [{ input: kept.input, line: kept.lineNo, text: kept.text }];
  const more = kept.more;
  if (more)
    for (let i = 0; i < more.lineNos.length; i++)
      out.push({ input: kept.input, line: more.lineNos[i]!, text: more.texts[i]! });
  return out;
}

/**
 * One string per distinct text among kept lines: show output repeats most of its lines word for
 * word (`inbound esp sas:`, `#pkts compressed: 0, …`), entry after entry and device after device,
 * from its first entries on. The table takes the first texts it meets and then only answers:
 * emptying it when full turned the table and its texts into old-generation garbage (peak RSS on
 * the 1 GB log 249 -> 203-225 MB with the same sharing).
 */
const keptTexts = new Map<string, string>();
const MAX_KEPT_TEXTS = 4096;

function shared(text: string): string {
  const known = keptTexts.get(text);
  if (known !== undefined) return known;
  if (keptTexts.size < MAX_KEPT_TEXTS) keptTexts.set(text, text);
  return text;
}

function factsOf(entry: IpsecSaEntry): SaEntryFacts {
  const c = entry.counters;
  return {
    encaps: c['encaps'] ?? 0,
    decaps: c['decaps'] ?? 0,
    sendErrors: c['sendErrors'] ?? 0,
    recvErrors: c['recvErrors'] ?? 0,
    localIdent: entry.localIdent,
    remoteIdent: entry.remoteIdent,
    inbound: entry.sas.some((sa) => sa.direction === 'inbound'),
    outbound: entry.sas.some((sa) => sa.direction === 'outbound'),
  };
}

const SYSLOG_MNEMONIC = /^[A-Z][A-Z0-9_]*(?:\|[A-Z]+)?-\d-/;

/** A debug transcript, a syslog message or show output: told by the kind and the first line. */
function sourceOfEvent(
  kind: Event['kind'],
  first: LogLine | undefined,
  msgId: string | undefined,
): FindingSource {
  if (kind.startsWith('show.')) return 'show';
  const body = first?.body.trimStart() ?? '';
  return body.startsWith('%') || SYSLOG_MNEMONIC.test(body) || msgId !== undefined ? 'syslog' : 'debug';
}
