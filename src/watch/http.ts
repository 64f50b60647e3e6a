import { BindingError, buildServer, checkBinding } from '../server/index.js';
import { liveFleet } from './fleet.js';
import type { Monitor } from './monitor.js';

export interface HttpHandle {
  url: string;
  close(): Promise<void>;
}

/**
 * `--http HOST:PORT`: the web workbench with the live fleet as its FleetSource, so the Fleet page
 * and `GET /api/fleet` show this monitor's tunnels (and the store's others). Same binding rule as
 * `serve`: off loopback only with a token.
 */
export async function startHttp(
  at: string,
  monitor: Monitor,
  token: string | undefined,
): Promise<HttpHandle> {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/.exec(at);
  const port = Number(m?.[2]);
  if (!m || port > 65535) throw new Error(`--http ${at}: expected HOST:PORT`);
  const host = m[1]!.replace(/^\[|\]$/g, '');
  try {
    checkBinding(host, token);
  } catch (err) {
    if (err instanceof BindingError) throw new Error(err.message);
    throw err;
  }
  const app = buildServer({
    fleet: liveFleet(monitor.tracker, monitor.store),
    ...(token && { token }),
    logger: { level: 'error' },
  });
  const url = await app.listen({ host, port });
  return { url, close: async () => void (await app.close()) };
}
