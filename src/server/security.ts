import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hostOfHeader, isLoopback } from './binding.js';
import { ApiError } from './errors.js';

/**
 * Headers on every response. The page loads only its own bundled script and style sheet: no
 * inline script or style, nothing from another origin, no framing.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

const digest = (s: string) => createHash('sha256').update(s).digest();

function bearerOf(request: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return m?.[1];
}

export interface SecurityOptions {
  token?: string;
  /** Host names besides loopback ones that may reach a token-less server (e.g. a reverse proxy's). */
  allowedHosts?: readonly string[];
}

/**
 * Security headers everywhere; with a token, every API call must bring it. Without one, requests
 * must name a loopback host: a web page elsewhere cannot reach the API by rebinding its DNS name
 * to 127.0.0.1.
 */
export function installSecurity(app: FastifyInstance, o: SecurityOptions): void {
  const expected = o.token ? digest(o.token) : undefined;
  const allowed = new Set((o.allowedHosts ?? []).map((h) => h.toLowerCase()));
  app.addHook('onRequest', async (request, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) void reply.header(k, v);
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    if (!expected) {
      const host = hostOfHeader(request.headers.host ?? '').toLowerCase();
      if (!isLoopback(host) && !allowed.has(host))
        throw new ApiError('forbidden_host', 'This server answers only requests addressed to localhost.');
      return;
    }
    if (!request.url.startsWith('/api/')) return;
    const given = bearerOf(request);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      void reply.header('www-authenticate', 'Bearer');
      throw new ApiError('unauthorized', 'This server needs its token: Authorization: Bearer <token>.');
    }
  });
}
