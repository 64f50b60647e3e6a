import type { FastifyError, FastifyInstance } from 'fastify';

/** Every error the API answers with: a stable code (the web page localises by it) and its status. */
export const ERROR_STATUS = {
  bad_request: 400,
  wrong_input_count: 400,
  unauthorized: 401,
  forbidden_host: 403,
  not_found: 404,
  history_disabled: 404,
  fleet_not_configured: 404,
  too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  busy: 503,
  timeout: 503,
  resources_exhausted: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error whose message is meant for the client (no internals, no stack). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** Fastify's own client errors, by their code: what the client is told instead. */
const FASTIFY_ERRORS: Record<string, (err: FastifyError, bodyLimit: number) => ApiError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (_e, limit) =>
    new ApiError('too_large', `The request body is larger than the limit of ${describeBytes(limit)}.`),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiError('unsupported_media_type', 'Send the request body as application/json.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new ApiError('bad_request', 'The request body is empty.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new ApiError('bad_request', 'The request body is not valid JSON.'),
};

export function describeBytes(n: number): string {
  const mib = n / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB (${n} bytes)` : `${n} bytes`;
}

function toApiError(err: FastifyError, bodyLimit: number): ApiError {
  if (err instanceof ApiError) return err;
  const known = err.code ? FASTIFY_ERRORS[err.code] : undefined;
  if (known) return known(err, bodyLimit);
  if (err.validation) return new ApiError('bad_request', `Invalid request: ${err.message}.`);
  if (err instanceof SyntaxError || err.statusCode === 400)
    return new ApiError('bad_request', 'The request is malformed.');
  return new ApiError('internal', 'Internal error: the analysis could not be completed.');
}

/** Answers every error and unknown route with the JSON error shape; internals go to the log only. */
export function installErrorHandlers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const api = toApiError(err, bodyLimit);
    if (api.code === 'internal') request.log.error(err);
    if (api.code === 'busy') void reply.header('retry-after', '5');
    return reply.status(api.status).type('application/json').send(errorBody(api.code, api.message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/json')
      .send(
        errorBody(
          'not_found',
          `No such endpoint: ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}`,
        ),
      ),
  );
}
