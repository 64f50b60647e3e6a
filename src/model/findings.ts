import type { Evidence } from './lines.js';

export type Severity = 'error' | 'warning' | 'info';
export type Phase = 'ike-phase1' | 'ipsec-phase2' | 'data-plane' | 'configuration' | 'health';
export type FindingSource = 'debug' | 'syslog' | 'show' | 'config' | 'simulation';

/** A finding as the JSON contract (shared/spec/findings.md) carries it, texts already localised. */
export interface Finding {
  code: string;
  severity: Severity;
  source: FindingSource;
  phase: Phase;
  peer?: string;
  /** Device whose output holds the evidence, when known. */
  device?: string;
  title: string;
  /** One-sentence verdict with the specifics (peer, offered values); the headline of a report. */
  summary: string;
  explanation: string;
  remedy: string[];
  evidence: Evidence[];
  details: Record<string, unknown>;
}
