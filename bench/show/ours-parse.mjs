#!/usr/bin/env node
/**
 * Runs ipsec-doctor's read and classify stages (the show parsers) over one file, read as the CLI
 * reads its inputs, and prints the record count, or with --json the records under the TextFSM
 * template's field names.
 *   node bench/show/ours-parse.mjs ipsec|isakmp INPUT [--json]
 * Uses the build in dist/ (`npm run build`), or the one IPSEC_DOCTOR_DIST names (to compare builds).
 */
import process from 'node:process';
import { importBuilt } from '../lib/build.mjs';
import { AS_TEMPLATE_FIELDS } from './fields.mjs';

const [command, input] = process.argv.slice(2);
const toFields = AS_TEMPLATE_FIELDS[command];
if (!toFields || !input) {
  process.stderr.write('usage: node bench/show/ours-parse.mjs ipsec|isakmp INPUT [--json]\n');
  process.exit(2);
}
const { Classifier } = await importBuilt('classify/classifier.js');
const { LineReader } = await importBuilt('read/lines.js');
const { streamLines } = await importBuilt('cli/inputs.js');
const asJson = process.argv.includes('--json');
const records = [];
let count = 0;
const classifier = new Classifier((event) => {
  if (asJson) records.push(...toFields.rows(event));
  else count += toFields.count(event);
});
const reader = new LineReader(input);
// The CLI's own file reader (chunk size, splitting, decoding), as `diagnose FILE` reads a file.
await streamLines(input, (line, cut, controlFree) => classifier.push(reader.read(line, cut, controlFree)));
classifier.end();
process.stdout.write(asJson ? JSON.stringify(records) : `${count}\n`);
