import { Classifier } from '../classify/classifier.js';
import { Correlator } from '../correlate/correlator.js';
import type { Session } from '../correlate/session.js';
import { diagnoseSessions } from '../diagnose/engine.js';
import { translator, type Language } from '../i18n/index.js';
import type { Event } from '../model/events.js';
import type { Finding } from '../model/findings.js';
import type { LogLine } from '../model/lines.js';
import { LineReader, splitLines } from '../read/lines.js';

export interface InputText {
  name: string;
  text: string;
}

export interface Stats {
  lines: number;
  recognised: number;
}

/**
 * One analysis over any number of inputs: read → classify → correlate, line by line, then
 * diagnose once every input has ended. Memory is held by sessions (one per device and peer),
 * not by lines. `onEvent` lets a caller (annotate) see each event as it is classified.
 */
export class Analysis {
  private readonly correlator = new Correlator();
  private readonly inputs = new Map<string, { reader: LineReader; classifier: Classifier }>();
  readonly stats: Stats = { lines: 0, recognised: 0 };

  constructor(private readonly onEvent?: (event: Event) => void) {}

  /** Feeds one physical line of the named input (`controlFree`: see `LineSink`). */
  line(input: string, physical: string, cut = false, controlFree = false): LogLine {
    let state = this.inputs.get(input);
    if (!state) {
      const classifier = new Classifier((e) => this.take(e));
      state = { reader: new LineReader(input), classifier };
      this.inputs.set(input, state);
    }
    const line = state.reader.read(physical, cut, controlFree);
    this.stats.lines++;
    state.classifier.push(line);
    return line;
  }

  endInput(input: string): void {
    this.inputs.get(input)?.classifier.end();
  }

  text(input: InputText): void {
    for (const l of splitLines(input.text)) this.line(input.name, l);
    this.endInput(input.name);
  }

  sessions(): Session[] {
    for (const name of this.inputs.keys()) this.endInput(name);
    return this.correlator.finish();
  }

  findings(lang: Language): Finding[] {
    return diagnoseSessions(this.sessions(), translator(lang));
  }

  private take(event: Event): void {
    if (event.kind !== 'ctx.prompt' && event.kind !== 'ctx.device')
      this.stats.recognised += event.lines.length;
    this.onEvent?.(event);
    this.correlator.push(event);
  }
}
