import type { Session } from '../../correlate/session.js';
import type { Phase } from '../../model/findings.js';
import type { FleetFilter, FleetFinding, FleetTunnel } from '../../model/fleet.js';
import { type RateWindow, advance } from './rate.js';

/** The peer of a tunnel row for what a device says about no peer in particular (data plane, show rows). */
export const ANY_PEER = '*';

/** A finding as the tracker follows it: the fleet view's fields plus what decides repeats and closing. */
export interface TrackedFinding extends FleetFinding {
  phase: Phase;
  /** Occurrences the session had last time; only growth beyond it is a repeat. */
  occurrences: number;
  /** The session generation the occurrences were counted in. */
  session: Session | undefined;
  closedAt?: string;
  /** When the summary was last localised (ms). */
  textAt?: number;
}

/** One tunnel (device, peer) as the tracker keeps it in memory. */
export interface TunnelRow {
  key: string;
  device: string;
  peer: string;
  phase1: string;
  phase2: string;
  lastChange: number;
  lastSeen: number;
  findings: TrackedFinding[];
  rate: RateWindow;
  session: Session | undefined;
}

/** A row as the store keeps it: the fleet view's fields (times as ISO 8601), the rate window whole. */
export interface TunnelRecord extends Omit<FleetTunnel, 'errorRate'> {
  rate: RateWindow;
}

export function tunnelKey(device: string, peer: string): string {
  return `${device}\u0000${peer}`;
}

export function publicFinding(f: TrackedFinding): FleetFinding {
  return {
    code: f.code,
    severity: f.severity,
    summary: f.summary,
    count: f.count,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    open: f.open,
    evidence: f.evidence,
  };
}

export function recordOf(row: TunnelRow): TunnelRecord {
  return {
    device: row.device,
    peer: row.peer,
    phase1: row.phase1,
    phase2: row.phase2,
    lastChange: new Date(row.lastChange).toISOString(),
    lastSeen: new Date(row.lastSeen).toISOString(),
    findings: row.findings.map(publicFinding),
    rate: row.rate,
  };
}

/** The Fleet page's row; the error rate realigned to `now` so every row's sparkline ends at now. */
export function fleetTunnel(r: TunnelRecord, now: number): FleetTunnel {
  return {
    device: r.device,
    peer: r.peer,
    phase1: r.phase1,
    phase2: r.phase2,
    lastChange: r.lastChange,
    lastSeen: r.lastSeen,
    findings: r.findings,
    errorRate: advance(r.rate, now).counts,
  };
}

/**
 * `state` is either phase's state (`down`, `QM_IDLE`, any case); `code` a part of an open
 * finding's code (`PSK` finds `PSK_MISMATCH`); `device` a part of the device name (`hq`).
 */
export function matches(t: FleetTunnel, filter: FleetFilter | undefined): boolean {
  if (!filter) return true;
  const has = (text: string, part: string | undefined) =>
    !part || text.toLowerCase().includes(part.toLowerCase());
  const state = filter.state?.toLowerCase();
  if (state && t.phase1.toLowerCase() !== state && t.phase2.toLowerCase() !== state) return false;
  if (filter.code && !t.findings.some((f) => f.open && has(f.code, filter.code))) return false;
  return has(t.device, filter.device);
}

/** Worst first (open errors, then warnings), then by device and peer: the order a NOC reads. */
export function byAttention(a: FleetTunnel, b: FleetTunnel): number {
  return weight(b) - weight(a) || a.device.localeCompare(b.device) || a.peer.localeCompare(b.peer);
}

function weight(t: FleetTunnel): number {
  let w = 0;
  for (const f of t.findings) if (f.open) w = Math.max(w, f.severity === 'error' ? 2 : 1);
  return w;
}
