import type { Cube } from './cube.js';
import type { Interval } from './interval.js';
import { lowestBit, type Ternary } from './ternary.js';

/**
 * Fewer, larger cubes for the same traffic: two disjoint cubes that differ only in one field merge
 * when that field's union is again one match (ternary values differing in one cared bit, or
 * adjacent port intervals). Repeats until nothing merges, so a /24 cut into pieces and put back
 * together is one /24 again. Addresses written as prefixes stay prefixes: hosts .1 and .3 are
 * clearer as two lines than as `10.0.0.1 0.0.0.2`, so such a merge is left out. Cost: O(cubes × 32) map look-ups per round; rounds are few.
 */
export function mergeCubes(cubes: readonly Cube[]): Cube[] {
  let current = [...cubes];
  for (;;) {
    const before = current.length;
    for (const field of TERNARY_FIELDS) current = mergeTernaryField(current, field);
    for (const field of INTERVAL_FIELDS) current = mergeIntervalField(current, field);
    if (current.length === before) return current;
  }
}

type TernaryField = 'proto' | 'src' | 'dst';
type IntervalField = 'srcPorts' | 'dstPorts';
const TERNARY_FIELDS: readonly TernaryField[] = ['proto', 'src', 'dst'];
const INTERVAL_FIELDS: readonly IntervalField[] = ['srcPorts', 'dstPorts'];

function mergeTernaryField(cubes: readonly Cube[], field: TernaryField): Cube[] {
  // Cubes alike but for this field's value, by (other fields, care) then by value.
  const settled = new Map<string, Map<number, Cube>>();
  const work = [...cubes];
  for (let c = work.pop(); c !== undefined; c = work.pop()) {
    const t: Ternary = c[field];
    const key = `${keyWithout(c, field)}|${t.care}`;
    const alike = settled.get(key) ?? new Map<number, Cube>();
    settled.set(key, alike);
    const bit = differingBit(alike, t, field !== 'proto' && isPrefix(t.care));
    if (bit === undefined) {
      alike.set(t.value, c);
      continue;
    }
    alike.delete((t.value ^ bit) >>> 0);
    work.push({ ...c, [field]: { value: (t.value & ~bit) >>> 0, care: (t.care & ~bit) >>> 0 } });
  }
  return [...settled.values()].flatMap((alike) => [...alike.values()]);
}

/** The cared bit in which a settled cube differs from `t`, if there is one. */
function differingBit(alike: ReadonlyMap<number, Cube>, t: Ternary, keepPrefix: boolean): number | undefined {
  if (alike.size === 0) return undefined;
  const candidates = keepPrefix ? lowestBit(t.care) : t.care;
  for (let bits = candidates; bits !== 0; bits = (bits & ~lowestBit(bits)) >>> 0) {
    const bit = lowestBit(bits);
    if (alike.has((t.value ^ bit) >>> 0)) return bit;
  }
  return undefined;
}

function mergeIntervalField(cubes: readonly Cube[], field: IntervalField): Cube[] {
  const groups = new Map<string, Cube[]>();
  for (const c of cubes) {
    const key = keyWithout(c, field);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const out: Cube[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a[field].lo - b[field].lo);
    let run: Cube | undefined;
    for (const c of group) {
      const i: Interval = c[field];
      if (run !== undefined && run[field].hi + 1 === i.lo) {
        run = { ...run, [field]: { lo: run[field].lo, hi: i.hi } };
      } else {
        if (run !== undefined) out.push(run);
        run = c;
      }
    }
    if (run !== undefined) out.push(run);
  }
  return out;
}

/** Contiguous ones from the top: a subnet mask. */
function isPrefix(care: number): boolean {
  return ((~care >>> 0) & ((~care >>> 0) + 1)) === 0;
}

function keyWithout(c: Cube, field: TernaryField | IntervalField): string {
  const proto = field === 'proto' ? '' : `${c.proto.value}/${c.proto.care}`;
  const src = field === 'src' ? '' : `${c.src.value}/${c.src.care}`;
  const dst = field === 'dst' ? '' : `${c.dst.value}/${c.dst.care}`;
  const srcPorts = field === 'srcPorts' ? '' : `${c.srcPorts.lo}-${c.srcPorts.hi}`;
  const dstPorts = field === 'dstPorts' ? '' : `${c.dstPorts.lo}-${c.dstPorts.hi}`;
  return `${proto},${src},${dst},${srcPorts},${dstPorts}`;
}
