import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { AspVpnContext } from '../../model/show.js';
import type { ShowBlock, ShowParser } from './block.js';

/** ASA `show asp table vpn-context detail`: `Label = value` blocks, one per `VPN CTX`. */
const FIELD = /^([A-Za-z][A-Za-z ]*?)\s*=\s*(.*)$/;
const KEYS: Record<string, keyof AspVpnContext> = {
  'VPN CTX': 'vpnCtx',
  'Peer IP': 'peerIp',
  Pointer: 'pointer',
  State: 'state',
  Flags: 'flags',
  SA: 'sa',
  SPI: 'spi',
  Group: 'group',
  Pkts: 'pkts',
  'Bad Pkts': 'badPkts',
  'Bad SPI': 'badSpi',
  Spoof: 'spoof',
  'Bad Crypto': 'badCrypto',
  'Rekey Pkt': 'rekeyPkt',
  'Rekey Call': 'rekeyCall',
  'VPN Filter': 'vpnFilter',
};

class AspBlock implements ShowBlock {
  private readonly items: Array<{ ctx: Partial<AspVpnContext>; lines: LogLine[] }> = [];

  accept(line: LogLine): boolean {
    const t = line.body.trim();
    if (t === '') return true;
    const m = FIELD.exec(t);
    const key = m ? KEYS[m[1]!] : undefined;
    if (!m || !key || this.items.length > 2000) return false;
    if (key === 'vpnCtx') this.items.push({ ctx: {}, lines: [] });
    const item = this.items[this.items.length - 1];
    if (!item) return false;
    item.ctx[key] = m[2]!.trim();
    item.lines.push(line);
    return true;
  }

  finish(): ShowEvent[] {
    return this.items
      .filter((i) => i.ctx.vpnCtx !== undefined && i.ctx.peerIp !== undefined)
      .map((i) => ({
        kind: 'show.asp-vpn-context' as const,
        context: i.ctx as AspVpnContext,
        lines: i.lines,
        peer: i.ctx.peerIp!,
      }));
  }
}

export const aspVpnContextParser: ShowParser = {
  command: 'show asp table vpn-context detail',
  opens: (text) => text.charCodeAt(0) === 86 /* V */ && /^VPN CTX\s*=/.test(text),
  start: () => new AspBlock(),
};
