import { check, lint } from '../../config/index.js';
import type { Language } from '../../i18n/index.js';
import { annotateText, diagnose, explain } from '../../index.js';
import type { InputText } from '../../pipeline/analysis.js';
import { report } from '../../pipeline/report.js';
import { type SimulateOptions, simulate } from '../../simulate/index.js';

export type Verb = 'diagnose' | 'explain' | 'annotate' | 'lint' | 'check' | 'simulate';

/** One analysis as the API received it, already validated (check, simulate: exactly two inputs). */
export interface Job {
  verb: Verb;
  inputs: InputText[];
  lang: Language;
  /** simulate: who initiates, and dialect overrides. */
  simulation?: Pick<SimulateOptions, 'initiator' | 'dialects'>;
}

/** What each endpoint answers: the same object as the CLI's `--format json`. */
export const VERBS: Record<Verb, (job: Job) => unknown> = {
  diagnose: ({ inputs, lang }) => diagnose(inputs, { lang }),
  explain: ({ inputs, lang }) => explain(inputs.map((i) => i.text).join('\n'), { lang }),
  annotate: ({ inputs, lang }) => ({
    ...report([]),
    lines: inputs.flatMap((i) => annotateText(i.name, i.text, lang)),
  }),
  lint: ({ inputs, lang }) => lint(inputs, { lang }),
  check: ({ inputs: [a, b], lang }) => check(a!, b!, { lang }),
  simulate: ({ inputs: [a, b], lang, simulation }) => simulate(a!, b!, { lang, ...simulation }),
};
