import type { CryptoMap, CryptoMapEntry, SourceRef } from '../model.js';
import { DEFAULT_TRANSFORM_MODE } from '../defaults.js';
import { toUint } from './address.js';
import { addKey, type WrittenPolicy } from './device.js';
import { type FirewallContext, fail, guarded, ignore, resolvedAddress } from './firewall-context.js';
import { type ConfigLine, type Section, int } from './source.js';

const AUTHENTICATIONS = new Set(['pre-share', 'rsa-sig', 'rsa-encr', 'crack']);
const ENCRYPTIONS = new Set(['des', '3des', 'aes', 'aes-192', 'aes-256']);
const HASHES = new Set(['sha', 'md5']);

/** ISAKMP/IKEv1 policy fields as PIX and ASA write them; a value outside these is reported. */
const POLICY_FIELDS: Record<string, (p: WrittenPolicy, args: readonly string[]) => void> = {
  authentication: (p, [v]) => {
    if (!v || !AUTHENTICATIONS.has(v)) fail(`unrecognised authentication '${v ?? ''}'`);
    p.authentication = v;
  },
  encryption: (p, [v, bits]) => {
    // `aes 256` is the IOS spelling; ASA and PIX write `aes-256`.
    const e = v === 'aes' && (bits === '192' || bits === '256') ? `aes-${bits}` : v;
    if (!e || !ENCRYPTIONS.has(e)) fail(`unrecognised encryption '${v ?? ''}'`);
    p.encryption = e;
  },
  hash: (p, [v]) => {
    if (!v || !HASHES.has(v)) fail(`unrecognised hash '${v ?? ''}'`);
    p.hash = v;
  },
  group: (p, [v]) => {
    const g = int(v);
    if (g === undefined) fail(`unrecognised Diffie-Hellman group '${v ?? ''}'`);
    p.group = g;
  },
  lifetime: (p, [v]) => {
    const n = int(v);
    if (n === undefined) fail(`unrecognised lifetime '${v ?? ''}'`);
    p.lifetime = n;
  },
};

function policy(ctx: FirewallContext, priorityWord: string | undefined, ref: SourceRef): WrittenPolicy {
  const priority = int(priorityWord);
  if (priority === undefined) fail('policy without a priority number');
  let p = ctx.policies.get(priority);
  if (!p) {
    p = { priority, ref };
    ctx.policies.set(priority, p);
  }
  return p;
}

function setField(p: WrittenPolicy, words: readonly string[]): void {
  const lower = words.map((w) => w.toLowerCase());
  const field = POLICY_FIELDS[lower[0] ?? ''];
  if (!field) fail(`unrecognised policy field '${words[0] ?? ''}'`);
  field(p, lower.slice(1));
}

/** `isakmp policy N FIELD VALUE` (PIX 6): one field per line. */
export function readPixPolicy(ctx: FirewallContext, s: Section): void {
  setField(policy(ctx, s.head.words[2], s.head.ref), s.head.words.slice(3));
  ignore(ctx, s.body.length);
}

/** `crypto ikev1 policy N` / `crypto isakmp policy N` (ASA 7–9) with indented fields. */
export function readAsaPolicy(ctx: FirewallContext, s: Section): void {
  const p = policy(ctx, s.head.words[3], s.head.ref);
  if (s.head.words.length > 4) setField(p, s.head.words.slice(4));
  for (const l of s.body) guarded(ctx, l.ref, () => setField(p, l.words));
}

/** `isakmp enable IF` / `crypto isakmp enable IF` / `crypto ikev1 enable IF`. */
export function readIsakmpEnable(ctx: FirewallContext, s: Section): void {
  const w = s.head.words;
  const nameif = w[w.findIndex((x) => x.toLowerCase() === 'enable') + 1];
  if (!nameif) fail('ISAKMP enabled on no interface');
  const list = Array.isArray(ctx.device.isakmpEnabled) ? ctx.device.isakmpEnabled : [];
  if (!list.includes(nameif)) list.push(nameif);
  ctx.device.isakmpEnabled = list;
  ignore(ctx, s.body.length);
}

