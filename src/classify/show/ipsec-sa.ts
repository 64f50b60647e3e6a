import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { IpsecSa, IpsecSaEntry, Platform, ProxyIdent } from '../../model/show.js';
import { digitsEnd } from '../chars.js';
import type { ShowBlock, ShowParser } from './block.js';
import { LayoutCounters, matchCounterLayout, readCounters } from './ipsec-counters.js';
import {
  NONE,
  blanksStart,
  hexDigitsEnd,
  isPlainText,
  skipBlanks,
  textEnd,
  textStart,
  tokenEnd,
} from './scan.js';

/**
 * `show crypto ipsec sa [detail]` on IOS 12, IOS 15 / IOS-XE, PIX 6 and ASA 8/9: one entry per
 * crypto-map entry / proxy pair, with its counters and every SA under inbound/outbound esp/ah/pcp.
 */
const MAX_LINES = 5000;

/** Labels that begin a line of this output (lines are matched after trimming). */
const LABELS =
  /^(interface:|Crypto map tag|local\s+ident|remote\s+ident|current_peer|dynamic allocated|PERMIT|#|path mtu|plaintext mtu|current (outbound|inbound) spi|PFS|(inbound|outbound)\s+(esp|ah|pcp)\s*sas|spi:|transform:|in use settings|slot:|conn id|conn_id|sa timing|IV size|replay detection|Status:|SA State|Anti replay|0x|access-list|protected vrf|PMTU|ICMP error|local crypto endpt|remote crypto endpt)/i;

/**
 * Lines that describe the current SA (see `saField`), tried from a trimmed line's first character
 * (sticky). Every label ends with a character other than a blank, so a match never reaches the
 * blanks `trim` takes off the end.
 */
const SA_FIELD =
  /(?:transform:|in use settings|slot:|conn[ _]id|sa timing|IV size:|replay detection support:|Status:|SA State:)/y;

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
const PLAINTEXT_MTU = /plaintext mtu (\d+)/;
const PATH_MTU = /path mtu (\d+)/;
const IP_MTU = /ip mtu (\d+)/;
const IP_MTU_IDB = /ip mtu idb (\S+)/;
const MEDIA_MTU = /media mtu (\d+)/;
const IPSEC_OVERHEAD = /ipsec overhead (\d+)/;
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

interface Direction {
  readonly direction: IpsecSa['direction'];
  readonly protocol: IpsecSa['protocol'];
}

/** Direction lines as devices print them (`inbound esp sas:`), sticky. */
const DIRECTION_LINE = /(?:in|out)bound (?:esp|ah|pcp) sas:/y;
const DIRECTIONS = new Map<number, Direction>(
  (['inbound', 'outbound'] as const).flatMap((direction) =>
    (['esp', 'ah', 'pcp'] as const).map((protocol): [number, Direction] => [
      directionKey(direction.charCodeAt(0), protocol.charCodeAt(0)),
      { direction, protocol },
    ]),
  ),
);

function directionKey(direction: number, protocol: number): number {
  return (direction << 8) | protocol;
}

/**
 * What `DIRECTION` reads of `body.slice(start, end)` when the line is exactly a direction line as
 * devices print them (so that none of the tests `parse` makes before `DIRECTION` can match it).
 */
function directionOf(body: string, start: number, end: number): Direction | undefined {
  DIRECTION_LINE.lastIndex = start;
  if (!DIRECTION_LINE.test(body) || DIRECTION_LINE.lastIndex !== end) return undefined;
  const c = body.charCodeAt(start);
  // The protocol follows `inbound ` or `outbound `.
  return DIRECTIONS.get(directionKey(c, body.charCodeAt(start + (c === First.i ? 8 : 9))));
}

/** Whether the sticky pattern `label` matches `body` at `at`. */
function labelAt(label: RegExp, body: string, at: number): boolean {
  label.lastIndex = at;
  return label.test(body);
}

// Labels of the lines read in place, sticky (comparing them here cost more than the patterns).
const TRANSFORM_LABEL = /transform:/y;
const SETTINGS_LABEL = /in use settings/y;
const TIMING_LABEL = /sa timing/y;
const IV_SIZE_LABEL = /IV size:/y;
const REPLAY_LABEL = /replay detection support:/y;
const REPLAY_WINDOW_LABEL = /replay window size:/y;
const STATUS_LABEL = /Status:/y;
const SPI_LABEL = /spi:/y;

const ZERO = 48;
const LOWER_X = 120;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const COMMA = 44;
const SLASH = 47;
const EQUALS = 61;
const OPEN_BRACE = 123;

/**
 * The common SA lines (`transform:`, `in use settings`, `sa timing`, `IV size:`, `replay detection
 * support:`, `Status:`) of the trimmed line `body.slice(start, end)`, read by index into `sa` as
 * `saField`'s patterns read them. `false` (nothing stored) when the line is not one of them or
 * holds what only the patterns can tell (see `scan.ts`).
 */
function readSaField(body: string, start: number, end: number, sa: IpsecSa): boolean {
  switch (body.charCodeAt(start)) {
    case First.t: {
      // TRANSFORM, then SPACED_TRAILING_COMMA: the value without one trailing comma of the
      // pattern and one of the replacement, each with the blanks before it.
      if (!labelAt(TRANSFORM_LABEL, body, start)) return false;
      const from = skipBlanks(body, start + 10, end);
      if (from === NONE || !isPlainText(body, from, end)) return false;
      let to = end;
      for (let commas = 0; commas < 2 && to > from && body.charCodeAt(to - 1) === COMMA; commas++)
        to = blanksStart(body, from, to - 1);
      sa.transform = body.slice(from, to);
      return true;
    }
    case First.i: {
      // SETTINGS: `=`, `{`, up to the last `}`; then COMMA_SPACE_END and `trim`.
      if (!labelAt(SETTINGS_LABEL, body, start)) return false;
      const equals = skipBlanks(body, start + 15, end);
      if (equals === NONE || body.charCodeAt(equals) !== EQUALS) return false;
      const brace = skipBlanks(body, equals + 1, end);
      if (brace === NONE || body.charCodeAt(brace) !== OPEN_BRACE || !isPlainText(body, brace, end))
        return false;
      const close = body.lastIndexOf('}', end - 1);
      if (close <= brace) return false;
      let to = blanksStart(body, brace + 1, close);
      if (to > brace + 1 && body.charCodeAt(to - 1) === COMMA) to--;
      to = blanksStart(body, brace + 1, to);
      // ASCII up to `end` (checked above): `skipBlanks` cannot say NONE here.
      sa.settings = body.slice(skipBlanks(body, brace + 1, to), to);
      return true;
    }
    case First.s: {
      if (!labelAt(TIMING_LABEL, body, start)) return false;
      return readLifetime(body, start, end, sa);
    }
    case First.I: {
      // IV_SIZE and `trim`: the rest of the line, which ends with a character other than a blank.
      if (!labelAt(IV_SIZE_LABEL, body, start)) return false;
      const from = skipBlanks(body, start + 8, end);
      if (from === NONE || from === end || !isPlainText(body, from, end)) return false;
      sa.ivSize = body.slice(from, end);
      return true;
    }
    case First.r: {
      if (!labelAt(REPLAY_LABEL, body, start)) return false;
      const from = skipBlanks(body, start + 25, end);
      if (from === NONE) return false;
      const to = tokenEnd(body, from, end);
      if (to === NONE || to === from) return false;
      // The optional `\s+replay window size:\s*(\d+)`.
      let window: string | undefined;
      const label = skipBlanks(body, to, end);
      if (label === NONE) return false;
      if (label > to && labelAt(REPLAY_WINDOW_LABEL, body, label)) {
        const digits = skipBlanks(body, label + 19, end);
        if (digits === NONE) return false;
        const digitsTo = digitsEnd(body, digits, end);
        if (digitsTo > digits) window = body.slice(digits, digitsTo);
      }
      sa.replayDetection = body.slice(from, to);
      if (window) sa.replayWindow = window;
      return true;
    }
    case First.S: {
      if (!labelAt(STATUS_LABEL, body, start)) return false;
      const from = skipBlanks(body, start + 7, end);
      if (from === NONE) return false;
      const to = tokenEnd(body, from, end);
      if (to === NONE || to === from) return false;
      sa.status = body.slice(from, to);
      return true;
    }
    default:
      return false;
  }
}

/** `sa timing` lines: KB_SEC where it matches, else SEC; `false` where only the patterns can tell. */
function readLifetime(body: string, start: number, end: number, sa: IpsecSa): boolean {
  for (let open = body.indexOf('(', start); open !== -1 && open < end; open = body.indexOf('(', open + 1)) {
    const kb = digitsEnd(body, open + 1, end);
    if (kb === open + 1 || body.charCodeAt(kb) !== SLASH) continue;
    const sec = digitsEnd(body, kb + 1, end);
    if (sec === kb + 1 || body.charCodeAt(sec) !== CLOSE_PAREN) continue;
    sa.lifetimeKb = body.slice(open + 1, kb);
    sa.lifetimeSec = body.slice(kb + 1, sec);
    return true;
  }
  return false;
}

interface EntryLines {
  entry: IpsecSaEntry;
  lines: LogLine[];
  /** Counters read but not yet stored in `entry.counters`. */
  counters: LayoutCounters;
}

class IpsecSaBlock implements ShowBlock {
  private readonly entries: EntryLines[] = [];
  private current: EntryLines | undefined;
  private iface: string | undefined;
  private dir: Direction | undefined;
  private sa: IpsecSa | undefined;
  private platform: Platform = 'ios';
  private count = 0;

  accept(line: LogLine): boolean {
    if (++this.count > MAX_LINES) return false;
    const body = line.body;
    const start = textStart(body);
    if (start === body.length) return true;
    const end = textEnd(body);
    // Outside ASCII `trim` may cut other blanks: such lines take the general way.
    if (body.charCodeAt(start) >= 128 || body.charCodeAt(end - 1) >= 128)
      return this.acceptTrimmed(body.trim(), line);
    const c = body.charCodeAt(start);
    if (c === First.hash) {
      // A quarter of the lines: their layouts are read without slicing the line.
      const layout = matchCounterLayout(body, start, end);
      if (layout !== undefined) {
        this.entry(line).counters.add(layout);
        return true;
      }
    }
    const sa = this.sa;
    if (sa !== undefined) {
      // A quarter of the lines describe the current SA: the common ones are read in place.
      if (readSaField(body, start, end, sa)) {
        this.entry(line);
        return true;
      }
      // SA fields are labels too: `LABELS` is not needed to take the line.
      if (labelAt(SA_FIELD, body, start)) {
        this.entry(line);
        this.saField(body.slice(start, end), c, sa);
        return true;
      }
    }
    if (c === First.i || c === First.o) {
      const dir = directionOf(body, start, end);
      if (dir !== undefined) {
        this.entry(line);
        this.dir = dir;
        this.sa = undefined;
        return true;
      }
    } else if (c === First.s && this.dir !== undefined && this.readSpi(body, start, end, line)) return true;
    return this.acceptTrimmed(start === 0 && end === body.length ? body : body.slice(start, end), line);
  }

  /**
   * An `spi: 0x… (…)` line, when the whole line is of that form (so that none of the tests `parse`
   * makes before `SPI` can match it): the SA it opens.
   */
  private readSpi(body: string, start: number, end: number, line: LogLine): boolean {
    if (!labelAt(SPI_LABEL, body, start)) return false;
    const hex = skipBlanks(body, start + 4, end);
    if (hex === NONE || body.charCodeAt(hex) !== ZERO || body.charCodeAt(hex + 1) !== LOWER_X) return false;
    const hexEnd = hexDigitsEnd(body, hex + 2, end);
    if (hexEnd === hex + 2) return false;
    let spiDec: string | undefined;
    if (hexEnd < end) {
      const open = skipBlanks(body, hexEnd, end);
      if (open === NONE || body.charCodeAt(open) !== OPEN_PAREN) return false;
      const decEnd = digitsEnd(body, open + 1, end);
      if (decEnd === open + 1 || decEnd !== end - 1 || body.charCodeAt(decEnd) !== CLOSE_PAREN) return false;
      spiDec = body.slice(open + 1, decEnd);
    }
    const e = this.entry(line).entry;
    const dir = this.dir!;
    const sa: IpsecSa = { direction: dir.direction, protocol: dir.protocol, spiHex: body.slice(hex, hexEnd) };
    if (spiDec) sa.spiDec = spiDec;
    this.sa = sa;
    e.sas.push(sa);
    return true;
  }

  /** `accept` of a trimmed line. */
  private acceptTrimmed(t: string, line: LogLine): boolean {
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
    this.current = { entry, lines: [], counters: new LayoutCounters(entry) };
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
    if (this.sa && labelAt(SA_FIELD, t, 0)) return this.saField(t, c, this.sa);
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
      cur.counters.write();
      readCounters(t, e.counters);
    } else if (c === First.l && (m = ENDPOINTS.exec(t))) {
      const [la, lp] = splitEndpoint(m[1]!);
      const [ra, rp] = splitEndpoint(m[2]!.replace(TRAILING_COMMA, ''));
      e.localEndpoint = la;
      e.remoteEndpoint = ra;
      if (lp) e.localEndpointPort = lp;
      if (rp) e.remoteEndpointPort = rp;
    } else if (t.includes('mtu') && !t.startsWith('PMTU')) {
      // Stored by name: an entry that gains many properties through computed keys becomes a hash table.
      let v: string | undefined;
      if ((v = PLAINTEXT_MTU.exec(t)?.[1]) !== undefined) e.plaintextMtu = v;
      if ((v = PATH_MTU.exec(t)?.[1]) !== undefined) e.pathMtu = v;
      if ((v = IP_MTU.exec(t)?.[1]) !== undefined) e.ipMtu = v;
      if ((v = IP_MTU_IDB.exec(t)?.[1]) !== undefined) e.ipMtuIdb = v;
      if ((v = MEDIA_MTU.exec(t)?.[1]) !== undefined) e.mediaMtu = v;
      if ((v = IPSEC_OVERHEAD.exec(t)?.[1]) !== undefined) e.ipsecOverhead = v;
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
    for (const x of this.entries) x.counters.write();
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
  opens(text, hint) {
    return (
      (text.charCodeAt(0) === 105 /* i */ && /^interface:\s*\S+$/.test(text)) ||
      (hint === 'show crypto ipsec sa' && text.startsWith('Crypto map tag'))
    );
  },
  start: () => new IpsecSaBlock(),
};
