import { join } from 'node:path';
import { type Command, Option } from 'commander';
import envPaths from 'env-paths';
import { type Translator, pickLanguage, translator } from '../../i18n/index.js';
import { parseDuration } from '../../watch/duration.js';
import { type HttpHandle, startHttp } from '../../watch/http.js';
import { Monitor } from '../../watch/monitor.js';
import { type ListenAddress, parseListen } from '../../watch/receive/listen.js';
import type { Change } from '../../watch/track/tracker.js';
import { boundHeapGrowth } from '../heap.js';
import { InputError } from '../inputs.js';
import { type SetExit, langOption } from '../options.js';

interface WatchOptions {
  listen: string[];
  follow: string[];
  fromStart: boolean;
  db?: string;
  retain: string;
  idle: string;
  onFinding?: string;
  webhook?: string;
  alertRate: string;
  http?: string;
  token?: string;
  format: 'text' | 'json';
  lang?: string;
}

const DEFAULT_LISTEN = ['udp://0.0.0.0:5514', 'tcp://0.0.0.0:5514'];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === null) throw new InputError(`${flag} ${text}: expected a duration such as 90s, 30m, 12h, 7d`);
  return ms;
}

function listenAddresses(urls: string[]): ListenAddress[] {
  return urls.map((u) => {
    const at = parseListen(u);
    if (!at) throw new InputError(`--listen ${u}: expected udp://HOST:PORT or tcp://HOST:PORT`);
    return at;
  });
}

/** One line per change: when, which tunnel, what moved. */
function printer(format: 'text' | 'json', t: Translator): (c: Change) => void {
  if (format === 'json') return (c) => process.stdout.write(JSON.stringify(c) + '\n');
  return (c) => {
    const tunnel = c.tunnel;
    const head = `${new Date().toISOString()}  ${tunnel.device} ⇄ ${tunnel.peer}  ${tunnel.phase1}/${tunnel.phase2}`;
    const tail =
      c.kind === 'state'
        ? t.text('watch.state')
        : `${t.text(`watch.${c.kind}`)} ${c.finding.code} (${c.finding.severity}, ×${c.finding.count}) ${c.finding.summary}`;
    process.stdout.write(`${head}  ${tail}\n`);
  };
}

async function watchCommand(o: WatchOptions): Promise<number> {
  boundHeapGrowth();
  const lang = pickLanguage(o.lang);
  const t = translator(lang);
  const listen = listenAddresses(o.listen.length > 0 || o.follow.length > 0 ? o.listen : DEFAULT_LISTEN);
  const retainMs = duration('--retain', o.retain);
  const idleMs = duration('--idle', o.idle);
  const alertsPerMinute = Number(o.alertRate);
  if (!Number.isInteger(alertsPerMinute) || alertsPerMinute < 1)
    throw new InputError(`--alert-rate ${o.alertRate}: expected a whole number of alerts per minute`);
  if (o.webhook !== undefined && !/^https?:\/\//.test(o.webhook))
    throw new InputError(`--webhook ${o.webhook}: expected an http:// or https:// URL`);
  const db = o.db ?? join(envPaths('ipsec-doctor', { suffix: '' }).data, 'fleet.sqlite');
  const say = (s: string) => process.stderr.write(`ipsec-doctor watch: ${s}\n`);
  let monitor: Monitor;
  try {
    monitor = await Monitor.start({
      lang,
      listen,
      follow: o.follow,
      fromStart: o.fromStart,
      db,
      retainMs,
      idleMs,
      alertsPerMinute,
      ...(o.onFinding !== undefined && { onFinding: o.onFinding }),
      ...(o.webhook !== undefined && { webhook: o.webhook }),
      onChange: printer(o.format, t),
      onStoreError: (err) => say(t.text('watch.storeFailed', { message: err.message })),
    });
  } catch (err) {
    throw new InputError((err as Error).message.split('\n')[0] ?? 'cannot start');
  }
  say(t.text('watch.store', { db: db.replace(/\/\/[^@/]*@/, '//') }));
  for (const r of monitor.receivers) say(t.text('watch.listening', { url: r.url }));
  let http: HttpHandle | undefined;
  if (o.http !== undefined) {
    try {
      http = await startHttp(o.http, monitor, o.token ?? process.env['IPSEC_DOCTOR_TOKEN']);
    } catch (err) {
      await monitor.stop();
      throw new InputError((err as Error).message);
    }
    say(t.text('watch.http', { url: http.url }));
  }

  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await http?.close();
  await monitor.stop();
  const s = monitor.tracker.stats;
  say(
    t.text('watch.stopped', {
      messages: s.messages,
      lines: s.lines,
      stored: monitor.linesStored,
      tunnels: monitor.tracker.snapshot().length,
    }),
  );
  if (monitor.faults > 0) say(t.text('watch.faults', { faults: monitor.faults }));
  if (monitor.linesDropped > 0) say(t.text('watch.unstored', { lines: monitor.linesDropped }));
  if (o.onFinding !== undefined || o.webhook !== undefined)
    say(t.text('watch.alerts', { ...monitor.alertStats() }));
  return 0;
}

export function register(program: Command, setExit: SetExit): void {
  program
    .command('watch')
    .description("receive a fleet's syslog and keep every tunnel's state and findings, live")
    .option(
      '--listen <url>',
      'udp://HOST:PORT or tcp://HOST:PORT (repeatable; default both on 0.0.0.0:5514)',
      collect,
      [],
    )
    .option('--follow <file>', 'tail a log file, surviving rotation (repeatable)', collect, [])
    .option('--from-start', 'read followed files from their beginning, not only new lines', false)
    .option('--db <path|url>', 'SQLite file (default: in the user data folder) or postgres://… shared store')
    .option('--retain <duration>', 'keep raw lines this long (evidence stays clickable)', '7d')
    .option('--idle <duration>', 'tunnels silent this long leave memory for the store', '30m')
    .option('--on-finding <command>', 'run a shell command with each new finding as JSON on stdin')
    .option('--webhook <url>', 'POST each new finding as JSON to this URL')
    .option('--alert-rate <n>', 'alerts per minute per channel at most', '30')
    .option('--http <host:port>', 'serve the web workbench (Fleet page, GET /api/fleet) with live data')
    .option('--token <token>', 'bearer token the web API requires (default: IPSEC_DOCTOR_TOKEN)')
    .addOption(
      new Option('-f, --format <format>', 'change lines as text or JSON lines')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(langOption())
    .option('--no-color', 'no colours (the change lines have none)')
    .action(async (o: WatchOptions) => setExit(await watchCommand(o)));
}
