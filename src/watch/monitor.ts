import type { Language } from '../i18n/index.js';
import { VERSION } from '../version.js';
import { commandChannel, webhookChannel } from './alert/channels.js';
import { AlertQueue, type AlertStats, DEFAULT_POLICY } from './alert/queue.js';
import { follow } from './receive/follow.js';
import type { ListenAddress, Receiver } from './receive/listen.js';
import { listenTcp } from './receive/tcp.js';
import { listenUdp } from './receive/udp.js';
import { FleetStore } from './store/store.js';
import { type Change, DEFAULT_TRACKER, type StoredLine, Tracker } from './track/tracker.js';
import type { TunnelRecord } from './track/tunnel.js';

/** What the store has not taken yet (kept across a failed write). */
interface Unwritten {
  lines: StoredLine[];
  tunnels: Map<string, TunnelRecord>;
  removed: Array<{ device: string; peer: string }>;
}

export interface MonitorOptions {
  lang: Language;
  listen: ListenAddress[];
  follow: string[];
  fromStart: boolean;
  db: string;
  retainMs: number;
  idleMs?: number;
  onFinding?: string;
  webhook?: string;
  alertsPerMinute?: number;
  /** Each change as it happens (the command line prints it). */
  onChange?: (c: Change) => void;
  /** A store write failed (it is retried with the next flush). */
  onStoreError?: (err: Error) => void;
}

/**
 * Diagnosis and store writes, once a second: a tunnel's findings are at most that late, each busy
 * session is diagnosed at most once a second whatever the message rate, and after a crash at most
 * the last second of lines is lost.
 */
const TICK_MS = 1_000;
const PRUNE_MS = 10 * 60_000;
/** Sessions diagnosed between two turns of the event loop (a few milliseconds' work). */
const SESSIONS_PER_SLICE = 100;
/** Lines held while the store is unreachable; beyond, the oldest go (counted). */
const MAX_UNWRITTEN_LINES = 500_000;
/** How long a stop waits for alerts still being delivered. */
const ALERT_GRACE_MS = 5_000;

/** The running monitor: receivers → tracker → store, alerts; `stop` flushes everything. */
export class Monitor {
  readonly receivers: Receiver[] = [];
  private readonly alerts: AlertQueue[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private unwritten: Unwritten = { lines: [], tunnels: new Map(), removed: [] };
  private writing: Promise<void> = Promise.resolve();
  private stopping = false;
  private inRound = false;
  linesStored = 0;
  linesDropped = 0;
  /** Messages or rounds given up on an internal error. */
  faults = 0;

  private constructor(
    readonly tracker: Tracker,
    readonly store: FleetStore,
    private readonly o: MonitorOptions,
  ) {}

  static async start(o: MonitorOptions): Promise<Monitor> {
    const store = await FleetStore.open(o.db);
    const tracker = new Tracker({ ...DEFAULT_TRACKER, lang: o.lang, ...(o.idleMs && { idleMs: o.idleMs }) });
    const m = new Monitor(tracker, store, o);
    try {
      tracker.resumeLines(await store.lastLines());
      await m.begin();
    } catch (err) {
      await m.stop();
      throw err;
    }
    return m;
  }

  private async begin(): Promise<void> {
    const { tracker, store, o } = this;
    const policy = { ...DEFAULT_POLICY, ...(o.alertsPerMinute && { perMinute: o.alertsPerMinute }) };
    if (o.onFinding) this.alerts.push(new AlertQueue(commandChannel(o.onFinding), policy));
    if (o.webhook) this.alerts.push(new AlertQueue(webhookChannel(o.webhook), policy));
    tracker.onChange((c) => {
      o.onChange?.(c);
      if (c.kind === 'opened') {
        const payload = JSON.stringify({
          tool: 'ipsec-doctor',
          version: VERSION,
          event: 'finding-opened',
          ...c,
        });
        for (const a of this.alerts) a.push(payload);
      }
    });
    tracker.onNewTunnel((device, peer) => {
      store.tunnel(device, peer).then(
        (past) => past && tracker.adopt(past),
        () => undefined,
      );
    });
    const deliver = (origin: string, text: string, cut: boolean) =>
      this.guard(() => tracker.receive(origin, text, cut));
    const deliverLine = (origin: string, line: string, cut: boolean) =>
      this.guard(() => tracker.fileLine(origin, line, cut));
    for (const at of o.listen)
      this.receivers.push(await (at.transport === 'udp' ? listenUdp(at, deliver) : listenTcp(at, deliver)));
    for (const path of o.follow) this.receivers.push(await follow(path, deliverLine, o.fromStart));
    await store.prune(Date.now() - o.retainMs);
    this.every(TICK_MS, () => this.round());
    this.every(PRUNE_MS, () => void store.prune(Date.now() - o.retainMs).catch(() => undefined));
  }

  /**
   * A message or a round that trips over a bug is counted and skipped: one bad line must not take
   * the fleet's monitor down (nor print a stack trace).
   */
  private guard<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch {
      this.faults++;
      return undefined;
    }
  }

