import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { IpsecSa, IpsecSaEntry, Platform, ProxyIdent } from '../../model/show.js';
import type { ShowBlock, ShowParser } from './block.js';
import { readCounters } from './ipsec-counters.js';

/**
 * `show crypto ipsec sa [detail]` on IOS 12, IOS 15 / IOS-XE, PIX 6 and ASA 8/9: one entry per
 * crypto-map entry / proxy pair, with its counters and every SA under inbound/outbound esp/ah/pcp.
 */
const MAX_LINES = 5000;

/** Labels that begin a line of this output (lines are matched after trimming). */
const LABELS =
  /^(interface:|Crypto map tag|local\s+ident|remote\s+ident|current_peer|dynamic allocated|PERMIT|#|path mtu|plaintext mtu|current (outbound|inbound) spi|PFS|(inbound|outbound)\s+(esp|ah|pcp)\s*sas|spi:|transform:|in use settings|slot:|conn id|conn_id|sa timing|IV size|replay detection|Status:|SA State|Anti replay|0x|access-list|protected vrf|PMTU|ICMP error|local crypto endpt|remote crypto endpt)/i;

/** Lines that describe the current SA (see `saField`). */
const SA_FIELD =
  /^(?:transform:|in use settings|slot:|conn[ _]id|sa timing|IV size:|replay detection support:|Status:|SA State:)/;

/** Character codes of the first characters the tests below dispatch on (`First.c` is `c`'s). */
const First = {
  hash: 35,
  C: 67,
  D: 68,
  I: 73,
  O: 79,
  P: 80,
  S: 83,
  a: 97,
  c: 99,
  d: 100,
  i: 105,
  l: 108,
  o: 111,
  p: 112,
  r: 114,
  s: 115,
  t: 116,
} as const;

// Every pattern is compiled once; each test below is guarded by the first character its pattern
// needs, so a line meets only the patterns that could match it, in the order they are listed.
const INTERFACE = /^interface:\s*(\S+)/;
const CRYPTO_MAP_TAG = /^Crypto map tag:\s*([^,]+),\s*(?:seq num:\s*(\d+),\s*)?local addr[.:]?\s*(\S+)/;
const ASA_LOCAL_ADDR = /local addr:/;
const LOCAL_IDENT = /^local\s+ident/;
const REMOTE_IDENT = /^remote\s+ident/;
const IDENT_VALUE = /\(\s*([^/\s]+)\/([^/\s]+)\/([^/\s]+)\/([^)\s]+)\s*\)/;
const CURRENT_PEER = /^current_peer:?\s*(\S+?)(?:\s+port\s+(\d+))?\s*$/;
const DYNAMIC_PEER = /^dynamic allocated peer ip:\s*(\S+)/;
const PROTECTED_VRF = /^protected vrf:\s*(.+)$/;
const ACTION = /^(PERMIT|DENY),\s*flags=\{(.*)\}/;
const ENDPOINTS = /^local crypto endpt\.?:\s*([^,\s]+),\s*remote crypto endpt\.?:\s*(\S+)/;
const ENDPOINT_PORT = /^(.*?)\/(\d+)$/;
const TRAILING_COMMA = /,$/;
const MTU_FIELDS: ReadonlyArray<
  readonly [RegExp, 'plaintextMtu' | 'pathMtu' | 'ipMtu' | 'ipMtuIdb' | 'mediaMtu' | 'ipsecOverhead']
> = [
  [/plaintext mtu (\d+)/, 'plaintextMtu'],
  [/path mtu (\d+)/, 'pathMtu'],
  [/ip mtu (\d+)/, 'ipMtu'],
  [/ip mtu idb (\S+)/, 'ipMtuIdb'],
  [/media mtu (\d+)/, 'mediaMtu'],
  [/ipsec overhead (\d+)/, 'ipsecOverhead'],
];
const OUTBOUND_SPI = /^current outbound spi:\s*(\S+)/;
const INBOUND_SPI = /^current inbound spi\s*:\s*(\S+)/;
const PFS = /^PFS \(Y\/N\):\s*(\S+),\s*DH group:\s*(\S+)/;
const DIRECTION = /^(inbound|outbound)\s+(esp|ah|pcp)\s*sas/i;
const SPI = /^spi:\s*(0x[0-9A-Fa-f]+)\s*(?:\((\d+)\))?/;
const TRANSFORM = /^transform:\s*(.*?)\s*,?\s*$/;
const SPACED_TRAILING_COMMA = /\s*,$/;
const SETTINGS = /^in use settings\s*=\s*\{(.*)\}/;
const COMMA_SPACE_END = /,\s*$/;
const SLOT_OR_CONN = /^(slot:|conn id|conn_id)/;
const SLOT = /slot:\s*(\d+)/;
const CONN_ID = /conn[ _]id:\s*(\d+)/;
const FLOW_ID = /flow_id:\s*([^,]+)/;
const SIBLING_FLAGS = /sibling_flags\s+(\S+?),/;
const SA_CRYPTO_MAP = /crypto[ -]map:\s*(\S+)/;
const KB_SEC = /\((\d+)\/(\d+)\)/;
const SEC = /\(sec\):\s*(\d+)/;
const IV_SIZE = /^IV size:\s*(.+)$/;
const REPLAY = /^replay detection support:\s*(\S+)(?:\s+replay window size:\s*(\d+))?/;
const STATUS = /^Status:\s*(\S+)/;
const SA_STATE = /^SA State:\s*(\S+)/;

