import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { IsakmpSaRow, Platform } from '../../model/show.js';
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
const ROW = new RegExp(String.raw`^\|?\s*(${IP})\s*\|?\s+(${IP})\s*\|?\s+([A-Z][A-Z0-9_]+)\s*\|?\s*(.*)$`);
const ASA_PEER = /^(\d+)\s+IKE Peer:\s*(\S+)/;
const ASA_DETAIL_HEADER = /^IKE Peer\s+Type\s+Dir/;
const ASA_DETAIL_ROW = new RegExp(
  String.raw`^(\d+)\s+(${IP})\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s*$`,
);
const ASA_FIELDS = /(Type|Role|Rekey|State)\s*:\s*(\S+)/g;
const CONTEXT =
  /^(IPv[46] Crypto ISAKMP SA|Total\s*:|Embryonic\s*:|IKEv1 SAs:|IKEv2 SAs:|Active SA:|Rekey SA:|Total IKE SA:|There are no)/i;

function opens(line: LogLine, hint: string | undefined): boolean {
  const t = line.body.trim();
  if (HEADER.test(t) || CONTEXT.test(t) || ASA_DETAIL_HEADER.test(t)) return true;
  return hint === 'show crypto isakmp sa' && (ROW.test(t) || ASA_PEER.test(t));
}

class IsakmpBlock implements ShowBlock {
  private readonly rows: Array<{ row: IsakmpSaRow; lines: LogLine[] }> = [];
  private platform: Platform = 'ios';
  private asaRow: { row: IsakmpSaRow; lines: LogLine[] } | undefined;

  accept(line: LogLine): boolean {
    const t = line.body.trim();
    if (t === '') return true;
    if (this.rows.length >= MAX_ROWS) return false;
    if (HEADER.test(t)) {
      if (/\bpending\b/i.test(t)) this.platform = 'pix';
      else if (/\bstatus\b/i.test(t)) this.platform = 'ios-xe';
      return true;
    }
    if (CONTEXT.test(t)) {
      if (/^IPv[46] Crypto/i.test(t)) this.platform = 'ios-xe';
      else if (/^(Total|Embryonic)\s*:/i.test(t)) this.platform = 'pix';
      else this.platform = 'asa';
      return true;
    }
    if (ASA_DETAIL_HEADER.test(t)) {
      this.platform = 'asa';
      return true;
    }
    let m = ASA_DETAIL_ROW.exec(t);
    if (m) {
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
      this.rows.push({ row, lines: [line] });
      return true;
    }
    m = ASA_PEER.exec(t);
    if (m) {
      this.platform = 'asa';
      this.asaRow = { row: { platform: 'asa', sequence: m[1]!, peer: m[2]!, state: '' }, lines: [line] };
      this.rows.push(this.asaRow);
      return true;
    }
    if (this.asaRow && /^(Type|Rekey|Role|State)\s*:/.test(t)) {
      for (const f of t.matchAll(ASA_FIELDS)) {
        const v = f[2]!;
        if (f[1] === 'Type') this.asaRow.row.type = v;
        else if (f[1] === 'Role') this.asaRow.row.role = v;
        else if (f[1] === 'Rekey') this.asaRow.row.rekey = v;
        else this.asaRow.row.state = v;
      }
      this.asaRow.lines.push(line);
      return true;
    }
    m = ROW.exec(t);
    if (m) {
      const rest = (m[4] ?? '').split(/[\s|]+/).filter((x) => x !== '');
      const row: IsakmpSaRow = { platform: this.platform, dst: m[1]!, src: m[2]!, state: m[3]! };
      if (this.platform === 'pix') {
        if (rest[0] !== undefined) row.pending = rest[0];
        if (rest[1] !== undefined) row.created = rest[1];
      } else {
        if (rest[0] !== undefined) row.connId = rest[0];
        if (this.platform === 'ios-xe' && rest[1] !== undefined) row.status = rest[1];
      }
      this.rows.push({ row, lines: [line] });
      return true;
    }
    return false;
  }

  finish(): ShowEvent[] {
    return this.rows
      .filter((r) => r.row.state !== '')
      .map((r) => ({
        kind: 'show.isakmp-sa' as const,
        row: r.row,
        lines: r.lines,
        ...(r.row.peer !== undefined && { peer: r.row.peer }),
      }));
  }
}

export const isakmpSaParser: ShowParser = {
  command: 'show crypto isakmp sa',
  opens,
  start: () => new IsakmpBlock(),
};
