import type { FastifyInstance } from 'fastify';
import type { HistoryStore } from '../../history/index.js';
import { ApiError } from '../errors.js';

interface IdParams {
  id: number;
}

const idSchema = {
  params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
} as const;

/** `GET /api/history?peer=&code=&limit=`, `GET|DELETE /api/history/:id`. */
export function historyRoutes(app: FastifyInstance, history: HistoryStore | undefined): void {
  const store = (): HistoryStore => {
    if (!history)
      throw new ApiError('history_disabled', 'This server keeps no history (started with --no-history).');
    return history;
  };
  const missing = (id: number) => new ApiError('not_found', `No analysis ${id} in the history.`);

  app.get<{ Querystring: { peer?: string; code?: string; limit?: number } }>(
    '/api/history',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            peer: { type: 'string', maxLength: 100 },
            code: { type: 'string', maxLength: 100 },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
          },
        },
      },
    },
    async (request) => ({ entries: store().list(request.query) }),
  );
  app.get<{ Params: IdParams }>('/api/history/:id', { schema: idSchema }, async (request) => {
    const entry = store().get(request.params.id);
    if (!entry) throw missing(request.params.id);
    return entry;
  });
  app.delete<{ Params: IdParams }>('/api/history/:id', { schema: idSchema }, async (request) => {
    if (!store().delete(request.params.id)) throw missing(request.params.id);
    return { deleted: request.params.id };
  });
}
