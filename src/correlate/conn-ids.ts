import { stampSeconds } from '../read/stamp-seconds.js';
import type { Session } from './session.js';

/**
 * A connection id as a map key: a plain decimal (nearly every id) as a number, so routing a
 * message builds no key string and the index holds no string per id; anything else as printed.
 */
export type ConnKey = number | string;

export function connKeyOf(connId: string): ConnKey {
  const n = connId.length;
  if (n === 0 || n > 9 || (n > 1 && connId.charCodeAt(0) === 48)) return connId;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = connId.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return connId;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Connection ids remembered per session, whatever the log's timestamps say. A session has a few
 * IKE SAs alive at a time; an id a thousand rekeys old is long gone (the 1 GB bench log reaches
 * back at most ~320).
 */
export const MAX_CONN_IDS_PER_SESSION = 1024;

/**
 * How long an id may go unseen and still name a live IKE SA: IOS's longest ISAKMP lifetime
 * (`lifetime 86400`). Ids unseen for one to two such spans of log time are forgotten, so a
 * fleet's log holds the ids of the last day or two, not of every rekey since it began.
 */
export const CONN_ID_LIFETIME_SECONDS = 86_400;

/** Bindings between two readings of the log's clock: a timestamp is parsed now and then, not per message. */
const CLOCK_EVERY = 16;

/** A session's connection ids, least recently bound first, and the latest (bound again for free). */
interface Recent {
  ids: Set<ConnKey>;
  latest: ConnKey | undefined;
}

/**
 * One device's IKE connection ids → the session each was last bound to. Each session keeps only
 * its latest ids, and ending a session forgets its ids without a scan. Ids live in two
 * generations of log time: those bound in the current one, and those bound only in the previous
 * one, which are forgotten when the current one has lasted CONN_ID_LIFETIME_SECONDS.
 */
export class ConnIdIndex {
  private current = new Map<ConnKey, Session>();
  /** Ids of the previous generation; an entry shadowed by `current` is stale. */
  private previous = new Map<ConnKey, Session>();
  private readonly recentOf = new Map<Session, Recent>();
  /** The latest log time seen and when the current generation began (seconds; see `stampSeconds`). */
  private now: number | undefined;
  private generationStart: number | undefined;
  private untilClock = 0;

  get(key: ConnKey): Session | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  /**
   * Routes an id to a session; past the per-session cap, the session's oldest id is forgotten.
   * `stamp` is the message's timestamp as printed, when it had one.
   */
  bind(key: ConnKey, session: Session, stamp: string | undefined): void {
    const recent = this.recentOf.get(session);
    // Messages of one exchange name the same id in a row: nothing moves.
    if (recent !== undefined && recent.latest === key) return;
    if (stamp !== undefined && --this.untilClock <= 0) this.tick(stamp);
    const was = this.get(key);
    if (was !== undefined && was !== session) this.drop(was, key);
    this.current.set(key, session);
    if (recent === undefined) {
      this.recentOf.set(session, { ids: new Set([key]), latest: key });
      return;
    }
    recent.ids.delete(key);
    recent.ids.add(key);
    recent.latest = key;
    this.trim(recent.ids);
  }

  /** Forgets every id of a session. */
  forget(session: Session): void {
    const recent = this.recentOf.get(session);
    if (!recent) return;
    for (const k of recent.ids) this.unmap(k);
    this.recentOf.delete(session);
  }

  /** Hands an absorbed session's ids to its heir. */
  move(from: Session, to: Session): void {
    const moved = this.recentOf.get(from);
    if (!moved) return;
    for (const k of moved.ids) {
      if (this.current.has(k)) this.current.set(k, to);
      else this.previous.set(k, to);
    }
    const heir = this.recentOf.get(to);
    if (heir) {
      for (const k of moved.ids) heir.ids.add(k);
      // Ids the heir already held keep their place: which one is latest is no longer known.
      heir.latest = undefined;
      this.trim(heir.ids);
    } else this.recentOf.set(to, moved);
    this.recentOf.delete(from);
  }

  /** Ids held (for tests and measurements). */
  get size(): number {
    let n = this.current.size;
    for (const k of this.previous.keys()) if (!this.current.has(k)) n++;
    return n;
  }

  private tick(stamp: string): void {
    this.untilClock = CLOCK_EVERY;
    const t = stampSeconds(stamp);
    // A clock that goes back (another input, a new year, a reboot's uptime) only delays forgetting.
    if (t === undefined || (this.now !== undefined && t <= this.now)) return;
    this.now = t;
    if (this.generationStart === undefined) this.generationStart = t;
    else if (t - this.generationStart >= CONN_ID_LIFETIME_SECONDS) this.nextGeneration(t);
  }

  /** Forgets the ids not bound since the previous generation, except a session's latest. */
  private nextGeneration(t: number): void {
    for (const [k, session] of this.previous) {
      if (this.current.has(k)) continue;
      const recent = this.recentOf.get(session);
      if (recent === undefined || !recent.ids.has(k)) continue;
      if (recent.latest === k) {
        this.current.set(k, session);
        continue;
      }
      recent.ids.delete(k);
      if (recent.ids.size === 0) this.recentOf.delete(session);
    }
    this.previous = this.current;
    this.current = new Map();
    this.generationStart = t;
  }

  private drop(session: Session, key: ConnKey): void {
    const recent = this.recentOf.get(session);
    if (!recent) return;
    recent.ids.delete(key);
    if (recent.latest === key) recent.latest = undefined;
  }

  private trim(ids: Set<ConnKey>): void {
    for (const oldest of ids) {
      if (ids.size <= MAX_CONN_IDS_PER_SESSION) return;
      ids.delete(oldest);
      this.unmap(oldest);
    }
  }

  private unmap(key: ConnKey): void {
    this.current.delete(key);
    this.previous.delete(key);
  }
}
