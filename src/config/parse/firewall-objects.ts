import type { AddressMatch, PortRange } from '../model.js';
import { host, withMask, withWildcard } from './address.js';
import { type FirewallContext, addressOf, fail, guarded, ignore } from './firewall-context.js';
import { TCP, UDP, portQualifier, protocolOf } from './protocols.js';
import type { ConfigLine, Section } from './source.js';

/** Most rows one object, group or ACL line may expand to before it is reported instead. */
export const MAX_EXPANSION = 10_000;
/** Deepest `group-object` nesting followed. */
const MAX_DEPTH = 64;

/** A protocol with optional port ranges; undefined protocol = `ip`, undefined ports = any. */
export interface ServiceSpec {
  protocol?: number;
  src?: PortRange[];
  dst?: PortRange[];
}

type GroupType = 'network' | 'service' | 'port' | 'protocol' | 'icmp-type' | 'other';

type Member =
  | { kind: 'addresses'; matches: AddressMatch[] }
  | { kind: 'services'; specs: ServiceSpec[] }
  | { kind: 'ports'; ranges: PortRange[] }
  | { kind: 'object'; name: string }
  | { kind: 'group'; name: string };

interface Group {
  type: GroupType;
  members: Member[];
  /** A member line could not be read: using the group would be a guess. */
  broken?: boolean;
}

interface NetworkObject {
  /** Empty for an IPv6 object: it matches no IPv4 traffic. */
  matches: AddressMatch[];
  /** An FQDN object's addresses are only known at run time. */
  fqdn?: boolean;
  broken?: boolean;
}

interface ServiceObject {
  specs: ServiceSpec[];
  broken?: boolean;
}

export interface ObjectStore {
  networks: Map<string, NetworkObject>;
  services: Map<string, ServiceObject>;
  groups: Map<string, Group>;
  /** `nat …` lines inside `object network X`: read once every object is known. */
  objectNat: { object: string; line: ConfigLine }[];
  /** Groups already flattened (members of nested groups included). */
  flattened: Map<string, Member[]>;
}

export function emptyObjects(): ObjectStore {
  return { networks: new Map(), services: new Map(), groups: new Map(), objectNat: [], flattened: new Map() };
}

/** The minimal list of prefixes covering lo..hi (inclusive, uint32). */
export function rangeMatches(lo: number, hi: number): AddressMatch[] {
  if (lo > hi) fail('range whose first address is above its last');
  const out: AddressMatch[] = [];
  let cur = lo;
  while (cur <= hi) {
    let size = 1;
    while (size < 2 ** 32 && cur % (size * 2) === 0 && cur + size * 2 - 1 <= hi) size *= 2;
    out.push(withWildcard(cur, size - 1));
    cur += size;
  }
  return out;
}

const isV6 = (word: string | undefined): boolean => word !== undefined && word.includes(':');

/** `host A`, `A M`, `range A B`, `subnet A M` value words → matches; [] for IPv6 forms. */
function addressWords(ctx: FirewallContext, kind: string, a?: string, b?: string): AddressMatch[] {
  if (isV6(a)) return [];
  const first = addressOf(ctx, a);
  if (first === undefined) fail(`unrecognised address '${a ?? ''}'`);
  if (kind === 'host') return [host(first)];
  const second = addressOf(ctx, b);
  if (second === undefined) fail(`unrecognised ${kind === 'range' ? 'address' : 'mask'} '${b ?? ''}'`);
  return kind === 'range' ? rangeMatches(first, second) : [withMask(first, second)];
}

const OPERATORS = new Set(['eq', 'neq', 'lt', 'gt', 'range']);
const PORTED = new Set([TCP, UDP, 132]);

function portsAt(words: readonly string[], i: number): { ranges: PortRange[]; next: number } {
  const q = portQualifier(words, i);
  if (q.error !== undefined || q.ranges === undefined)
    fail(q.error ?? `expected a port after '${words[i - 1] ?? ''}'`);
  return { ranges: q.ranges, next: q.next };
}

/**
 * A service as objects and service-object lines write it: `tcp`, `tcp destination eq 443`,
 * `udp source range 1 2 destination eq 53`, `tcp eq 80` (8.2: destination), `tcp-udp …`,
 * `icmp [type [code]]`, `esp`, `50`.
 */
