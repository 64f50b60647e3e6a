import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCAN_LIMIT, controlFreePrefix } from '../src/read/control-scan.js';
import { ByteLineSplitter, LineReader } from '../src/read/lines.js';

/** What the scan must find: the read stage's control characters, for ASCII bytes. */
function firstControlByLoop(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a) || b === 0x7f) return i;
  }
  return bytes.length;
}

/** Bytes either side of each boundary the scan tests (0x09/0x0a kept, 0x1f/0x7f not, 0x20/0x7e printable). */
const EDGES = [0x00, 0x08, 0x09, 0x0a, 0x0b, 0x0d, 0x1b, 0x1f, 0x20, 0x7e, 0x7f];

/** ASCII text that is mostly printable, with a control byte now and then, at any offset of a 16-byte block. */
const asciiChunk = fc
  .array(
    fc.oneof(
      { weight: 40, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 1, arbitrary: fc.constantFrom(...EDGES) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
    ),
    { maxLength: 300 },
  )
  .map((codes) => Uint8Array.from(codes));

describe('the chunk scan for control characters', () => {
  it('finds the same first control byte as a byte loop, wherever it falls in a 16-byte block', () => {
    fc.assert(
      fc.property(asciiChunk, (bytes) => {
        expect(controlFreePrefix(bytes)).toBe(firstControlByLoop(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps tab and newline, stops at CR, ESC, NUL and DEL', () => {
    const clean = Buffer.from('ISAKMP:(0):found peer\tpre-shared key matching 10.1.1.1\n'.repeat(3));
    expect(controlFreePrefix(clean)).toBe(clean.length);
    for (const control of ['\r', '\x1b', '\x00', '\x7f', '\x1f', '\x0b']) {
      for (const at of [0, 15, 16, 21, 31, 47, 60]) {
        const b = Buffer.from(`${'a'.repeat(at)}${control}${'b'.repeat(40)}`);
        expect(controlFreePrefix(b)).toBe(at);
      }
    }
  });

  it('knows nothing about a chunk larger than its memory', () => {
    expect(controlFreePrefix(new Uint8Array(SCAN_LIMIT + 1).fill(0x41))).toBe(0);
  });
});

describe('lines the splitter marks free of control characters', () => {
  function split(chunks: Buffer[]): Array<[string, boolean]> {
    const out: Array<[string, boolean]> = [];
    const s = new ByteLineSplitter((line, _cut, controlFree) => out.push([line, controlFree]));
    for (const c of chunks) s.push(c);
    s.end();
    return out;
  }

  it('marks lines before the first control byte of a chunk, and none from it on', () => {
    const lines = split([Buffer.from('one\ntwo\nth\x1b[31mree\nfour\n')]);
    expect(lines).toEqual([
      ['one', true],
      ['two', true],
      ['th\x1b[31mree', false],
      ['four', false],
    ]);
  });

  it('marks no line of a chunk that is not ASCII, nor one joined across chunks', () => {
    expect(split([Buffer.from('caf\u00e9\nok\n')])).toEqual([
      ['caf\u00e9', false],
      ['ok', false],
    ]);
    expect(split([Buffer.from('sp'), Buffer.from('lit\nnext\n')])).toEqual([
      ['split', false],
      ['next', true],
    ]);
  });

  it('reads the same lines as the per-line test, whatever the chunking and the control characters', () => {
    fc.assert(
      fc.property(asciiChunk, fc.array(fc.nat(400), { maxLength: 4 }), (bytes, cuts) => {
        const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let from = 0;
        for (const c of [...at, bytes.length]) {
          chunks.push(Buffer.from(bytes.subarray(from, c)));
          from = c;
        }
        const scanned = new LineReader('t');
        const tested = new LineReader('t');
        for (const [line, controlFree] of split(chunks)) {
          expect(scanned.read(line, false, controlFree)).toEqual(tested.read(line, false, false));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