function ident(label: string): ProxyIdent | undefined {
  // The value follows the `(addr/mask/prot/port):` legend.
  const text = label.slice(label.indexOf('):') + 2);
  const m = IDENT_VALUE.exec(text);
  return m ? { addr: m[1]!, mask: m[2]!, prot: m[3]!, port: m[4]! } : undefined;
}

function splitEndpoint(v: string): [string, string | undefined] {
  const m = ENDPOINT_PORT.exec(v);
  return m ? [m[1]!, m[2]] : [v, undefined];
}

interface EntryLines {
  entry: IpsecSaEntry;
  lines: LogLine[];
}

class IpsecSaBlock implements ShowBlock {
  private readonly entries: EntryLines[] = [];
  private current: EntryLines | undefined;
  private iface: string | undefined;
  private dir: { direction: IpsecSa['direction']; protocol: IpsecSa['protocol'] } | undefined;
  private sa: IpsecSa | undefined;
  private platform: Platform = 'ios';
  private count = 0;

  accept(line: LogLine): boolean {
    const t = line.body.trim();
    if (++this.count > MAX_LINES) return false;
    if (t === '') return true;
    if (!LABELS.test(t)) return false;
    this.parse(t, line);
    return true;
  }

  private entry(line: LogLine): EntryLines {
    if (!this.current) this.startEntry();
    this.current!.lines.push(line);
    return this.current!;
  }

  /** A new entry; `tag`, `seq` and `local` are the crypto map line's fields, when it had them. */
  private startEntry(tag?: string, seq?: string, local?: string): void {
    const entry: IpsecSaEntry = { platform: this.platform, counters: {}, sas: [] };
    if (tag) entry.cryptoMapTag = tag.trim();
    if (seq) entry.seqNum = seq;
    if (local) entry.localAddr = local;
    if (this.iface !== undefined) entry.interface = this.iface;
    this.current = { entry, lines: [] };
    this.entries.push(this.current);
    this.dir = undefined;
    this.sa = undefined;
  }

  private parse(t: string, line: LogLine): void {
    const c = t.charCodeAt(0);
    let m: RegExpExecArray | null;
    if (c === First.i && (m = INTERFACE.exec(t))) {
      this.iface = m[1]!;
      this.current = undefined;
      return void this.entry(line);
    }
    if (c === First.C && t.startsWith('Crypto map tag')) {
      m = CRYPTO_MAP_TAG.exec(t);
      if (ASA_LOCAL_ADDR.test(t)) this.platform = 'asa';
      this.startEntry(m?.[1], m?.[2], m?.[3]);
      return void this.entry(line);
    }
    const cur = this.entry(line);
    // Most lines of the output describe one SA: skip the entry-level tests for them.
    if (this.sa && SA_FIELD.test(t)) return this.saField(t, c, this.sa);
    const e = cur.entry;
    if (c === First.l && LOCAL_IDENT.test(t)) {
      if (e.localIdent) {
        // IOS lists several proxy pairs under one crypto map tag: each is an entry of its own.
        this.startEntry(e.cryptoMapTag, undefined, e.localAddr);
        cur.lines.pop();
        this.current!.lines.push(line);
        const id = ident(t);
        if (id) this.current!.entry.localIdent = id;
        return;
      }
      const id = ident(t);
      if (id) e.localIdent = id;
    } else if (c === First.r && REMOTE_IDENT.test(t)) {
      const id = ident(t);
      if (id) e.remoteIdent = id;
    } else if (c === First.c && (m = CURRENT_PEER.exec(t))) {
      e.currentPeer = m[1]!;
      if (m[2]) e.peerPort = m[2];
    } else if (c === First.d && (m = DYNAMIC_PEER.exec(t))) e.dynamicPeer = m[1]!;
    else if (c === First.p && (m = PROTECTED_VRF.exec(t))) e.protectedVrf = m[1]!.trim();
    else if (c === First.a && t.startsWith('access-list')) e.accessList = t;
    else if ((c === First.P || c === First.D) && (m = ACTION.exec(t))) {
      e.action = m[1]!;
      e.flags = m[2]!;
    } else if (c === First.hash) {
      readCounters(t, e.counters);
    } else if (c === First.l && (m = ENDPOINTS.exec(t))) {
      const [la, lp] = splitEndpoint(m[1]!);
      const [ra, rp] = splitEndpoint(m[2]!.replace(TRAILING_COMMA, ''));
      e.localEndpoint = la;
      e.remoteEndpoint = ra;
      if (lp) e.localEndpointPort = lp;
      if (rp) e.remoteEndpointPort = rp;
    } else if (t.includes('mtu') && !t.startsWith('PMTU')) {
      for (const [re, key] of MTU_FIELDS) {
        const v = re.exec(t)?.[1];
        if (v !== undefined) e[key] = v;
      }
    } else if (c === First.c && (m = OUTBOUND_SPI.exec(t))) e.currentOutboundSpi = m[1]!;
    else if (c === First.c && (m = INBOUND_SPI.exec(t))) e.currentInboundSpi = m[1]!;
    else if (c === First.P && (m = PFS.exec(t))) {
      e.pfs = m[1]!;
      e.dhGroup = m[2]!;
    } else if (
      (c === First.i || c === First.I || c === First.o || c === First.O) &&
      (m = DIRECTION.exec(t))
    ) {
      this.dir = {
        direction: m[1]!.toLowerCase() as IpsecSa['direction'],
        protocol: m[2]!.toLowerCase() as IpsecSa['protocol'],
      };
      this.sa = undefined;
    } else if (c === First.s && this.dir && (m = SPI.exec(t))) {
      const sa: IpsecSa = { direction: this.dir.direction, protocol: this.dir.protocol, spiHex: m[1]! };
      if (m[2]) sa.spiDec = m[2];
      this.sa = sa;
      e.sas.push(sa);
    } else if (this.sa) this.saField(t, c, this.sa);
  }

