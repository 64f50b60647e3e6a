import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { InputError } from './inputs.js';
import type { SetExit } from './options.js';

type Register = (program: Command, setExit: SetExit) => void;

/**
 * Each verb registers itself from its own module under commands/, loaded only when that verb
 * runs: `diagnose` on a large log does not carry the web server, the monitor's databases or the
 * simulator in its memory. Help and unknown verbs load them all. In the order help lists them.
 */
const VERBS: Record<string, () => Promise<Register>> = {
  diagnose: async () => (await import('./commands/diagnose.js')).register,
  explain: async () => (await import('./commands/explain.js')).register,
  annotate: async () => (await import('./commands/annotate.js')).register,
  lint: async () => (await import('./commands/config.js')).register,
  check: async () => (await import('./commands/config.js')).register,
  audit: async () => (await import('./commands/config.js')).register,
  simulate: async () => (await import('./commands/simulate.js')).register,
  generate: async () => (await import('./commands/generate.js')).register,
  serve: async () => (await import('./commands/serve.js')).register,
  mtu: async () => (await import('./commands/mtu.js')).register,
  watch: async () => (await import('./commands/watch.js')).register,
};

/** The registrations a command line needs: its verb's, or every verb's for help and mistakes. */
async function registrations(argv: readonly string[]): Promise<Register[]> {
  const verb = argv.find((a) => !a.startsWith('-'));
  const load = verb !== undefined && verb !== 'help' ? VERBS[verb] : undefined;
  if (load) return [await load()];
  return [...new Set(await Promise.all(Object.values(VERBS).map((l) => l())))];
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('ipsec-doctor')
    .description('Diagnose Cisco IPsec VPNs from debug transcripts, syslog, show output and configurations.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of await registrations(argv)) register(program, (c) => (code = c));
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
