import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { IpsecSa, IpsecSaEntry, Platform, ProxyIdent } from '../../model/show.js';
import type { ShowBlock, ShowParser } from './block.js';

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

/** Device counter labels → camelCase keys (the rest are camel-cased as printed). */
const COUNTER_NAMES: Record<string, string> = {
  'pkts encaps': 'encaps',
  'pkts encrypt': 'encrypt',
  'pkts digest': 'digest',
  'pkts decaps': 'decaps',
  'pkts decrypt': 'decrypt',
  'pkts verify': 'verify',
  'send errors': 'sendErrors',
  'recv errors': 'recvErrors',
};

/** Labels seen so far and their keys: a show output repeats the same dozen labels per entry. */
const counterKeys = new Map<string, string>();
const MAX_COUNTER_KEYS = 256;

function counterKey(label: string): string {
  let key = counterKeys.get(label);
  if (key === undefined) {
    key = computeCounterKey(label);
    // Bounded: labels come from the input, which may be hostile.
    if (counterKeys.size < MAX_COUNTER_KEYS) counterKeys.set(label, key);
  }
  return key;
}

function computeCounterKey(label: string): string {
  const l = label.trim().replace(/\s+/g, ' ');
  const known = COUNTER_NAMES[l.toLowerCase()];
  if (known) return known;
  const words = l
    .replace(/^pkts /i, '')
    .replace(/[()]/g, ' ')
    .split(/[\s.-]+/)
    .filter((w) => w !== '');
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}

function ident(label: string): ProxyIdent | undefined {
  // The value follows the `(addr/mask/prot/port):` legend.
  const text = label.slice(label.indexOf('):') + 2);
  const m = /\(\s*([^/\s]+)\/([^/\s]+)\/([^/\s]+)\/([^)\s]+)\s*\)/.exec(text);
  return m ? { addr: m[1]!, mask: m[2]!, prot: m[3]!, port: m[4]! } : undefined;
}

function splitEndpoint(v: string): [string, string | undefined] {
  const m = /^(.*?)\/(\d+)$/.exec(v);
  return m ? [m[1]!, m[2]] : [v, undefined];
}

class IpsecSaBlock implements ShowBlock {
  private readonly entries: Array<{ entry: IpsecSaEntry; lines: LogLine[] }> = [];
  private current: { entry: IpsecSaEntry; lines: LogLine[] } | undefined;
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

  private entry(line: LogLine): { entry: IpsecSaEntry; lines: LogLine[] } {
    if (!this.current) this.startEntry({});
    this.current!.lines.push(line);
    return this.current!;
  }

  private startEntry(from: Partial<IpsecSaEntry>): void {
    const entry: IpsecSaEntry = { platform: this.platform, counters: {}, sas: [], ...from };
    if (this.iface !== undefined) entry.interface = this.iface;
    this.current = { entry, lines: [] };
    this.entries.push(this.current);
    this.dir = undefined;
    this.sa = undefined;
  }

