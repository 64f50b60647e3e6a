/**
 * The `#pkts …` counter lines of `show crypto ipsec sa`: each `#label: value` pair becomes
 * `counters[key] = value`, the key camel-cased from the label (`#pkts no sa (send)` → `noSaSend`).
 * A quarter of the output's lines are counters, so the layouts devices print are read by one
 * pattern each; any other line goes through the general reader, which defines the result.
 */

/** Device counter labels → camelCase keys (the rest are camel-cased as printed). */
const COUNTER_NAMES: Record<string, string> = {
  'pkts encaps': 'encaps',
  'pkts encrypt': 'encrypt',
  'pkts digest': 'digest',
  'pkts decaps': 'decaps',
  'pkts decrypt': 'decrypt',
  'pkts verify': 'verify',
  'send errors': 'sendErrors',
  'recv errors': 'recvErrors',
};

/** Labels seen so far and their keys: a show output repeats the same dozen labels per entry. */
const counterKeys = new Map<string, string>();
const MAX_COUNTER_KEYS = 256;

function counterKey(label: string): string {
  let key = counterKeys.get(label);
  if (key === undefined) {
    key = computeCounterKey(label);
    // Bounded: labels come from the input, which may be hostile.
    if (counterKeys.size < MAX_COUNTER_KEYS) counterKeys.set(label, key);
  }
  return key;
}

function computeCounterKey(label: string): string {
  const l = label.trim().replace(/\s+/g, ' ');
  const known = COUNTER_NAMES[l.toLowerCase()];
  if (known) return known;
  const words = l
    .replace(/^pkts /i, '')
    .replace(/[()]/g, ' ')
    .split(/[\s.-]+/)
    .filter((w) => w !== '');
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}

const COUNTER = /#+([^#:,]+?)\s*:?\s*(\d+)/g;

/** The general reader: every `#label value` pair of the line, in order. */
function readAnyCounters(t: string, counters: Record<string, number>): void {
  COUNTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COUNTER.exec(t)) !== null) counters[counterKey(m[1]!)] = Number(m[2]);
}

/** Counter lines as IOS 12, IOS 15 / IOS-XE and ASA 8/9 print them; `{}` stands for a value. */
const LAYOUTS = [
  '#pkts encaps: {}, #pkts encrypt: {}, #pkts digest: {}',
  '#pkts decaps: {}, #pkts decrypt: {}, #pkts verify: {}',
  '#pkts compressed: {}, #pkts decompressed: {}',
  '#pkts not compressed: {}, #pkts compr. failed: {}',
  '#pkts not decompressed: {}, #pkts decompress failed: {}',
  '#send errors {}, #recv errors {}',
  '#pkts no sa (send) {}, #pkts invalid sa (rcv) {}',
  '#pkts encaps failed (send) {}, #pkts decaps failed (rcv) {}',
  '#pkts invalid prot (recv) {}, #pkts verify failed: {}',
  '#pkts invalid identity (recv) {}, #pkts invalid len (rcv) {}',
  '#pkts replay rollover (send): {}, #pkts replay rollover (rcv) {}',
  '##pkts replay failed (rcv): {}',
  '#pkts tagged (send): {}, #pkts untagged (rcv): {}',
  '#pkts not tagged (send): {}, #pkts not untagged (rcv): {}',
  '#pkts internal err (send): {}, #pkts internal err (recv) {}',
  '#pkts encaps: {}, #pkts encrypt: {}, #pkts digest {}',
  '#pkts decaps: {}, #pkts decrypt: {}, #pkts verify {}',
  '#pkts decompress failed: {}, #send errors {}, #recv errors {}',
  '#pkts not compressed: {}, #pkts comp failed: {}, #pkts decomp failed: {}',
  '#pre-frag successes: {}, #pre-frag failures: {}, #fragments created: {}',
  '#PMTUs sent: {}, #PMTUs rcvd: {}, #decapsulated frgs needing reassembly: {}',
  '#TFC rcvd: {}, #TFC sent: {}',
  '#Valid ICMP Errors rcvd: {}, #Invalid ICMP Errors rcvd: {}',
  '#send errors: {}, #recv errors: {}',
];

