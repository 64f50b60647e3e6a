import { Classifier } from '../classify/classifier.js';
import { Correlator } from '../correlate/correlator.js';
import type { Session } from '../correlate/session.js';
import { type Placed, detectSessions, localiseHit } from '../diagnose/engine.js';
import type { Translator } from '../i18n/index.js';
import type { Event } from '../model/events.js';
import type { Finding } from '../model/findings.js';
import type { LogLine } from '../model/lines.js';
import { LineReader } from '../read/lines.js';

interface InputState {
  reader: LineReader;
  classifier: Classifier;
  /** Added to the reader's line numbers: an input resumed after a restart keeps counting. */
  offset: number;
}

/**
 * The same read → classify → correlate → diagnose stages as `Analysis`, for inputs that never
 * end (the live monitor): each event reports the session it joined, so the caller re-diagnoses
 * only the sessions a line touched, and sessions can be evicted once their tunnel recovered or
 * went idle.
 */
export class IncrementalAnalysis {
  private readonly correlator = new Correlator();
  private readonly inputs = new Map<string, InputState>();

  constructor(private readonly onEvent: (event: Event, session: Session | undefined) => void) {}

  /** Feeds one physical line; `firstLine` numbers the first line of an input not seen before. */
  line(input: string, physical: string, cut = false, firstLine = 1): LogLine {
    let state = this.inputs.get(input);
    if (!state) {
      const classifier = new Classifier((e) => this.onEvent(e, this.correlator.push(e)));
      state = { reader: new LineReader(input), classifier, offset: firstLine - 1 };
      this.inputs.set(input, state);
    }
    const line = state.reader.read(physical, cut);
    line.lineNo += state.offset;
    state.classifier.push(line);
    return line;
  }

  /**
   * Ends the message each input is building: a live input has no end to flush its last message,
   * so the caller settles on a short period (a message split across one is read as two).
   */
  settle(): void {
    for (const state of this.inputs.values()) state.classifier.end();
  }

  /** Forgets an input that has been silent for long (its reader and classifier hold little, but add up). */
  dropInput(input: string): void {
    this.inputs.get(input)?.classifier.end();
    this.inputs.delete(input);
  }

  evict(session: Session): void {
    this.correlator.evict(session);
  }

  /** False once a session was evicted or absorbed into another (it will hear nothing more). */
  holds(session: Session): boolean {
    return this.correlator.holds(session);
  }

  /**
   * What the rules find in one session alone, its negotiation still open (an open round is not a
   * failure yet), before texts: texts cost more than rules, so only what changed gets them.
   */
  detect(session: Session): Placed[] {
    return detectSessions([session]);
  }

  localise(hit: Placed, t: Translator): Finding {
    return localiseHit(hit, t);
  }
}
