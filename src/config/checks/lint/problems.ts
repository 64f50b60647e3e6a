import { type ConfigHit, type LintRule, lines } from '../hit.js';

const MAX_LINES = 24;

/** Crypto lines the parser could only half understand: the checks may be incomplete there. */
const notUnderstood: LintRule = {
  code: 'CONFIG_LINE_NOT_UNDERSTOOD',
  check(d) {
    if (d.problems.length === 0) return [];
    const shown = d.problems.slice(0, MAX_LINES);
    const hit: ConfigHit = {
      code: 'CONFIG_LINE_NOT_UNDERSTOOD',
      device: d,
      refs: lines(...shown.map((p) => p.ref)),
      details: {
        count: d.problems.length,
        reasons: shown.map((p) => `${p.ref.line}: ${p.reason}`),
      },
      commands: [],
    };
    return [hit];
  },
};

export const problemRules: readonly LintRule[] = [notUnderstood];