/** `isakmp key SECRET address A [netmask M] [no-xauth] [no-config-mode]` (PIX 6). */
export function readPixKey(ctx: FirewallContext, s: Section): void {
  const w = s.head.words;
  const secret = w[2];
  // Reasons never quote the line's words: one of them is the secret.
  if (!secret || w[3]?.toLowerCase() !== 'address') fail('key without a peer address');
  const address = w[4] === undefined ? undefined : resolvedAddress(ctx, w[4]);
  if (toUint(address) === undefined) fail('key without a valid peer address');
  let mask = '255.255.255.255';
  let i = 5;
  if (w[i]?.toLowerCase() === 'netmask') {
    if (toUint(w[i + 1]) === undefined) fail('key with an invalid netmask');
    mask = w[i + 1] ?? mask;
    i += 2;
  }
  for (const option of w.slice(i))
    if (!['no-xauth', 'no-config-mode'].includes(option.toLowerCase()))
      fail('key with an unrecognised option');
  addKey(ctx.device, { address: address ?? '', mask, secret, ref: s.head.ref });
  ignore(ctx, s.body.length);
}

const TRANSFORM = /^(esp|ah)-[a-z0-9-]+$/;

/** `crypto ipsec [ikev1] transform-set NAME T1 [T2 [T3]]` or `… NAME mode transport|tunnel`. */
export function readTransformSet(ctx: FirewallContext, s: Section): void {
  const w = s.head.words;
  const at = w.findIndex((x) => x.toLowerCase() === 'transform-set');
  const name = w[at + 1];
  if (!name) fail('transform set without a name');
  const rest = w.slice(at + 2).map((x) => x.toLowerCase());
  let set = ctx.device.transformSets.find((t) => t.name === name);
  if (!set) {
    set = { name, transforms: [], mode: DEFAULT_TRANSFORM_MODE, ref: s.head.ref };
    ctx.device.transformSets.push(set);
  }
  if (rest[0] === 'mode') {
    if (rest[1] !== 'transport' && rest[1] !== 'tunnel') fail(`unrecognised mode '${w[at + 3] ?? ''}'`);
    set.mode = rest[1];
  } else {
    if (rest.length === 0) fail('transform set without transforms');
    const bad = rest.find((t) => !TRANSFORM.test(t));
    if (bad !== undefined) fail(`unrecognised transform '${bad}'`);
    set.transforms = rest;
    set.ref = s.head.ref;
  }
  // PIX 7 / ASA 7 may also write the mode as a sub-command.
  for (const l of s.body)
    guarded(ctx, l.ref, () => {
      const [k, v] = l.words.map((x) => x.toLowerCase());
      if (k !== 'mode' || (v !== 'transport' && v !== 'tunnel')) fail('unrecognised transform set line');
      set.mode = v;
    });
}

/** `crypto ipsec security-association lifetime seconds N [kilobytes M]` (global phase-2 lifetime). */
export function readGlobalLifetime(ctx: FirewallContext, s: Section): void {
  const values = lifetimeValues(s.head.words.slice(4));
  ctx.device.phase2Lifetime = { ...ctx.device.phase2Lifetime, ...values, ref: s.head.ref };
  ignore(ctx, s.body.length);
}

function lifetimeValues(words: readonly string[]): { seconds?: number; kilobytes?: number } {
  const out: { seconds?: number; kilobytes?: number } = {};
  if (words.length === 0) fail('lifetime without seconds or kilobytes');
  for (let i = 0; i < words.length; i += 2) {
    const unit = words[i]?.toLowerCase();
    const n = int(words[i + 1]);
    if (unit === 'kilobytes' && words[i + 1]?.toLowerCase() === 'unlimited')
      fail('a lifetime of unlimited kilobytes is not modelled');
    if ((unit !== 'seconds' && unit !== 'kilobytes') || n === undefined)
      fail('lifetime without seconds or kilobytes');
    out[unit] = n;
  }
  return out;
}

type SetOption = (ctx: FirewallContext, entry: CryptoMapEntry, args: readonly string[]) => void;

