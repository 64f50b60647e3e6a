export { isCommand } from '../render/command-words.js';
import type { Report, Severity } from './api.js';
import type { T } from './i18n.js';

export type Tone = Severity | 'ok' | 'none';

/** The headline of a report, as the CLI's text output puts it first. */
export function verdictOf(r: Report, t: T): { headline: string; detail?: string; tone: Tone } {
  const errors = r.findings.filter((f) => f.severity === 'error');
  const warnings = r.findings.filter((f) => f.severity === 'warning');
  const headline = errors[0] ?? warnings[0];
  if (headline)
    return {
      headline: headline.summary,
      detail: t('verdict.problems', { errors: errors.length, warnings: warnings.length }),
      tone: headline.severity,
    };
  if (r.findings.length > 0)
    return { headline: t('verdict.healthy', { count: r.findings.length }), tone: 'ok' };
  const recognised = r.stats?.recognised ?? 0;
  return recognised > 0
    ? { headline: t('verdict.nothingWrong', { count: recognised }), tone: 'ok' }
    : { headline: t('verdict.noInput'), tone: 'none' };
}
