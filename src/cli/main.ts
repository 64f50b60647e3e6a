import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { register as annotate } from './commands/annotate.js';
import { register as config } from './commands/config.js';
import { register as diagnose } from './commands/diagnose.js';
import { register as explain } from './commands/explain.js';
import { register as generate } from './commands/generate.js';
import { register as mtu } from './commands/mtu.js';
import { register as serve } from './commands/serve.js';
import { register as simulate } from './commands/simulate.js';
import { register as watch } from './commands/watch.js';
import { InputError } from './inputs.js';
import type { SetExit } from './options.js';

/** Each verb registers itself from its own module under commands/. */
const VERBS: ((program: Command, setExit: SetExit) => void)[] = [
  diagnose,
  explain,
  annotate,
  config,
  simulate,
  generate,
  serve,
  mtu,
  watch,
];

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('ipsec-doctor')
    .description('Diagnose Cisco IPsec VPNs from debug transcripts, syslog, show output and configurations.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const verb of VERBS) verb(program, (c) => (code = c));
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
  (err: unknown) => {
    process.stderr.write(`ipsec-doctor: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
