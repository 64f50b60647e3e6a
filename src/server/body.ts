import { LANGUAGES, type Language } from '../i18n/index.js';
import type { InputText } from '../pipeline/analysis.js';
import { ApiError } from './errors.js';

/** Request body of the analysis endpoints (shared/spec/cli.md, HTTP API). */
export interface AnalysisBody {
  text?: string;
  inputs?: InputText[];
  lang?: Language;
  /** Keep this analysis in the history (default true when the server has one). */
  save?: boolean;
}

const NAME_MAX = 200;

export function analysisSchema(maxInputs: number) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      text: { type: 'string' },
      inputs: {
        type: 'array',
        minItems: 1,
        maxItems: maxInputs,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'text'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: NAME_MAX },
            text: { type: 'string' },
          },
        },
      },
      lang: { type: 'string', enum: [...LANGUAGES] },
      save: { type: 'boolean' },
    },
  } as const;
}

/** The inputs of a body: `inputs`, or `text` as one input named `input`; `count` when a verb needs exactly that many. */
export function inputsOf(body: AnalysisBody, count?: number): InputText[] {
  if (body.text !== undefined && body.inputs !== undefined)
    throw new ApiError('bad_request', 'Give either "text" or "inputs", not both.');
  const inputs = body.inputs ?? (body.text !== undefined ? [{ name: 'input', text: body.text }] : []);
  if (inputs.length === 0) throw new ApiError('bad_request', 'Give "text" or "inputs".');
  if (count !== undefined && inputs.length !== count)
    throw new ApiError('bad_request', `This endpoint takes exactly ${count} inputs (A then B).`);
  const names = new Set(inputs.map((i) => i.name));
  if (names.size !== inputs.length) throw new ApiError('bad_request', 'Each input needs its own name.');
  return inputs;
}
