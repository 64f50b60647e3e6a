import type { Command } from 'commander';
import { pickLanguage } from '../../i18n/index.js';
import { Annotator } from '../../pipeline/annotate.js';
import { VERSION } from '../../version.js';
import { boundHeapGrowth } from '../heap.js';
import { checkReadable, inputNames, streamLines } from '../inputs.js';
import { type CommonOptions, type SetExit, common } from '../options.js';

const GLOSS_COLUMN = 64;

async function annotateCommand(files: string[], o: CommonOptions): Promise<number> {
  boundHeapGrowth();
  const lang = pickLanguage(o.lang);
  const names = inputNames(files);
  checkReadable(names);
  const json = o.format === 'json';
  const lines: unknown[] = [];
  const annotator = new Annotator(lang, (l) => {
    if (json) lines.push(l);
    else if (l.gloss === undefined) process.stdout.write(l.text + '\n');
    else process.stdout.write(`${l.text.padEnd(GLOSS_COLUMN)}  # ${l.gloss}\n`);
  });
  for (const name of names) {
    await streamLines(name, (line) => annotator.line(name, line));
    annotator.endInput(name);
  }
  if (json)
    process.stdout.write(
      JSON.stringify({ tool: 'ipsec-doctor', version: VERSION, findings: [], lines }, null, 2) + '\n',
    );
  return 0;
}

export function register(program: Command, setExit: SetExit): void {
  common(
    program
      .command('annotate')
      .argument('[files...]', 'inputs (- or none for stdin)')
      .description('gloss each line'),
  ).action(async (files: string[], o: CommonOptions) => setExit(await annotateCommand(files, o)));
}
