import type { Acl, AclEntry, AddressMatch, PortRange, SourceRef } from '../model.js';
import { ANY, host, toUint, withMask } from './address.js';
import { type FirewallContext, addressOf, fail, ignore } from './firewall-context.js';
import {
  MAX_EXPANSION,
  type ServiceSpec,
  groupMatches,
  groupPorts,
  groupServices,
  groupType,
  objectMatches,
  serviceObjectSpecs,
} from './firewall-objects.js';
import { TCP, UDP, portQualifier, protocolOf } from './protocols.js';
import { type Section, int } from './source.js';

/** Most ACL rows one device may hold: past this, object-group expansion is reported, not done. */
export const MAX_DEVICE_ROWS = 1_000_000;

/** `access-list` keywords that carry no IPv4 traffic match. */
const NOT_IP = new Set(['remark', 'webtype', 'ethertype', 'alert-interval', 'deny-flow-max', 'compiled']);

const LOG_LEVELS = new Set([
  'emergencies',
  'alerts',
  'critical',
  'errors',
  'warnings',
  'notifications',
  'informational',
  'debugging',
  'default',
  'disable',
]);

export function aclNamed(ctx: FirewallContext, name: string, ref: SourceRef): Acl {
  let acl = ctx.device.acls.get(name);
  if (!acl) {
    acl = { name, entries: [], ref };
    ctx.device.acls.set(name, acl);
  }
  return acl;
}

/**
 * `access-list NAME [line N] [extended|standard] permit|deny …` (ASA) and `access-list NAME
 * permit|deny …` (PIX 6). Object-groups expand into one row per combination.
 */
export function readAccessList(ctx: FirewallContext, s: Section): void {
  const w = s.head.words;
  const name = w[1];
  let i = 2;
  if (w[i]?.toLowerCase() === 'line' && int(w[i + 1]) !== undefined) i += 2;
  const kind = w[i]?.toLowerCase();
  if (!name || kind === undefined || NOT_IP.has(kind) || NOT_IP.has(name.toLowerCase()))
    return ignore(ctx, 1 + s.body.length);
  const standard = kind === 'standard';
  if (kind === 'extended' || standard) i++;
  const acl = aclNamed(ctx, name, s.head.ref);
  const rows = entriesOf(ctx, w, i, standard, s.head.ref);
  if (ctx.rows + rows.length > MAX_DEVICE_ROWS)
    fail(`more than ${MAX_DEVICE_ROWS} ACL entries on this device`);
  ctx.rows += rows.length;
  acl.entries.push(...rows);
  ignore(ctx, s.body.length);
}

/** `any`, `any4`, `host A`, `A M`, `object X`, `object-group X`, `interface IF`; IPv6 forms match nothing. */
function addressAt(
  ctx: FirewallContext,
  words: readonly string[],
  j: number,
): { matches: AddressMatch[]; next: number } {
  const word = words[j];
  const w = word?.toLowerCase();
  const arg = words[j + 1];
  if (w === 'any' || w === 'any4') return { matches: [ANY], next: j + 1 };
  if (w === 'any6') return { matches: [], next: j + 1 };
  if (w === 'host') {
    if (arg?.includes(':')) return { matches: [], next: j + 2 };
    const a = addressOf(ctx, arg);
    if (a === undefined) fail(`unrecognised host '${arg ?? ''}'`);
    return { matches: [host(a)], next: j + 2 };
  }
  if (w === 'object' && arg) return { matches: objectMatches(ctx, arg), next: j + 2 };
  if (w === 'object-group' && arg) return { matches: groupMatches(ctx, arg), next: j + 2 };
  if (w === 'interface' && arg) {
    const itf = ctx.byNameif.get(arg);
    const a = toUint(itf?.address);
    if (a === undefined) fail(`interface '${arg}' has no known address`);
    return { matches: [host(a)], next: j + 2 };
  }
  if (word?.includes(':')) return { matches: [], next: j + 1 };
  const a = addressOf(ctx, word);
  const m = toUint(arg);
  if (a === undefined || m === undefined) fail(`unrecognised address '${word ?? ''}'`);
  return { matches: [withMask(a, m)], next: j + 2 };
}

/** A port qualifier or a tcp/udp port object-group; undefined ranges = any port. */
function portsAt(
  ctx: FirewallContext,
  words: readonly string[],
  j: number,
): { ranges?: PortRange[]; next: number } {
  if (words[j]?.toLowerCase() === 'object-group' && groupType(ctx, words[j + 1]) === 'port')
    return { ranges: groupPorts(ctx, words[j + 1] ?? ''), next: j + 2 };
  const q = portQualifier(words, j);
  if (q.error !== undefined) fail(q.error);
  return q;
}

