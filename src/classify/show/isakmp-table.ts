import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { IsakmpSaRow, Platform } from '../../model/show.js';
import { isDigit } from '../chars.js';
import type { ShowBlock, ShowParser } from './block.js';

/**
 * `show crypto isakmp sa` in every layout: IOS 12 (`dst src state conn-id slot`), IOS 15 /
 * IOS-XE (`IPv4 Crypto ISAKMP SA`, `conn-id status`), PIX 6 (`Total`/`Embryonic`, `pending
 * created`), ASA 8/9 (`IKEv1 SAs:` with `1   IKE Peer: a` blocks) and ASA `show crypto ikev1 sa
 * detail` (`IKE Peer Type Dir Rky State …` table).
 */
const MAX_ROWS = 2000;
const IP = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const HEADER = /^\|?\s*dst\s+\|?\s*src\s+\|?\s*state/i;
/**
 * dst, src, state, then the first two columns after it (`conn-id status`, PIX `pending created`;
 * runs of characters other than blanks and bars) when the rest of the line holds no line break.
 */
const ROW = new RegExp(
  String.raw`^\|?\s*(${IP})\s*\|?\s+(${IP})\s*\|?\s+([A-Z][A-Z0-9_]+)\s*\|?\s*(?=.*$)[\s|]*([^\s|]+)?[\s|]*([^\s|]+)?`,
);
const ASA_PEER = /^(\d+)\s+IKE Peer:\s*(\S+)/;
const ASA_DETAIL_HEADER = /^IKE Peer\s+Type\s+Dir/;
const ASA_DETAIL_ROW = new RegExp(
  String.raw`^(\d+)\s+(${IP})\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s*$`,
);
const ASA_FIELD = /^(Type|Rekey|Role|State)\s*:/;
const ASA_FIELDS = /(Type|Role|Rekey|State)\s*:\s*(\S+)/g;
const CONTEXT =
  /^(IPv[46] Crypto ISAKMP SA|Total\s*:|Embryonic\s*:|IKEv1 SAs:|IKEv2 SAs:|Active SA:|Rekey SA:|Total IKE SA:|There are no)/i;

const PIPE = 124;
const DOT = 46;
/** ASCII letters compare case-insensitively as `code | 32`, as the `/i` patterns below match them. */
const LOWER = { a: 97, d: 100, e: 101, i: 105, r: 114, t: 116 } as const;
const UPPER = { I: 73, R: 82, S: 83, T: 84 } as const;

// Each pattern below is tried only on lines whose first character it can match: `t` is trimmed.
const mayBeHeader = (c: number) => c === PIPE || (c | 32) === LOWER.d;
function mayBeContext(c: number): boolean {
  const l = c | 32;
  return l === LOWER.i || l === LOWER.t || l === LOWER.e || l === LOWER.a || l === LOWER.r;
}
/** ASA rows start with a sequence number and blanks; IOS rows with an address (digits, then a dot). */
function mayBeAsaRow(t: string): boolean {
  let i = 0;
  while (isDigit(t.charCodeAt(i))) i++;
  return i > 0 && t.charCodeAt(i) !== DOT;
}
const mayBeRow = (c: number) => c === PIPE || isDigit(c);

function opens(t: string, hint: string | undefined): boolean {
  const c = t.charCodeAt(0);
  if (mayBeHeader(c) && HEADER.test(t)) return true;
  if (mayBeContext(c) && CONTEXT.test(t)) return true;
  if (c === UPPER.I && ASA_DETAIL_HEADER.test(t)) return true;
  return hint === 'show crypto isakmp sa' && (ROW.test(t) || ASA_PEER.test(t));
}

type IsakmpEvent = Extract<ShowEvent, { kind: 'show.isakmp-sa' }>;

class IsakmpBlock implements ShowBlock {
  /** One event per row, built as the row is read; ASA rows whose state never came are dropped at the end. */
  private readonly events: IsakmpEvent[] = [];
  private platform: Platform = 'ios';
  private asaRow: IsakmpEvent | undefined;

  accept(line: LogLine): boolean {
    const t = line.body.trim();
    if (t === '') return true;
    if (this.events.length >= MAX_ROWS) return false;
    const c = t.charCodeAt(0);
    if (mayBeHeader(c) && HEADER.test(t)) {
      if (/\bpending\b/i.test(t)) this.platform = 'pix';
      else if (/\bstatus\b/i.test(t)) this.platform = 'ios-xe';
      return true;
    }
    if (mayBeContext(c) && CONTEXT.test(t)) {
      if (/^IPv[46] Crypto/i.test(t)) this.platform = 'ios-xe';
      else if (/^(Total|Embryonic)\s*:/i.test(t)) this.platform = 'pix';
      else this.platform = 'asa';
      return true;
    }
    if (c === UPPER.I && ASA_DETAIL_HEADER.test(t)) {
      this.platform = 'asa';
      return true;
    }
    let m: RegExpExecArray | null;
    if (mayBeAsaRow(t)) {
      if ((m = ASA_DETAIL_ROW.exec(t))) {
        const row: IsakmpSaRow = {
          platform: 'asa',
          sequence: m[1]!,
          peer: m[2]!,
          type: m[3]!,
          role: m[4]!,
          rekey: m[5]!,
          state: m[6]!,
          encryption: m[7]!,
          hash: m[8]!,
          auth: m[9]!,
          lifetime: m[10]!,
        };
        this.events.push({ kind: 'show.isakmp-sa', row, lines: [line], peer: row.peer! });
        return true;
      }
      if ((m = ASA_PEER.exec(t))) {
        this.platform = 'asa';
        const row: IsakmpSaRow = { platform: 'asa', sequence: m[1]!, peer: m[2]!, state: '' };
        this.asaRow = { kind: 'show.isakmp-sa', row, lines: [line], peer: row.peer! };
        this.events.push(this.asaRow);
        return true;
      }
    }
    if (this.asaRow && (c === UPPER.T || c === UPPER.R || c === UPPER.S) && ASA_FIELD.test(t)) {
      const row = this.asaRow.row;
      ASA_FIELDS.lastIndex = 0;
      while ((m = ASA_FIELDS.exec(t)) !== null) {
        const v = m[2]!;
        if (m[1] === 'Type') row.type = v;
        else if (m[1] === 'Role') row.role = v;
        else if (m[1] === 'Rekey') row.rekey = v;
        else row.state = v;
      }
      this.asaRow.lines.push(line);
      return true;
    }
    if (mayBeRow(c) && (m = ROW.exec(t))) {
      const first = m[4];
      const second = m[5];
      const row: IsakmpSaRow = { platform: this.platform, dst: m[1]!, src: m[2]!, state: m[3]! };
      if (this.platform === 'pix') {
        if (first !== undefined) row.pending = first;
        if (second !== undefined) row.created = second;
      } else {
        if (first !== undefined) row.connId = first;
        if (this.platform === 'ios-xe' && second !== undefined) row.status = second;
      }
      this.events.push({ kind: 'show.isakmp-sa', row, lines: [line] });
      return true;
    }
    return false;
  }

  finish(): ShowEvent[] {
    return this.events.filter((e) => e.row.state !== '');
  }
}

export const isakmpSaParser: ShowParser = {
  command: 'show crypto isakmp sa',
  opens,
  start: () => new IsakmpBlock(),
};
