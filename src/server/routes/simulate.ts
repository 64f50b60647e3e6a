import type { FastifyInstance } from 'fastify';
import type { SimulateOptions } from '../../simulate/index.js';
import { DIALECTS } from '../../simulate/trace.js';
import { type AnalysisBody, analysisSchema, inputsOf } from '../body.js';
import { ApiError } from '../errors.js';
import type { WorkerPool } from '../jobs/pool.js';

type SimulateBody = Omit<AnalysisBody, 'save'> & Pick<SimulateOptions, 'initiator' | 'dialects'>;

const SIDES = ['a', 'b'] as const;

/** The analysis body (nothing goes to the history, so no `save`) with the CLI's `--initiator` and `--dialect-a/-b`. */
function simulateSchema(maxInputs: number) {
  const { text, inputs, lang } = analysisSchema(maxInputs).properties;
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      text,
      inputs,
      lang,
      initiator: { type: 'string', enum: [...SIDES] },
      dialects: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(SIDES.map((s) => [s, { type: 'string', enum: [...DIALECTS] }])),
      },
    },
  } as const;
}

/** `POST /api/simulate`: the CLI's `simulate --format json` object for configurations A and B. */
export function simulateRoute(app: FastifyInstance, pool: WorkerPool, maxInputs: number): void {
  const schema = { body: simulateSchema(maxInputs) };
  app.post<{ Body: SimulateBody }>('/api/simulate', { schema }, async (request) => {
    const inputs = inputsOf(request.body);
    if (inputs.length !== 2)
      throw new ApiError(
        'wrong_input_count',
        `simulate takes exactly 2 inputs (configuration A, then configuration B), not ${inputs.length}.`,
      );
    const { lang = 'en', initiator, dialects } = request.body;
    return pool.run({
      verb: 'simulate',
      inputs,
      lang,
      simulation: { ...(initiator && { initiator }), ...(dialects && { dialects }) },
    });
  });
}
