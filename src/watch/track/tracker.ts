import { evidenceOfKept } from '../../correlate/evidence.js';
import type { Session } from '../../correlate/session.js';
import { CATALOGUE, type Code, entry } from '../../diagnose/catalogue.js';
import type { Placed } from '../../diagnose/engine.js';
import { type Language, type Translator, translator } from '../../i18n/index.js';
import type { Event } from '../../model/events.js';
import type { Phase } from '../../model/findings.js';
import type { FleetFilter, FleetFinding, FleetSource, FleetTunnel } from '../../model/fleet.js';
import type { Evidence, LogLine } from '../../model/lines.js';
import { IncrementalAnalysis } from '../../pipeline/incremental.js';
import { parseSyslog } from '../syslog/header.js';
import { effectOf } from './effects.js';
import { addRates, count, emptyRate } from './rate.js';
import {
  ANY_PEER,
  type TrackedFinding,
  type TunnelRecord,
  type TunnelRow,
  byAttention,
  fleetTunnel,
  matches,
  publicFinding,
  recordOf,
  tunnelKey,
} from './tunnel.js';

export interface TrackerOptions {
  lang: Language;
  /** A tunnel silent this long leaves memory (its row stays in the store). */
  idleMs: number;
  /** A data-plane finding with no new occurrence for this long closes. */
  quietMs: number;
  /** Closed findings stay on the row this long, for the record. */
  keepClosedMs: number;
  now?: () => number;
}

export const DEFAULT_TRACKER: Omit<TrackerOptions, 'lang'> = {
  idleMs: 30 * 60_000,
  quietMs: 15 * 60_000,
  keepClosedMs: 60 * 60_000,
};

/** How often a recurring finding's summary is localised again (its counts move on meanwhile). */
const TEXT_REFRESH_MS = 30_000;
/** A session quiet this long after its findings closed starts afresh (new evidence, new counts). */
const SETTLED_MS = 60_000;

/**
 * Negotiation findings close when the tunnel recovers (the others when they stop recurring): which
 * recoveries close a finding of each phase (a tunnel up in phase 2 is up in phase 1 too), and
 * which failures, coming after the recovery, keep it open.
 */
const RECOVERY: Partial<Record<Phase, { by: Array<1 | 2>; failure: 'phase1' | 'phase2' }>> = {
  'ike-phase1': { by: [1, 2], failure: 'phase1' },
  'ipsec-phase2': { by: [2], failure: 'phase2' },
};

export type Change =
  | { kind: 'state'; tunnel: FleetTunnel }
  | { kind: 'opened' | 'closed'; tunnel: FleetTunnel; finding: FleetFinding };

/** A raw line kept for the retention period, so evidence stays clickable. */
export interface StoredLine {
  input: string;
  line: number;
  device: string;
  at: number;
  text: string;
}

export interface TrackerStats {
  messages: number;
  lines: number;
  recognised: number;
}

/**
 * The live fleet: every (device, peer) tunnel's state, findings and error rate, moved by each
 * message through the core pipeline. Only the sessions a message touched are re-diagnosed, on
 * `tick`; tunnels idle for long leave memory (the store keeps them).
 */
export class Tracker implements FleetSource {
  readonly stats: TrackerStats = { messages: 0, lines: 0, recognised: 0 };
  private readonly t: Translator;
  private readonly clock: () => number;
  private readonly analysis = new IncrementalAnalysis((e, s) => this.onEvent(e, s));
  private readonly rows = new Map<string, TunnelRow>();
  private readonly bySession = new Map<Session, TunnelRow>();
  private readonly dirty = new Set<Session>();
  /** Sessions of the round under way still to diagnose. */
  private readonly pending = new Set<Session>();
  /** Per row, this tick: the sequence number of the last recovery of each phase, and of each failure. */
  private readonly recoveries = new Map<TunnelRow, { 1?: number; 2?: number }>();
  private readonly lastFailure = new Map<TunnelRow, Partial<Record<string, number>>>();
  private sequence = 0;
  private readonly lastLine = new Map<string, number>();
  private readonly inputSeen = new Map<string, number>();
  private readonly changed = new Set<TunnelRow>();
  private lines: StoredLine[] = [];
  /** Rows that turned out to be another tunnel's (see `endRound`), for the store to delete. */
  private removed: Array<{ device: string; peer: string }> = [];
  /** When each line arrived: a message is classified when the next one comes, but dated by its own. */
  private readonly arrived = new WeakMap<LogLine, number>();
  private readonly listeners: Array<(c: Change) => void> = [];
  private readonly newRowListeners: Array<(device: string, peer: string) => void> = [];
  private now = 0;

