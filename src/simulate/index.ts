/**
 * The negotiation simulator: plays IKEv1 between two configurations as the devices would, on
 * the decisions `check` makes (config/negotiate), and shows it as a ladder, each side's debug
 * transcript in its own dialect, each side's `show` output, and the packets (pcap).
 */
import { checkDevices } from '../config/index.js';
import { checkPair, directionOutcome } from '../config/checks/pair.js';
import type { DeviceConfig, Platform } from '../config/model.js';
import { parseConfig } from '../config/parse/index.js';
import type { DirectionResult } from '../config/negotiate/negotiate.js';
import type { Language } from '../i18n/index.js';
import type { Finding } from '../model/findings.js';
import { detectSessions } from '../diagnose/engine.js';
import { Analysis, type InputText } from '../pipeline/analysis.js';
import type { Evidence } from '../model/lines.js';
import type { Outcome, Report } from '../pipeline/report.js';
import { WRITERS, dialectOf } from './dialects/index.js';
import { type LadderStep, ladderOf } from './ladder.js';
import { type Run, playDirection } from './machine/run.js';
import { promptName } from './prompt.js';
import { renderShow } from './show/index.js';
import type { Dialect, IkeMessage, Side } from './trace.js';

export interface SimulateOptions {
  lang?: Language;
  platform?: Platform;
  /** Only this side initiates; by default both directions are played and shown when they differ. */
  initiator?: Side;
  /** Override the dialect read off a configuration's platform and version. */
  dialects?: Partial<Record<Side, Dialect>>;
  /** Wall-clock time the first run starts at (timestamps of transcripts and packets). */
  start?: Date;
}

/** One direction as shown: the ladder, both transcripts and both sides' show output. */
export interface RunReport {
  initiator: Side;
  tunnel: string;
  from: string;
  to: string;
  established: boolean;
  failedPhase?: 'ike-phase1' | 'ipsec-phase2';
  /** The finding code the negotiation failed with. */
  code?: string;
  stoppedAt?: string;
  ladder: LadderStep[];
  transcripts: Record<Side, string>;
  show: Record<Side, string>;
  /** Offset of this run from `start`, ms. */
  offset: number;
  messages: IkeMessage[];
}

export interface SimulationReport extends Report {
  outcome: Outcome & { codes: string[]; simulated: true };
  /** Each side's whole debug transcript (all runs, in time order) in its own dialect. */
  transcripts: Record<Side, string>;
  /** What `show crypto isakmp sa` / `show crypto ipsec sa` print on each side afterwards. */
  show: Record<Side, string>;
  runs: RunReport[];
  dialects: Record<Side, Dialect>;
  names: Record<Side, string>;
  start: string;
}

/** 2026-11-24 10:00:00 UTC: a fixed start so every simulation of the same pair prints the same. */
const DEFAULT_START = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
/** Time between two runs shown one after the other (the second side tries a minute later). */
const GAP_MS = 60_000;

export function simulate(a: InputText, b: InputText, options: SimulateOptions = {}): SimulationReport {
  const da = parseConfig(a.name, a.text, options.platform);
  const db = parseConfig(b.name, b.text, options.platform);
  return simulateDevices(da, db, options);
}

/** The tunnel a direction is shown with: the first that fails, else the first. */
function shown(results: readonly DirectionResult[]): DirectionResult | undefined {
  return results.find((r) => !r.established) ?? results[0];
}

function sameEnd(x: DirectionResult, y: DirectionResult): boolean {
  return x.established === y.established && x.failure?.code === y.failure?.code;
}

