import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The built page: dist/web of this package, whether this module runs from src/ or dist/. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** The bundled page and its assets (content-hashed names: cached for good). */
export async function webRoutes(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web workbench is not built: run `npm run build`. The JSON API under /api/ works.\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    wildcard: false,
    dotfiles: 'deny',
    setHeaders(reply, path) {
      void reply.header(
        'cache-control',
        path.includes(join('web', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
