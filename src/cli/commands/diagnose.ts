import type { Command } from 'commander';
import { pickLanguage, translator } from '../../i18n/index.js';
import { Analysis } from '../../pipeline/analysis.js';
import { exitCodeOf, report } from '../../pipeline/report.js';
import { boundHeapGrowth } from '../heap.js';
import { checkReadable, inputNames, progressReporter, streamLines } from '../inputs.js';
import { type CommonOptions, type SetExit, common, render } from '../options.js';

async function diagnoseCommand(files: string[], o: CommonOptions): Promise<number> {
  boundHeapGrowth();
  const lang = pickLanguage(o.lang);
  const names = inputNames(files);
  const total = checkReadable(names);
  const analysis = new Analysis();
  const progress = progressReporter(
    total,
    o.progress,
    (mb, pct) => translator(lang).text('cli.progress', { read: mb }) + ` ${pct}`,
  );
  for (const name of names) {
    await streamLines(
      name,
      (line, cut, controlFree) => analysis.line(name, line, cut, controlFree),
      (n) => progress.add(n),
    );
    analysis.endInput(name);
  }
  progress.done();
  const r = report(analysis.findings(lang), analysis.stats);
  process.stdout.write(render(r, o, lang));
  return exitCodeOf(r.findings);
}

export function register(program: Command, setExit: SetExit): void {
  common(
    program
      .command('diagnose')
      .argument('[files...]', 'inputs (- or none for stdin)')
      .description('report findings from debug transcripts, syslog and show output'),
  ).action(async (files: string[], o: CommonOptions) => setExit(await diagnoseCommand(files, o)));
}
