import type { Event } from '../model/events.js';
import { Session } from './session.js';

/**
 * The correlate stage: routes each event to the session of the device that printed it and the peer
 * it concerns. Messages that name no peer go by IKE connection id, else to the device's current
 * session (the peer it last spoke of), so one peer's failure does not taint another's.
 */
export class Correlator {
  private readonly sessions = new Map<string, Session>();
  /** Per device: the session its last peer-less message belonged to. */
  private readonly current = new Map<string, Session>();
  /** Per device: IKE connection id → session (connection id 0 is every embryonic SA: not kept). */
  private readonly byConnId = new Map<string, Session>();
  /**
   * The connection ids routed to each session, least recently bound first: ending a session forgets
   * its ids without a scan, and a session keeps only its latest ids (rekeys name new ones forever).
   */
  private readonly connIdsOf = new Map<Session, Set<string>>();
  /** Per device: how many held sessions know each of its addresses (what `show isakmp` rows test). */
  private readonly localsByDevice = new Map<string, Map<string, number>>();

  /** Routes one event; returns the session it joined (none for context events). */
  push(event: Event): Session | undefined {
    const first = event.lines[0];
    if (!first) return undefined;
    if (event.kind === 'ctx.prompt' || event.kind === 'ctx.device') return undefined;
    const device = first.device ?? first.input;
    if (event.kind === 'show.isakmp-sa' && event.peer === undefined) {
      // IOS/PIX tables print dst and src; the remote end is the one that is not this device.
      const row = event.row;
      // A responder's row has its own address as dst: known as a local, or the src is a peer the
      // device already talks to (its debug named it before the show command).
      const isLocal =
        row.dst !== undefined &&
        (this.localsByDevice.get(device)?.has(row.dst) === true ||
          (row.src !== undefined && this.sessions.has(key(device, row.src))));
      event.peer = isLocal ? row.src : row.dst;
    }
    const session = isDeviceWide(event)
      ? this.deviceWide(first.input, device)
      : this.route(first.input, device, event);
    session.add(event);
    return session;
  }

  /**
   * Forgets a session (the live monitor: a tunnel that recovered or went idle), so the next
   * message about its device and peer starts a fresh one.
   */
  evict(session: Session): void {
    if (this.holds(session)) this.release(session);
    for (const k of this.connIdsOf.get(session) ?? []) this.byConnId.delete(k);
    this.connIdsOf.delete(session);
    if (this.current.get(session.device) === session) this.current.delete(session.device);
  }

  /** False once a session was evicted, or absorbed into the session of the peer it turned out to concern. */
  holds(session: Session): boolean {
    return this.sessions.get(session.key) === session;
  }

  /** Every session, inputs closed (open rounds settled). */
  finish(): Session[] {
    const all = [...new Set(this.sessions.values())];
    for (const s of all) s.close();
    return all;
  }

  private route(input: string, device: string, event: Event): Session {
    const peer = event.peer;
    const connKey =
      event.connId !== undefined && event.connId !== '0' ? `${device}\u0000${event.connId}` : undefined;
    let session: Session | undefined;
    if (peer !== undefined) {
      session = this.sessions.get(key(device, peer));
      const cur = this.current.get(device);
      if (!session && cur && cur.peer === undefined) {
        // The device's anonymous session turns out to concern this peer: name it.
        this.sessions.delete(cur.key);
        cur.peer = peer;
        this.sessions.set(cur.key, cur);
        session = cur;
      } else if (session && cur && cur.peer === undefined && cur !== session) {
        session.absorb(cur);
        this.release(cur);
        this.rebind(cur, session);
      }
      session ??= this.create(input, device, peer);
    } else if (connKey !== undefined) {
      session = this.byConnId.get(connKey);
    }
    session ??=
      this.current.get(device) ??
      this.sessions.get(key(device, undefined)) ??
      this.create(input, device, undefined);
    if (connKey !== undefined) this.bindConnId(connKey, session);
    this.current.set(device, session);
    return session;
  }

  /** Routes a connection id to a session; past the per-session cap, the session's oldest id is forgotten. */
  private bindConnId(connKey: string, session: Session): void {
    const was = this.byConnId.get(connKey);
    if (was !== undefined && was !== session) this.connIdsOf.get(was)?.delete(connKey);
    this.byConnId.set(connKey, session);
    let ids = this.connIdsOf.get(session);
    if (!ids) this.connIdsOf.set(session, (ids = new Set()));
    ids.delete(connKey);
    ids.add(connKey);
    this.trimConnIds(ids);
  }

  private trimConnIds(ids: Set<string>): void {
    for (const oldest of ids) {
      if (ids.size <= MAX_CONN_IDS_PER_SESSION) return;
      ids.delete(oldest);
      this.byConnId.delete(oldest);
    }
  }

  /** Data-plane messages and show rows that name no peer belong to the device, not to its last peer. */
  private deviceWide(input: string, device: string): Session {
    return this.sessions.get(key(device, undefined)) ?? this.create(input, device, undefined);
  }

  /** Moves what pointed at an absorbed session (its connection ids, the device's current) to its heir. */
  private rebind(from: Session, to: Session): void {
    const ids = this.connIdsOf.get(from);
    if (ids) {
      for (const k of ids) this.byConnId.set(k, to);
      const heirs = this.connIdsOf.get(to);
      if (heirs) {
        for (const k of ids) heirs.add(k);
        this.trimConnIds(heirs);
      } else this.connIdsOf.set(to, ids);
      this.connIdsOf.delete(from);
    }
    if (this.current.get(from.device) === from) this.current.set(from.device, to);
  }

  private create(input: string, device: string, peer: string | undefined): Session {
    const s = new Session(input, device, peer);
    s.onLocal = (local) => {
      if (!this.holds(s)) return;
      let counts = this.localsByDevice.get(device);
      if (!counts) this.localsByDevice.set(device, (counts = new Map()));
      counts.set(local, (counts.get(local) ?? 0) + 1);
    };
    this.sessions.set(s.key, s);
    return s;
  }

  /** Drops a held session: its addresses no longer count for its device. */
  private release(session: Session): void {
    this.sessions.delete(session.key);
    const counts = this.localsByDevice.get(session.device);
    if (!counts) return;
    for (const l of session.locals) {
      const n = (counts.get(l) ?? 0) - 1;
      if (n > 0) counts.set(l, n);
      else counts.delete(l);
    }
  }
}

/**
 * Connection ids remembered per session. A session has a few IKE SAs alive at a time; an id a
 * thousand rekeys old is long gone (the 1 GB bench log reaches back at most ~320).
 */
const MAX_CONN_IDS_PER_SESSION = 1024;

function key(device: string, peer: string | undefined): string {
  return `${device}\u0000${peer ?? ''}`;
}

function isDeviceWide(event: Event): boolean {
  if (event.peer !== undefined) return false;
  const k = event.kind;
  return k.startsWith('dp.') || k.startsWith('show.') || k.startsWith('icmp.') || k.startsWith('ping.');
}
