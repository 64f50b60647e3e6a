import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { EngineConnection } from '../../model/show.js';
import type { ShowBlock, ShowParser } from './block.js';

/**
 * `show crypto engine connection active`: IOS 12 (`ID Interface IP-Address State Algorithm
 * Encrypt Decrypt`) and IOS 15 (`Crypto Engine Connections`, `ID Type Algorithm Encrypt Decrypt
 * LastSeqN IP-Address`). Each row is one SA direction: encryptions outbound, decryptions inbound.
 */
const HEADER = /^(Crypto Engine Connections|ID\s+Interface\s+IP-Address|ID\s+Type\s+Algorithm)/;
const ROW12 = /^(\d+)\s+(\S+)\s+(\d{1,3}(?:\.\d{1,3}){3}|<none>|unassigned)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\d+)$/;
const ROW15 = /^(\d+)\s+(IPsec|IKE|IKEv2|\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)$/;

class EngineBlock implements ShowBlock {
  private readonly rows: Array<{ c: EngineConnection; line: LogLine }> = [];

  accept(line: LogLine): boolean {
    const t = line.body.trim();
    if (t === '' || HEADER.test(t)) return true;
    if (this.rows.length > 5000) return false;
    let m = ROW12.exec(t);
    if (m) {
      const c: EngineConnection = {
        id: m[1]!,
        interface: m[2]!,
        ipAddress: m[3]!,
        state: m[4]!,
        algorithm: m[5]!,
        encrypt: Number(m[6]),
        decrypt: Number(m[7]),
      };
      this.rows.push({ c, line });
      return true;
    }
    m = ROW15.exec(t);
    if (m) {
      const c: EngineConnection = {
        id: m[1]!,
        type: m[2]!,
        algorithm: m[3]!,
        encrypt: Number(m[4]),
        decrypt: Number(m[5]),
        ipAddress: m[7]!,
      };
      this.rows.push({ c, line });
      return true;
    }
    return false;
  }

  finish(): ShowEvent[] {
    return this.rows.map(({ c, line }) => ({
      kind: 'show.engine-connection' as const,
      connection: c,
      lines: [line],
    }));
  }
}

export const engineConnectionParser: ShowParser = {
  command: 'show crypto engine connection active',
  opens: (text, hint) => {
    const c = text.charCodeAt(0);
    return (
      ((c === 67 || c === 73) /* C, I */ && HEADER.test(text)) ||
      (hint === 'show crypto engine connection active' && /^\d+\s/.test(text))
    );
  },
  start: () => new EngineBlock(),
};
