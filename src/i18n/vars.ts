import type { Translator } from './index.js';

/**
 * Flat string values for interpolation from a finding's details: lists are joined, objects read
 * `key value`, and an `{attribute, value}` pair reads with the attribute's localised name
 * ("DH group 5", "groupe DH 5").
 */
export function interpolationVars(details: Record<string, unknown>, t: Translator): Record<string, string> {
  const out: Record<string, string> = {};
  const item = (x: unknown): string => {
    if (x !== null && typeof x === 'object' && 'attribute' in x && 'value' in x) {
      const pair = x as { attribute: string; value: unknown };
      return `${t.text(`attribute.${pair.attribute}`)} ${String(pair.value)}`;
    }
    return String(x);
  };
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) out[k] = v.map(item).join(', ');
    else if (typeof v === 'object')
      out[k] = Object.entries(v as Record<string, unknown>)
        .map(([a, b]) => `${a} ${String(b)}`)
        .join(', ');
    else out[k] = String(v);
  }
  return out;
}
