import { spawn } from 'node:child_process';
import type { Send } from './queue.js';

const COMMAND_TIMEOUT_MS = 30_000;
const WEBHOOK_TIMEOUT_MS = 10_000;

/** `--on-finding 'CMD'`: a shell command with the alert as JSON on stdin; exit status 0 is delivered. */
export function commandChannel(command: string): Send {
  return (payload) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'ignore', 'ignore'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`exit ${code}`));
      });
      // A command that does not read its stdin closes the pipe early: that is its business.
      child.stdin.on('error', () => undefined);
      child.stdin.end(payload);
    });
}

/** `--webhook URL`: POSTs the alert as JSON; any 2xx is delivered. */
export function webhookChannel(url: string): Send {
  return async (payload) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  };
}
