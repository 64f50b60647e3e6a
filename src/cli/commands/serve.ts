import type { Command } from 'commander';
import { defaultHistoryPath } from '../../history/index.js';
import { pickLanguage, translator } from '../../i18n/index.js';
import { BindingError, DEFAULT_LIMITS, type Limits, buildServer, checkBinding } from '../../server/index.js';
import { InputError } from '../inputs.js';
import type { SetExit } from '../options.js';

interface ServeOptions {
  host: string;
  port: string;
  token?: string;
  db?: string;
  history: boolean;
  maxBody: string;
  timeLimit: string;
}

/** A `serve` text from the shared catalogues (`serve.<key>`). */
type Say = (key: string, vars?: Record<string, string | number>) => string;

function positive(say: Say, flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new InputError(say('badNumber', { flag, max }));
  return n;
}

async function serveCommand(o: ServeOptions): Promise<number> {
  const t = translator(pickLanguage(undefined));
  const say: Say = (key, vars) => t.text(`serve.${key}`, vars);
  const token = o.token || process.env['IPSEC_DOCTOR_TOKEN'] || undefined;
  try {
    checkBinding(o.host, token);
  } catch (err) {
    if (err instanceof BindingError) throw new InputError(say('needsToken', { host: o.host }));
    throw err;
  }
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(say('badPort'));
  const limits: Partial<Limits> = {
    bodyBytes: positive(say, '--max-body', o.maxBody, 1024) * 1024 * 1024,
    timeMs: positive(say, '--time-limit', o.timeLimit, 3600) * 1000,
  };
  const db = o.history ? (o.db ?? defaultHistoryPath()) : undefined;
  let app: ReturnType<typeof buildServer>;
  try {
    app = buildServer({
      ...(db !== undefined && { db }),
      ...(token && { token }),
      limits,
      logger: { level: 'error' },
    });
  } catch (err) {
    throw new InputError(say('cannotOpenHistory', { path: String(db), reason: (err as Error).message }));
  }
  let address: string;
  try {
    address = await app.listen({ host: o.host, port });
  } catch (err) {
    throw new InputError(say('cannotListen', { host: o.host, port, reason: (err as Error).message }));
  }
  const url = new URL(address);
  if (token) url.searchParams.set('token', token);
  process.stdout.write(say('listening', { url: url.href }) + '\n');
  if (db !== undefined) process.stdout.write(say('history', { path: db }) + '\n');
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

export function register(program: Command, setExit: SetExit): void {
  program
    .command('serve')
    .description('start the web workbench and its JSON API')
    .option('--host <host>', 'address to listen on (not loopback: needs a token)', '127.0.0.1')
    .option('-p, --port <port>', 'port (0: any free one)', '8470')
    .option('--token <token>', 'required bearer token for the API (default: IPSEC_DOCTOR_TOKEN)')
    .option('--db <path>', 'history database file (default: under the user data directory)')
    .option('--no-history', 'keep no history of analyses')
    .option('--max-body <MiB>', 'largest request body', String(DEFAULT_LIMITS.bodyBytes / 1024 / 1024))
    .option('--time-limit <seconds>', 'longest one analysis may run', String(DEFAULT_LIMITS.timeMs / 1000))
    .action(async (o: ServeOptions) => setExit(await serveCommand(o)));
}