/** The protocol position: a keyword or number, a service object, a service or protocol group. */
function servicesAt(
  ctx: FirewallContext,
  words: readonly string[],
  j: number,
): { specs: ServiceSpec[]; ported: boolean; next: number } {
  const w = words[j]?.toLowerCase();
  const arg = words[j + 1];
  if (w === 'object' && arg) return { specs: serviceObjectSpecs(ctx, arg), ported: false, next: j + 2 };
  if (w === 'object-group' && arg) {
    const specs = groupServices(ctx, arg);
    const ported =
      groupType(ctx, arg) === 'protocol' && specs.every((s) => s.protocol === TCP || s.protocol === UDP);
    return { specs, ported, next: j + 2 };
  }
  const p = protocolOf(w);
  if (!p.known) fail(`unrecognised protocol '${words[j] ?? ''}'`);
  const ported = p.protocol === TCP || p.protocol === UDP || p.protocol === 132;
  return { specs: [p.protocol === undefined ? {} : { protocol: p.protocol }], ported, next: j + 1 };
}

/** Words after the destination: logging, time ranges, `inactive`, ICMP types. Returns whether inactive. */
function trailing(words: readonly string[], j: number, icmp: boolean): boolean {
  let inactive = false;
  let typeSeen = false;
  while (j < words.length) {
    const w = words[j]?.toLowerCase() ?? '';
    if (w === 'log') {
      j++;
      while (j < words.length) {
        const x = words[j]?.toLowerCase() ?? '';
        if (/^[0-7]$/.test(x) || LOG_LEVELS.has(x)) j++;
        else if (x === 'interval' && int(words[j + 1]) !== undefined) j += 2;
        else break;
      }
    } else if (w === 'inactive') {
      inactive = true;
      j++;
    } else if (w === 'time-range' && words[j + 1]) j += 2;
    else if (icmp && !typeSeen && w === 'object-group' && words[j + 1]) {
      typeSeen = true;
      j += 2;
    } else if (icmp && !typeSeen && /^[a-z0-9-]+$/.test(w)) {
      // An ICMP type (and code) narrows the entry; the model matches the protocol only.
      typeSeen = true;
      j += int(words[j + 1]) !== undefined ? 2 : 1;
    } else fail(`unexpected '${words[j] ?? ''}' after the destination`);
  }
  return inactive;
}

function entriesOf(
  ctx: FirewallContext,
  words: readonly string[],
  i: number,
  standard: boolean,
  ref: SourceRef,
): AclEntry[] {
  const action = words[i]?.toLowerCase();
  if (action !== 'permit' && action !== 'deny') fail('access-list line without permit or deny');
  if (standard) {
    const src = addressAt(ctx, words, i + 1);
    if (src.next < words.length) trailing(words, src.next, false);
    return src.matches.map((m) => ({ action, src: m, dst: ANY, ref }));
  }
  const svc = servicesAt(ctx, words, i + 1);
  const src = addressAt(ctx, words, svc.next);
  const sp = svc.ported ? portsAt(ctx, words, src.next) : { next: src.next };
  const dst = addressAt(ctx, words, sp.next);
  const dp = svc.ported ? portsAt(ctx, words, dst.next) : { next: dst.next };
  const icmp = svc.specs.length === 1 && (svc.specs[0]?.protocol === 1 || svc.specs[0]?.protocol === 58);
  if (trailing(words, dp.next, icmp)) return [];
  return rows(action, svc.specs, src.matches, dst.matches, sp.ranges, dp.ranges, ref);
}

/**
 * Every combination of service × source × destination × ports, as ACL rows. Ports written on the
 * ACL line win over a service's own (the device allows only one of the two).
 */
export function rows(
  action: 'permit' | 'deny',
  specs: readonly ServiceSpec[],
  srcs: readonly AddressMatch[],
  dsts: readonly AddressMatch[],
  srcRanges: readonly PortRange[] | undefined,
  dstRanges: readonly PortRange[] | undefined,
  ref: SourceRef,
): AclEntry[] {
  const portCount = (ranges: readonly PortRange[] | undefined) => Math.max(1, ranges?.length ?? 1);
  const size = specs.reduce(
    (n, spec) => n + portCount(srcRanges ?? spec.src) * portCount(dstRanges ?? spec.dst),
    0,
  );
  if (size * srcs.length * dsts.length > MAX_EXPANSION)
    fail(`expands to ${size * srcs.length * dsts.length} entries, more than ${MAX_EXPANSION}`);
  const out: AclEntry[] = [];
  for (const spec of specs)
    for (const src of srcs)
      for (const dst of dsts)
        for (const srcPorts of srcRanges ?? spec.src ?? [undefined])
          for (const dstPorts of dstRanges ?? spec.dst ?? [undefined])
            out.push({
              action,
              ...(spec.protocol !== undefined && { protocol: spec.protocol }),
              src,
              dst,
              ...(srcPorts && { srcPorts }),
              ...(dstPorts && { dstPorts }),
              ref,
            });
  return out;
}
