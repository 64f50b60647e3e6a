import type { AddressMatch, NatRule, SourceRef } from '../model.js';
import { ANY, host, toUint, withMask } from './address.js';
import { rows } from './firewall-acl.js';
import { type FirewallContext, addressOf, fail, guarded, ignore } from './firewall-context.js';
import {
  type ServiceSpec,
  groupMatches,
  groupType,
  objectMatches,
  serviceObjectSpecs,
} from './firewall-objects.js';
import { TCP, UDP, portOf } from './protocols.js';
import { type ConfigLine, type Section, int } from './source.js';

/**
 * Evaluation order, lowest first. PIX 6 / ASA 8.2: NAT exemption, static, policy dynamic, dynamic.
 * ASA 8.3+: twice NAT (section 1), object static, object dynamic, twice NAT `after-auto` (section 3).
 */
const RANK = { first: 0, static: 1, policy: 2, dynamic: 3, afterAuto: 4 } as const;

function push(ctx: FirewallContext, rank: number, rule: NatRule): void {
  ctx.nat.push({ rank, rule });
}

/** Options the legacy `nat` / `static` commands may end with (connection limits are bare numbers). */
const LEGACY_OPTIONS = new Set(['outside', 'dns', 'norandomseq', 'nailed', 'tcp', 'udp', 'emb']);

function legacyOptions(words: readonly string[]): void {
  for (const w of words)
    if (!LEGACY_OPTIONS.has(w.toLowerCase()) && int(w) === undefined) fail(`unrecognised NAT option '${w}'`);
}

/** PIX writes `0` for 0.0.0.0 in `nat`, `global` and `route`. */
export function legacyAddress(ctx: FirewallContext, word: string | undefined): number | undefined {
  return word === '0' ? 0 : addressOf(ctx, word);
}

/** `nat (IF) ID access-list ACL …` / `nat (IF) ID ADDRESS MASK …` (PIX 6, ASA 7.x–8.2). */
function readLegacyNat(ctx: FirewallContext, line: ConfigLine): void {
  const w = line.words;
  const id = int(w[2]);
  if (id === undefined) fail('NAT rule without an id');
  const exempt = id === 0;
  if (w[3]?.toLowerCase() === 'access-list') {
    if (!w[4]) fail('NAT rule without an ACL name');
    legacyOptions(w.slice(5));
    const rule: NatRule = { kind: exempt ? 'exempt' : 'translate', acl: w[4], ref: line.ref };
    return push(ctx, exempt ? RANK.first : RANK.policy, rule);
  }
  const a = legacyAddress(ctx, w[3]);
  const m = legacyAddress(ctx, w[4]);
  if (a === undefined || m === undefined) fail('NAT rule without an address and mask');
  legacyOptions(w.slice(5));
  // `nat 0 A M` without an ACL is identity NAT: the addresses go out untranslated.
  push(ctx, RANK.dynamic, { kind: exempt ? 'exempt' : 'translate', src: withMask(a, m), ref: line.ref });
}

const INTERFACE_PAIR = /^\(([^(),\s]+),([^(),\s]+)\)$/;

/**
 * `static (REAL_IF,MAPPED_IF) [tcp|udp] MAPPED [PORT] REAL|access-list ACL [PORT] [netmask M] …`.
 * Mapped equal to real (no ports) is identity NAT: an exemption.
 */
export function readStatic(ctx: FirewallContext, s: Section): void {
  const w = s.head.words;
  if (!INTERFACE_PAIR.test(w[1] ?? '')) fail('static without (real,mapped) interfaces');
  let j = 2;
  const protocolWord = w[j]?.toLowerCase();
  const protocol = protocolWord === 'tcp' ? TCP : protocolWord === 'udp' ? UDP : undefined;
  if (protocol !== undefined) j++;
  const mapped = w[j++];
  if (protocol !== undefined) j++;
  if (w[j]?.toLowerCase() === 'access-list') {
    if (!w[j + 1]) fail('static without an ACL name');
    legacyOptions(stripNetmask(w.slice(j + 2)).rest);
    push(ctx, RANK.static, { kind: 'translate', acl: w[j + 1], ref: s.head.ref });
    return ignore(ctx, s.body.length);
  }
  const real = addressOf(ctx, w[j++]);
  if (real === undefined || !mapped) fail('static without a real address');
  const realPort = protocol === undefined ? undefined : portOf(w[j++]);
  if (protocol !== undefined && realPort === undefined) fail('static PAT without a real port');
  const { mask, rest } = stripNetmask(w.slice(j));
  legacyOptions(rest);
  ignore(ctx, s.body.length);
  if (protocol !== undefined && realPort !== undefined) {
    // Static PAT: only the real port's traffic is translated.
    const spec = { protocol, src: [{ lo: realPort, hi: realPort }] };
    return objectRule(ctx, RANK.static, 'translate', [spec], [withMask(real, mask)], [ANY], s.head.ref);
  }
  const identity = addressOf(ctx, mapped) === real;
  push(ctx, RANK.static, {
    kind: identity ? 'exempt' : 'translate',
    src: withMask(real, mask),
    ref: s.head.ref,
  });
}