export function serviceAt(words: readonly string[], i: number): ServiceSpec[] {
  const word = words[i]?.toLowerCase();
  const protocols: (number | undefined)[] = [];
  if (word === 'tcp-udp') protocols.push(TCP, UDP);
  else {
    const p = protocolOf(word);
    if (!p.known) fail(`unrecognised protocol '${words[i] ?? ''}'`);
    protocols.push(p.protocol);
  }
  const ported = protocols.every((p) => p !== undefined && PORTED.has(p));
  let src: PortRange[] | undefined;
  let dst: PortRange[] | undefined;
  let j = i + 1;
  while (j < words.length) {
    const w = words[j]?.toLowerCase() ?? '';
    if (ported && (w === 'source' || w === 'destination')) {
      const q = portsAt(words, j + 1);
      if (w === 'source') src = q.ranges;
      else dst = q.ranges;
      j = q.next;
    } else if (ported && OPERATORS.has(w)) {
      const q = portsAt(words, j);
      dst = q.ranges;
      j = q.next;
    } else if (protocols[0] === 1 || protocols[0] === 58)
      break; // ICMP type and code: not modelled.
    else fail(`unexpected '${words[j] ?? ''}' in a service`);
  }
  return protocols.map((protocol) => ({
    ...(protocol !== undefined && { protocol }),
    ...(src && { src }),
    ...(dst && { dst }),
  }));
}

function memberOf(ctx: FirewallContext, type: GroupType, words: readonly string[]): Member | undefined {
  const [k0, k1, k2] = [words[0]?.toLowerCase(), words[1], words[2]];
  if (k0 === 'description') return undefined;
  if (k0 === 'group-object' && k1) return { kind: 'group', name: k1 };
  if (type === 'network' && k0 === 'network-object') {
    if (k1?.toLowerCase() === 'object' && k2) return { kind: 'object', name: k2 };
    if (k1?.toLowerCase() === 'host') return { kind: 'addresses', matches: addressWords(ctx, 'host', k2) };
    return { kind: 'addresses', matches: addressWords(ctx, 'subnet', k1, k2) };
  }
  if (type === 'port' && k0 === 'port-object') return { kind: 'ports', ranges: portsAt(words, 1).ranges };
  if (type === 'service' && k0 === 'service-object') {
    if (k1?.toLowerCase() === 'object' && k2) return { kind: 'object', name: k2 };
    return { kind: 'services', specs: serviceAt(words, 1) };
  }
  if (type === 'protocol' && k0 === 'protocol-object') {
    const p = protocolOf(k1);
    if (!p.known) fail(`unrecognised protocol '${k1 ?? ''}'`);
    return { kind: 'services', specs: [p.protocol === undefined ? {} : { protocol: p.protocol }] };
  }
  if (type === 'icmp-type' && k0 === 'icmp-object') return undefined;
  fail(`unrecognised ${type} object-group member '${words[0] ?? ''}'`);
}

const GROUP_TYPES: Record<string, GroupType> = {
  network: 'network',
  service: 'service',
  protocol: 'protocol',
  'icmp-type': 'icmp-type',
};

/** `object-group network|service|protocol|icmp-type NAME [tcp|udp|tcp-udp]` and its members. */
export function readObjectGroup(ctx: FirewallContext, s: Section): void {
  const [, typeWord, name, protocolWord] = s.head.words;
  if (!name) fail('object-group without a name');
  const portProtocol = protocolWord?.toLowerCase();
  let type: GroupType = GROUP_TYPES[typeWord?.toLowerCase() ?? ''] ?? 'other';
  if (type === 'service' && portProtocol !== undefined) {
    if (!['tcp', 'udp', 'tcp-udp'].includes(portProtocol))
      fail(`unrecognised port group protocol '${protocolWord}'`);
    type = 'port';
  }
  const group: Group = { type, members: [] };
  ctx.objects.groups.set(name, group);
  if (type === 'other') return ignore(ctx, 1 + s.body.length);
  for (const l of s.body)
    guarded(ctx, l.ref, () => {
      try {
        const m = memberOf(ctx, type, l.words);
        if (m) group.members.push(m);
      } catch (e) {
        group.broken = true;
        throw e;
      }
    });
}

