import Fastify, { type FastifyInstance } from 'fastify';
import { HistoryStore } from '../history/index.js';
import { installErrorHandlers } from './errors.js';
import { WorkerPool } from './jobs/pool.js';
import { DEFAULT_LIMITS, type Limits, type ServerOptions } from './options.js';
import { analysisRoutes } from './routes/analysis.js';
import { fleetRoutes } from './routes/fleet.js';
import { historyRoutes } from './routes/history.js';
import { DEFAULT_WEB_ROOT, webRoutes } from './routes/web.js';
import { installSecurity } from './security.js';

/**
 * The web workbench's server: the JSON API (`/api/…`, the CLI's JSON over HTTP) and the bundled
 * page. Stable entry point for `serve` and for the live monitor (`watch --http` passes `fleet`).
 * Call `listen()` on the result (after `checkBinding`), or `inject()` in tests; `close()` also
 * stops the analysis workers and closes the history database.
 */
export function buildServer(options: ServerOptions = {}): FastifyInstance {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyBytes,
    // Slow clients are cut off too, not only slow analyses.
    requestTimeout: limits.timeMs + 30_000,
    connectionTimeout: limits.timeMs + 30_000,
    return503OnClosing: true,
  });
  // JSON only: a cross-site form can post text/plain without a CORS preflight.
  app.removeContentTypeParser('text/plain');
  const pool = new WorkerPool(limits);
  const history = options.db !== undefined ? new HistoryStore(options.db, limits.historyEntries) : undefined;
  installSecurity(app, {
    ...(options.token && { token: options.token }),
    allowedHosts: options.allowedHosts ?? [],
  });
  installErrorHandlers(app, limits.bodyBytes);
  analysisRoutes(app, pool, history, limits.inputs);
  historyRoutes(app, history);
  fleetRoutes(app, options.fleet);
  void app.register(async (scope) => webRoutes(scope, options.webRoot ?? DEFAULT_WEB_ROOT));
  app.addHook('onClose', async () => {
    await pool.close();
    history?.close();
  });
  return app;
}