function stripNetmask(words: readonly string[]): { mask: number; rest: readonly string[] } {
  if (words[0]?.toLowerCase() !== 'netmask') return { mask: 0xffffffff, rest: words };
  const mask = toUint(words[1]);
  if (mask === undefined) fail('static with an invalid netmask');
  return { mask, rest: words.slice(2) };
}

/** Addresses named in a twice-NAT rule: `any`, a network object or a network object-group. */
function namedAddresses(ctx: FirewallContext, name: string): AddressMatch[] {
  if (name.toLowerCase() === 'any') return [ANY];
  if (groupType(ctx, name) === 'network') return groupMatches(ctx, name);
  return objectMatches(ctx, name);
}

const sameSet = (a: readonly AddressMatch[], b: readonly AddressMatch[]): boolean =>
  a.length === b.length && a.every((m, i) => m.addr === b[i]?.addr && m.wildcard === b[i]?.wildcard);

/** `nat` options of ASA 8.3+ that do not change which traffic is translated. */
const NAT_OPTIONS = new Set([
  'unidirectional',
  'no-proxy-arp',
  'route-lookup',
  'dns',
  'net-to-net',
  'extended',
  'flat',
  'include-reserve',
  'round-robin',
  'block-allocation',
  'interface',
  'ipv6',
]);

/** Records a rule whose traffic is written with objects as a synthetic ACL named after its line. */
function objectRule(
  ctx: FirewallContext,
  rank: number,
  kind: NatRule['kind'],
  specs: readonly ServiceSpec[],
  srcs: readonly AddressMatch[],
  dsts: readonly AddressMatch[],
  ref: SourceRef,
): void {
  const name = `nat-${kind}@${ref.line}`;
  ctx.device.acls.set(name, {
    name,
    entries: rows('permit', specs, srcs, dsts, undefined, undefined, ref),
    ref,
  });
  push(ctx, rank, { kind, acl: name, ref });
}

/**
 * Twice NAT (ASA 8.3+): `nat (R,M) [after-auto] [N] source static|dynamic REAL MAPPED
 * [destination static MAPPED REAL] [service MAPPED REAL] [options]`. Source and destination both
 * mapped to themselves is the VPN exemption.
 */