/** `object network NAME` (host/subnet/range/fqdn; `nat` lines kept for later) and `object service NAME`. */
export function readObject(ctx: FirewallContext, s: Section): void {
  const [, typeWord, name] = s.head.words;
  const type = typeWord?.toLowerCase();
  if (!name) fail('object without a name');
  if (type === 'service') {
    const svc: ServiceObject = ctx.objects.services.get(name) ?? { specs: [] };
    ctx.objects.services.set(name, svc);
    for (const l of s.body)
      guarded(ctx, l.ref, () => {
        const k0 = l.words[0]?.toLowerCase();
        if (k0 === 'description') return;
        if (k0 !== 'service') fail(`unrecognised service object line '${l.words[0] ?? ''}'`);
        try {
          svc.specs = serviceAt(l.words, 1);
        } catch (e) {
          svc.broken = true;
          throw e;
        }
      });
    return;
  }
  if (type !== 'network') return ignore(ctx, 1 + s.body.length);
  const net: NetworkObject = ctx.objects.networks.get(name) ?? { matches: [] };
  ctx.objects.networks.set(name, net);
  for (const l of s.body)
    guarded(ctx, l.ref, () => {
      const [k0, a, b] = [l.words[0]?.toLowerCase() ?? '', l.words[1], l.words[2]];
      if (k0 === 'nat') ctx.objects.objectNat.push({ object: name, line: l });
      else if (k0 === 'host' || k0 === 'subnet' || k0 === 'range') {
        try {
          net.matches = addressWords(ctx, k0, a, b);
          net.fqdn = false;
        } catch (e) {
          net.broken = true;
          throw e;
        }
      } else if (k0 === 'fqdn') net.fqdn = true;
      else if (k0 !== 'description') fail(`unrecognised network object line '${l.words[0] ?? ''}'`);
    });
}

function capped<T>(items: T[], what: string): T[] {
  if (items.length > MAX_EXPANSION) fail(`${what} expands to more than ${MAX_EXPANSION} entries`);
  return items;
}

/** IPv4 matches of `object NAME` (network object); none for an IPv6 object. */
export function objectMatches(ctx: FirewallContext, name: string): AddressMatch[] {
  const obj = ctx.objects.networks.get(name);
  if (!obj) fail(`network object '${name}' is not defined`);
  if (obj.broken) fail(`network object '${name}' has a line that could not be read`);
  if (obj.fqdn) fail(`network object '${name}' is an FQDN: its addresses are only known at run time`);
  return obj.matches;
}

export function groupType(ctx: FirewallContext, name: string | undefined): GroupType | undefined {
  return name === undefined ? undefined : ctx.objects.groups.get(name)?.type;
}

/**
 * Members of a group and of the groups it nests, depth-first, refusing cycles. Memoised: a group
 * nested twice at every level must not cost 2^depth walks.
 */
function flatten(ctx: FirewallContext, name: string, type: GroupType, path: string[] = []): Member[] {
  const group = ctx.objects.groups.get(name);
  if (!group) fail(`object-group '${name}' is not defined`);
  if (group.type !== type) fail(`object-group '${name}' is not a ${type} group`);
  if (group.broken) fail(`object-group '${name}' has a line that could not be read`);
  if (path.includes(name)) fail(`object-group '${name}' contains itself`);
  if (path.length >= MAX_DEPTH) fail(`object-group '${name}' is nested too deeply`);
  const known = ctx.objects.flattened.get(name);
  if (known) return known;
  const out: Member[] = [];
  for (const m of group.members) {
    for (const x of m.kind === 'group' ? flatten(ctx, m.name, type, [...path, name]) : [m]) out.push(x);
    capped(out, `object-group '${name}'`);
  }
  ctx.objects.flattened.set(name, out);
  return out;
}

export function groupMatches(ctx: FirewallContext, name: string): AddressMatch[] {
  const out: AddressMatch[] = [];
  for (const m of flatten(ctx, name, 'network')) {
    if (m.kind === 'addresses') out.push(...m.matches);
    else if (m.kind === 'object') out.push(...objectMatches(ctx, m.name));
    capped(out, `object-group '${name}'`);
  }
  return out;
}

export function serviceObjectSpecs(ctx: FirewallContext, name: string): ServiceSpec[] {
  const svc = ctx.objects.services.get(name);
  if (!svc) fail(`service object '${name}' is not defined`);
  if (svc.broken) fail(`service object '${name}' has a line that could not be read`);
  if (svc.specs.length === 0) fail(`service object '${name}' has no service`);
  return svc.specs;
}

/** Services of a protocol-less service group or of a protocol group. */
export function groupServices(ctx: FirewallContext, name: string): ServiceSpec[] {
  const type = groupType(ctx, name);
  if (type !== 'service' && type !== 'protocol') fail(`object-group '${name}' is not a service group`);
  const out: ServiceSpec[] = [];
  for (const m of flatten(ctx, name, type)) {
    if (m.kind === 'services') out.push(...m.specs);
    else if (m.kind === 'object') out.push(...serviceObjectSpecs(ctx, m.name));
    capped(out, `object-group '${name}'`);
  }
  return out;
}

/** Port ranges of a `object-group service NAME tcp|udp|tcp-udp` group. */
export function groupPorts(ctx: FirewallContext, name: string): PortRange[] {
  const out: PortRange[] = [];
  for (const m of flatten(ctx, name, 'port')) if (m.kind === 'ports') out.push(...m.ranges);
  return capped(out, `object-group '${name}'`);
}
