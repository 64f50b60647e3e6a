/** The library API: pure and synchronous over strings. The CLI and servers are shells around it. */
import { type Language, translator } from './i18n/index.js';
import { Analysis, type InputText } from './pipeline/analysis.js';
import { glossOf } from './pipeline/gloss.js';
import { type Report, report } from './pipeline/report.js';

export { Analysis, type InputText } from './pipeline/analysis.js';
export { type Report, exitCodeOf } from './pipeline/report.js';
export { annotateText, type AnnotatedLine } from './pipeline/annotate.js';
export type { Finding, Severity } from './model/findings.js';
export { LANGUAGES, type Language } from './i18n/index.js';
export {
  audit,
  check,
  lint,
  parseConfig,
  type AuditReport,
  type CheckReport,
  type ConfigOptions,
  type DeviceConfig,
  type Platform,
} from './config/index.js';
export { espOverhead, mtuAdvice, type MtuAdvice } from './config/mtu.js';
export {
  simulate,
  simulateDevices,
  type RunReport,
  type SimulateOptions,
  type SimulationReport,
} from './simulate/index.js';
export { toPcap } from './simulate/pcap/index.js';
export type { Outcome } from './pipeline/report.js';

export interface Options {
  lang?: Language;
}

/** Diagnoses several inputs together (e.g. both ends of a tunnel). */
export function diagnose(inputs: readonly InputText[], options: Options = {}): Report {
  const analysis = new Analysis();
  for (const input of inputs) analysis.text(input);
  return report(analysis.findings(options.lang ?? 'en'), analysis.stats);
}

/** Explains one message (possibly wrapped over a few lines): the Error Message Decoder. */
export function explain(
  message: string,
  options: Options = {},
): Report & { recognised: boolean; glosses: string[] } {
  const glosses: string[] = [];
  const t = translator(options.lang ?? 'en');
  const analysis = new Analysis((e) => glosses.push(glossOf(e, t)));
  analysis.text({ name: 'message', text: message });
  const findings = analysis.findings(options.lang ?? 'en');
  return { ...report(findings), recognised: analysis.stats.recognised > 0, glosses };
}
