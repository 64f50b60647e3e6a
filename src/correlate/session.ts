import type { Dialect, Event, EventKind, EventOf, IkeAttribute } from '../model/events.js';
import type { Evidence, LogLine } from '../model/lines.js';
import { evidenceOf } from '../model/lines.js';
import { MAX_EVIDENCE } from '../diagnose/rules/rule.js';
import { type Kept, keep } from './evidence.js';

/** Events of one kind seen in a session: how many, the first few (for evidence), the latest's fields. */
export interface Seen<E extends Event = Event> {
  count: number;
  kept: Array<Kept<E>>;
  latest: Latest;
}

/**
 * The few fields rules read from the latest event of a kind. Holding the event itself would keep
 * nearly every event (and its lines) alive until the next of its kind: promoted, then collected late.
 */
export interface Latest {
  status?: number;
  spi?: string | undefined;
}

function remember(latest: Latest, e: Event): void {
  if (e.kind === 'dp.hw-error') latest.status = e.status;
  else if (e.kind === 'dp.invalid-spi') latest.spi = e.spi;
}

/** One phase-1 transform as offered by the initiator and checked against one local policy. */
export interface Offer {
  transform?: number;
  priority?: number;
  attributes: Partial<Record<IkeAttribute, string>>;
  mismatched: IkeAttribute[];
  evidence: Evidence[];
}

/** A negotiation round of one phase that ended in refusal: every rejection on the way, and why. */
export interface FailedRound {
  phase: 1 | 2;
  offers: Offer[];
  reasons: Kept[];
  /** True when the input ended before the device said the round failed. */
  unfinished: boolean;
}

/** Events kept per kind; enough for evidence, bounded whatever the input size. */
export const KEEP_PER_KIND = 8;
/** Steps no rule cites as evidence (offers keep their own): counted, not kept. */
const COUNTED_ONLY = new Set<EventKind>([
  'ike.info',
  'ike.payload',
  'ike.attribute',
  'ike.ipsec-attribute',
  'ike.ipsec-proposal',
  'ike.transform-check',
  'ike.exchange',
  'ike.mode-config',
  'ike.id',
  'ipsec.queue-event',
  'ipsec.spi-response',
]);
/** Failed rounds kept per session (later ones are only counted). */
const KEEP_FAILURES = 8;
const MAX_ROUND_REASONS = 24;
/**
 * Offers kept per phase-1 round: a device checks each offered transform against each of its
 * policies, a few dozen at most; a longer round is hostile input and its later offers are dropped.
 */
const MAX_ROUND_OFFERS = 64;

/**
 * An offer while its round is open: the lines it cites, not yet evidence records (nearly every
 * round is accepted and its offers dropped), at most the MAX_EVIDENCE a finding can cite.
 */
interface OpenOffer {
  transform?: number;
  priority?: number;
  attributes: Partial<Record<IkeAttribute, string>>;
  mismatched: IkeAttribute[];
  lines: LogLine[];
}

function openOffer(): OpenOffer {
  return { attributes: {}, mismatched: [], lines: [] };
}

function cite(offer: OpenOffer, lines: readonly LogLine[]): void {
  for (const l of lines) if (offer.lines.length < MAX_EVIDENCE) offer.lines.push(l);
}

function settled(offer: OpenOffer): Offer {
  const out: Offer = {
    attributes: offer.attributes,
    mismatched: offer.mismatched,
    evidence: offer.lines.map(evidenceOf),
  };
  if (offer.transform !== undefined) out.transform = offer.transform;
  if (offer.priority !== undefined) out.priority = offer.priority;
  return out;
}

/**
 * Everything one device said about one peer (or, until it names one, about an anonymous peer):
 * the phase-1 and phase-2 rounds followed through their steps, and every event by kind.
 */