  constructor(private readonly o: TrackerOptions) {
    this.t = translator(o.lang);
    this.clock = o.now ?? Date.now;
  }

  onChange(listener: (c: Change) => void): void {
    this.listeners.push(listener);
  }

  /** Called with each tunnel first seen by this process: the store may know its past. */
  onNewTunnel(listener: (device: string, peer: string) => void): void {
    this.newRowListeners.push(listener);
  }

  /** Line numbers already stored per input: a restarted monitor numbers on after them. */
  resumeLines(last: ReadonlyMap<string, number>): void {
    for (const [input, n] of last) this.lastLine.set(input, Math.max(n, this.lastLine.get(input) ?? 0));
  }

  /**
   * One syslog message from the network: its header names the host, its body may span lines. A
   * relay forwards a device's multi-line output one line per message, so a message is not ended
   * here: the next line of the same input, or the input going idle (`tick`), ends it.
   */
  receive(source: string, text: string, cut = false): void {
    this.stats.messages++;
    const m = parseSyslog(text);
    const input = m.host ?? source;
    for (const physical of m.msg.split('\n')) this.feed(input, physical, cut);
  }

  /** One line of a followed file. */
  fileLine(input: string, physical: string, cut = false): void {
    this.stats.messages++;
    this.feed(input, physical, cut);
  }

  /** One whole round at once: re-diagnoses what changed, closes what recovered or went quiet, retires idle tunnels. */
  tick(): void {
    this.beginRound();
    this.diagnoseSome(Infinity);
    this.endRound();
  }

  /**
   * A round in steps (the monitor yields to the receivers between them, so a busy second's
   * diagnoses do not stall the sockets): settle pending messages and take the sessions touched.
   */
  beginRound(): void {
    this.now = this.clock();
    this.analysis.settle();
    for (const s of this.dirty) this.pending.add(s);
    this.dirty.clear();
  }

  /** Diagnoses up to `budget` sessions of the round; true while some remain. */
  diagnoseSome(budget: number): boolean {
    for (const s of this.pending) {
      if (budget-- <= 0) return true;
      this.pending.delete(s);
      this.rediagnose(s);
    }
    return false;
  }

  /**
   * Applies the round's recoveries (a row whose session has messages still to diagnose keeps its
   * recoveries for the next round: what failed before a recovery is recorded first), then ages.
   */
  endRound(): void {
    this.now = this.clock();
    for (const [row, recovered] of this.recoveries) {
      if (row.session && (this.dirty.has(row.session) || this.pending.has(row.session))) continue;
      this.recover(row, recovered);
      this.recoveries.delete(row);
    }
    // Failures matter only against a recovery still to apply.
    for (const row of this.lastFailure.keys()) if (!this.recoveries.has(row)) this.lastFailure.delete(row);
    // A device's anonymous session absorbed into its named peer's: the events (and the findings
    // they raise) live on under that peer; the anonymous row goes.
    for (const [session, row] of this.bySession)
      if (session.peer === undefined && !this.analysis.holds(session)) this.drop(row, session);
    for (const row of this.rows.values()) this.age(row);
    for (const [input, seen] of this.inputSeen) {
      if (this.now - seen > this.o.idleMs) {
        this.analysis.dropInput(input);
        this.inputSeen.delete(input);
      }
    }
  }

  /** Ends every pending message and diagnoses it (a clean stop). */
  flush(): void {
    this.tick();
  }

  /** Lines and tunnel rows to write, and rows to delete, since the last call. */
  drain(): {
    lines: StoredLine[];
    tunnels: TunnelRecord[];
    removed: Array<{ device: string; peer: string }>;
  } {
    const lines = this.lines;
    this.lines = [];
    const tunnels = [...this.changed].map(recordOf);
    this.changed.clear();
    const removed = this.removed;
    this.removed = [];
    return { lines, tunnels, removed };
  }

  async tunnels(filter?: FleetFilter): Promise<FleetTunnel[]> {
    return this.snapshot(filter);
  }

  snapshot(filter?: FleetFilter): FleetTunnel[] {
    const now = this.clock();
    return [...this.rows.values()]
      .map((r) => fleetTunnel(recordOf(r), now))
      .filter((t) => matches(t, filter))
      .sort(byAttention);
  }

  /** Keys of the tunnels held in memory (the rest of the fleet is in the store). */
  liveKeys(): Set<string> {
    return new Set(this.rows.keys());
  }