const transformSets: SetOption = (_ctx, entry, args) => {
  if (args.length === 0) fail('set transform-set without a name');
  entry.transformSets = [...args];
};

/** `set phase1-mode aggressive [group N]`: this entry's IKE starts in aggressive mode. */
const phase1Mode: SetOption = (_ctx, entry, [mode]) => {
  if (mode?.toLowerCase() === 'aggressive') entry.phase1Mode = 'aggressive';
  else if (mode?.toLowerCase() !== 'main') fail(`unrecognised phase1-mode '${mode ?? ''}'`);
};

/** Entry options that change nothing the checks compare (or belong to IKEv2, not modelled). */
const NEUTRAL = (): void => undefined;

/** `crypto map M N set …` options, by their keyword(s). */
const SET_OPTIONS: Record<string, SetOption> = {
  peer: (ctx, entry, args) => {
    if (args.length === 0) fail('set peer without an address');
    for (const a of args) {
      const peer = resolvedAddress(ctx, a);
      if (!entry.peers.includes(peer)) entry.peers.push(peer);
    }
  },
  'transform-set': transformSets,
  'ikev1 transform-set': transformSets,
  pfs: (_ctx, entry, [group]) => {
    // A bare `set pfs` asks for group 2 on PIX and ASA.
    const g = /^group(\d+)$/i.exec(group ?? 'group2');
    if (!g) fail(`unrecognised PFS group '${group ?? ''}'`);
    entry.pfsGroup = Number(g[1]);
  },
  'security-association lifetime': (_ctx, entry, args) => {
    const v = lifetimeValues(args);
    if (v.seconds !== undefined) entry.lifetimeSeconds = v.seconds;
    if (v.kilobytes !== undefined) entry.lifetimeKilobytes = v.kilobytes;
  },
  'security-association replay': NEUTRAL,
  'connection-type': NEUTRAL,
  'phase1-mode': phase1Mode,
  'ikev1 phase1-mode': phase1Mode,
  'reverse-route': NEUTRAL,
  'nat-t-disable': NEUTRAL,
  inheritance: NEUTRAL,
  trustpoint: NEUTRAL,
  'tfc-packets': NEUTRAL,
  'validation-usage': NEUTRAL,
  ikev2: NEUTRAL,
};

function mapIn(list: Map<string, CryptoMap>, name: string, ref: SourceRef): CryptoMap {
  let map = list.get(name);
  if (!map) {
    map = { name, entries: [], ref };
    list.set(name, map);
  }
  return map;
}

/** Entries by sequence number: a hub's map has thousands, each written on several lines. */
const ENTRIES = new WeakMap<CryptoMap, Map<number, CryptoMapEntry>>();

function entryIn(map: CryptoMap, seq: number, ref: SourceRef): CryptoMapEntry {
  const bySeq = ENTRIES.get(map) ?? new Map<number, CryptoMapEntry>();
  ENTRIES.set(map, bySeq);
  let entry = bySeq.get(seq);
  if (!entry) {
    // ASA never writes `ipsec-isakmp` for a static entry: it is the only kind it has.
    entry = { map: map.name, seq, kind: 'ipsec-isakmp', peers: [], transformSets: [], ref, lines: [] };
    map.entries.push(entry);
    bySeq.set(seq, entry);
  }
  return entry;
}

function readEntryLine(
  ctx: FirewallContext,
  entry: CryptoMapEntry,
  dynamic: boolean,
  line: ConfigLine,
): void {
  const rest = line.words.slice(4);
  const k0 = rest[0]?.toLowerCase();
  entry.lines.push(line.ref);
  if (k0 === 'ipsec-isakmp' || k0 === 'ipsec-manual') {
    entry.ref = line.ref;
    const dynamicWord = rest[1]?.toLowerCase();
    if (k0 === 'ipsec-manual' && rest.length === 1) entry.kind = 'ipsec-manual';
    else if (!dynamic && dynamicWord === 'dynamic' && rest[2] && rest.length === 3) {
      entry.kind = 'dynamic';
      entry.dynamicMap = rest[2];
    } else if (rest.length !== 1) fail('unrecognised crypto map entry type');
    return;
  }
  if (k0 === 'match') {
    if (rest[1]?.toLowerCase() !== 'address' || !rest[2] || rest.length > 3)
      fail('unrecognised match clause');
    entry.matchAddress = rest[2];
    return;
  }
  if (k0 !== 'set') fail(`unrecognised crypto map command '${rest[0] ?? ''}'`);
  const lower = rest.map((x) => x.toLowerCase());
  for (const n of [2, 1]) {
    const option = SET_OPTIONS[lower.slice(1, 1 + n).join(' ')];
    if (option) return option(ctx, entry, rest.slice(1 + n));
  }
  fail(`unrecognised crypto map option 'set ${rest[1] ?? ''}'`);
}

