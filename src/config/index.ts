/**
 * Configuration checks (issue 3): `lint` one device at a time, `check` two peers against each
 * other. Pure and synchronous over configuration texts; findings cite file:line of the configs.
 * (Being implemented: the signatures are the stable API the CLI and HTTP server call.)
 */
import type { Language } from '../i18n/index.js';
import type { InputText } from '../pipeline/analysis.js';
import { type Report, report } from '../pipeline/report.js';

export interface ConfigOptions {
  lang?: Language;
}

export function lint(inputs: readonly InputText[], _options: ConfigOptions = {}): Report {
  void inputs;
  return report([]);
}

export function check(
  a: InputText,
  b: InputText,
  _options: ConfigOptions = {},
): Report & Required<Pick<Report, 'outcome'>> {
  void a;
  void b;
  return { ...report([]), outcome: { established: true, states: { a: 'QM_IDLE', b: 'QM_IDLE' } } };
}
