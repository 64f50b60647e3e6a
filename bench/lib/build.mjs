/**
 * Loads a module of the build a child script measures: dist/, or the build IPSEC_DOCTOR_DIST names
 * (what `npm run bench -- --dist DIR` passes down, to compare builds on the same inputs).
 */
import process from 'node:process';
import { URL, pathToFileURL } from 'node:url';

const dist = process.env.IPSEC_DOCTOR_DIST
  ? pathToFileURL(`${process.env.IPSEC_DOCTOR_DIST}/`)
  : new URL('../../dist/', import.meta.url);

/** `path` is relative to the build's root, e.g. `read/lines.js`. */
export function importBuilt(path) {
  return import(new URL(path, dist).href);
}