/** Map-wide commands: `interface IF`, `client configuration address …`, `client authentication …`, `isakmp authorization …`. */
function readMapCommand(ctx: FirewallContext, map: CryptoMap, line: ConfigLine): void {
  const rest = line.words.slice(3).map((x) => x.toLowerCase());
  if (rest[0] === 'interface' && line.words[4] && rest.length === 2) return applyMap(ctx, map.name, line);
  if (rest[0] === 'client' && rest[1] === 'configuration' && rest[2] === 'address') {
    map.clientConfiguration = line.ref;
    return;
  }
  if (rest[0] === 'isakmp' && rest[1] === 'authorization') {
    map.isakmpAuthorization = line.ref;
    return;
  }
  // Extended authentication of VPN clients: no field in the model, understood.
  if (rest[0] === 'client' && (rest[1] === 'authentication' || rest[1] === 'token')) return ignore(ctx);
  fail(`unrecognised crypto map command '${line.words[3] ?? ''}'`);
}

function applyMap(ctx: FirewallContext, map: string, line: ConfigLine): void {
  const nameif = line.words[4] ?? '';
  const itf = ctx.byNameif.get(nameif);
  if (itf) itf.cryptoMap = map;
  else {
    // The device only accepts a nameif it has: a fragment (`show running-config crypto map`) omits it.
    const undeclared = { name: nameif, nameif, cryptoMap: map, undeclared: true, ref: line.ref };
    ctx.device.interfaces.push(undeclared);
    ctx.byNameif.set(nameif, undeclared);
  }
}

/** `crypto map NAME …` and `crypto dynamic-map NAME SEQ …`, one line at a time as PIX and ASA write them. */
export function readCryptoMap(ctx: FirewallContext, s: Section): void {
  const w = s.head.words;
  const dynamic = w[1]?.toLowerCase() === 'dynamic-map';
  const name = w[2];
  if (!name) fail('crypto map without a name');
  const map = mapIn(dynamic ? ctx.dynamicMaps : ctx.cryptoMaps, name, s.head.ref);
  const seq = int(w[3]);
  if (seq === undefined) {
    if (dynamic) fail('dynamic map line without a sequence number');
    readMapCommand(ctx, map, s.head);
  } else readEntryLine(ctx, entryIn(map, seq, s.head.ref), dynamic, s.head);
  ignore(ctx, s.body.length);
}

/** `crypto ca trustpoint NAME` (ASA), `ca identity NAME …` (PIX 6): certificates can authenticate peers. */
export function readTrustpoint(ctx: FirewallContext, s: Section): void {
  const w = s.head.words;
  const name = w[w[0]?.toLowerCase() === 'crypto' ? 3 : 2];
  if (!name) fail('trustpoint without a name');
  if (!ctx.device.trustpoints.includes(name)) ctx.device.trustpoints.push(name);
  ignore(ctx, s.body.length);
}

/** Maps into the model, entries by sequence number. */
export function finishCryptoMaps(ctx: FirewallContext): void {
  const sorted = (m: Map<string, CryptoMap>) =>
    [...m.values()].map((map) => ({ ...map, entries: [...map.entries].sort((a, b) => a.seq - b.seq) }));
  ctx.device.cryptoMaps = sorted(ctx.cryptoMaps);
  ctx.device.dynamicMaps = sorted(ctx.dynamicMaps);
}
