#!/usr/bin/env node
/**
 * The floor under `diagnose` and the show parsers: what the first stages cost alone, in a fresh
 * process as the CLI runs them, so a speed goal can be set against what no later stage can undo.
 *   node bench/floor.mjs lines|read INPUT
 *   lines: the CLI's file reader only (chunks, splitting, one string per line)
 *   read:  lines + the read stage (printable text, secrets masked, prefixes taken off)
 * Prints the number of lines. Uses the build in dist/, or the one IPSEC_DOCTOR_DIST names.
 */
import process from 'node:process';
import { importBuilt } from './lib/build.mjs';

const [stage, input] = process.argv.slice(2);
if ((stage !== 'lines' && stage !== 'read') || !input) {
  process.stderr.write('usage: node bench/floor.mjs lines|read INPUT\n');
  process.exit(2);
}
const { streamLines } = await importBuilt('cli/inputs.js');
const { LineReader } = await importBuilt('read/lines.js');

let lines = 0;
let chars = 0;
if (stage === 'lines') {
  // The length is read so the line strings are used, as every later stage uses them.
  await streamLines(input, (line) => {
    lines++;
    chars += line.length;
  });
} else {
  const reader = new LineReader(input);
  await streamLines(input, (line, cut, controlFree) => {
    lines++;
    chars += reader.read(line, cut, controlFree).body.length;
  });
}
process.stdout.write(`${lines} lines, ${chars} characters\n`);
