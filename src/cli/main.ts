import { Command, CommanderError, Option } from 'commander';
import { pickLanguage, translator, type Language } from '../i18n/index.js';
import { Analysis } from '../pipeline/analysis.js';
import { Annotator } from '../pipeline/annotate.js';
import { exitCodeOf, report, type Report } from '../pipeline/report.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { VERSION } from '../version.js';
import { explain } from '../index.js';
import { InputError, checkReadable, inputNames, progressReporter, streamLines } from './inputs.js';

interface CommonOptions {
  format: 'text' | 'json' | 'markdown';
  lang?: string;
  color: boolean;
  verbose?: boolean;
  progress: boolean;
}

function render(r: Report, o: CommonOptions, lang: Language): string {
  const t = translator(lang);
  if (o.format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (o.format === 'markdown') return renderMarkdown(r, t);
  return renderText(r, t, {
    color: o.color && process.stdout.isTTY === true && !process.env['NO_COLOR'],
    verbose: o.verbose ?? false,
  });
}

async function diagnoseCommand(files: string[], o: CommonOptions): Promise<number> {
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
      (line, cut) => analysis.line(name, line, cut),
      (n) => progress.add(n),
    );
    analysis.endInput(name);
  }
  progress.done();
  const r = report(analysis.findings(lang), analysis.stats);
  process.stdout.write(render(r, o, lang));
  return exitCodeOf(r.findings);
}

async function annotateCommand(files: string[], o: CommonOptions): Promise<number> {
  const lang = pickLanguage(o.lang);
  const names = inputNames(files);
  checkReadable(names);
  const json = o.format === 'json';
  const lines: unknown[] = [];
  const width = 64;
  const annotator = new Annotator(lang, (l) => {
    if (json) lines.push(l);
    else if (l.gloss === undefined) process.stdout.write(l.text + '\n');
    else process.stdout.write(`${l.text.padEnd(width)}  # ${l.gloss}\n`);
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

function common(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .addOption(
      new Option('-l, --lang <lang>', 'language of the texts (default: from the locale)').choices([
        'en',
        'fr',
        'zh',
        'ja',
        'ko',
      ]),
    )
    .option('--no-color', 'no colours, even on a terminal')
    .option('--no-progress', 'no progress line on stderr for long inputs')
    .option('-v, --verbose', 'show healthy (info) findings in full');
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('ipsec-doctor')
    .description('Diagnose Cisco IPsec VPNs from debug transcripts, syslog and show output.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  common(
    program
      .command('diagnose')
      .argument('[files...]', 'inputs (- or none for stdin)')
      .description('report findings'),
  ).action(async (files: string[], o: CommonOptions) => {
    code = await diagnoseCommand(files, o);
  });
  common(
    program
      .command('explain')
      .argument('<message...>', 'the message, in quotes')
      .description('explain one message'),
  ).action((words: string[], o: CommonOptions) => {
    code = explainCommand(words, o);
  });
  common(
    program
      .command('annotate')
      .argument('[files...]', 'inputs (- or none for stdin)')
      .description('gloss each line'),
  ).action(async (files: string[], o: CommonOptions) => {
    code = await annotateCommand(files, o);
  });
  for (const verb of ['lint', 'check', 'simulate']) {
    program
      .command(verb)
      .argument('[configs...]')
      .allowUnknownOption()
      .description('(not yet available)')
      .action(() => {
        throw new InputError(`'${verb}' is not available yet in this version`);
      });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
        return 0;
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`ipsec-doctor: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`ipsec-doctor: internal error: ${(err as Error).message}\n`);
    return 2;
  }
  return code;
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
