import type { FastifyInstance } from 'fastify';
import type { HistoryStore } from '../../history/index.js';
import type { Report } from '../../pipeline/report.js';
import { type AnalysisBody, analysisSchema, inputsOf } from '../body.js';
import type { WorkerPool } from '../jobs/pool.js';
import type { Verb } from '../jobs/verbs.js';
import { simulateRoute } from './simulate.js';

/** Each analysis endpoint: its verb, how many inputs it takes, whether its result goes to the history. */
const ENDPOINTS: readonly { verb: Verb; inputs?: number; kept: boolean }[] = [
  { verb: 'diagnose', kept: true },
  { verb: 'explain', kept: false },
  { verb: 'annotate', kept: false },
  { verb: 'lint', kept: true },
  { verb: 'check', inputs: 2, kept: true },
];

export function analysisRoutes(
  app: FastifyInstance,
  pool: WorkerPool,
  history: HistoryStore | undefined,
  maxInputs: number,
): void {
  const schema = { body: analysisSchema(maxInputs) };
  for (const e of ENDPOINTS) {
    app.post<{ Body: AnalysisBody }>(`/api/${e.verb}`, { schema }, async (request) => {
      const inputs = inputsOf(request.body, e.inputs);
      const lang = request.body.lang ?? 'en';
      const result = (await pool.run({ verb: e.verb, inputs, lang })) as Report;
      if (!e.kept || !history || request.body.save === false) return result;
      const historyId = history.save({ verb: e.verb, lang, inputs, report: result });
      return { ...result, historyId };
    });
  }
  simulateRoute(app, pool, maxInputs);
}
