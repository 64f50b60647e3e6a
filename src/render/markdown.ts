import type { Translator } from '../i18n/index.js';
import type { Report } from '../pipeline/report.js';
import { outcomeLines } from './outcome.js';
import { isCommand } from './command-words.js';

/** Markdown for tickets: a heading per finding, evidence and commands in fenced blocks. */
export function renderMarkdown(r: Report, t: Translator): string {
  const out: string[] = [`# ipsec-doctor ${r.version}`, ''];
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  out.push(
    r.findings.length === 0
      ? t.text(r.configs !== undefined ? 'verdict.configsClean' : 'verdict.noInput', {
          count: r.configs ?? 0,
        })
      : t.text('verdict.problems', { errors, warnings }),
    '',
  );
  if (r.outcome) out.push(...outcomeLines(r.outcome, t).map(escapeMd), '');
  for (const f of r.findings) {
    out.push(`## ${f.severity.toUpperCase()} \`${f.code}\`: ${escapeMd(f.title)}`, '');
    if (f.peer) out.push(`- ${t.text('label.peer')}: \`${f.peer}\``);
    if (f.device) out.push(`- ${t.text('label.device')}: \`${f.device}\``);
    out.push('', escapeMd(f.explanation), '');
    if (f.evidence.length > 0) {
      out.push(`**${t.text('label.evidence')}**`, '', '```text');
      for (const e of f.evidence) out.push(`${e.input}:${e.line}: ${e.text.replace(/```/g, "'''")}`);
      out.push('```', '');
    }
    const steps = f.remedy.filter((s) => !isCommand(s));
    const commands = f.remedy.filter(isCommand);
    if (steps.length > 0) {
      out.push(`**${t.text('label.remedy')}**`, '');
      for (const s of steps) out.push(`- ${escapeMd(s)}`);
      out.push('');
    }
    if (commands.length > 0) out.push('```', ...commands, '```', '');
  }
  return out.join('\n');
}

function escapeMd(s: string): string {
  return s.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}
