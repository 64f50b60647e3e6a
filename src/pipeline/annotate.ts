import { type Language, translator } from '../i18n/index.js';
import type { Event } from '../model/events.js';
import type { LogLine } from '../model/lines.js';
import { splitLines } from '../read/lines.js';
import { Analysis } from './analysis.js';
import { fieldGloss, glossOf } from './gloss.js';

export interface AnnotatedLine {
  input: string;
  line: number;
  text: string;
  gloss?: string;
}

/** Lines kept waiting for their gloss: a message or show block never spans more than this. */
const WINDOW = 6000;

/**
 * The annotate verb: every input line in order with the meaning of the message it belongs to
 * (shown on the message's first line) or of the show field it holds. Unrecognised lines pass
 * through untouched. Streams: a line leaves the window once no open message can still claim it.
 */
export class Annotator {
  private readonly queue: LogLine[] = [];
  private readonly glosses = new WeakMap<LogLine, string>();
  private readonly analysis: Analysis;
  private readonly t;

  constructor(
    lang: Language,
    private readonly out: (line: AnnotatedLine) => void,
  ) {
    this.t = translator(lang);
    this.analysis = new Analysis((e) => this.attach(e));
  }

  line(input: string, physical: string): void {
    this.queue.push(this.analysis.line(input, physical));
    while (this.queue.length > WINDOW) this.release(this.queue.shift()!);
  }

  endInput(input: string): void {
    this.analysis.endInput(input);
    for (const l of this.queue.splice(0)) this.release(l);
  }

  private attach(e: Event): void {
    if (e.kind === 'ctx.prompt' || e.kind === 'ctx.device') return;
    const first = e.lines[0];
    if (!first) return;
    if (e.kind.startsWith('show.')) {
      for (const l of e.lines) {
        const g = fieldGloss(l, this.t);
        if (g) this.glosses.set(l, g);
      }
      if (e.kind !== 'show.ipsec-sa')
        this.glosses.set(e.lines[e.lines.length - 1] ?? first, glossOf(e, this.t));
      return;
    }
    this.glosses.set(first, glossOf(e, this.t));
  }

  private release(l: LogLine): void {
    const gloss = this.glosses.get(l);
    this.out({ input: l.input, line: l.lineNo, text: l.raw, ...(gloss !== undefined && { gloss }) });
  }
}

export function annotateText(name: string, text: string, lang: Language = 'en'): AnnotatedLine[] {
  const out: AnnotatedLine[] = [];
  const a = new Annotator(lang, (l) => out.push(l));
  for (const l of splitLines(text)) a.line(name, l);
  a.endInput(name);
  return out;
}
