import type { FleetSource } from '../model/fleet.js';

/** Bounds on what one request may cost. */
export interface Limits {
  /** Largest request body, in bytes (413 beyond). */
  bodyBytes: number;
  /** Longest an analysis may run (queue wait included), in milliseconds (503 `timeout` beyond). */
  timeMs: number;
  /** Analyses running at once, each in its own worker thread. */
  workers: number;
  /** Analyses waiting for a worker before new ones are refused (503 `busy`). */
  queue: number;
  /** Heap of one worker, in MiB: an input that needs more fails alone, the server stays up. */
  workerMemoryMb: number;
  /** Inputs in one request. */
  inputs: number;
  /** Analyses the history keeps (the oldest go first). */
  historyEntries: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  bodyBytes: 32 * 1024 * 1024,
  timeMs: 60_000,
  workers: 2,
  queue: 16,
  workerMemoryMb: 2048,
  inputs: 20,
  historyEntries: 1000,
};

export interface ServerOptions {
  /** History database file (`:memory:` for a throw-away one); no history when absent. */
  db?: string;
  /** When set, every `/api/` call needs `Authorization: Bearer <token>`. */
  token?: string;
  /** What the Fleet page and `GET /api/fleet` show (the live monitor's tracker). */
  fleet?: FleetSource;
  limits?: Partial<Limits>;
  /** Host names besides loopback ones a token-less server answers (e.g. behind a reverse proxy). */
  allowedHosts?: string[];
  /** Fastify logger: `true`, a pino options object, or false (default). */
  logger?: boolean | { level: string };
  /** Folder of the built web page; default: dist/web of this package. */
  webRoot?: string;
}