export class Session {
  peer: string | undefined;
  readonly locals = new Set<string>();
  readonly dialects = new Set<Dialect>();
  readonly seen = new Map<EventKind, Seen>();
  phase: 1 | 2 = 1;
  readonly failures: FailedRound[] = [];
  failedRounds = 0;
  private p1Pending: OpenOffer[] = [];
  private p1Current: OpenOffer | undefined;
  private p2Pending: Kept[] = [];
  p1Accepted = false;
  p2Accepted = false;
  /** Quick-mode proposal the device was validating (proxies, transform) when it refused. */
  lastProposal: Kept<EventOf<'ipsec.key-eng'>> | undefined;
  /** Told each address of the device this session learns (the correlator indexes them per device). */
  onLocal: ((local: string) => void) | undefined;

  constructor(
    readonly input: string,
    readonly device: string,
    peer: string | undefined,
  ) {
    this.peer = peer;
  }

  get key(): string {
    return `${this.device}\u0000${this.peer ?? ''}`;
  }

  get<K extends EventKind>(kind: K): Seen<EventOf<K>> | undefined {
    return this.seen.get(kind) as Seen<EventOf<K>> | undefined;
  }

  count(kind: EventKind): number {
    return this.seen.get(kind)?.count ?? 0;
  }

  add(event: Event): void {
    const seen = this.seen.get(event.kind);
    const room = COUNTED_ONLY.has(event.kind) ? 0 : KEEP_PER_KIND;
    if (seen) {
      seen.count++;
      remember(seen.latest, event);
      if (seen.kept.length < room) seen.kept.push(keep(event));
    } else {
      const latest: Latest = {};
      remember(latest, event);
      this.seen.set(event.kind, { count: 1, kept: room > 0 ? [keep(event)] : [], latest });
    }
    if (event.dialect) this.dialects.add(event.dialect);
    this.follow(event);
  }

  /** Takes in everything another session (the same peer, known late) saw. */
  absorb(other: Session): void {
    for (const [kind, s] of other.seen) {
      const mine = this.seen.get(kind);
      if (!mine) this.seen.set(kind, s);
      else {
        mine.count += s.count;
        for (const e of s.kept) if (mine.kept.length < KEEP_PER_KIND) mine.kept.push(e);
      }
    }
    for (const l of other.locals) this.addLocal(l);
    for (const d of other.dialects) this.dialects.add(d);
    this.failures.push(...other.failures);
    for (const o of other.p1Pending) this.pend1(o);
    this.p2Pending.push(...other.p2Pending);
    this.p1Accepted ||= other.p1Accepted;
    this.p2Accepted ||= other.p2Accepted;
    this.lastProposal ??= other.lastProposal;
  }

  /** Ends the input: a round still open with rejections and no acceptance counts as refused. */
  close(): void {
    if (this.p1Current && this.p1Current.mismatched.length > 0) this.pend1(this.p1Current);
    if (this.p1Pending.length > 0 && !this.p1Accepted) this.commit(1, [], true);
    if (this.p2Pending.length > 0 && !this.p2Accepted) this.commit(2, [], true);
  }