  private parse(t: string, line: LogLine): void {
    let m: RegExpExecArray | null;
    if ((m = /^interface:\s*(\S+)/.exec(t))) {
      this.iface = m[1]!;
      this.current = undefined;
      return void this.entry(line);
    }
    if (t.startsWith('Crypto map tag')) {
      m = /^Crypto map tag:\s*([^,]+),\s*(?:seq num:\s*(\d+),\s*)?local addr[.:]?\s*(\S+)/.exec(t);
      if (/local addr:/.test(t)) this.platform = 'asa';
      this.startEntry({
        ...(m?.[1] && { cryptoMapTag: m[1].trim() }),
        ...(m?.[2] && { seqNum: m[2] }),
        ...(m?.[3] && { localAddr: m[3] }),
      });
      return void this.entry(line);
    }
    const cur = this.entry(line);
    // Most lines of the output describe one SA: skip the entry-level tests for them.
    if (this.sa && SA_FIELD.test(t)) return this.saField(t, this.sa);
    const e = cur.entry;
    if (/^local\s+ident/.test(t)) {
      if (e.localIdent) {
        // IOS lists several proxy pairs under one crypto map tag: each is an entry of its own.
        const keep = {
          ...(e.cryptoMapTag && { cryptoMapTag: e.cryptoMapTag }),
          ...(e.localAddr && { localAddr: e.localAddr }),
        };
        this.startEntry(keep);
        cur.lines.pop();
        this.current!.lines.push(line);
        const id = ident(t);
        if (id) this.current!.entry.localIdent = id;
        return;
      }
      const id = ident(t);
      if (id) e.localIdent = id;
    } else if (/^remote\s+ident/.test(t)) {
      const id = ident(t);
      if (id) e.remoteIdent = id;
    } else if ((m = /^current_peer:?\s*(\S+?)(?:\s+port\s+(\d+))?\s*$/.exec(t))) {
      e.currentPeer = m[1]!;
      if (m[2]) e.peerPort = m[2];
    } else if ((m = /^dynamic allocated peer ip:\s*(\S+)/.exec(t))) e.dynamicPeer = m[1]!;
    else if ((m = /^protected vrf:\s*(.+)$/.exec(t))) e.protectedVrf = m[1]!.trim();
    else if (t.startsWith('access-list')) e.accessList = t;
    else if ((m = /^(PERMIT|DENY),\s*flags=\{(.*)\}/.exec(t))) {
      e.action = m[1]!;
      e.flags = m[2]!;
    } else if (t.startsWith('#')) {
      for (const c of t.matchAll(/#+([^#:,]+?)\s*:?\s*(\d+)/g)) e.counters[counterKey(c[1]!)] = Number(c[2]);
    } else if ((m = /^local crypto endpt\.?:\s*([^,\s]+),\s*remote crypto endpt\.?:\s*(\S+)/.exec(t))) {
      const [la, lp] = splitEndpoint(m[1]!);
      const [ra, rp] = splitEndpoint(m[2]!.replace(/,$/, ''));
      e.localEndpoint = la;
      e.remoteEndpoint = ra;
      if (lp) e.localEndpointPort = lp;
      if (rp) e.remoteEndpointPort = rp;
    } else if (/mtu/.test(t) && !t.startsWith('PMTU')) {
      const get = (re: RegExp) => re.exec(t)?.[1];
      const set = (
        k: 'plaintextMtu' | 'pathMtu' | 'ipMtu' | 'mediaMtu' | 'ipsecOverhead' | 'ipMtuIdb',
        v: string | undefined,
      ) => {
        if (v !== undefined) e[k] = v;
      };
      set('plaintextMtu', get(/plaintext mtu (\d+)/));
      set('pathMtu', get(/path mtu (\d+)/));
      set('ipMtu', get(/ip mtu (\d+)/));
      set('ipMtuIdb', get(/ip mtu idb (\S+)/));
      set('mediaMtu', get(/media mtu (\d+)/));
      set('ipsecOverhead', get(/ipsec overhead (\d+)/));
    } else if ((m = /^current outbound spi:\s*(\S+)/.exec(t))) e.currentOutboundSpi = m[1]!;
    else if ((m = /^current inbound spi\s*:\s*(\S+)/.exec(t))) e.currentInboundSpi = m[1]!;
    else if ((m = /^PFS \(Y\/N\):\s*(\S+),\s*DH group:\s*(\S+)/.exec(t))) {
      e.pfs = m[1]!;
      e.dhGroup = m[2]!;
    } else if ((m = /^(inbound|outbound)\s+(esp|ah|pcp)\s*sas/i.exec(t))) {
      this.dir = {
        direction: m[1]!.toLowerCase() as IpsecSa['direction'],
        protocol: m[2]!.toLowerCase() as IpsecSa['protocol'],
      };
      this.sa = undefined;
    } else if ((m = /^spi:\s*(0x[0-9A-Fa-f]+)\s*(?:\((\d+)\))?/.exec(t)) && this.dir) {
      this.sa = { ...this.dir, spiHex: m[1]!, ...(m[2] && { spiDec: m[2] }) };
      e.sas.push(this.sa);
    } else if (this.sa) this.saField(t, this.sa);
  }

  private saField(t: string, sa: IpsecSa): void {
    let m: RegExpExecArray | null;
    if ((m = /^transform:\s*(.*?)\s*,?\s*$/.exec(t))) sa.transform = m[1]!.replace(/\s*,$/, '');
    else if ((m = /^in use settings\s*=\s*\{(.*)\}/.exec(t))) sa.settings = m[1]!.replace(/,\s*$/, '').trim();
    else if (/^(slot:|conn id|conn_id)/.test(t)) {
      const slot = /slot:\s*(\d+)/.exec(t)?.[1];
      const conn = /conn[ _]id:\s*(\d+)/.exec(t)?.[1];
      const flow = /flow_id:\s*([^,]+)/.exec(t)?.[1];
      const sib = /sibling_flags\s+(\S+?),/.exec(t)?.[1];
      const map = /crypto[ -]map:\s*(\S+)/.exec(t)?.[1];
      if (slot !== undefined) sa.slot = slot;
      if (conn !== undefined) sa.connId = conn;
      if (flow !== undefined) sa.flowId = flow.trim();
      if (sib !== undefined) sa.siblingFlags = sib;
      if (map !== undefined) sa.cryptoMap = map;
    } else if (t.startsWith('sa timing')) {
      const pair = /\((\d+)\/(\d+)\)/.exec(t);
      if (pair) {
        sa.lifetimeKb = pair[1]!;
        sa.lifetimeSec = pair[2]!;
      } else {
        const sec = /\(sec\):\s*(\d+)/.exec(t)?.[1];
        if (sec) sa.lifetimeSec = sec;
      }
    } else if ((m = /^IV size:\s*(.+)$/.exec(t))) sa.ivSize = m[1]!.trim();
    else if ((m = /^replay detection support:\s*(\S+)(?:\s+replay window size:\s*(\d+))?/.exec(t))) {
      sa.replayDetection = m[1]!;
      if (m[2]) sa.replayWindow = m[2];
    } else if ((m = /^Status:\s*(\S+)/.exec(t))) sa.status = m[1]!;
    else if ((m = /^SA State:\s*(\S+)/.exec(t))) sa.saState = m[1]!;
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
