import type { Finding } from '../model/findings.js';
import { VERSION } from '../version.js';
import type { Stats } from './analysis.js';

/** The JSON object of the CLI contract (shared/spec/cli.md). */
export interface Report {
  tool: 'ipsec-doctor';
  version: string;
  findings: Finding[];
  stats?: Stats;
  /** lint/check/audit: how many configurations were read. */
  configs?: number;
  /** `check` (predicted) and `simulate` (simulated): how the negotiation ends. */
  outcome?: Outcome;
}

/** shared/spec/cli.md: how a negotiation between two configured peers ends. */
export interface Outcome {
  established: boolean;
  failedPhase?: 'ike-phase1' | 'ipsec-phase2';
  /** ISAKMP state each side would show (`QM_IDLE`, `MM_NO_STATE`, `MM_KEY_EXCH`, …). */
  states: { a: string; b: string };
  /** When the result depends on who initiates: each direction's own outcome. */
  directions?: {
    aInitiates: Omit<Outcome, 'directions' | 'names'>;
    bInitiates: Omit<Outcome, 'directions' | 'names'>;
  };
  /** Hostnames (else file names) of A and B, for texts. */
  names?: { a: string; b: string };
  /** Played by `simulate` rather than predicted by `check`. */
  simulated?: true;
  /** `simulate`: the codes of the findings the negotiation shows. */
  codes?: string[];
}

export function report(findings: Finding[], stats?: Stats): Report {
  return { tool: 'ipsec-doctor', version: VERSION, findings, ...(stats && { stats }) };
}

export function exitCodeOf(findings: readonly Finding[]): 0 | 1 {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
