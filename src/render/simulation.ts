import { styleText } from 'node:util';
import type { Translator } from '../i18n/index.js';
import type { LadderStep } from '../simulate/ladder.js';
import type { RunReport, SimulationReport } from '../simulate/index.js';
import { type TextOptions, renderText } from './text.js';

const WIDTH = 64;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/**
 * One arrow of the ladder: A's side on the left, B's on the right, the stopping step marked.
 * Payloads that do not fit beside the arrow go on the line below it.
 */
function arrow(s: LadderStep, t: Translator): string[] {
  const tags = [
    s.encrypted ? `[${t.text('simulate.encrypted')}]` : '',
    s.retransmission ? `(${t.text('simulate.retransmission', { count: s.retransmission })})` : '',
  ].filter((x) => x !== '');
  const full = [s.step, s.payloads.join(', '), ...tags].filter((x) => x !== '').join(' ');
  const fits = full.length + 8 <= WIDTH;
  const body = ` ${fits ? full : [s.step, ...tags].join(' ')} `;
  const line = Math.max(4, WIDTH - body.length - 2);
  const lost = !s.delivered;
  const head = lost ? '╳' : s.from === 'a' ? '▶' : '◀';
  const text = s.from === 'a' ? `├${body}${'─'.repeat(line)}${head}` : `${head}${'─'.repeat(line)}${body}┤`;
  const first = `${text}${lost ? ` ${t.text('simulate.lost')}` : ''}${s.failed ? ' ✗' : ''}`;
  return fits ? [first] : [first, `  ${s.payloads.join(', ')}`];
}

export function ladderLines(run: RunReport, r: SimulationReport, t: Translator): string[] {
  const left = `${r.names.a} ${run.initiator === 'a' ? run.from : run.to}`;
  const right = `${r.names.b} ${run.initiator === 'b' ? run.from : run.to}`;
  const out = [
    `${' '.repeat(11)}${left}${' '.repeat(Math.max(1, WIDTH + 1 - left.length - right.length))}${right}`,
  ];
  for (const s of run.ladder) {
    const [first, more] = arrow(s, t);
    out.push(`${seconds(s.at).padStart(10)} ${first}`);
    if (more !== undefined) out.push(`${' '.repeat(11)}${more}`);
  }
  return out;
}

/** `simulate` in a terminal: the verdict and findings as `check` prints them, then each run. */
export function renderSimulationText(r: SimulationReport, t: Translator, o: TextOptions): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string) => (o.color ? styleText(style, s) : s);
  const out = [renderText(r, t, o).trimEnd(), ''];
  for (const run of r.runs) {
    const head = t.text('simulate.run', {
      device: r.names[run.initiator],
      from: run.from,
      to: run.to,
      tunnel: run.tunnel,
    });
    const result = run.established
      ? t.text('simulate.established')
      : t.text('simulate.stopped', { step: run.stoppedAt ?? '?', code: run.code ?? '' });
    out.push(paint('bold', `== ${head}: ${result} ==`), '', ...ladderLines(run, r, t), '');
    for (const side of ['a', 'b'] as const) {
      out.push(
        paint(
          'bold',
          `-- ${t.text('simulate.transcript', { device: r.names[side], dialect: r.dialects[side] })} --`,
        ),
      );
      out.push(run.transcripts[side] === '' ? t.text('simulate.silent') : run.transcripts[side], '');
    }
    for (const side of ['a', 'b'] as const)
      out.push(
        paint('bold', `-- ${t.text('simulate.show', { device: r.names[side] })} --`),
        run.show[side],
        '',
      );
  }
  return out.join('\n').trimEnd() + '\n';
}

export function renderSimulationMarkdown(r: SimulationReport, t: Translator, base: string): string {
  const out = [base.trimEnd(), ''];
  for (const run of r.runs) {
    out.push(
      `## ${t.text('simulate.run', { device: r.names[run.initiator], from: run.from, to: run.to, tunnel: run.tunnel })}`,
      '',
    );
    out.push('```text', ...ladderLines(run, r, t), '```', '');
    for (const side of ['a', 'b'] as const)
      out.push(
        `### ${t.text('simulate.transcript', { device: r.names[side], dialect: r.dialects[side] })}`,
        '',
        '```text',
        run.transcripts[side] || t.text('simulate.silent'),
        '```',
        '',
      );
    for (const side of ['a', 'b'] as const)
      out.push(
        `### ${t.text('simulate.show', { device: r.names[side] })}`,
        '',
        '```text',
        run.show[side],
        '```',
        '',
      );
  }
  return out.join('\n');
}