  /** The negotiation state machine: which phase the device is in and how each round ends. */
  private follow(e: Event): void {
    switch (e.kind) {
      case 'ike.transform-check':
        this.phase = 1;
        this.p1Current = openOffer();
        this.p1Current.priority = e.priority;
        if (e.transform !== undefined) this.p1Current.transform = e.transform;
        cite(this.p1Current, e.lines);
        return;
      case 'ike.attribute':
        if (this.p1Current) {
          this.p1Current.attributes[e.attribute] = e.value;
          cite(this.p1Current, e.lines);
        }
        return;
      case 'ike.attr-mismatch':
        this.phase = 1;
        this.p1Current ??= openOffer();
        // Rules read the mismatched attributes as a set: a repeat adds nothing.
        if (!this.p1Current.mismatched.includes(e.attribute)) this.p1Current.mismatched.push(e.attribute);
        cite(this.p1Current, e.lines);
        return;
      case 'ike.atts-acceptable':
        if (this.phase === 1) {
          this.p1Accepted = true;
          this.p1Pending = [];
          this.p1Current = undefined;
        } else {
          this.p2Accepted = true;
          this.p2Pending = [];
        }
        return;
      case 'ike.atts-not-acceptable':
        if (this.phase === 1) {
          const offer = this.p1Current ?? openOffer();
          cite(offer, e.lines);
          this.pend1(offer);
          this.p1Current = undefined;
        } else this.pend2(e);
        return;
      case 'ike.no-offers-accepted':
      case 'ike.mode-failure':
        this.phase = 1;
        this.commit(1, [keep(e)], false);
        return;
      case 'ike.phase1-failure':
        this.commit(1, [keep(e)], false);
        return;
      case 'ike.all-proposals-unacceptable':
        this.commit(e.phase1 ? 1 : 2, [keep(e)], false);
        return;
      case 'ike.sa-not-acceptable':
        if (e.local) this.addLocal(e.local);
        this.commit(e.phase1 || (this.phase === 1 && this.p2Pending.length === 0) ? 1 : 2, [keep(e)], false);
        return;
      case 'ike.authenticated':
        this.p1Accepted = true;
        this.phase = 2;
        return;
      case 'ike.phase-complete':
        if (e.phase === 1) this.p1Accepted = true;
        else this.p2Accepted = true;
        this.phase = 2;
        return;
      case 'ike.payload':
        if (e.messageId !== undefined) this.phase = e.messageId === '0' ? this.phase : 2;
        return;
      case 'ike.ipsec-proposal':
      case 'ike.ipsec-attribute':
        this.phase = 2;
        return;
      case 'ipsec.key-eng':
        if (e.msg.fn.startsWith('validate_proposal')) {
          this.phase = 2;
          this.lastProposal = keep(e);
        }
        if (e.msg.local) this.addLocal(e.msg.local);
        return;
      case 'ipsec.transform-unsupported':
      case 'ipsec.proxy-unsupported':
      case 'ipsec.invalid-local-address':
      case 'ipsec.peer-not-found':
      case 'ipsec.invalid-proxy-ids':
      case 'ike.pfs-mismatch':
      case 'ike.no-crypto-map-match':
        this.phase = 2;
        this.pend2(e);
        return;
      case 'ike.qm-fsm-error':
        // An ASA summary of a failure other messages explain: it ends no round by itself.
        this.phase = 2;
        return;
      case 'ike.policy-invalidated':
        this.phase = 2;
        this.commit(2, [keep(e)], false);
        return;
      case 'ipsec.sa-created':
        this.p2Accepted = true;
        this.p2Pending = [];
        return;
      case 'ike.exchange':
        if (e.local) this.addLocal(e.local);
        if (e.exchange && /^(Main|Aggressive|MM|AG)$/i.test(e.exchange)) this.phase = 1;
        if (e.exchange && /^(Quick|QM)/i.test(e.exchange)) this.phase = 2;
        return;
      default:
        return;
    }
  }

  private addLocal(local: string): void {
    if (this.locals.has(local)) return;
    this.locals.add(local);
    this.onLocal?.(local);
  }

  private pend1(offer: OpenOffer): void {
    if (this.p1Pending.length < MAX_ROUND_OFFERS) this.p1Pending.push(offer);
  }

  private pend2(e: Event): void {
    if (this.p2Pending.length < MAX_ROUND_REASONS) this.p2Pending.push(keep(e));
  }

  private commit(phase: 1 | 2, reasons: Kept[], unfinished: boolean): void {
    if (phase === 1) {
      if (this.p1Current && (this.p1Current.mismatched.length > 0 || this.p1Pending.length === 0)) {
        this.pend1(this.p1Current);
      }
      this.failures.push({ phase, offers: this.p1Pending.map(settled), reasons, unfinished });
      this.p1Pending = [];
      this.p1Current = undefined;
    } else {
      this.failures.push({ phase, offers: [], reasons: [...this.p2Pending, ...reasons], unfinished });
      this.p2Pending = [];
    }
    this.failedRounds++;
    if (this.failures.length > KEEP_FAILURES) this.failures.pop();
  }
}
