/** Worker thread: runs one analysis at a time for the pool, so a runaway one can be stopped. */
import { parentPort } from 'node:worker_threads';
import { type Job, VERBS } from './verbs.js';

export type Reply = { id: number; result: unknown } | { id: number; failure: string };

parentPort?.on('message', ({ id, job }: { id: number; job: Job }) => {
  let reply: Reply;
  try {
    reply = { id, result: VERBS[job.verb](job) };
  } catch (err) {
    reply = { id, failure: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
