import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { VpnSessionL2L } from '../../model/show.js';
import type { ShowBlock, ShowParser } from './block.js';

/**
 * ASA `show vpn-sessiondb detail l2l`: `Label : value` pairs, two per line, grouped under
 * `Session Type:`; sub-sessions start at `IKE:`, `IKEv1:`, `IKEv2:`, `IPsec:`.
 */
const PAIR = /([A-Za-z][\w /().-]*?)\s*:\s*(.*?)(?=\s{2,}[A-Za-z][\w /().-]*?\s*:|$)/g;
const TOP: Record<string, keyof VpnSessionL2L> = {
  Connection: 'connection',
  Index: 'index',
  'IP Addr': 'ipAddr',
  Protocol: 'protocol',
  Encryption: 'encryption',
  Hashing: 'hashing',
  'Bytes Tx': 'bytesTx',
  'Bytes Rx': 'bytesRx',
  'Login Time': 'loginTime',
  Duration: 'duration',
  'Filter Name': 'filterName',
};

class L2LBlock implements ShowBlock {
  private readonly sessions: Array<{ s: VpnSessionL2L; lines: LogLine[] }> = [];
  private sub: { type: string; fields: Record<string, string> } | undefined;

  accept(line: LogLine): boolean {
    const t = line.body.trim();
    if (t === '') return true;
    const last = this.sessions[this.sessions.length - 1];
    // Later sessions of one listing start at `Connection :` without a new `Session Type:` line.
    const nextSession =
      t.startsWith('Connection') && line.body === t && last !== undefined && last.s.index !== undefined;
    if (t.startsWith('Session Type:') || nextSession) {
      this.sessions.push({ s: { connection: '', subSessions: [] }, lines: [line] });
      this.sub = undefined;
      if (!nextSession) return true;
    }
    const cur = this.sessions[this.sessions.length - 1];
    if (!cur || this.sessions.length > 2000) return false;
    const sub = /^(IKE|IKEv1|IKEv2|IPsec|IPSec|IPsecOverNatT|NAC):$/.exec(t);
    if (sub) {
      this.sub = { type: sub[1]!, fields: {} };
      cur.s.subSessions.push(this.sub);
      cur.lines.push(line);
      return true;
    }
    if (/^(IKE\w*|IPsec\w*|IPSec\w*) (Sessions|Tunnels):/.test(t)) {
      for (const c of t.matchAll(/(IKE\w*|IPsec\w*|IPSec\w*) (?:Sessions|Tunnels):\s*(\d+)/g)) {
        if (c[1]!.startsWith('IKE')) cur.s.ikeSessions = c[2]!;
        else cur.s.ipsecSessions = c[2]!;
      }
      cur.lines.push(line);
      return true;
    }
    if (!t.includes(':')) return false;
    for (const m of t.matchAll(PAIR)) {
      const label = m[1]!.trim();
      const value = (m[2] ?? '').trim();
      if (this.sub) this.sub.fields[label] = value;
      else {
        const key = TOP[label];
        if (key && key !== 'subSessions') (cur.s as unknown as Record<string, string>)[key] = value;
      }
    }
    cur.lines.push(line);
    return true;
  }

  finish(): ShowEvent[] {
    return this.sessions.map(({ s, lines }) => ({
      kind: 'show.vpn-session-l2l' as const,
      session: s,
      lines,
      ...((s.ipAddr ?? s.connection) !== '' && { peer: s.ipAddr ?? s.connection }),
    }));
  }
}

export const vpnSessionL2LParser: ShowParser = {
  command: 'show vpn-sessiondb detail l2l',
  opens: (text) => text.startsWith('Session Type: LAN-to-LAN'),
  start: () => new L2LBlock(),
};
