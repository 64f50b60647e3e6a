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
 * Connection ids remembered per session. A session has a few IKE SAs alive at a time; an id a
 * thousand rekeys old is long gone (the 1 GB bench log reaches back at most ~320).
 */
export const MAX_CONN_IDS_PER_SESSION = 1024;

/** A session's connection ids, least recently bound first, and the latest (bound again for free). */
interface Recent {
  ids: Set<ConnKey>;
  latest: ConnKey | undefined;
}

/**
 * One device's IKE connection ids → the session each was last bound to. Each session keeps only
 * its latest ids, and ending a session forgets its ids without a scan.
 */
export class ConnIdIndex {
  private readonly sessionOf = new Map<ConnKey, Session>();
  private readonly recentOf = new Map<Session, Recent>();

  get(key: ConnKey): Session | undefined {
    return this.sessionOf.get(key);
  }

  /** Routes an id to a session; past the per-session cap, the session's oldest id is forgotten. */
  bind(key: ConnKey, session: Session): void {
    const recent = this.recentOf.get(session);
    // Messages of one exchange name the same id in a row: nothing moves.
    if (recent !== undefined && recent.latest === key) return;
    const was = this.sessionOf.get(key);
    if (was !== undefined && was !== session) this.drop(was, key);
    this.sessionOf.set(key, session);
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
    for (const k of recent.ids) this.sessionOf.delete(k);
    this.recentOf.delete(session);
  }

  /** Hands an absorbed session's ids to its heir. */
  move(from: Session, to: Session): void {
    const moved = this.recentOf.get(from);
    if (!moved) return;
    for (const k of moved.ids) this.sessionOf.set(k, to);
    const heir = this.recentOf.get(to);
    if (heir) {
      for (const k of moved.ids) heir.ids.add(k);
      // Ids the heir already held keep their place: which one is latest is no longer known.
      heir.latest = undefined;
      this.trim(heir.ids);
    } else this.recentOf.set(to, moved);
    this.recentOf.delete(from);
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
      this.sessionOf.delete(oldest);
    }
  }
}
