import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

export const BIN = join(ROOT, 'bin/ipsec-doctor');
export const CI = process.env['IPSEC_DOCTOR_CI'] === '1';

/** Physical lines of a fixture input. */
export function fixtureLines(rel: string): string[] {
  return readFileSync(join(ROOT, 'test/fixtures', rel), 'utf8')
    .replace(/\n$/, '')
    .split('\n');
}

/** A line as a device's syslog sends it: with a `<PRI>` when the file line has none. */
export function asSyslog(line: string, pri = 166): string {
  return line.startsWith('<') ? line : `<${pri}>${line}`;
}

/** RFC 6587 octet counting. */
export function octetFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `), body]);
}

export interface Running {
  proc: ChildProcess;
  tcp: number;
  udp: number;
  http: string | undefined;
  stderr(): string;
  stdout(): string;
  /** SIGTERM, then the exit status and everything printed. */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts `ipsec-doctor watch` (the build in dist/) on ephemeral loopback ports; resolves once it listens. */
export async function startWatch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const proc = spawn(
    BIN,
    ['watch', '--listen', 'tcp://127.0.0.1:0', '--listen', 'udp://127.0.0.1:0', ...args],
    {
      env: { ...process.env, LANG: 'C', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const ready = /listening on udp:/.test(err) && (!args.includes('--http') || /Fleet page on/.test(err));
      if (ready) resolve();
    });
    void exited.then((code) => reject(new Error(`watch exited with ${code}: ${err}`)));
  });
  const port = (re: RegExp) => Number(re.exec(err)?.[1]);
  return {
    proc,
    tcp: port(/tcp:\/\/127\.0\.0\.1:(\d+)/),
    udp: port(/udp:\/\/127\.0\.0\.1:(\d+)/),
    http: /Fleet page on (http:\/\/\S+)/.exec(err)?.[1],
    stderr: () => err,
    stdout: () => out,
    async stop() {
      proc.kill('SIGTERM');
      const code = await exited;
      return { code, stdout: out, stderr: err };
    },
  };
}

/** Sends buffers over one TCP connection and closes it once written. */
export function sendTcp(port: number, chunks: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      for (const c of chunks) s.write(c);
      s.end();
    });
    s.on('error', reject);
    s.on('close', () => resolve());
  });
}

/** Polls until `check` passes (the monitor flushes every second); fails with the last error. */
export async function eventually(check: () => Promise<void> | void, tries = 100): Promise<void> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      await check();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw last;
}

/**
 * A needed service or tool: present → run; missing on CI (IPSEC_DOCTOR_CI=1) → run and fail on
 * the check; missing elsewhere → skip, saying why.
 */
export function skipWithout(present: boolean, what: string): boolean {
  if (present || CI) return false;
  console.warn(`skipped: ${what} is not available here (required on CI)`);
  return true;
}

export const PG_URL = process.env['IPSEC_DOCTOR_TEST_PG'];

/** A database of its own on the test server (dropped by `drop`), so test runs never see each other's rows. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const name = `ipsec_watch_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
