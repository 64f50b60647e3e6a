import { type Command, Option } from 'commander';
import { LANGUAGES, type Language, translator } from '../i18n/index.js';
import type { Report } from '../pipeline/report.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';

export type Format = 'text' | 'json' | 'markdown' | 'sarif';

export interface CommonOptions {
  format: Format;
  lang?: string;
  color: boolean;
  verbose?: boolean;
  progress: boolean;
}

/** A verb's action resolves to its exit status (0, 1; usage errors throw InputError → 2). */
export type SetExit = (code: number) => void;

/** `--lang`, shared by every verb (shared/spec/cli.md). */
export function langOption(): Option {
  return new Option('-l, --lang <lang>', 'language of the texts (default: from the locale)').choices(
    LANGUAGES,
  );
}

/** Adds the flags every verb shares (shared/spec/cli.md); `formats` lists those the verb offers. */
export function common(
  cmd: Command,
  formats: readonly (Format | 'pcap')[] = ['text', 'json', 'markdown'],
): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default('text'))
    .addOption(langOption())
    .option('--no-color', 'no colours, even on a terminal')
    .option('--no-progress', 'no progress line on stderr for long inputs')
    .option('-v, --verbose', 'show healthy (info) findings in full');
}

export function useColor(o: CommonOptions): boolean {
  return o.color && process.stdout.isTTY === true && !process.env['NO_COLOR'];
}

/** Text, JSON or Markdown rendering of a report (SARIF is the config verbs' own). */
export function render(r: Report, o: CommonOptions, lang: Language): string {
  const t = translator(lang);
  if (o.format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (o.format === 'markdown') return renderMarkdown(r, t);
  return renderText(r, t, { color: useColor(o), verbose: o.verbose ?? false });
}