  /**
   * Takes in what the store knew of a tunnel this process sees again: its open findings go on
   * counting, its error history adds up, a state the live messages have not told yet is kept.
   */
  adopt(stored: TunnelRecord): void {
    const row = this.rows.get(tunnelKey(stored.device, stored.peer));
    if (!row) return;
    if (row.phase1 === 'unknown') row.phase1 = stored.phase1;
    if (row.phase2 === 'unknown') row.phase2 = stored.phase2;
    row.rate = addRates(row.rate, stored.rate);
    for (const past of stored.findings) {
      if (!past.open) continue;
      const live = row.findings.find((f) => f.code === past.code);
      if (live) {
        live.count += past.count;
        live.firstSeen = past.firstSeen < live.firstSeen ? past.firstSeen : live.firstSeen;
      } else {
        row.findings.push({ ...past, phase: phaseOfStored(past), occurrences: 0, session: undefined });
      }
    }
    this.changed.add(row);
  }

  private feed(input: string, physical: string, cut: boolean): void {
    this.now = this.clock();
    const first = (this.lastLine.get(input) ?? 0) + 1;
    const line: LogLine = this.analysis.line(input, physical, cut, first);
    this.lastLine.set(input, line.lineNo);
    this.arrived.set(line, this.now);
    this.inputSeen.set(input, this.now);
    this.stats.lines++;
    this.lines.push({ input, line: line.lineNo, device: line.device ?? input, at: this.now, text: line.raw });
  }

  private onEvent(event: Event, session: Session | undefined): void {
    if (event.kind !== 'ctx.prompt' && event.kind !== 'ctx.device')
      this.stats.recognised += event.lines.length;
    if (!session) return;
    const at = this.arrived.get(event.lines[0]!) ?? this.now;
    const row = this.rowOf(session);
    const effect = effectOf(event);
    row.lastSeen = Math.max(row.lastSeen, at);
    this.changed.add(row);
    if (effect.failure) row.rate = count(row.rate, at);
    // A recovery alone cannot raise a finding: only other messages call for a diagnosis.
    if (!effect.recovers) this.dirty.add(session);
    let moved = false;
    if (effect.phase1 !== undefined && effect.phase1 !== row.phase1) {
      row.phase1 = effect.phase1;
      moved = true;
    }
    if (effect.phase2 !== undefined && effect.phase2 !== row.phase2) {
      row.phase2 = effect.phase2;
      moved = true;
    }
    if (moved) {
      row.lastChange = at;
      this.emit({ kind: 'state', tunnel: this.fleetOf(row) });
    }
    const seq = ++this.sequence;
    if (effect.failure) this.lastFailure.set(row, { ...this.lastFailure.get(row), [effect.failure]: seq });
    if (effect.recovers) this.recoveries.set(row, { ...this.recoveries.get(row), [effect.recovers]: seq });
  }

  /**
   * Closes the negotiation findings a recovery of this tick closes, unless the same phase failed
   * again after it (findings are recorded first, so what failed before the recovery is counted).
   */
  private recover(row: TunnelRow, recovered: { 1?: number; 2?: number }): void {
    const failed = this.lastFailure.get(row) ?? {};
    for (const f of row.findings) {
      const rule = f.open ? RECOVERY[f.phase] : undefined;
      if (!rule) continue;
      const at = Math.max(...rule.by.map((p) => recovered[p] ?? -1));
      if (at > (failed[rule.failure] ?? -1)) this.close(row, f);
    }
  }

  private rowOf(session: Session): TunnelRow {
    const device = session.device;
    const peer = session.peer ?? ANY_PEER;
    const key = tunnelKey(device, peer);
    let row = this.bySession.get(session);
    if (row && row.key !== key) {
      // The device's anonymous session turned out to concern a peer: the row follows it.
      this.rows.delete(row.key);
      const existing = this.rows.get(key);
      if (existing) {
        existing.findings.push(
          ...row.findings.filter((f) => !existing.findings.some((e) => e.code === f.code)),
        );
        existing.rate = addRates(existing.rate, row.rate);
        row = existing;
      } else {
        row.key = key;
        row.peer = peer;
        this.rows.set(key, row);
        this.announce(row);
      }
      row.session = session;
      this.bySession.set(session, row);
    }
    if (row) return row;
    row = this.rows.get(key);
    if (!row) {
      row = {
        key,
        device,
        peer,
        phase1: 'unknown',
        phase2: 'unknown',
        lastChange: this.now,
        lastSeen: this.now,
        findings: [],
        rate: emptyRate(this.now),
        session,
      };
      this.rows.set(key, row);
      this.announce(row);
    }
    if (row.session && row.session !== session) this.bySession.delete(row.session);
    row.session = session;
    this.bySession.set(session, row);
    return row;
  }

  private announce(row: TunnelRow): void {
    for (const l of this.newRowListeners) l(row.device, row.peer);
  }

