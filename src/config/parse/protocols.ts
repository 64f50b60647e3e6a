import type { PortRange } from '../model.js';

/** IP protocol keywords of IOS/ASA ACLs; `ip` (any protocol) maps to undefined. */
const PROTOCOLS: Record<string, number | undefined> = {
  ip: undefined,
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ahp: 51,
  ah: 51,
  eigrp: 88,
  ospf: 89,
  pim: 103,
  sctp: 132,
};

/** Number → keyword, the first keyword of each number (`ahp` for 51, as IOS writes it back). */
const NAMES = new Map<number, string>();
for (const [name, number] of Object.entries(PROTOCOLS))
  if (number !== undefined && !NAMES.has(number)) NAMES.set(number, name);

/** The ACL keyword for a protocol number, or the number itself. */
export function protocolName(protocol: number): string {
  return NAMES.get(protocol) ?? String(protocol);
}

export const TCP = 6;
export const UDP = 17;

/** `{ known: false }` when the word is neither a keyword nor a protocol number 0–255. */
export function protocolOf(word: string | undefined): { known: boolean; protocol?: number } {
  if (word === undefined) return { known: false };
  const w = word.toLowerCase();
  if (w in PROTOCOLS) {
    const protocol = PROTOCOLS[w];
    return protocol === undefined ? { known: true } : { known: true, protocol };
  }
  if (/^\d{1,3}$/.test(w) && Number(w) <= 255) return { known: true, protocol: Number(w) };
  return { known: false };
}

/** Port names IOS and ASA accept in ACLs (the common ones; numbers always work). */
const PORTS: Record<string, number> = {
  bgp: 179,
  bootpc: 68,
  bootps: 67,
  domain: 53,
  echo: 7,
  ftp: 21,
  'ftp-data': 20,
  http: 80,
  https: 443,
  www: 80,
  imap4: 143,
  isakmp: 500,
  'non500-isakmp': 4500,
  ldap: 389,
  ldaps: 636,
  netbios: 139,
  'netbios-ssn': 139,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  ntp: 123,
  pop3: 110,
  smtp: 25,
  snmp: 161,
  snmptrap: 162,
  sqlnet: 1521,
  ssh: 22,
  syslog: 514,
  tacacs: 49,
  telnet: 23,
  tftp: 69,
  rdp: 3389,
  sip: 5060,
};

export function portOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const w = word.toLowerCase();
  if (/^\d{1,5}$/.test(w) && Number(w) <= 65535) return Number(w);
  return PORTS[w];
}

const OPERATORS = new Set(['eq', 'neq', 'lt', 'gt', 'range']);

/**
 * A port qualifier at `words[i]` (`eq 80`, `neq 23`, `lt 1024`, `gt 1023`, `range 20 21`) as
 * ranges (`neq` gives two), and the index after it. No qualifier: `ranges` undefined (any port).
 * `error` when an operator is there but its operands are not ports.
 */
export function portQualifier(
  words: readonly string[],
  i: number,
): { ranges?: PortRange[]; next: number; error?: string } {
  const op = words[i]?.toLowerCase();
  if (op === undefined || !OPERATORS.has(op)) return { next: i };
  const a = portOf(words[i + 1]);
  if (a === undefined) return { next: i + 1, error: `unknown port '${words[i + 1] ?? ''}'` };
  switch (op) {
    case 'eq':
      return { ranges: [{ lo: a, hi: a }], next: i + 2 };
    case 'neq':
      return {
        ranges: [...(a > 0 ? [{ lo: 0, hi: a - 1 }] : []), ...(a < 65535 ? [{ lo: a + 1, hi: 65535 }] : [])],
        next: i + 2,
      };
    case 'lt':
      return { ranges: a > 0 ? [{ lo: 0, hi: a - 1 }] : [], next: i + 2 };
    case 'gt':
      return { ranges: a < 65535 ? [{ lo: a + 1, hi: 65535 }] : [], next: i + 2 };
    default: {
      const b = portOf(words[i + 2]);
      if (b === undefined) return { next: i + 2, error: `unknown port '${words[i + 2] ?? ''}'` };
      return { ranges: [{ lo: Math.min(a, b), hi: Math.max(a, b) }], next: i + 3 };
    }
  }
}
