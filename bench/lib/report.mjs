/** The report as Markdown: printed to the terminal and written between markers in BENCHMARKS.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const BEGIN = '<!-- bench:results -->';
export const END = '<!-- /bench:results -->';

const cell = (v) => String(v).replace(/\|/g, '\\|');

function table(columns, rows) {
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function renderReport(facts, options, sections) {
  const out = [
    `Measured ${facts.date} at commit ${facts.commit} with \`npm run bench -- ${options}\`.`,
    '',
    `Machine: ${facts.cpu}, ${facts.memory} memory, ${facts.os}, Node ${facts.node}.`,
  ];
  const missing = [];
  for (const [i, s] of sections.entries()) {
    out.push('', `### ${i + 1}. ${s.title}`, '');
    if (s.rows.length > 0) out.push(table(s.columns, s.rows), '');
    for (const line of s.summary ?? []) out.push(`- **${line}**`);
    for (const note of s.notes) out.push(`- ${note}`);
    for (const m of s.missing) {
      out.push(`- Missing: ${m.what}: ${m.reason}.`);
      missing.push(m);
    }
  }
  if (missing.length > 0) {
    out.push('', '### Missing in this run', '', ...missing.map((m) => `- ${m.what}: ${m.reason}`));
  }
  return out.join('\n') + '\n';
}

/** Replaces the results between the markers, keeping the hand-written rest of the file. */
export function writeResults(path, markdown) {
  const block = `${BEGIN}\n${markdown}${END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start !== -1 && end > start
      ? current.slice(0, start) + block + current.slice(end + END.length)
      : `${current}${current === '' ? '# Benchmarks\n\n' : '\n'}${block}\n`;
  writeFileSync(path, next);
}
