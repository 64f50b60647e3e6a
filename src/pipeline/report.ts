import type { Finding } from '../model/findings.js';
import { VERSION } from '../version.js';
import type { Stats } from './analysis.js';

/** The JSON object of the CLI contract (shared/spec/cli.md). */
export interface Report {
  tool: 'ipsec-doctor';
  version: string;
  findings: Finding[];
  stats?: Stats;
}

export function report(findings: Finding[], stats?: Stats): Report {
  return { tool: 'ipsec-doctor', version: VERSION, findings, ...(stats && { stats }) };
}

export function exitCodeOf(findings: readonly Finding[]): 0 | 1 {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