  private rediagnose(session: Session): void {
    const row = this.bySession.get(session);
    if (!row) return;
    for (const hit of this.analysis.detect(session))
      if ((hit.severity ?? entry(hit.code).severity) !== 'info') this.record(row, session, hit);
  }

  /** Opens a finding or counts a repeat; nothing new in the session since last time, nothing to do. */
  private record(row: TunnelRow, session: Session, hit: Placed): void {
    const occurrences = occurrencesOf(session, hit.evidence);
    const known = row.findings.find((f) => f.code === hit.code);
    const base = known && known.session === session ? known.occurrences : 0;
    if (known && occurrences <= base) return;
    const now = new Date(this.now).toISOString();
    if (known?.open) {
      known.count += occurrences - base;
      known.lastSeen = now;
      known.occurrences = occurrences;
      known.session = session;
      known.evidence = hit.evidence;
      known.severity = hit.severity ?? entry(hit.code).severity;
      // Texts cost more than everything else a repeat does: the summary (its counts) is renewed now and then.
      if (this.now - (known.textAt ?? 0) >= TEXT_REFRESH_MS) {
        known.summary = this.analysis.localise(hit, this.t).summary;
        known.textAt = this.now;
      }
      this.changed.add(row);
      return;
    }
    const finding = this.analysis.localise(hit, this.t);
    const opened: TrackedFinding = {
      code: finding.code,
      severity: finding.severity,
      summary: finding.summary,
      count: Math.max(1, occurrences - base),
      firstSeen: now,
      lastSeen: now,
      open: true,
      evidence: finding.evidence,
      phase: finding.phase,
      occurrences,
      session,
      textAt: this.now,
    };
    row.findings = [...row.findings.filter((f) => f !== known), opened];
    this.changed.add(row);
    this.emit({ kind: 'opened', tunnel: this.fleetOf(row), finding: publicFinding(opened) });
  }

  private close(row: TunnelRow, f: TrackedFinding): void {
    f.open = false;
    f.closedAt = new Date(this.now).toISOString();
    this.changed.add(row);
    this.emit({ kind: 'closed', tunnel: this.fleetOf(row), finding: publicFinding(f) });
  }

  private age(row: TunnelRow): void {
    const quietBefore = new Date(this.now - this.o.quietMs).toISOString();
    for (const f of row.findings)
      if (f.open && !RECOVERY[f.phase] && f.lastSeen < quietBefore) this.close(row, f);
    const keepAfter = new Date(this.now - this.o.keepClosedMs).toISOString();
    const kept = row.findings.filter((f) => f.open || (f.closedAt ?? '') >= keepAfter);
    if (kept.length !== row.findings.length) {
      row.findings = kept;
      this.changed.add(row);
    }
    const silent = this.now - row.lastSeen;
    if (row.session && silent > SETTLED_MS && !row.findings.some((f) => f.open)) this.forget(row);
    if (silent > this.o.idleMs) {
      this.forget(row);
      // Written at its last change already (and again below if this tick changed it).
      this.rows.delete(row.key);
    }
  }

  private drop(row: TunnelRow, session: Session): void {
    this.bySession.delete(session);
    this.dirty.delete(session);
    this.pending.delete(session);
    if (row.session !== session) return;
    row.session = undefined;
    if (this.rows.get(row.key) !== row) return;
    this.rows.delete(row.key);
    this.changed.delete(row);
    this.recoveries.delete(row);
    this.removed.push({ device: row.device, peer: row.peer });
  }

  private forget(row: TunnelRow): void {
    if (!row.session) return;
    this.analysis.evict(row.session);
    this.bySession.delete(row.session);
    this.dirty.delete(row.session);
    this.pending.delete(row.session);
    row.session = undefined;
  }

  private fleetOf(row: TunnelRow): FleetTunnel {
    return fleetTunnel(recordOf(row), this.now);
  }

  private emit(c: Change): void {
    for (const l of this.listeners) l(c);
  }
}

/**
 * How often what a finding cites happened in its session: the counts of the message kinds its
 * evidence lines belong to (the session keeps a few events per kind but counts them all).
 */
function occurrencesOf(session: Session, evidence: readonly Evidence[]): number {
  const cited = new Set(evidence.map((e) => `${e.input}\u0000${e.line}`));
  let n = 0;
  for (const seen of session.seen.values()) {
    const hit = seen.kept.some((e) => evidenceOfKept(e).some((l) => cited.has(`${l.input}\u0000${l.line}`)));
    if (hit) n += seen.count;
  }
  return Math.max(n, session.failedRounds, 1);
}

/** A finding read back from the store carries no phase: the catalogue knows it. */
function phaseOfStored(f: FleetFinding): Phase {
  return f.code in CATALOGUE ? entry(f.code as Code).phase : 'data-plane';
}