export function simulateDevices(
  a: DeviceConfig,
  b: DeviceConfig,
  options: SimulateOptions = {},
): SimulationReport {
  const lang = options.lang ?? 'en';
  const start = options.start ?? DEFAULT_START;
  const devices = { a, b };
  const dialects: Record<Side, Dialect> = {
    a: options.dialects?.a ?? dialectOf(a),
    b: options.dialects?.b ?? dialectOf(b),
  };
  const names = { a: a.hostname ?? a.file, b: b.hostname ?? b.file };
  const prompts = { a: promptName(a, 'a'), b: promptName(b, 'b') };
  const pair = checkPair(a, b);
  const byInitiator = (s: Side) => pair.directions.filter((d) => d.initiator === s);
  const chosen: DirectionResult[] = [];
  const [fromA, fromB] = [shown(byInitiator('a')), shown(byInitiator('b'))];
  if (options.initiator === 'a' || options.initiator === undefined) if (fromA) chosen.push(fromA);
  if (
    options.initiator === 'b' ||
    (options.initiator === undefined && (!fromA || (fromB && !sameEnd(fromA, fromB))))
  )
    if (fromB) chosen.push(fromB);

  const runs: RunReport[] = [];
  let offset = 0;
  for (const d of chosen) {
    const other: Side = d.initiator === 'a' ? 'b' : 'a';
    const run = playDirection(
      d,
      { side: d.initiator, device: devices[d.initiator], dialect: dialects[d.initiator] },
      { side: other, device: devices[other], dialect: dialects[other] },
    );
    runs.push(report(run, offset, start, dialects));
    const last = run.traces.at(-1)?.at ?? 0;
    offset += last + GAP_MS;
  }

  const check = checkDevices(a, b, lang);
  const outcome = outcomeOf(options.initiator, chosen, pair.outcome, check.outcome);
  const codes = [...new Set(check.findings.filter((f) => f.severity !== 'info').map((f) => f.code))];
  const failing = new Set(runs.map((r) => r.code).filter((c): c is string => c !== undefined));
  const transcripts = {
    a: transcriptOf('a', runs, dialects, prompts),
    b: transcriptOf('b', runs, dialects, prompts),
  };
  const symptoms = symptomsIn(transcripts, names);
  const findings: Finding[] = check.findings.map((f) =>
    failing.has(f.code)
      ? {
          ...f,
          source: 'simulation' as const,
          evidence: [...f.evidence, ...(symptoms.get(f.code) ?? [])],
        }
      : f,
  );
  return {
    ...check,
    findings,
    outcome: { ...outcome, names, codes, simulated: true },
    transcripts,
    show: runs.at(-1)?.show ?? { a: '', b: '' },
    runs,
    dialects,
    names,
    start: start.toISOString(),
  };
}

/**
 * The lines of the simulated transcripts where each code shows, as `diagnose` finds them there:
 * a simulated finding cites the configuration lines that cause it and the log lines it produces.
 */
function symptomsIn(transcripts: Record<Side, string>, names: Record<Side, string>): Map<string, Evidence[]> {
  const analysis = new Analysis();
  for (const side of ['a', 'b'] as const)
    analysis.text({ name: `${names[side]} (simulated debug)`, text: transcripts[side] });
  const out = new Map<string, Evidence[]>();
  for (const hit of detectSessions(analysis.sessions()))
    if (!out.has(hit.code)) out.set(hit.code, hit.evidence.slice(0, MAX_SIMULATED_EVIDENCE));
  return out;
}

/** Enough log lines to recognise the symptom; the transcript itself is in the report. */
const MAX_SIMULATED_EVIDENCE = 6;

/** A side's whole capture: the debug commands, then every run's lines in time order. */
function transcriptOf(
  side: Side,
  runs: readonly RunReport[],
  dialects: Record<Side, Dialect>,
  names: Record<Side, string>,
): string {
  const lines = runs.map((r) => r.transcripts[side]).filter((t) => t !== '');
  return [...WRITERS[dialects[side]].debugOn(names[side]), ...lines].join('\n');
}

function outcomeOf(
  initiator: Side | undefined,
  chosen: readonly DirectionResult[],
  both: Outcome,
  predicted: Outcome,
): Outcome {
  if (initiator === undefined) return { ...both, ...(predicted.names && { names: predicted.names }) };
  return directionOutcome(chosen) ?? both;
}

function report(run: Run, offset: number, start: Date, dialects: Record<Side, Dialect>): RunReport {
  const at = new Date(start.getTime() + offset);
  const transcript = (side: Side) => {
    const s = run.states[side];
    const ctx = {
      side,
      hostname: s.hostname,
      local: side === run.initiator ? run.from : run.to,
      peer: side === run.initiator ? run.to : run.from,
      start: at,
      connId: side === run.initiator ? 1 : 2,
      initiates: side === run.initiator,
    };
    const writer = WRITERS[dialects[side]];
    return run.traces
      .filter((t) => t.side === side)
      .flatMap((t) => writer.lines(t, ctx))
      .join('\n');
  };
  return {
    initiator: run.initiator,
    tunnel: run.tunnel,
    from: run.from,
    to: run.to,
    established: run.established,
    ...(run.failure && { failedPhase: run.failure.phase, code: run.failure.code }),
    ...(run.stoppedAt && { stoppedAt: run.stoppedAt }),
    ladder: ladderOf(run.messages, run.stoppedAt),
    transcripts: { a: transcript('a'), b: transcript('b') },
    show: { a: renderShow(run.states.a), b: renderShow(run.states.b) },
    offset,
    messages: run.messages.map((m) => ({ ...m, at: m.at + offset })),
  };
}
