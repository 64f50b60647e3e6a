import type { Event } from '../model/events.js';
import type { LogLine } from '../model/lines.js';
import type { ShowCommand } from '../model/show.js';
import type { Draft } from './draft.js';
import { classifyMessage } from './messages/index.js';
import { looksLikeSyslog } from './messages/syslog.js';
import type { ShowBlock } from './show/block.js';
import { showParsers } from './show/index.js';

/** Most physical lines one message may span (a `(key eng. msg.)` block has about ten). */
const MAX_MESSAGE_LINES = 40;

const DEVICE_SEPARATOR = /^=+\s*([\w.-]+)\s*=+$/;
const PROMPT = /^([A-Za-z][\w.-]{0,62})(?:\([\w-]+\))?[#>]\s?(.*)$/;
const SHOW_COMMANDS: Array<[RegExp, ShowCommand]> = [
  [/^sh(?:o(?:w)?)?\s+cry(?:pto)?\s+isa(?:kmp)?\s+sa/i, 'show crypto isakmp sa'],
  [/^sh(?:o(?:w)?)?\s+cry(?:pto)?\s+ikev1\s+sa/i, 'show crypto ikev1 sa'],
  [/^sh(?:o(?:w)?)?\s+cry(?:pto)?\s+ips(?:ec)?\s+sa/i, 'show crypto ipsec sa'],
  [/^sh(?:o(?:w)?)?\s+cry(?:pto)?\s+sess(?:ion)?/i, 'show crypto session'],
  [/^sh(?:o(?:w)?)?\s+cry(?:pto)?\s+eng(?:ine)?\s+conn/i, 'show crypto engine connection active'],
  [/^sh(?:o(?:w)?)?\s+vpn-sessiondb\s+(?:detail\s+)?l2l/i, 'show vpn-sessiondb detail l2l'],
  [/^sh(?:o(?:w)?)?\s+asp\s+table\s+vpn-context/i, 'show asp table vpn-context detail'],
];

/** Whether a trimmed line begins a message of its own (so it can never continue the previous one). */
export function startsMessage(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c === 37 || c === 91 || c === 61) return true; // % [ =
  if (c === 73) return t.startsWith('ISAKMP') || /^IPSEC|^IPSec|^IPsec|^ICMP:|^IP = /.test(t);
  return (
    t.startsWith('crypto_') ||
    t.startsWith('OAK_') ||
    t.startsWith('Group = ') ||
    t.startsWith('return status') ||
    looksLikeSyslog(t)
  );
}

function isOpen(text: string): boolean {
  const end = text.charCodeAt(text.length - 1);
  if (end === 44 /* , */) return true;
  if (end === 58 /* : */ && text.charCodeAt(text.length - 2) === 41 /* ) */) return true;
  return /(?: its| with| has| for SA| proposal| peer|Encryption\/Decryption|\(key eng\. msg\.\))$/.test(text);
}

function opensBlock(trimmed: string, hint: ShowCommand | undefined): boolean {
  for (const parser of showParsers) if (parser.opens(trimmed, hint)) return true;
  return false;
}

/**
 * The classify stage for one input: groups physical lines into messages (joining continuation
 * lines), hands `show` output to the show parsers, and emits typed events in input order.
 */
export class Classifier {
  private block: ShowBlock | undefined;
  private hint: ShowCommand | undefined;
  private pending: LogLine[] = [];
  private pendingText = '';
  private device: string | undefined;

  constructor(private readonly emit: (event: Event) => void) {}

  push(line: LogLine): void {
    if (line.device === undefined && this.device !== undefined) line.device = this.device;
    if (this.block) {
      if (this.block.accept(line)) return;
      this.closeBlock();
    }
    const trimmed = line.body.trim();
    if (trimmed === '') {
      this.flush();
      return;
    }
    if (this.pending.length > 0) {
      if (this.continues(line, trimmed)) {
        this.pending.push(line);
        this.pendingText += ' ' + trimmed;
        if (this.pending.length >= MAX_MESSAGE_LINES) this.flush();
        return;
      }
      this.flush();
    }
    if (trimmed.charCodeAt(0) === 61 /* = */) {
      const sep = DEVICE_SEPARATOR.exec(trimmed);
      if (sep?.[1]) {
        this.device = sep[1];
        line.device = sep[1];
        this.hint = undefined;
        this.emit({ kind: 'ctx.device', device: sep[1], lines: [line] });
        return;
      }
    }
    if (!startsMessage(trimmed)) {
      const prompt = line.body === trimmed ? PROMPT.exec(trimmed) : null;
      if (prompt?.[1] && !/^\d/.test(prompt[1])) {
        this.device = prompt[1];
        line.device = prompt[1];
        const command = (prompt[2] ?? '').trim();
        this.hint = SHOW_COMMANDS.find(([re]) => re.test(command))?.[1];
        this.emit({ kind: 'ctx.prompt', device: prompt[1], command, lines: [line] });
        return;
      }
      if (this.openBlock(line, trimmed)) return;
    }
    this.pending.push(line);
    this.pendingText = trimmed;
  }

  end(): void {
    if (this.block) this.closeBlock();
    this.flush();
  }

  private continues(line: LogLine, trimmed: string): boolean {
    if (line.time !== undefined || startsMessage(trimmed)) return false;
    // `rtr-04#debug crypto isakmp` right after a message starts another device's output.
    if (line.body === trimmed && PROMPT.test(trimmed)) return false;
    let join = isOpen(this.pendingText);
    if (!join) {
      const c = trimmed.charCodeAt(0);
      join = ((c >= 97 && c <= 122) || c === 40) && classifyMessage(trimmed) === null;
    }
    return join && !opensBlock(trimmed, this.hint);
  }

  private openBlock(line: LogLine, trimmed: string): boolean {
    for (const parser of showParsers) {
      if (parser.opens(trimmed, this.hint)) {
        const block = parser.start();
        if (block.accept(line)) {
          this.block = block;
          return true;
        }
      }
    }
    return false;
  }

  private closeBlock(): void {
    const block = this.block;
    this.block = undefined;
    this.hint = undefined;
    if (!block) return;
    for (const event of block.finish()) {
      const device = event.lines.find((l) => l.device !== undefined)?.device;
      if (device !== undefined) for (const l of event.lines) l.device ??= device;
      this.emit(event);
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const lines = this.pending;
    const text = this.pendingText;
    this.pending = [];
    this.pendingText = '';
    const draft: Draft | null = classifyMessage(text);
    if (draft) {
      // Matchers return a fresh object per message: it becomes the event without a copy.
      const event = draft as Event;
      event.lines = lines;
      this.emit(event);
    }
  }
}
