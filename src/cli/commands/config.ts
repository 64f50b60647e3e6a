import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { type AuditReport, auditDevices, check, lint, parseConfig } from '../../config/index.js';
import type { DeviceConfig, Platform } from '../../config/model.js';
import { pickLanguage, translator } from '../../i18n/index.js';
import type { InputText } from '../../pipeline/analysis.js';
import { type Report, exitCodeOf } from '../../pipeline/report.js';
import { renderSarif } from '../../render/sarif.js';
import { InputError } from '../inputs.js';
import { type CommonOptions, type SetExit, common, render } from '../options.js';

/** A running-config of the largest ASA is a few MB; anything far bigger is not a configuration. */
const MAX_CONFIG_BYTES = 32 * 1024 * 1024;
const MAX_AUDIT_FILES = 100_000;

interface ConfigOptions extends CommonOptions {
  platform?: Platform;
}

export function readConfigFile(path: string): InputText {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path}: is a directory`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (size > MAX_CONFIG_BYTES)
    throw new InputError(
      `${path}: ${(size / 1e6).toFixed(0)} MB is larger than the ${MAX_CONFIG_BYTES / 1e6} MB a configuration may be`,
    );
  return { name: path, text: readFileSync(path, 'utf8') };
}

function output(r: Report, o: ConfigOptions): number {
  const lang = pickLanguage(o.lang);
  process.stdout.write(o.format === 'sarif' ? renderSarif(r, translator(lang)) : render(r, o, lang));
  return exitCodeOf(r.findings);
}

function configOptions(cmd: Command): Command {
  return common(cmd, ['text', 'json', 'markdown', 'sarif']).addOption(
    new Option('--platform <platform>', 'configuration syntax (default: detected)').choices([
      'ios',
      'pix',
      'asa',
    ]),
  );
}

/** Regular files under `dir`, depth first, hidden entries skipped. */
function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) filesUnder(p, out);
    else if (st.isFile()) out.push(p);
    if (out.length > MAX_AUDIT_FILES) throw new InputError(`${dir}: more than ${MAX_AUDIT_FILES} files`);
  }
  return out;
}

function auditCommand(dirs: string[], o: ConfigOptions): number {
  const lang = pickLanguage(o.lang);
  const t = translator(lang);
  const files: string[] = [];
  for (const d of dirs) {
    let isDir = false;
    try {
      isDir = statSync(d).isDirectory();
    } catch {
      throw new InputError(`${d}: no such file or directory`);
    }
    files.push(...(isDir ? filesUnder(d) : [d]));
  }
  if (files.length === 0) throw new InputError(t.text('cli.noConfig'));
  const showProgress = o.progress && process.stderr.isTTY === true && files.length > 200;
  const devices: DeviceConfig[] = files.map((f, i) => {
    if (showProgress && i % 100 === 0) process.stderr.write(`\r${i}/${files.length}`);
    const input = readConfigFile(f);
    return parseConfig(input.name, input.text, o.platform);
  });
  if (showProgress) process.stderr.write('\r\x1b[K');
  const r: AuditReport = auditDevices(devices, lang);
  if (o.format === 'text') {
    const failing = r.peerings.filter((p) => !p.established).length;
    process.stdout.write(
      t.text('cli.auditSummary', { devices: r.devices, peerings: r.peerings.length, failing }) + '\n',
    );
    for (const p of r.peerings.filter((x) => !x.established))
      process.stdout.write(`  ${p.a} ↔ ${p.b}: ${p.failedPhase ?? ''} ${p.codes.join(', ')}\n`);
    process.stdout.write('\n');
  }
  return output(r, o);
}

export function register(program: Command, setExit: SetExit): void {
  configOptions(
    program
      .command('lint')
      .argument('<configs...>', 'device configurations')
      .description('check each device configuration on its own'),
  ).action((files: string[], o: ConfigOptions) =>
    setExit(
      output(
        lint(files.map(readConfigFile), {
          lang: pickLanguage(o.lang),
          ...(o.platform && { platform: o.platform }),
        }),
        o,
      ),
    ),
  );
  configOptions(
    program
      .command('check')
      .argument('<configA>', "one peer's configuration")
      .argument('<configB>', "the other peer's configuration")
      .description('check two peers against each other and predict the negotiation'),
  ).action((a: string, b: string, o: ConfigOptions) =>
    setExit(
      output(
        check(readConfigFile(a), readConfigFile(b), {
          lang: pickLanguage(o.lang),
          ...(o.platform && { platform: o.platform }),
        }),
        o,
      ),
    ),
  );
  configOptions(
    program
      .command('audit')
      .argument('<dirs...>', 'folders (or files) of device configurations')
      .description('find every peering among the configurations and check each pair'),
  ).action((dirs: string[], o: ConfigOptions) => setExit(auditCommand(dirs, o)));
}
