import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { CryptoSession } from '../../model/show.js';
import type { ShowBlock, ShowParser } from './block.js';

/** IOS / IOS-XE `show crypto session [detail]`: one session per `Interface:` block. */
const KNOWN =
  /^(Crypto session current status|Code:|[KXRS] - |Interface:|Profile:|Uptime:|Session status:|Peer:|Desc:|Phase1_id:|Session ID:|IKEv[12] SA:|Capabilities:|IPSEC FLOW:|Active SAs:|Inbound:|Outbound:)/;

class SessionBlock implements ShowBlock {
  private readonly sessions: Array<{ s: CryptoSession; lines: LogLine[] }> = [];
  private count = 0;

  accept(line: LogLine): boolean {
    const t = line.body.trim();
    if (t === '') return true;
    if (!KNOWN.test(t) || ++this.count > 5000) return false;
    let m: RegExpExecArray | null;
    if ((m = /^Interface:\s*(\S+)/.exec(t))) {
      this.sessions.push({ s: { interface: m[1]!, status: '', ikeSas: [], flows: [] }, lines: [line] });
      return true;
    }
    const cur = this.sessions[this.sessions.length - 1];
    if (!cur) return true;
    cur.lines.push(line);
    const s = cur.s;
    if ((m = /^Profile:\s*(\S+)/.exec(t))) s.profile = m[1]!;
    else if ((m = /^Uptime:\s*(\S+)/.exec(t))) s.uptime = m[1]!;
    else if ((m = /^Session status:\s*(\S+)/.exec(t))) s.status = m[1]!;
    else if ((m = /^Peer:\s*(\S+)\s+port\s+(\d+)(?:\s+fvrf:\s*(\S+))?(?:\s+ivrf:\s*(\S+))?/.exec(t))) {
      s.peer = m[1]!;
      s.peerPort = m[2]!;
      if (m[3]) s.fvrf = m[3];
      if (m[4]) s.ivrf = m[4];
    } else if ((m = /^Desc:\s*(.*)$/.exec(t))) s.description = m[1]!.trim();
    else if ((m = /^Phase1_id:\s*(.*)$/.exec(t))) s.phase1Id = m[1]!.trim();
    else if ((m = /^Session ID:\s*(\S+)/.exec(t))) this.sessionId = m[1]!;
    else if ((m = /^(IKEv[12]) SA:\s*local\s+([^/\s]+)\/(\d+)\s+remote\s+([^/\s]+)\/(\d+)\s+(\S+)/.exec(t))) {
      s.ikeSas.push({
        version: m[1] as 'IKEv1' | 'IKEv2',
        ...(this.sessionId !== undefined && { sessionId: this.sessionId }),
        localIp: m[2]!,
        localPort: m[3]!,
        remoteIp: m[4]!,
        remotePort: m[5]!,
        status: m[6]!,
      });
    } else if ((m = /^Capabilities:\s*(\S+)\s+connid:\s*(\S+)\s+lifetime:\s*(\S+)/.exec(t))) {
      const sa = s.ikeSas[s.ikeSas.length - 1];
      if (sa) {
        sa.capabilities = m[1]!;
        sa.connId = m[2]!;
        sa.lifetime = m[3]!;
      }
    } else if ((m = /^IPSEC FLOW:\s*permit\s+(\S+)\s+(host \S+|\S+)\s+(host \S+|\S+)/.exec(t))) {
      s.flows.push({ permit: m[1]!, src: m[2]!, dst: m[3]! });
    } else if ((m = /^Active SAs:\s*(\d+),\s*origin:\s*(.+)$/.exec(t))) {
      const f = s.flows[s.flows.length - 1];
      if (f) {
        f.activeSas = m[1]!;
        f.origin = m[2]!.trim();
      }
    } else if (
      (m =
        /^(Inbound|Outbound):\s*#pkts (?:dec|enc)'ed\s+(\d+)\s+drop\s+(\d+)\s+life \(KB\/Sec\)\s+(\S+)/.exec(
          t,
        ))
    ) {
      const f = s.flows[s.flows.length - 1];
      if (f && m[1] === 'Inbound')
        Object.assign(f, { decrypted: m[2], inboundDrop: m[3], inboundLife: m[4] });
      if (f && m[1] === 'Outbound')
        Object.assign(f, { encrypted: m[2], outboundDrop: m[3], outboundLife: m[4] });
    }
    return true;
  }

  private sessionId: string | undefined;

  finish(): ShowEvent[] {
    return this.sessions.map(({ s, lines }) => ({
      kind: 'show.crypto-session' as const,
      session: s,
      lines,
      ...(s.peer !== undefined && { peer: s.peer }),
    }));
  }
}

export const cryptoSessionParser: ShowParser = {
  command: 'show crypto session',
  opens: (text, hint) =>
    text.startsWith('Crypto session current status') ||
    (hint === 'show crypto session' && text.startsWith('Interface:')),
  start: () => new SessionBlock(),
};