export interface Layout {
  pattern: RegExp;
  /**
   * The texts around the values (the last is empty: every layout ends with a value). The first,
   * before the first value, is the prefix a line must start with to be tried against `pattern`.
   */
  texts: string[];
  /** `pattern` without captures or anchors, sticky: tried at a trimmed line's first character. */
  shape: RegExp;
  /** Key of each value, in order. */
  keys: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A layout's pattern and keys, the keys taken from the general reader on a sample of the layout.
 * Its text holds no digit, so on every line of the layout the general reader stops its labels and
 * values at the same places whatever the values are: the sample's reading is every line's.
 */
function compileLayout(template: string): Layout {
  const texts = template.split('{}');
  if (texts.some((text) => /\d/.test(text))) throw new Error(`counter layout with a digit: ${template}`);
  const sample = texts.reduce((line, text, i) => line + String(i) + text);
  const counters: Record<string, number> = {};
  readAnyCounters(sample, counters);
  const keys = Object.keys(counters);
  if (keys.length !== texts.length - 1 || keys.some((key, i) => counters[key] !== i + 1))
    throw new Error(`counter layout read otherwise by the general reader: ${template}`);
  if (texts[texts.length - 1] !== '') throw new Error(`counter layout not ending with a value: ${template}`);
  return {
    texts,
    shape: new RegExp(texts.map(escapeRegExp).join(String.raw`\d+`), 'y'),
    pattern: new RegExp(`^${texts.map(escapeRegExp).join('(\\d+)')}$`),
    keys,
  };
}

/**
 * Layouts by three characters every prefix has (trying each prefix with `startsWith` cost more than
 * the pattern): a line is tried only against the layouts that agree with it there.
 */
const SIGNATURE_AT = [1, 6, 10] as const;
/** The signature of the text that starts at `at` in `s`. */
const signature = (s: string, at = 0) =>
  (s.charCodeAt(at + SIGNATURE_AT[0]) << 16) ^
  (s.charCodeAt(at + SIGNATURE_AT[1]) << 8) ^
  s.charCodeAt(at + SIGNATURE_AT[2]);

const layoutsBySignature = new Map<number, Layout[]>();
for (const layout of LAYOUTS.map(compileLayout)) {
  const prefix = layout.texts[0]!;
  if (prefix.length <= SIGNATURE_AT[2]) throw new Error(`counter layout prefix too short: ${prefix}`);
  const key = signature(prefix);
  layoutsBySignature.set(key, [...(layoutsBySignature.get(key) ?? []), layout]);
}

/** Adds the counters of a (trimmed) line that starts with `#`. */
export function readCounters(t: string, counters: Record<string, number>): void {
  for (const { pattern, keys } of layoutsBySignature.get(signature(t)) ?? []) {
    const m = pattern.exec(t);
    if (m === null) continue;
    for (let i = 0; i < keys.length; i++) counters[keys[i]!] = Number(m[i + 1]);
    return;
  }
  readAnyCounters(t, counters);
}

/** Values of the layout `matchCounterLayout` found last, in order (a layout has at most three). */
const layoutValues: number[] = [0, 0, 0, 0];
/** Digits a double holds exactly: longer runs are read by `Number`, as the pattern's reader does. */
const EXACT_DIGITS = 15;

/**
 * The layout the counter line `body.slice(start, end)` (already trimmed) is printed in, its values
 * left in `layoutValues`; `undefined` when no layout matches (`readCounters` then reads the line).
 * Same layout and values as `readCounters`' patterns, without the match arrays and value strings
 * they cost: a layout's texts hold no digit, so each value is the run of digits between two texts.
 */
export function matchCounterLayout(body: string, start: number, end: number): Layout | undefined {
  // `readCounters` takes the signature of the trimmed line: shorter lines are left to it.
  if (end - start <= SIGNATURE_AT[2]) return undefined;
  const candidates = layoutsBySignature.get(signature(body, start));
  if (candidates === undefined) return undefined;
  for (const layout of candidates) {
    // The sticky pattern checks the texts (faster than comparing them here); it ends with the
    // last value's digits, so the line must end where it does.
    layout.shape.lastIndex = start;
    if (layout.shape.test(body) && layout.shape.lastIndex === end) {
      readValues(layout.texts, body, start + layout.texts[0]!.length, end);
      return layout;
    }
  }
  return undefined;
}

/** Values of a line of the layout whose `texts` are given, the first at `at`. */
function readValues(texts: readonly string[], body: string, at: number, end: number): void {
  for (let k = 0; k < texts.length - 1; k++) {
    const first = at;
    let value = 0;
    for (; at < end; at++) {
      const digit = body.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    layoutValues[k] = at - first > EXACT_DIGITS ? Number(body.slice(first, at)) : value;
    at += texts[k + 1]!.length;
  }
}

/**
 * Sequences of layouts entries were read in, as a trie: a node stands for the layouts read so
 * far and holds a template of their keys (first-read order, values 0). Bounded: the sequences come
 * from the input.
 */
interface LayoutSequence {
  readonly layouts: readonly Layout[];
  readonly next: Map<Layout, LayoutSequence>;
  template: Record<string, number> | undefined;
}
const NO_LAYOUTS: LayoutSequence = { layouts: [], next: new Map(), template: undefined };
const MAX_SEQUENCES = 4096;
let sequences = 0;

/**
 * The keys of a sequence's layouts, first-read order, values 0. Made by `JSON.parse`, which puts
 * every property inside the object: a copy of such an object is a plain copy of its memory.
 */
function templateOf(sequence: LayoutSequence): Record<string, number> {
  if (sequence.template === undefined) {
    const keys = new Set(sequence.layouts.flatMap((layout) => layout.keys));
    const text = `{${[...keys].map((key) => `${JSON.stringify(key)}:0`).join(',')}}`;
    sequence.template = JSON.parse(text) as Record<string, number>;
  }
  return sequence.template;
}

function isEmpty(counters: Record<string, number>): boolean {
  for (const key in counters) if (Object.hasOwn(counters, key)) return false;
  return true;
}

/**
 * One entry's counters read through layouts, held back until the entry is complete and then made
 * into its `counters` in one go (`write`). Why: V8 turns an object that gains more than about a
 * dozen properties through computed keys into a hash table, and an entry has ~30 counters: each
 * such store cost ~100 ns and left every `counters` object slow to read. A copy of the template
 * of its layouts' keys (`{ ...template }`) stays a fast object and is filled in place.
 */
export class LayoutCounters {
  private sequence = NO_LAYOUTS;
  private readonly values: number[] = [];

  constructor(private readonly entry: { counters: Record<string, number> }) {}

  /** Adds the values `matchCounterLayout` just read for `layout`. */
  add(layout: Layout): void {
    let next = this.sequence.next.get(layout);
    if (next === undefined) {
      if (sequences >= MAX_SEQUENCES) {
        // Past the bound the line's counters are stored as they come.
        this.write();
        const keys = layout.keys;
        for (let i = 0; i < keys.length; i++) this.entry.counters[keys[i]!] = layoutValues[i]!;
        return;
      }
      next = { layouts: [...this.sequence.layouts, layout], next: new Map(), template: undefined };
      this.sequence.next.set(layout, next);
      sequences++;
    }
    this.sequence = next;
    for (let i = 0; i < layout.keys.length; i++) this.values.push(layoutValues[i]!);
  }

  /** Stores the counters held back into the entry: before any other counter is stored, and at its end. */
  write(): void {
    if (this.sequence === NO_LAYOUTS) return;
    let counters = this.entry.counters;
    if (isEmpty(counters)) counters = this.entry.counters = { ...templateOf(this.sequence) };
    let i = 0;
    for (const layout of this.sequence.layouts)
      for (const key of layout.keys) counters[key] = this.values[i++]!;
    this.sequence = NO_LAYOUTS;
    this.values.length = 0;
  }
}
