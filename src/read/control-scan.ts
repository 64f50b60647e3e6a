/*
 * Finds the first control character of an ASCII chunk with WebAssembly SIMD, 16 bytes a step.
 *
 * Every line must be cleaned of control characters before anything reads it, and a pattern test
 * per line costs about 70-100 ns: a tenth of the read stage's time on a log, a seventh on `show`
 * output. Logs almost never carry one, so the splitter scans each chunk once here and only lines
 * at or after the first control byte take the per-line test. The module is assembled below from
 * named instructions; its text form is:
 *
 *   (func (export "firstControl") (param $len i32) (result i32) (local $i i32) (local $end i32) (local $v v128)
 *     $end = $len & ~15
 *     while $i < $end:                 ;; 16 bytes at a time
 *       $v = v128.load($i)
 *       if any_true(((v <u 0x20) & ~((v == 0x09) | (v == 0x0a))) | (v == 0x7f)): break
 *       $i += 16
 *     while $i < $len:                 ;; the rest, and the block that had one, a byte at a time
 *       if (b < 0x20 & b != 0x09 & b != 0x0a) | b == 0x7f: return $i
 *       $i += 1
 *     return -1)
 *
 * "Control" here is what the read stage removes from ASCII text: 0x00-0x08, 0x0b-0x1f (CR
 * included: a CRLF line takes the per-line path, which drops the CR) and DEL. Bytes from 0x80 are
 * not ASCII; the splitter only scans chunks `isAscii` accepts.
 */

const LEN = 0;
const I = 1;
const END = 2;
const V = 3;

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  ret: [0x0f],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  i32: (n: number) => [0x41, ...sleb128(n)],
  i32Load8u: [0x2d, 0x00, 0x00],
  i32Eq: [0x46],
  i32Ne: [0x47],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  i32Add: [0x6a],
  i32And: [0x71],
  i32Or: [0x72],
  v128Load: [0xfd, 0x00, 0x00, 0x00],
  i8x16Splat: [0xfd, 0x0f],
  i8x16Eq: [0xfd, 0x23],
  i8x16LtU: [0xfd, 0x26],
  v128AndNot: [0xfd, 0x4f],
  v128Or: [0xfd, 0x50],
  v128AnyTrue: [0xfd, 0x53],
};

function sleb128(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function uleb128(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? byte : byte | 0x80);
  } while (n !== 0);
  return out;
}

/** `v == byte` lane by lane, on the block in $v. */
const lanesEqual = (byte: number) => [...op.get(V), ...op.i32(byte), ...op.i8x16Splat, ...op.i8x16Eq];

/** Whether the byte at $i is a control character (leaves an i32 0/1). */
const byteIsControl = [
  ...op.get(I), ...op.i32Load8u, ...op.i32(0x20), ...op.i32LtU,
  ...op.get(I), ...op.i32Load8u, ...op.i32(0x09), ...op.i32Ne, ...op.i32And,
  ...op.get(I), ...op.i32Load8u, ...op.i32(0x0a), ...op.i32Ne, ...op.i32And,
  ...op.get(I), ...op.i32Load8u, ...op.i32(0x7f), ...op.i32Eq, ...op.i32Or,
]; // prettier-ignore

const body = [
  // locals: $i i32, $end i32, $v v128
  0x02, 0x02, 0x7f, 0x01, 0x7b,
  ...op.get(LEN), ...op.i32(-16), ...op.i32And, ...op.set(END),
  ...op.block,
  ...op.loop,
  ...op.get(I), ...op.get(END), ...op.i32GeU, ...op.brIf(1),
  ...op.get(I), ...op.v128Load, ...op.set(V),
  ...op.get(V), ...op.i32(0x20), ...op.i8x16Splat, ...op.i8x16LtU,
  ...lanesEqual(0x09), ...lanesEqual(0x0a), ...op.v128Or,
  ...op.v128AndNot,
  ...lanesEqual(0x7f), ...op.v128Or,
  ...op.v128AnyTrue, ...op.brIf(1),
  ...op.get(I), ...op.i32(16), ...op.i32Add, ...op.set(I),
  ...op.br(0),
  ...op.end,
  ...op.end,
  ...op.block,
  ...op.loop,
  ...op.get(I), ...op.get(LEN), ...op.i32GeU, ...op.brIf(1),
  ...byteIsControl,
  ...op.if, ...op.get(I), ...op.ret, ...op.end,
  ...op.get(I), ...op.i32(1), ...op.i32Add, ...op.set(I),
  ...op.br(0),
  ...op.end,
  ...op.end,
  ...op.i32(-1),
  ...op.end,
]; // prettier-ignore

/** Bytes scanned per call: the read chunk size (256 KiB) fits with room to spare. */
const PAGES = 5;
export const SCAN_LIMIT = PAGES * 65536;

function section(id: number, content: number[]): number[] {
  return [id, ...uleb128(content.length), ...content];
}

const NAME = [...'firstControl'].map((c) => c.charCodeAt(0));
const MEMORY = [...'memory'].map((c) => c.charCodeAt(0));

const moduleBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f]), // type: (i32) -> i32
  ...section(3, [0x01, 0x00]), // function 0 has type 0
  ...section(5, [0x01, 0x00, PAGES]), // one memory, PAGES pages
  ...section(7, [
    0x02,
    NAME.length, ...NAME, 0x00, 0x00, // export function 0
    MEMORY.length, ...MEMORY, 0x02, 0x00, // export memory 0
  ]),
  ...section(10, [0x01, ...uleb128(body.length), ...body]),
]); // prettier-ignore

/** The little of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => {
    exports: { memory: { buffer: ArrayBuffer }; firstControl: (len: number) => number };
  };
}

interface Scanner {
  memory: Uint8Array;
  firstControl: (len: number) => number;
}

function instantiate(): Scanner | undefined {
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { exports } = new wasm.Instance(new wasm.Module(moduleBytes));
    return { memory: new Uint8Array(exports.memory.buffer), firstControl: exports.firstControl };
  } catch {
    return undefined; // no WebAssembly SIMD: every line takes the per-line test
  }
}

const scanner = instantiate();

/**
 * Offset of the first control byte of an ASCII `chunk` (its length when there is none). 0 when the
 * chunk cannot be scanned (too large, or no WebAssembly here): then nothing is known clean.
 */
export function controlFreePrefix(chunk: Uint8Array): number {
  if (!scanner || chunk.length > SCAN_LIMIT) return 0;
  scanner.memory.set(chunk, 0);
  const at = scanner.firstControl(chunk.length);
  return at === -1 ? chunk.length : at;
}
