/**
 * Runs a command as a child process and measures it: wall-clock seconds and, through GNU time,
 * the child's CPU seconds (user + system: steadier than wall-clock on a shared machine) and peak
 * resident set size. Optionally pinned to one CPU with taskset, so "MB/s on one
 * core" means what it says.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { Buffer } from 'node:buffer';

const GNU_TIME = '/usr/bin/time';

/** Whether an executable is on PATH (or at an absolute path). */
export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v "$1"`, 'sh', name], { stdio: 'ignore' }).status === 0;
}

export const tools = {
  gnuTime: hasCommand(GNU_TIME),
  taskset: hasCommand('taskset'),
};

/**
 * Runs `argv` once. Resolves { seconds, cpuSeconds?, rssKb?, code, stdout? }; stdout is kept only when
 * `capture` is set (benchmarked outputs go to /dev/null so writing them costs nothing).
 */
export function runOnce(argv, { capture = false, pin = false, cwd = process.cwd(), env = process.env } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'ipsec-bench-'));
  const rssFile = join(scratch, 'rss');
  let command = [...argv];
  if (pin && tools.taskset) command = ['taskset', '-c', '0', ...command];
  if (tools.gnuTime) command = [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, ...command];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), {
      cwd,
      env,
      stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout?.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let rssKb;
      let cpuSeconds;
      try {
        const last = readFileSync(rssFile, 'utf8').trim().split('\n').pop();
        const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(last);
        if (m) {
          rssKb = Number(m[1]);
          cpuSeconds = Number(m[2]) + Number(m[3]);
        }
      } catch {
        // no GNU time: peak RSS and CPU time are reported as missing
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({
        seconds,
        cpuSeconds,
        rssKb,
        code,
        stderr: Buffer.concat(err).toString('utf8'),
        ...(capture && { stdout: Buffer.concat(out).toString('utf8') }),
      });
    });
  });
}

/**
 * Runs `argv` `runs` times; every run must exit with one of `okCodes`. Returns the runs so the
 * caller takes medians.
 */
export async function runMany(argv, runs, options = {}) {
  const okCodes = options.okCodes ?? [0];
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(argv, options);
    if (!okCodes.includes(r.code)) {
      throw new Error(
        `${argv.join(' ')} exited with ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`,
      );
    }
    results.push(r);
  }
  return results;
}
