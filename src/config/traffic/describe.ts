import { aclWords, fromUint } from '../parse/address.js';
import { protocolOf } from '../parse/protocols.js';
import type { Cube } from './cube.js';
import { type Flow, hasPorts } from './flow.js';
import { type Interval, isAllPorts } from './interval.js';
import type { TrafficSet } from './set.js';
import { type Ternary, ternaryMatches } from './ternary.js';

export interface DescribeOptions {
  /** Lines kept; the rest are counted in `omitted`. Default 20. */
  maxLines?: number;
  /** `wildcard` as IOS writes ACLs (default), `mask` as PIX/ASA do. */
  form?: 'wildcard' | 'mask';
}

export interface TrafficDescription {
  /** ACL lines that, read top-down with first-match, permit exactly the set (or its first lines). */
  lines: string[];
  omitted: number;
}

/**
 * A set as ACL-like lines (`permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255`). Cubes with the same
 * addresses and ports are gathered by protocol: all protocols is one `ip` line; most protocols is
 * `deny` lines for the missing ones then `permit ip` (placed after every other line, where their
 * denies cannot shadow anything: two such groups never share addresses, or they would overlap);
 * a few protocols are one line each. An empty set has no lines.
 */
export function describeTraffic(set: TrafficSet, options: DescribeOptions = {}): TrafficDescription {
  const form = options.form ?? 'wildcard';
  const exact: string[] = [];
  const complements: string[] = [];
  for (const g of groupByProtocol(set.normalized().cubes)) {
    const rest = `${address(g.cube.src, form)}${ports(g.cube.srcPorts)} ${address(g.cube.dst, form)}${ports(g.cube.dstPorts)}`;
    if (g.protocols.length === PROTOCOL_COUNT) exact.push(`permit ip ${rest}`);
    else if (
      g.protocols.length > PROTOCOL_COUNT / 2 &&
      isAllPorts(g.cube.srcPorts) &&
      isAllPorts(g.cube.dstPorts)
    ) {
      const missing = ALL_PROTOCOLS.filter((p) => !g.protocols.includes(p));
      complements.push(...missing.map((p) => `deny ${protocolName(p)} ${rest}`), `permit ip ${rest}`);
    } else exact.push(...g.protocols.map((p) => `permit ${protocolName(p)} ${rest}`));
  }
  const lines = [...exact, ...complements];
  const maxLines = options.maxLines ?? 20;
  return { lines: lines.slice(0, maxLines), omitted: Math.max(0, lines.length - maxLines) };
}

/** `10.1.1.5 → 20.1.1.7 tcp/80`: a flow for "for example, …" messages. */
export function formatFlow(flow: Flow): string {
  const port = hasPorts(flow.protocol) ? `/${flow.dstPort}` : '';
  return `${fromUint(flow.src)} → ${fromUint(flow.dst)} ${protocolName(flow.protocol)}${port}`;
}

const PROTOCOL_COUNT = 256;
const ALL_PROTOCOLS = Array.from({ length: PROTOCOL_COUNT }, (_, p) => p);
const PROTOCOL_KEYWORDS = ['icmp', 'igmp', 'tcp', 'udp', 'gre', 'esp', 'ahp', 'eigrp', 'ospf', 'pim', 'sctp'];
const PROTOCOL_NAMES = new Map(PROTOCOL_KEYWORDS.map((name) => [protocolOf(name).protocol, name]));

function protocolName(p: number): string {
  return PROTOCOL_NAMES.get(p) ?? String(p);
}

function address(t: Ternary, form: 'wildcard' | 'mask'): string {
  return aclWords({ addr: t.value, wildcard: ~t.care >>> 0 }, form);
}

function ports(i: Interval): string {
  if (isAllPorts(i)) return '';
  if (i.lo === i.hi) return ` eq ${i.lo}`;
  if (i.lo === 0) return ` lt ${i.hi + 1}`;
  if (i.hi === 65535) return ` gt ${i.lo - 1}`;
  return ` range ${i.lo} ${i.hi}`;
}

interface ProtocolGroup {
  /** Addresses and ports shared by the group (its protocol field is not used). */
  cube: Cube;
  protocols: number[];
}

function groupByProtocol(cubes: readonly Cube[]): ProtocolGroup[] {
  const groups = new Map<string, ProtocolGroup>();
  for (const c of [...cubes].sort(byFields)) {
    const key = `${c.src.value}/${c.src.care},${c.dst.value}/${c.dst.care},${c.srcPorts.lo}-${c.srcPorts.hi},${c.dstPorts.lo}-${c.dstPorts.hi}`;
    const group = groups.get(key) ?? { cube: c, protocols: [] };
    groups.set(key, group);
    group.protocols.push(...ALL_PROTOCOLS.filter((p) => ternaryMatches(c.proto, p)));
  }
  for (const g of groups.values()) g.protocols.sort((a, b) => a - b);
  return [...groups.values()];
}

function byFields(a: Cube, b: Cube): number {
  return (
    a.src.value - b.src.value ||
    b.src.care - a.src.care ||
    a.dst.value - b.dst.value ||
    b.dst.care - a.dst.care ||
    a.proto.value - b.proto.value ||
    a.srcPorts.lo - b.srcPorts.lo ||
    a.dstPorts.lo - b.dstPorts.lo
  );
}