  /** One round of diagnosis in slices, the receivers served between them; then the write. */
  private round(): void {
    if (this.inRound) return;
    this.inRound = true;
    this.guard(() => this.tracker.beginRound());
    const step = () => {
      if (this.stopping) return void (this.inRound = false);
      if (this.guard(() => this.tracker.diagnoseSome(SESSIONS_PER_SLICE))) return void setImmediate(step);
      this.guard(() => this.tracker.endRound());
      this.inRound = false;
      void this.flush();
    };
    step();
  }

  /** Writes what the tracker gathered since the last flush; one write at a time, failures retried. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = this.tracker.drain();
      // concat, not push(...): a spread of a busy second's lines would overflow the stack.
      this.unwritten.lines = this.unwritten.lines.concat(batch.lines);
      for (const t of batch.tunnels) this.unwritten.tunnels.set(`${t.device}\u0000${t.peer}`, t);
      for (const r of batch.removed) this.unwritten.tunnels.delete(`${r.device}\u0000${r.peer}`);
      this.unwritten.removed.push(...batch.removed);
      const excess = this.unwritten.lines.length - MAX_UNWRITTEN_LINES;
      if (excess > 0) {
        this.unwritten.lines.splice(0, excess);
        this.linesDropped += excess;
      }
      const pending = this.unwritten;
      this.unwritten = { lines: [], tunnels: new Map(), removed: [] };
      try {
        await this.store.write({
          lines: pending.lines,
          tunnels: [...pending.tunnels.values()],
          removed: pending.removed,
        });
        this.linesStored += pending.lines.length;
      } catch (err) {
        this.unwritten.lines = pending.lines.concat(this.unwritten.lines);
        for (const [k, t] of pending.tunnels)
          if (!this.unwritten.tunnels.has(k)) this.unwritten.tunnels.set(k, t);
        this.unwritten.removed = pending.removed.concat(this.unwritten.removed);
        this.o.onStoreError?.(err as Error);
      }
    });
    return this.writing;
  }

  alertStats(): AlertStats {
    const out = { sent: 0, failed: 0, dropped: 0 };
    for (const a of this.alerts) {
      out.sent += a.stats.sent;
      out.failed += a.stats.failed;
      out.dropped += a.stats.dropped;
    }
    return out;
  }

  /** A clean stop: no new input, every pending message diagnosed and written, alerts given a moment. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.all(this.receivers.map((r) => r.close().catch(() => undefined)));
    this.tracker.flush();
    await this.flush();
    if (this.unwritten.lines.length > 0 || this.unwritten.tunnels.size > 0) await this.flush();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, ALERT_GRACE_MS).unref());
    await Promise.race([Promise.all(this.alerts.map((a) => a.drained())), grace]);
    for (const a of this.alerts) a.stop();
    await this.store.close();
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    this.timers.push(t);
  }
}
