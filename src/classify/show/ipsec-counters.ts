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

interface Layout {
  /** The text before the first value: a line must start with it to be tried against `pattern`. */
  prefix: string;
  pattern: RegExp;
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
  return { prefix: texts[0]!, pattern: new RegExp(`^${texts.map(escapeRegExp).join('(\\d+)')}$`), keys };
}

/**
 * Layouts by three characters every prefix has (trying each prefix with `startsWith` cost more than
 * the pattern): a line is tried only against the layouts that agree with it there.
 */
const SIGNATURE_AT = [1, 6, 10] as const;
const signature = (s: string) =>
  (s.charCodeAt(SIGNATURE_AT[0]) << 16) ^
  (s.charCodeAt(SIGNATURE_AT[1]) << 8) ^
  s.charCodeAt(SIGNATURE_AT[2]);

const layoutsBySignature = new Map<number, Layout[]>();
for (const layout of LAYOUTS.map(compileLayout)) {
  if (layout.prefix.length <= SIGNATURE_AT[2])
    throw new Error(`counter layout prefix too short: ${layout.prefix}`);
  const key = signature(layout.prefix);
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
