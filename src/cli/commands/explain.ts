import type { Command } from 'commander';
import { explain } from '../../index.js';
import { pickLanguage, translator } from '../../i18n/index.js';
import { exitCodeOf } from '../../pipeline/report.js';
import { InputError } from '../inputs.js';
import { type CommonOptions, type SetExit, common, render } from '../options.js';

function explainCommand(words: string[], o: CommonOptions): number {
  const lang = pickLanguage(o.lang);
  const message = words.join(' ').replace(/\\n/g, '\n');
  if (message.trim() === '') throw new InputError(translator(lang).text('cli.noMessage'));
  const r = explain(message, { lang });
  if (o.format === 'json') process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else {
    if (!r.recognised) process.stdout.write(translator(lang).text('cli.notRecognised') + '\n');
    else if (r.findings.length === 0) for (const g of r.glosses) process.stdout.write(`- ${g}\n`);
    process.stdout.write(r.findings.length > 0 ? render(r, { ...o, verbose: true }, lang) : '');
  }
  return exitCodeOf(r.findings);
}

export function register(program: Command, setExit: SetExit): void {
  common(
    program
      .command('explain')
      .argument('<message...>', 'the message, in quotes')
      .description('explain one message'),
  ).action((words: string[], o: CommonOptions) => setExit(explainCommand(words, o)));
}
