import { styleText } from 'node:util';
import type { Translator } from '../i18n/index.js';
import type { Finding } from '../model/findings.js';
import type { Report } from '../pipeline/report.js';
import { isCommand } from './command-words.js';
import { outcomeLines } from './outcome.js';

type Style = Parameters<typeof styleText>[0];

export interface TextOptions {
  color: boolean;
  /** Show info findings (healthy facts) in full; otherwise only listed. */
  verbose?: boolean;
}

const SEVERITY_STYLE: Record<Finding['severity'], Style> = {
  error: ['bold', 'red'],
  warning: ['bold', 'yellow'],
  info: 'green',
};

/** Terminal rendering: verdict first, then findings grouped by peer, evidence, fix. */
export function renderText(r: Report, t: Translator, o: TextOptions): string {
  const paint = (style: Style, s: string) => (o.color ? styleText(style, s) : s);
  const out: string[] = [];
  const errors = r.findings.filter((f) => f.severity === 'error');
  const warnings = r.findings.filter((f) => f.severity === 'warning');
  const infos = r.findings.filter((f) => f.severity === 'info');
  const headline = errors[0] ?? warnings[0];
  if (r.findings.length === 0)
    out.push(
      paint(
        'bold',
        r.configs !== undefined
          ? t.text('verdict.configsClean', { count: r.configs })
          : r.stats?.recognised
            ? t.text('verdict.nothingWrong', { count: r.stats.recognised })
            : t.text('verdict.noInput'),
      ),
    );
  else if (!headline)
    out.push(
      paint(
        ['bold', 'green'],
        r.configs !== undefined
          ? t.text('verdict.configsClean', { count: r.configs })
          : t.text('verdict.healthy', { count: infos.length }),
      ),
    );
  else {
    out.push(paint(SEVERITY_STYLE[headline.severity], headline.summary));
    out.push(t.text('verdict.problems', { errors: errors.length, warnings: warnings.length }));
  }
  if (r.outcome) out.push(...outcomeLines(r.outcome, t).map((l) => paint('bold', l)));
  const groups = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const key = f.peer ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [peer, findings] of groups) {
    out.push('');
    out.push(
      paint(
        'bold',
        `== ${peer === '' ? `(${t.text('label.unknownPeer')})` : `${t.text('label.peer')} ${peer}`}`,
      ),
    );
    for (const f of findings) {
      const sev = paint(SEVERITY_STYLE[f.severity], t.text(`severity.${f.severity}`).toUpperCase());
      out.push(`${sev} ${paint('bold', f.code)}  ${f.title}${f.device ? `  [${f.device}]` : ''}`);
      if (f.severity === 'info' && !o.verbose) continue;
      out.push(indent(f.explanation, '  '));
      if (f.evidence.length > 0) {
        out.push(`  ${t.text('label.evidence')}:`);
        for (const e of f.evidence) out.push(paint('dim', `    ${e.input}:${e.line}: `) + e.text.trim());
      }
      if (f.remedy.length > 0) {
        out.push(`  ${t.text('label.remedy')}:`);
        for (const step of f.remedy)
          out.push(isCommand(step) ? paint('cyan', indent(step, '      ')) : indent(`- ${step}`, '    '));
      }
    }
  }
  return out.join('\n') + '\n';
}

function indent(s: string, pad: string): string {
  return s
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
