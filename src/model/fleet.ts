import type { Evidence } from './lines.js';
import type { Severity } from './findings.js';

/**
 * The fleet view the live monitor (watch) keeps and the web workbench's Fleet page and
 * `GET /api/fleet` show: one row per tunnel, i.e. per (device, peer).
 */
export interface FleetFinding {
  code: string;
  severity: Severity;
  /** Localised one-sentence summary. */
  summary: string;
  /** Occurrences since the finding opened. */
  count: number;
  /** ISO 8601. */
  firstSeen: string;
  lastSeen: string;
  /** Closed when the tunnel recovered; kept a while for the record. */
  open: boolean;
  evidence: Evidence[];
}

export interface FleetTunnel {
  device: string;
  peer: string;
  /** Phase-1 state as the device would show it (`QM_IDLE`, `MM_NO_STATE`, `MM_KEY_EXCH`, `down`, `unknown`). */
  phase1: string;
  /** `up`, `down`, `negotiating`, `unknown`. */
  phase2: string;
  /** ISO 8601 of the last state change. */
  lastChange: string;
  lastSeen: string;
  findings: FleetFinding[];
  /** Error-or-warning messages per minute over the last 60 minutes, oldest first. */
  errorRate: number[];
}

export interface FleetFilter {
  state?: string;
  code?: string;
  device?: string;
}

/** Anything that can answer the Fleet page: the live tracker, or a store another process writes. */
export interface FleetSource {
  tunnels(filter?: FleetFilter): Promise<FleetTunnel[]>;
}
