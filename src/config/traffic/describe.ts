import { aclWords, fromUint } from '../parse/address.js';
import { protocolName } from '../parse/protocols.js';
import type { Cube } from './cube.js';
import { type Flow, hasPorts } from './flow.js';
import { type Interval, isAllPorts } from './interval.js';
import { mergeCubes } from './merge.js';
import { TrafficSet } from './set.js';
import { type Ternary, ternary, ternaryMatches } from './ternary.js';

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
 * A set as ACL-like lines (`permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255`), exact under
 * first-match. Protocols that carry the same traffic are described together: a few protocols get
 * one line each per region; the class holding most protocols gets, per region, `deny` lines for
 * the protocols outside it then `permit ip`, placed last so those denies only meet packets the
 * earlier lines left (its regions are disjoint, so one region's denies never shadow another's).
 * An empty set has no lines.
 */
export function describeTraffic(set: TrafficSet, options: DescribeOptions = {}): TrafficDescription {
  const form = options.form ?? 'wildcard';
  const region = (c: Cube) =>
    `${address(c.src, form)}${ports(c.srcPorts)} ${address(c.dst, form)}${ports(c.dstPorts)}`;
  const lines: string[] = [];
  const classes = protocolClasses(set.cubes);
  const most = classes.find((c) => c.protocols.length > PROTOCOL_COUNT / 2);
  for (const c of classes.filter((c) => c !== most)) {
    for (const p of c.protocols)
      lines.push(...c.regions.map((r) => `permit ${protocolName(p)} ${region(r)}`));
  }
  if (most !== undefined) {
    const outside = ALL_PROTOCOLS.filter((p) => !most.protocols.includes(p));
    for (const r of most.regions) {
      lines.push(...outside.map((p) => `deny ${protocolName(p)} ${region(r)}`), `permit ip ${region(r)}`);
    }
  }
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

/** Protocols whose traffic is the same set of regions (addresses and ports). */
interface ProtocolClass {
  protocols: number[];
  /** Disjoint, merged, sorted; their protocol field is not used. */
  regions: Cube[];
}

/**
 * Protocols grouped by the traffic they carry. Protocols matched by the same cubes surely carry
 * the same traffic; then groups whose traffic is equal though cut differently (`ip` minus `tcp`
 * leaves eight cubes, one per protocol bit) are joined. Protocols without traffic are left out.
 */
function protocolClasses(cubes: readonly Cube[]): ProtocolClass[] {
  const everyProtocol = cubes.filter((c) => c.proto.care === 0);
  const some = cubes.filter((c) => c.proto.care !== 0);
  const bySignature = new Map<string, { protocols: number[]; cubes: Cube[] }>();
  for (const p of ALL_PROTOCOLS) {
    const indices = some.flatMap((c, i) => (ternaryMatches(c.proto, p) ? [i] : []));
    const matching = indices.map((i) => some[i] as Cube);
    const signature = indices.join(',');
    const group = bySignature.get(signature) ?? { protocols: [], cubes: [...everyProtocol, ...matching] };
    bySignature.set(signature, group);
    group.protocols.push(p);
  }
  const classes: { protocols: number[]; traffic: TrafficSet }[] = [];
  for (const g of bySignature.values()) {
    if (g.cubes.length === 0) continue;
    const traffic = TrafficSet.fromDisjointCubes(g.cubes.map((c) => ({ ...c, proto: ANY_PROTOCOL })));
    const same = classes.find((c) => c.traffic.equals(traffic));
    if (same) same.protocols.push(...g.protocols);
    else classes.push({ protocols: g.protocols, traffic });
  }
  return classes.map((c) => ({
    protocols: c.protocols.sort((a, b) => a - b),
    regions: mergeCubes(c.traffic.cubes).sort(byFields),
  }));
}

const ANY_PROTOCOL = ternary(0, 0);

function byFields(a: Cube, b: Cube): number {
  return (
    a.src.value - b.src.value ||
    b.src.care - a.src.care ||
    a.dst.value - b.dst.value ||
    b.dst.care - a.dst.care ||
    a.srcPorts.lo - b.srcPorts.lo ||
    a.dstPorts.lo - b.dstPorts.lo
  );
}
