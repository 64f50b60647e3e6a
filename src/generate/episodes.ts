/**
 * The episode catalogue: every (pair template, fault) combination is simulated once, with the
 * canonical tunnel's values, and its two transcripts become one time-ordered list of record
 * templates. Stamping a tunnel's attempt is then string concatenation, not a simulation.
 */
import { parseConfig } from '../config/parse/index.js';
import { simulateDevices } from '../simulate/index.js';
import { CANONICAL_TUNNEL, SLOTS, type TunnelValues, tunnelValues } from './addressing.js';
import { parseStamp, styleKey } from './clock.js';
import { type FaultSpec, FAULT_TABLE, HEALTHY, applyEdits, editsFor } from './faults.js';
import {
  type ConnIds,
  type RecordTemplate,
  StyleTable,
  type Token,
  cutConnIds,
  cutTemplate,
  newConnIds,
} from './records.js';
import { PAIR_TEMPLATES, type PairTemplate, SIDE_TEMPLATES, fillSide } from './templates.js';

export interface Episode {
  pair: PairTemplate;
  /** A fault code, or `healthy`. */
  code: string;
  /** Both sides' records in time order. */
  records: RecordTemplate[];
  /** Offset of the last record, ms. */
  duration: number;
  established: boolean;
  /** Per side, how many IKE and IPsec SAs an attempt allocates ids for. */
  connIds: readonly [SideConnIds, SideConnIds];
}

export interface SideConnIds {
  ike: number;
  ipsec: number;
  /** IOS 12 numbers IKE SAs from 1 (`(0:1)`), IOS 15 from 1001. */
  ios12: boolean;
}

export interface EpisodeCatalogue {
  episodes: Episode[];
  styles: StyleTable;
  /** Episodes by code, then pair name. */
  byCode: Map<string, Episode[]>;
}

/** The simulator's clock for every episode; only offsets from it are kept. */
const SIMULATION_START = Date.UTC(2026, 10, 24, 10, 0, 0);
const SIMULATION_YEAR = 2026;
/** A key only the simulation ever sees: configurations are never written out. */
const SIMULATION_KEY = 'gen-Synthetic-1';

function tokensOf(v: TunnelValues): Token[] {
  const values: Record<(typeof SLOTS)[number], string> = {
    addrA: v.a.addr,
    addrB: v.b.addr,
    lanA: v.a.lan,
    lanB: v.b.lan,
    hostA: v.a.host,
    hostB: v.b.host,
  };
  return SLOTS.map((s) => ({ text: values[s], prefix: s === 'lanA' || s === 'lanB' }));
}

/** Splits a transcript into messages: a line and the indented lines that continue it. */
function messages(transcript: string): string[] {
  const out: string[] = [];
  for (const line of transcript.split('\n')) {
    if (line === '') continue;
    const c = line.charCodeAt(0);
    if ((c === 32 || c === 9) && out.length > 0) out[out.length - 1] += `\n${line.trimEnd()}`;
    else out.push(line.trimEnd());
  }
  return out;
}

/** One side's records, from its transcript of each run (each run's SAs are new ones). */
function sideRecords(
  transcripts: readonly string[],
  side: 0 | 1,
  tokens: readonly Token[],
  styles: StyleTable,
  ids: ConnIds,
): RecordTemplate[] {
  const records: RecordTemplate[] = [];
  let at = 0;
  for (const [run, transcript] of transcripts.entries()) {
    for (const message of messages(transcript)) {
      const stamp = parseStamp(message, SIMULATION_YEAR);
      if (stamp) at = Math.max(0, stamp.time - SIMULATION_START);
      const body = stamp ? message.slice(stamp.length) : message;
      records.push({
        at,
        side,
        style: stamp ? styles.add(stamp.style, styleKey(stamp.style)) : -1,
        parts: cutConnIds(cutTemplate(body, tokens), side, run, ids),
        lines: body.split('\n').length,
      });
    }
  }
  return records;
}

/** The canonical pair's configurations, with the fault's edits on its side. */
export function pairConfigs(
  pair: PairTemplate,
  fault: FaultSpec | undefined,
  values: TunnelValues,
  key: string,
) {
  const text = (side: 'a' | 'b') => {
    const spec = pair[side];
    let template = SIDE_TEMPLATES[spec.platform];
    const edits = fault && fault.side === side ? editsFor(fault, pair) : undefined;
    if (edits) template = applyEdits(template, edits);
    const [self, peer] = side === 'a' ? [values.a, values.b] : [values.b, values.a];
    return fillSide(template, spec, pair.group, self, peer, key);
  };
  return { a: text('a'), b: text('b') };
}

function simulateEpisode(pair: PairTemplate, fault: FaultSpec | undefined, styles: StyleTable): Episode {
  const values = tunnelValues(CANONICAL_TUNNEL, { a: pair.a.platform, b: pair.b.platform });
  const configs = pairConfigs(pair, fault, values, SIMULATION_KEY);
  const a = parseConfig(`${values.a.host}.cfg`, configs.a, pair.a.platform);
  const b = parseConfig(`${values.b.host}.cfg`, configs.b, pair.b.platform);
  const sim = simulateDevices(a, b, { start: new Date(SIMULATION_START) });
  const tokens = tokensOf(values);
  const transcripts = (side: 'a' | 'b') => sim.runs.map((r) => r.transcripts[side]);
  const ids = [newConnIds(), newConnIds()] as const;
  const records = [
    ...sideRecords(transcripts('a'), 0, tokens, styles, ids[0]),
    ...sideRecords(transcripts('b'), 1, tokens, styles, ids[1]),
  ];
  // Stable: a side's messages keep their order, and at equal times side A's come first.
  records.sort((x, y) => x.at - y.at);
  return {
    pair,
    code: fault?.code ?? HEALTHY,
    records,
    duration: records.at(-1)?.at ?? 0,
    established: sim.runs.every((r) => r.established),
    connIds: ids.map((i) => ({ ike: i.ike.size, ipsec: i.ipsec.size, ios12: i.ios12 })) as [
      SideConnIds,
      SideConnIds,
    ],
  };
}

/** Simulates every combination once: tens of milliseconds in all. */
export function buildCatalogue(): EpisodeCatalogue {
  const styles = new StyleTable();
  const episodes: Episode[] = [];
  for (const pair of PAIR_TEMPLATES) {
    episodes.push(simulateEpisode(pair, undefined, styles));
    for (const fault of FAULT_TABLE)
      if (editsFor(fault, pair)) episodes.push(simulateEpisode(pair, fault, styles));
  }
  const byCode = new Map<string, Episode[]>();
  for (const e of episodes) byCode.set(e.code, [...(byCode.get(e.code) ?? []), e]);
  return { episodes, styles, byCode };
}