function readTwiceNat(ctx: FirewallContext, line: ConfigLine): void {
  const w = line.words;
  let j = 2;
  let rank: number = RANK.first;
  if (['after-auto', 'after-object'].includes(w[j]?.toLowerCase() ?? '')) {
    rank = RANK.afterAuto;
    j++;
  }
  if (int(w[j]) !== undefined) j++;
  const how = w[j + 1]?.toLowerCase();
  if (w[j]?.toLowerCase() !== 'source' || (how !== 'static' && how !== 'dynamic'))
    fail('NAT rule without source static|dynamic');
  const real = w[j + 2];
  let mapped = w[j + 3];
  if (!real || !mapped) fail('NAT rule without real and mapped sources');
  j += 4;
  if (mapped.toLowerCase() === 'pat-pool') {
    mapped = w[j] ?? fail('NAT rule without a PAT pool');
    j++;
  }
  const srcs = namedAddresses(ctx, real);
  let identity =
    real === mapped ||
    (how === 'static' && mapped.toLowerCase() !== 'interface' && sameSet(srcs, namedAddresses(ctx, mapped)));
  let dsts: AddressMatch[] = [ANY];
  let specs: ServiceSpec[] = [{}];
  for (; j < w.length; j++) {
    const word = w[j]?.toLowerCase() ?? '';
    if (word === 'destination') {
      const [dHow, dMapped, dReal] = [w[j + 1]?.toLowerCase(), w[j + 2], w[j + 3]];
      if (dHow !== 'static' || !dMapped || !dReal) fail('NAT destination without static MAPPED REAL');
      dsts = namedAddresses(ctx, dReal);
      identity &&= dMapped === dReal || sameSet(dsts, namedAddresses(ctx, dMapped));
      j += 3;
    } else if (word === 'service') {
      const [sMapped, sReal] = [w[j + 1], w[j + 2]];
      if (!sMapped || !sReal) fail('NAT service without two service objects');
      specs = serviceObjectSpecs(ctx, sReal);
      identity &&= sMapped === sReal;
      j += 2;
    } else if (word === 'inactive') return ignore(ctx);
    else if (word === 'description') break;
    else if (!NAT_OPTIONS.has(word)) fail(`unrecognised NAT option '${w[j] ?? ''}'`);
  }
  objectRule(ctx, rank, identity ? 'exempt' : 'translate', specs, srcs, dsts, line.ref);
}

/** `nat (…)` at top level: legacy `nat (IF) ID …` or ASA 8.3+ twice NAT `nat (R,M) …`. */
export function readNat(ctx: FirewallContext, s: Section): void {
  const itf = s.head.words[1] ?? '';
  if (INTERFACE_PAIR.test(itf)) readTwiceNat(ctx, s.head);
  else if (/^\([^(),\s]+\)$/.test(itf)) readLegacyNat(ctx, s.head);
  else fail('NAT rule without (interfaces)');
  ignore(ctx, s.body.length);
}

/**
 * Object NAT: ` nat (R,M) static|dynamic MAPPED [service tcp|udp REAL_PORT MAPPED_PORT] [options]`
 * under `object network X`. Translates X's addresses, or exempts them when mapped to themselves.
 */
function readObjectNat(ctx: FirewallContext, object: string, line: ConfigLine): void {
  const w = line.words;
  if (!INTERFACE_PAIR.test(w[1] ?? '')) fail('object NAT without (real,mapped) interfaces');
  const how = w[2]?.toLowerCase();
  if (how !== 'static' && how !== 'dynamic') fail('object NAT without static|dynamic');
  let j = 3;
  if (w[j]?.toLowerCase() === 'pat-pool') j++;
  const mapped = w[j++];
  if (!mapped) fail('object NAT without a mapped address');
  const srcs = objectMatches(ctx, object);
  const mappedAddress = addressOf(ctx, mapped);
  const identity =
    how === 'static' &&
    (mapped === object ||
      (mappedAddress !== undefined
        ? sameSet(srcs, [host(mappedAddress)])
        : ctx.objects.networks.has(mapped) && sameSet(srcs, objectMatches(ctx, mapped))));
  let specs: ServiceSpec[] = [{}];
  for (; j < w.length; j++) {
    const word = w[j]?.toLowerCase() ?? '';
    if (word === 'service') {
      const protocol =
        w[j + 1]?.toLowerCase() === 'udp' ? UDP : w[j + 1]?.toLowerCase() === 'tcp' ? TCP : undefined;
      const port = portOf(w[j + 2]);
      if (protocol === undefined || port === undefined || portOf(w[j + 3]) === undefined)
        fail('object NAT service without tcp|udp REAL MAPPED ports');
      // Static PAT: only traffic from the real port is translated.
      specs = [{ protocol, src: [{ lo: port, hi: port }] }];
      j += 3;
    } else if (!NAT_OPTIONS.has(word)) fail(`unrecognised NAT option '${w[j] ?? ''}'`);
  }
  const rank = how === 'static' ? RANK.static : RANK.dynamic;
  objectRule(ctx, rank, identity ? 'exempt' : 'translate', specs, srcs, [ANY], line.ref);
}

export function finishNat(ctx: FirewallContext): void {
  for (const { object, line } of ctx.objects.objectNat)
    guarded(ctx, line.ref, () => readObjectNat(ctx, object, line));
  ctx.device.nat = [...ctx.nat].sort((a, b) => a.rank - b.rank).map((r) => r.rule);
}
