import type { Event } from '../model/events.js';
import { ConnIdIndex, connKeyOf } from './conn-ids.js';
import { Session } from './session.js';

/** What the correlator knows of one device. */
interface Device {
  /** Sessions by peer ('' for the device's anonymous session). */
  sessions: Map<string, Session>;
  /** The session its last peer-less message belonged to. */
  current: Session | undefined;
  /** IKE connection id → session (connection id 0 is every embryonic SA: not kept). */
  connIds: ConnIdIndex;
  /** How many held sessions know each of its addresses (what `show isakmp` rows test). */
  locals: Map<string, number>;
}

/**
 * The correlate stage: routes each event to the session of the device that printed it and the peer
 * it concerns. Messages that name no peer go by IKE connection id, else to the device's current
 * session (the peer it last spoke of), so one peer's failure does not taint another's.
 */
export class Correlator {
  private readonly devices = new Map<string, Device>();
  /** Every held session, in the order sessions were created or named (the order of `finish`). */
  private readonly held = new Set<Session>();

  /** Routes one event; returns the session it joined (none for context events). */
  push(event: Event): Session | undefined {
    const first = event.lines[0];
    if (!first) return undefined;
    if (event.kind === 'ctx.prompt' || event.kind === 'ctx.device') return undefined;
    const name = first.device ?? first.input;
    const device = this.deviceOf(name);
    if (event.kind === 'show.isakmp-sa' && event.peer === undefined) {
      // IOS/PIX tables print dst and src; the remote end is the one that is not this device.
      const row = event.row;
      // A responder's row has its own address as dst: known as a local, or the src is a peer the
      // device already talks to (its debug named it before the show command).
      const isLocal =
        row.dst !== undefined &&
        (device.locals.has(row.dst) || (row.src !== undefined && device.sessions.has(row.src)));
      event.peer = isLocal ? row.src : row.dst;
    }
    const session = isDeviceWide(event)
      ? (device.sessions.get('') ?? this.create(device, first.input, name, undefined))
      : this.route(device, first.input, name, event);
    session.add(event);
    return session;
  }

  /**
   * Forgets a session (the live monitor: a tunnel that recovered or went idle), so the next
   * message about its device and peer starts a fresh one.
   */
  evict(session: Session): void {
    const device = this.devices.get(session.device);
    if (!device) return;
    if (this.holds(session)) this.release(device, session);
    device.connIds.forget(session);
    if (device.current === session) device.current = undefined;
  }

  /** False once a session was evicted, or absorbed into the session of the peer it turned out to concern. */
  holds(session: Session): boolean {
    return this.devices.get(session.device)?.sessions.get(session.peer ?? '') === session;
  }

  /** Every session, inputs closed (open rounds settled). */
  finish(): Session[] {
    const all = [...this.held];
    for (const s of all) s.close();
    return all;
  }

  private deviceOf(name: string): Device {
    let device = this.devices.get(name);
    if (!device) {
      device = { sessions: new Map(), current: undefined, connIds: new ConnIdIndex(), locals: new Map() };
      this.devices.set(name, device);
    }
    return device;
  }

  private route(device: Device, input: string, name: string, event: Event): Session {
    const peer = event.peer;
    const connKey = event.connId !== undefined && event.connId !== '0' ? connKeyOf(event.connId) : undefined;
    let session: Session | undefined;
    if (peer !== undefined) {
      session = device.sessions.get(peer);
      const cur = device.current;
      if (!session && cur && cur.peer === undefined) {
        // The device's anonymous session turns out to concern this peer: name it.
        const anonymous = device.sessions.get('');
        if (anonymous) this.held.delete(anonymous);
        device.sessions.delete('');
        cur.peer = peer;
        device.sessions.set(peer, cur);
        this.held.add(cur);
        session = cur;
      } else if (session && cur && cur.peer === undefined && cur !== session) {
        session.absorb(cur);
        this.release(device, cur);
        device.connIds.move(cur, session);
        if (device.current === cur) device.current = session;
      }
      session ??= this.create(device, input, name, peer);
    } else if (connKey !== undefined) {
      session = device.connIds.get(connKey);
    }
    session ??= device.current ?? device.sessions.get('') ?? this.create(device, input, name, undefined);
    if (connKey !== undefined) device.connIds.bind(connKey, session, event.lines[0]?.time);
    device.current = session;
    return session;
  }

  private create(device: Device, input: string, name: string, peer: string | undefined): Session {
    const s = new Session(input, name, peer);
    s.onLocal = (local) => {
      if (!this.holds(s)) return;
      device.locals.set(local, (device.locals.get(local) ?? 0) + 1);
    };
    device.sessions.set(peer ?? '', s);
    this.held.add(s);
    return s;
  }

  /** Drops a held session: its addresses no longer count for its device. */
  private release(device: Device, session: Session): void {
    device.sessions.delete(session.peer ?? '');
    this.held.delete(session);
    for (const l of session.locals) {
      const n = (device.locals.get(l) ?? 0) - 1;
      if (n > 0) device.locals.set(l, n);
      else device.locals.delete(l);
    }
  }
}

function isDeviceWide(event: Event): boolean {
  if (event.peer !== undefined) return false;
  const k = event.kind;
  return k.startsWith('dp.') || k.startsWith('show.') || k.startsWith('icmp.') || k.startsWith('ping.');
}
