import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors.js';
import type { Limits } from '../options.js';
import type { Job } from './verbs.js';
import type { Reply } from './worker.js';

interface Pending {
  id: number;
  job: Job;
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker?: Worker;
  running?: Pending;
}

/**
 * The compiled worker beside this module; when this module runs from the TypeScript sources
 * (tests), the one in dist/ (`npm run build`), since Node 20 cannot start a thread on a .ts file.
 */
function workerFile(): URL {
  const beside = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../../dist/server/jobs/worker.js', import.meta.url);
}

/**
 * Analyses run in worker threads: the event loop keeps answering while one runs, and one that
 * exceeds the time limit (or its memory) is stopped by ending its worker, which is then replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly limits: Pick<Limits, 'workers' | 'queue' | 'timeMs' | 'workerMemoryMb'>) {
    this.slots = Array.from({ length: Math.max(1, limits.workers) }, () => ({}));
  }

  run(job: Job): Promise<unknown> {
    if (this.closed) return Promise.reject(new ApiError('busy', 'The server is shutting down.'));
    if (this.waiting.length >= this.limits.queue)
      return Promise.reject(new ApiError('busy', 'Too many analyses are waiting; try again shortly.'));
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        id: this.nextId++,
        job,
        resolve,
        reject,
        timer: setTimeout(() => this.expire(pending), this.limits.timeMs),
      };
      this.waiting.push(pending);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0))
      this.settle(p, new ApiError('busy', 'The server is shutting down.'));
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.running || this.waiting.length === 0) continue;
      const pending = this.waiting.shift()!;
      slot.running = pending;
      this.workerOf(slot).postMessage({ id: pending.id, job: pending.job });
    }
  }

  private workerOf(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const worker = new Worker(workerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.workerMemoryMb },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      if (slot.worker !== worker) return;
      const pending = slot.running;
      if (!pending || pending.id !== reply.id) return;
      slot.running = undefined;
      if ('result' in reply) this.settle(pending, undefined, reply.result);
      else this.settle(pending, new Error(reply.failure));
      this.dispatch();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const pending = slot.running;
      this.retire(slot);
      if (pending)
        this.settle(
          pending,
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ApiError('resources_exhausted', 'The analysis needed more memory than the server allows.')
            : err,
        );
      this.dispatch();
    });
    slot.worker = worker;
    return worker;
  }

  private expire(pending: Pending): void {
    const queued = this.waiting.indexOf(pending);
    if (queued >= 0) this.waiting.splice(queued, 1);
    const slot = this.slots.find((s) => s.running === pending);
    if (slot) this.retire(slot);
    this.settle(
      pending,
      new ApiError('timeout', `The analysis took longer than the limit of ${this.limits.timeMs / 1000} s.`),
    );
    this.dispatch();
  }

  private retire(slot: Slot): void {
    void slot.worker?.terminate();
    slot.worker = undefined;
    slot.running = undefined;
  }

  private settle(pending: Pending, err?: Error, result?: unknown): void {
    clearTimeout(pending.timer);
    if (err) pending.reject(err);
    else pending.resolve(result);
  }
}
