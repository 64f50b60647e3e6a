import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { Platform } from '../../config/model.js';
import { pickLanguage, translator } from '../../i18n/index.js';
import { exitCodeOf } from '../../pipeline/report.js';
import { renderMarkdown } from '../../render/markdown.js';
import { renderSimulationMarkdown, renderSimulationText } from '../../render/simulation.js';
import { type SimulationReport, simulate } from '../../simulate/index.js';
import { toPcap } from '../../simulate/pcap/index.js';
import { DIALECTS, type Dialect, type Side } from '../../simulate/trace.js';
import { InputError } from '../inputs.js';
import { type CommonOptions, type SetExit, common, useColor } from '../options.js';
import { readConfigFile } from './config.js';

interface SimulateCliOptions extends Omit<CommonOptions, 'format'> {
  format: 'text' | 'json' | 'markdown' | 'pcap';
  platform?: Platform;
  initiator?: Side;
  dialectA?: Dialect;
  dialectB?: Dialect;
  output?: string;
}

/** Every run's packets in time order: one capture of the whole simulation. */
function pcapOf(r: SimulationReport): Uint8Array {
  return toPcap(
    r.runs.flatMap((run) => run.messages),
    new Date(r.start),
  );
}

function run(a: string, b: string, o: SimulateCliOptions): number {
  const lang = pickLanguage(o.lang);
  const t = translator(lang);
  const r = simulate(readConfigFile(a), readConfigFile(b), {
    lang,
    ...(o.platform && { platform: o.platform }),
    ...(o.initiator && { initiator: o.initiator }),
    dialects: { ...(o.dialectA && { a: o.dialectA }), ...(o.dialectB && { b: o.dialectB }) },
  });
  if (o.format === 'pcap') {
    const bytes = pcapOf(r);
    if (o.output) writeFileSync(o.output, bytes);
    else if (process.stdout.isTTY) throw new InputError(t.text('simulate.pcapToTerminal'));
    else process.stdout.write(bytes);
    return exitCodeOf(r.findings);
  }
  const text =
    o.format === 'json'
      ? JSON.stringify(r, null, 2) + '\n'
      : o.format === 'markdown'
        ? renderSimulationMarkdown(r, t, renderMarkdown(r, t))
        : renderSimulationText(r, t, {
            color: useColor({ ...o, format: 'text' }),
            verbose: o.verbose ?? false,
          });
  if (o.output) writeFileSync(o.output, text);
  else process.stdout.write(text);
  return exitCodeOf(r.findings);
}

export function register(program: Command, setExit: SetExit): void {
  const cmd = program
    .command('simulate')
    .argument('<configA>', "one peer's configuration")
    .argument('<configB>', "the other peer's configuration")
    .description(
      'play the IKE/IPsec negotiation between two configurations: ladder, debug transcripts, show output',
    );
  common(cmd, ['text', 'json', 'markdown', 'pcap'])
    .addOption(
      new Option('--initiator <side>', 'who starts (default: both, shown when they differ)').choices([
        'a',
        'b',
      ]),
    )
    .addOption(
      new Option('--dialect-a <dialect>', "A's debug dialect (default: from its configuration)").choices(
        DIALECTS,
      ),
    )
    .addOption(
      new Option('--dialect-b <dialect>', "B's debug dialect (default: from its configuration)").choices(
        DIALECTS,
      ),
    )
    .addOption(
      new Option('--platform <platform>', 'configuration syntax (default: detected)').choices([
        'ios',
        'pix',
        'asa',
      ]),
    )
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((a: string, b: string, o: SimulateCliOptions) => setExit(run(a, b, o)));
}
