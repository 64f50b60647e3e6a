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

  /** Routes one event; returns the session it joined (none for context events). */
  push(event: Event): Session | undefined {
    const first = event.lines[0];
    if (!first) return undefined;
    if (event.kind === 'ctx.prompt' || event.kind === 'ctx.device') return undefined;
    const device = first.device ?? first.input;
    if (event.kind === 'show.isakmp-sa' && event.peer === undefined) {
      // IOS/PIX tables print dst and src; the remote end is the one that is not this device.
      const row = event.row;
      const locals = this.localsOf(device);
      event.peer = row.dst !== undefined && locals.has(row.dst) ? row.src : row.dst;
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
    if (this.sessions.get(session.key) === session) this.sessions.delete(session.key);
    for (const [k, s] of this.byConnId) if (s === session) this.byConnId.delete(k);
    for (const [k, s] of this.current) if (s === session) this.current.delete(k);
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
        this.sessions.delete(cur.key);
        this.rebind(cur, session);
      }
      session ??= this.create(input, device, peer);
    } else if (connKey !== undefined && this.byConnId.has(connKey)) {
      session = this.byConnId.get(connKey);
    }
    session ??=
      this.current.get(device) ??
      this.sessions.get(key(device, undefined)) ??
      this.create(input, device, undefined);
    if (connKey !== undefined) this.byConnId.set(connKey, session);
    this.current.set(device, session);
    return session;
  }

  /** Data-plane messages and show rows that name no peer belong to the device, not to its last peer. */
  private deviceWide(input: string, device: string): Session {
    return this.sessions.get(key(device, undefined)) ?? this.create(input, device, undefined);
  }

  private localsOf(device: string): Set<string> {
    const out = new Set<string>();
    for (const s of this.sessions.values()) if (s.device === device) for (const l of s.locals) out.add(l);
    return out;
  }

  private rebind(from: Session, to: Session): void {
    for (const [k, s] of this.byConnId) if (s === from) this.byConnId.set(k, to);
    for (const [k, s] of this.current) if (s === from) this.current.set(k, to);
  }

  private create(input: string, device: string, peer: string | undefined): Session {
    const s = new Session(input, device, peer);
    this.sessions.set(s.key, s);
    return s;
  }
}

function key(device: string, peer: string | undefined): string {
  return `${device}\u0000${peer ?? ''}`;
}

function isDeviceWide(event: Event): boolean {
  if (event.peer !== undefined) return false;
  const k = event.kind;
  return k.startsWith('dp.') || k.startsWith('show.') || k.startsWith('icmp.') || k.startsWith('ping.');
}