  private saField(t: string, c: number, sa: IpsecSa): void {
    let m: RegExpExecArray | null;
    if (c === First.t && (m = TRANSFORM.exec(t))) sa.transform = m[1]!.replace(SPACED_TRAILING_COMMA, '');
    else if (c === First.i && (m = SETTINGS.exec(t))) sa.settings = m[1]!.replace(COMMA_SPACE_END, '').trim();
    else if ((c === First.s || c === First.c) && SLOT_OR_CONN.test(t)) {
      const slot = SLOT.exec(t)?.[1];
      const conn = CONN_ID.exec(t)?.[1];
      const flow = FLOW_ID.exec(t)?.[1];
      const sib = SIBLING_FLAGS.exec(t)?.[1];
      const map = SA_CRYPTO_MAP.exec(t)?.[1];
      if (slot !== undefined) sa.slot = slot;
      if (conn !== undefined) sa.connId = conn;
      if (flow !== undefined) sa.flowId = flow.trim();
      if (sib !== undefined) sa.siblingFlags = sib;
      if (map !== undefined) sa.cryptoMap = map;
    } else if (c === First.s && t.startsWith('sa timing')) {
      const pair = KB_SEC.exec(t);
      if (pair) {
        sa.lifetimeKb = pair[1]!;
        sa.lifetimeSec = pair[2]!;
      } else {
        const sec = SEC.exec(t)?.[1];
        if (sec) sa.lifetimeSec = sec;
      }
    } else if (c === First.I && (m = IV_SIZE.exec(t))) sa.ivSize = m[1]!.trim();
    else if (c === First.r && (m = REPLAY.exec(t))) {
      sa.replayDetection = m[1]!;
      if (m[2]) sa.replayWindow = m[2];
    } else if (c === First.S && (m = STATUS.exec(t))) sa.status = m[1]!;
    else if (c === First.S && (m = SA_STATE.exec(t))) sa.saState = m[1]!;
  }

  finish(): ShowEvent[] {
    return this.entries
      .filter(
        (x) =>
          x.entry.localIdent ||
          x.entry.currentPeer ||
          x.entry.sas.length > 0 ||
          Object.keys(x.entry.counters).length > 0,
      )
      .map((x) => {
        if (x.entry.platform === 'ios' && this.platform === 'asa') x.entry.platform = 'asa';
        if (x.entry.platform === 'ios' && (x.entry.plaintextMtu || x.entry.sas.some((s) => s.status)))
          x.entry.platform = 'ios-xe';
        const peer = x.entry.currentPeer ?? x.entry.remoteEndpoint;
        return {
          kind: 'show.ipsec-sa' as const,
          entry: x.entry,
          lines: x.lines,
          ...(peer !== undefined && { peer }),
        };
      });
  }
}

export const ipsecSaParser: ShowParser = {
  command: 'show crypto ipsec sa',
  opens(line, hint) {
    const t = line.body.trim();
    return (
      /^interface:\s*\S+$/.test(t) || (hint === 'show crypto ipsec sa' && t.startsWith('Crypto map tag'))
    );
  },
  start: () => new IpsecSaBlock(),
};
