import type {
  Acl,
  AclEntry,
  AddressMatch,
  ClientGroup,
  CryptoMap,
  CryptoMapEntry,
  DeviceConfig,
  Interface,
  PortRange,
  SourceRef,
} from '../model.js';
import { ANY, host, toUint, withWildcard } from './address.js';
import { emptyDevice, isHiddenSecret, problem, resolvePolicies, type WrittenPolicy } from './device.js';
import { TCP, UDP, portQualifier, protocolOf } from './protocols.js';
import { type ConfigLine, type Section, int, sections, startsWith } from './source.js';

/**
 * IOS 12.x / 15.x / IOS-XE running configurations. Sub-mode commands are the indented lines
 * under their parent; top-level commands are recognised by their leading words.
 */
export function parseIos(file: string, lines: readonly ConfigLine[]): DeviceConfig {
  const d = emptyDevice(file, 'ios');
  const policies: WrittenPolicy[] = [];
  const routeMaps = new Map<string, { action: 'permit' | 'deny'; acls: string[]; ref: SourceRef }[]>();
  const natRouteMaps: { name: string; ref: SourceRef }[] = [];
  const pendingApply: { map: string; itf: string; ref: SourceRef }[] = [];
  for (const s of sections(lines)) {
    const w = s.head.words;
    const k0 = w[0]?.toLowerCase();
    if (k0 === 'hostname') d.hostname = w[1];
    else if (k0 === 'version') d.version = w[1];
    else if (k0 === 'interface') parseInterface(d, s);
    else if (k0 === 'crypto') parseCrypto(d, s, policies, pendingApply);
    else if (k0 === 'no' && startsWith(w, 'no', 'crypto', 'isakmp', 'default', 'policy'))
      d.defaultPoliciesDisabled = true;
    else if (k0 === 'no' && startsWith(w, 'no', 'crypto', 'isakmp', 'enable')) d.isakmpEnabled = 'none';
    else if (k0 === 'access-list') parseNumberedAcl(d, s.head);
    else if (startsWith(w, 'ip', 'access-list')) parseNamedAcl(d, s);
    else if (startsWith(w, 'ip', 'nat', 'inside', 'source')) parseNat(d, s.head, natRouteMaps);
    else if (startsWith(w, 'ip', 'route') && toUint(w[2]) !== undefined && toUint(w[3]) !== undefined)
      d.routes.push({
        network: w[2] ?? '',
        mask: w[3] ?? '',
        ...(toUint(w[4]) !== undefined ? { nextHop: w[4] } : w[4] ? { interface: w[4] } : {}),
        ref: s.head.ref,
      });
    else if (startsWith(w, 'ip', 'local', 'pool') && w[3] && toUint(w[4]) !== undefined)
      d.pools.push({ name: w[3], first: w[4] ?? '', last: w[5] ?? w[4] ?? '', ref: s.head.ref });
    else if (k0 === 'route-map' && w[1]) {
      const clauses = routeMaps.get(w[1]) ?? [];
      const acls = s.body
        .filter((l) => startsWith(l.words, 'match', 'ip', 'address'))
        .flatMap((l) => l.words.slice(3));
      clauses.push({ action: w[2]?.toLowerCase() === 'deny' ? 'deny' : 'permit', acls, ref: s.head.ref });
      routeMaps.set(w[1], clauses);
    } else d.ignoredLines += 1 + s.body.length;
  }
  for (const { name, ref } of natRouteMaps) natFromRouteMap(d, name, routeMaps.get(name), ref);
  for (const { map, itf, ref } of pendingApply) {
    const target = d.interfaces.find((i) => i.name === itf || i.nameif === itf);
    if (target) target.cryptoMap = map;
    else d.interfaces.push({ name: itf, cryptoMap: map, undeclared: true, ref });
  }
  d.ikePolicies = resolvePolicies(d, policies, d.defaultPoliciesDisabled ?? false);
  return d;
}

function parseInterface(d: DeviceConfig, s: Section): void {
  const itf: Interface = { name: s.head.words.slice(1).join(' '), ref: s.head.ref };
  for (const l of s.body) {
    const w = l.words;
    if (startsWith(w, 'ip', 'address') && toUint(w[2]) !== undefined && w[4]?.toLowerCase() !== 'secondary') {
      itf.address = w[2];
      if (w[3]) itf.mask = w[3];
    } else if (w[0]?.toLowerCase() === 'shutdown') itf.shutdown = true;
    else if (startsWith(w, 'crypto', 'map') && w[2]) itf.cryptoMap = w[2];
    else if (startsWith(w, 'ip', 'mtu')) setNumber(itf, 'mtu', int(w[2]));
    else if (startsWith(w, 'ip', 'tcp', 'adjust-mss')) setNumber(itf, 'tcpMss', int(w[3]));
    else if (startsWith(w, 'ip', 'nat') && (w[2] === 'inside' || w[2] === 'outside')) itf.natSide = w[2];
    else if (w[0]?.toLowerCase() === 'tunnel') {
      const t = (itf.tunnel ??= {});
      if (w[1] === 'source' && w[2]) t.source = w[2];
      else if (w[1] === 'destination' && w[2]) t.destination = w[2];
      else if (w[1] === 'mode') t.mode = w.slice(2).join(' ');
      else if (startsWith(w, 'tunnel', 'protection', 'ipsec', 'profile') && w[4]) t.protectionProfile = w[4];
    }
  }
  d.interfaces.push(itf);
}

function setNumber(itf: Interface, field: 'mtu' | 'tcpMss', n: number | undefined): void {
  if (n !== undefined) itf[field] = n;
}

/** `encr aes 256` → `aes-256`; `aes 128` is plain `aes`. */
function encryptionWord(words: readonly string[]): string | undefined {
  const alg = words[1]?.toLowerCase();
  if (!alg) return undefined;
  const bits = words[2];
  return alg === 'aes' && (bits === '192' || bits === '256') ? `aes-${bits}` : alg;
}

function parseCrypto(
  d: DeviceConfig,
  s: Section,
  policies: WrittenPolicy[],
  pendingApply: { map: string; itf: string; ref: SourceRef }[],
): void {
  const w = s.head.words;
  const ref = s.head.ref;
  if (startsWith(w, 'crypto', 'isakmp', 'policy')) {
    const priority = int(w[3]);
    if (priority === undefined) return problem(d, ref, 'policy without a priority number');
    const p: WrittenPolicy = { priority, ref };
    for (const l of s.body) {
      const [k, v] = [l.words[0]?.toLowerCase(), l.words[1]?.toLowerCase()];
      if (k === 'encr' || k === 'encryption') {
        const e = encryptionWord(l.words);
        if (e) p.encryption = e;
      } else if (k === 'hash' && v) p.hash = v;
      else if (k === 'authentication' && v) p.authentication = v;
      else if (k === 'group' && int(v) !== undefined) p.group = int(v);
      else if (k === 'lifetime' && int(v) !== undefined) p.lifetime = int(v);
      else if (k) problem(d, l.ref, `unrecognised ISAKMP policy field '${k}'`);
    }
    policies.push(p);
  } else if (startsWith(w, 'crypto', 'isakmp', 'key')) parseIsakmpKey(d, s.head);
  else if (startsWith(w, 'crypto', 'isakmp', 'enable')) d.isakmpEnabled = 'all';
  else if (startsWith(w, 'crypto', 'keyring') && w[2]) parseKeyring(d, s, w[2]);
  else if (startsWith(w, 'crypto', 'isakmp', 'profile') && w[3]) {
    const profile = {
      name: w[3],
      keyrings: [] as string[],
      matchAddresses: [] as { address: string; mask: string }[],
      ref,
    };
    let localAddress: string | undefined;
    for (const l of s.body) {
      const lw = l.words;
      if (lw[0] === 'keyring' && lw[1]) profile.keyrings.push(lw[1]);
      else if (startsWith(lw, 'match', 'identity', 'address') && toUint(lw[3]) !== undefined)
        profile.matchAddresses.push({
          address: lw[3] ?? '',
          mask: toUint(lw[4]) !== undefined ? (lw[4] ?? '') : '255.255.255.255',
        });
      else if (lw[0] === 'local-address' && lw[1]) localAddress = lw[1];
    }
    d.isakmpProfiles.push({ ...profile, ...(localAddress !== undefined && { localAddress }) });
  } else if (startsWith(w, 'crypto', 'isakmp', 'client', 'configuration', 'group') && w[5])
    parseClientGroup(d, s, w[5]);
  else if (startsWith(w, 'crypto', 'ipsec', 'transform-set') && w[3]) {
    const transforms = transformWords(w.slice(4));
    const mode = s.body.some((l) => startsWith(l.words, 'mode', 'transport')) ? 'transport' : 'tunnel';
    if (transforms.length === 0) problem(d, ref, 'transform set without transforms');
    d.transformSets.push({ name: w[3], transforms, mode, ref });
  } else if (startsWith(w, 'crypto', 'ipsec', 'profile') && w[3]) {
    const entry = mapEntryBody(d, s.body);
    d.ipsecProfiles.push({
      name: w[3],
      transformSets: entry.transformSets,
      ...(entry.pfsGroup !== undefined && { pfsGroup: entry.pfsGroup }),
      ...(entry.isakmpProfile !== undefined && { isakmpProfile: entry.isakmpProfile }),
      ...(entry.lifetimeSeconds !== undefined && { lifetimeSeconds: entry.lifetimeSeconds }),
      ref,
    });
  } else if (startsWith(w, 'crypto', 'ipsec', 'security-association', 'lifetime')) {
    const n = int(w[5]);
    const unit = w[4]?.toLowerCase();
    if (n === undefined || (unit !== 'seconds' && unit !== 'kilobytes'))
      return problem(d, ref, 'lifetime without seconds or kilobytes');
    d.phase2Lifetime = { ...d.phase2Lifetime, [unit]: n, ref };
  } else if (startsWith(w, 'crypto', 'map') || startsWith(w, 'crypto', 'dynamic-map'))
    parseCryptoMap(d, s, pendingApply);
  else d.ignoredLines += 1 + s.body.length;
}

/** `esp-aes 256 esp-sha-hmac` → [`esp-aes-256`, `esp-sha-hmac`]. */
function transformWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const w = word.toLowerCase();
    const prev = out[out.length - 1];
    if (/^\d+$/.test(w) && prev && /^esp-(aes|gcm|gmac)$/.test(prev)) out[out.length - 1] = `${prev}-${w}`;
    else out.push(w);
  }
  return out;
}

function parseIsakmpKey(d: DeviceConfig, line: ConfigLine): void {
  const w = line.words;
  let i = 3;
  const type =
    /^[067]$/.test(w[i] ?? '') && w[i + 1] !== undefined && w[i + 1] !== 'address' ? w[i++] : undefined;
  const secret = w[i];
  const where = w[i + 1]?.toLowerCase();
  if (!secret) return problem(d, line.ref, 'key without a secret');
  if (where === 'hostname') return problem(d, line.ref, 'keys by hostname are not matched to peer addresses');
  const address = w[i + 2];
  if (where !== 'address' || toUint(address) === undefined)
    return problem(d, line.ref, 'key without a peer address');
  const mask = toUint(w[i + 3]) !== undefined ? (w[i + 3] ?? '') : '255.255.255.255';
  d.keys.push({
    address: address ?? '',
    mask,
    secret,
    ...(isHiddenSecret(secret, type) && { hidden: true }),
    ref: line.ref,
  });
}

function parseKeyring(d: DeviceConfig, s: Section, name: string): void {
  const local = s.body.find((l) => l.words[0] === 'local-address')?.words[1];
  for (const l of s.body) {
    const w = l.words;
    if (!startsWith(w, 'pre-shared-key')) continue;
    if (w[1] !== 'address' || toUint(w[2]) === undefined) {
      problem(d, l.ref, 'keyring key without a peer address');
      continue;
    }
    const hasMask = toUint(w[3]) !== undefined;
    const keyAt = w.indexOf('key', 3);
    let secretAt = keyAt + 1;
    const type =
      /^[067]$/.test(w[secretAt] ?? '') && w[secretAt + 1] !== undefined ? w[secretAt++] : undefined;
    const secret = keyAt > 0 ? w[secretAt] : undefined;
    if (!secret) {
      problem(d, l.ref, 'keyring key without a secret');
      continue;
    }
    d.keys.push({
      address: w[2] ?? '',
      mask: hasMask ? (w[3] ?? '') : '255.255.255.255',
      secret,
      ...(isHiddenSecret(secret, type) && { hidden: true }),
      container: name,
      ...(local !== undefined && { localAddress: local }),
      ref: l.ref,
    });
  }
}

function parseClientGroup(d: DeviceConfig, s: Section, name: string): void {
  const group: ClientGroup = { name, ref: s.head.ref };
  for (const l of s.body) {
    const [k, v] = l.words;
    if (k === 'acl' && v) group.splitTunnelAcl = v;
    else if (k === 'pool' && v) group.pool = v;
  }
  d.clientGroups.push(group);
}

type EntryBody = Pick<
  CryptoMapEntry,
  | 'peers'
  | 'transformSets'
  | 'matchAddress'
  | 'pfsGroup'
  | 'lifetimeSeconds'
  | 'lifetimeKilobytes'
  | 'isakmpProfile'
  | 'lines'
>;

/** The `set …` / `match address` sub-commands shared by crypto map entries and IPsec profiles. */
function mapEntryBody(d: DeviceConfig, body: readonly ConfigLine[]): EntryBody {
  const e: EntryBody = { peers: [], transformSets: [], lines: [] };
  for (const l of body) {
    const w = l.words;
    e.lines.push(l.ref);
    if (startsWith(w, 'set', 'peer') && w[2]) e.peers.push(w[2]);
    else if (startsWith(w, 'set', 'transform-set')) e.transformSets.push(...w.slice(2));
    else if (startsWith(w, 'match', 'address') && w[2]) e.matchAddress = w[2];
    else if (startsWith(w, 'set', 'pfs')) {
      // A bare `set pfs` asks for group 1 on IOS (the DH default).
      const g = /^group(\d+)$/i.exec(w[2] ?? 'group1');
      if (g) e.pfsGroup = Number(g[1]);
      else problem(d, l.ref, `unrecognised PFS group '${w[2] ?? ''}'`);
    } else if (startsWith(w, 'set', 'security-association', 'lifetime')) {
      const n = int(w[4]);
      if (w[3] === 'seconds' && n !== undefined) e.lifetimeSeconds = n;
      else if (w[3] === 'kilobytes' && n !== undefined) e.lifetimeKilobytes = n;
      else if (!(w[3] === 'kilobytes' && w[4] === 'disable') && w[3] !== 'days')
        problem(d, l.ref, 'lifetime without seconds or kilobytes');
    } else if (startsWith(w, 'set', 'isakmp-profile') && w[2]) e.isakmpProfile = w[2];
  }
  return e;
}

function findMap(list: CryptoMap[], name: string, ref: SourceRef): CryptoMap {
  let map = list.find((m) => m.name === name);
  if (!map) {
    map = { name, entries: [], ref };
    list.push(map);
  }
  return map;
}

function findEntry(map: CryptoMap, seq: number, ref: SourceRef): CryptoMapEntry {
  let entry = map.entries.find((e) => e.seq === seq);
  if (!entry) {
    entry = { map: map.name, seq, kind: 'ipsec-isakmp', peers: [], transformSets: [], ref, lines: [] };
    map.entries.push(entry);
    map.entries.sort((a, b) => a.seq - b.seq);
  }
  return entry;
}

/** Applies `set …` / `match address` lines to an entry (sub-mode lines or one-line forms). */
function applyEntryLines(d: DeviceConfig, entry: CryptoMapEntry, lines: readonly ConfigLine[]): void {
  const body = mapEntryBody(d, lines);
  entry.peers.push(...body.peers);
  entry.transformSets.push(...body.transformSets);
  entry.lines.push(...body.lines);
  if (body.matchAddress !== undefined) entry.matchAddress = body.matchAddress;
  if (body.pfsGroup !== undefined) entry.pfsGroup = body.pfsGroup;
  if (body.lifetimeSeconds !== undefined) entry.lifetimeSeconds = body.lifetimeSeconds;
  if (body.lifetimeKilobytes !== undefined) entry.lifetimeKilobytes = body.lifetimeKilobytes;
  if (body.isakmpProfile !== undefined) entry.isakmpProfile = body.isakmpProfile;
}

/** Entry types that are not IKE-negotiated crypto (GETVPN group members): understood, not checked. */
const NON_IKE_ENTRY_TYPES = new Set(['gdoi']);

function parseCryptoMap(
  d: DeviceConfig,
  s: Section,
  pendingApply: { map: string; itf: string; ref: SourceRef }[],
): void {
  const w = s.head.words;
  const dynamic = w[1] === 'dynamic-map';
  const name = w[2];
  if (!name) return problem(d, s.head.ref, 'crypto map without a name');
  const map = findMap(dynamic ? d.dynamicMaps : d.cryptoMaps, name, s.head.ref);
  const seq = int(w[3]);
  if (seq === undefined) {
    const sub = w[3]?.toLowerCase();
    if (sub === 'local-address' && w[4]) {
      map.localAddressInterface = w[4];
      map.localAddressRef = s.head.ref;
    } else if (sub === 'client') map.clientConfiguration = s.head.ref;
    else if (sub === 'isakmp' && w[4] === 'authorization') map.isakmpAuthorization = s.head.ref;
    else if (sub === 'interface' && w[4]) pendingApply.push({ map: name, itf: w[4], ref: s.head.ref });
    else if (sub !== 'isakmp-profile' && sub !== 'redundancy')
      problem(d, s.head.ref, `unrecognised crypto map command '${w[3] ?? ''}'`);
    return;
  }
  const kindWord = w[4]?.toLowerCase();
  if (kindWord !== undefined && NON_IKE_ENTRY_TYPES.has(kindWord)) {
    d.ignoredLines += 1 + s.body.length;
    return;
  }
  const entry = findEntry(map, seq, s.head.ref);
  if (kindWord === 'set' || kindWord === 'match') {
    // One-line form (`crypto map M 10 set peer A`), as ASA writes it and some IOS configs paste it.
    applyEntryLines(d, entry, [{ ...s.head, words: w.slice(4) }]);
    entry.lines[entry.lines.length - 1] = s.head.ref;
    return;
  }
  if (kindWord === 'ipsec-manual') entry.kind = 'ipsec-manual';
  else if (w[5] === 'dynamic' && w[6] !== undefined) {
    entry.kind = 'dynamic';
    entry.dynamicMap = w[6];
  } else if (kindWord !== undefined && kindWord !== 'ipsec-isakmp' && !dynamic)
    problem(d, s.head.ref, `unrecognised crypto map entry type '${kindWord}'`);
  entry.ref = s.head.ref;
  entry.lines.unshift(s.head.ref);
  applyEntryLines(d, entry, s.body);
}

/** Standard ACLs are numbered 1–99 and 1300–1999. */
function isStandardNumber(n: number): boolean {
  return (n >= 1 && n <= 99) || (n >= 1300 && n <= 1999);
}

function aclFor(d: DeviceConfig, name: string, ref: SourceRef): Acl {
  let acl = d.acls.get(name);
  if (!acl) {
    acl = { name, entries: [], ref };
    d.acls.set(name, acl);
  }
  return acl;
}

function parseNumberedAcl(d: DeviceConfig, line: ConfigLine): void {
  const w = line.words;
  const name = w[1];
  const n = int(name);
  if (!name || w[2]?.toLowerCase() === 'remark') return;
  const acl = aclFor(d, name, line.ref);
  const parsed = parseAclEntry(w.slice(2), n !== undefined && isStandardNumber(n), line.ref);
  if ('error' in parsed) problem(d, line.ref, parsed.error);
  else acl.entries.push(...parsed.entries);
}

function parseNamedAcl(d: DeviceConfig, s: Section): void {
  const w = s.head.words;
  const type = w[2]?.toLowerCase();
  const name = w[3];
  if (!name || (type !== 'extended' && type !== 'standard')) {
    d.ignoredLines += 1 + s.body.length;
    return;
  }
  const acl = aclFor(d, name, s.head.ref);
  for (const l of s.body) {
    const words = int(l.words[0]) !== undefined ? l.words.slice(1) : l.words;
    if (words[0]?.toLowerCase() === 'remark') continue;
    const parsed = parseAclEntry(words, type === 'standard', l.ref);
    if ('error' in parsed) problem(d, l.ref, parsed.error);
    else acl.entries.push(...parsed.entries);
  }
}

/** `host A`, `any`, `A WILDCARD` (or a bare `A` in standard ACLs) at `words[i]`. */
function addressAt(
  words: readonly string[],
  i: number,
  bareHost: boolean,
): { match: AddressMatch; next: number } | undefined {
  const w = words[i]?.toLowerCase();
  if (w === 'any') return { match: ANY, next: i + 1 };
  if (w === 'host') {
    const a = toUint(words[i + 1]);
    return a === undefined ? undefined : { match: host(a), next: i + 2 };
  }
  const a = toUint(words[i]);
  if (a === undefined) return undefined;
  const wc = toUint(words[i + 1]);
  if (wc !== undefined) return { match: withWildcard(a, wc), next: i + 2 };
  return bareHost ? { match: host(a), next: i + 1 } : undefined;
}

/** One ACL line from its action word on: several entries when `neq` splits a port range. */
export function parseAclEntry(
  words: readonly string[],
  standard: boolean,
  ref: SourceRef,
): { entries: AclEntry[] } | { error: string } {
  const action = words[0]?.toLowerCase();
  if (action !== 'permit' && action !== 'deny') return { error: `ACL line without permit or deny` };
  if (standard) {
    const src = addressAt(words, 1, true);
    if (!src) return { error: 'unrecognised source address' };
    return { entries: [{ action, src: src.match, dst: ANY, ref }] };
  }
  const proto = protocolOf(words[1]);
  if (!proto.known) return { error: `unrecognised protocol '${words[1] ?? ''}'` };
  if (words[2]?.toLowerCase().startsWith('object-group'))
    return { error: 'object-group ACLs are not modelled on IOS' };
  const src = addressAt(words, 2, false);
  if (!src) return { error: 'unrecognised source address' };
  const ported = proto.protocol === TCP || proto.protocol === UDP;
  const sp = ported ? portQualifier(words, src.next) : { next: src.next };
  if ('error' in sp && sp.error) return { error: sp.error };
  const dst = addressAt(words, sp.next, false);
  if (!dst) return { error: 'unrecognised destination address' };
  const dp = ported ? portQualifier(words, dst.next) : { next: dst.next };
  if ('error' in dp && dp.error) return { error: dp.error };
  const srcRanges: (PortRange | undefined)[] = sp.ranges ?? [undefined];
  const dstRanges: (PortRange | undefined)[] = dp.ranges ?? [undefined];
  const entries: AclEntry[] = [];
  for (const s of srcRanges)
    for (const t of dstRanges)
      entries.push({
        action,
        ...(proto.protocol !== undefined && { protocol: proto.protocol }),
        src: src.match,
        dst: dst.match,
        ...(s && { srcPorts: s }),
        ...(t && { dstPorts: t }),
        ref,
      });
  return { entries };
}

function parseNat(d: DeviceConfig, line: ConfigLine, natRouteMaps: { name: string; ref: SourceRef }[]): void {
  const w = line.words;
  const how = w[4]?.toLowerCase();
  if (how === 'list' && w[5]) d.nat.push({ kind: 'translate', acl: w[5], ref: line.ref });
  else if (how === 'route-map' && w[5]) natRouteMaps.push({ name: w[5], ref: line.ref });
  else if (how === 'static') {
    const a = toUint(w[5]);
    if (a !== undefined) d.nat.push({ kind: 'translate', src: host(a), ref: line.ref });
  } else problem(d, line.ref, 'unrecognised NAT rule');
}

/**
 * `ip nat inside source route-map RM …`: the route-map's clauses in order; a deny clause's ACL
 * exempts its traffic, a permit clause's ACL translates. One synthetic ACL keeps that order.
 */
function natFromRouteMap(
  d: DeviceConfig,
  name: string,
  clauses: { action: 'permit' | 'deny'; acls: string[]; ref: SourceRef }[] | undefined,
  ref: SourceRef,
): void {
  if (!clauses) return problem(d, ref, `NAT route-map '${name}' is not defined`);
  const synthetic: Acl = { name: `route-map ${name}`, entries: [], ref };
  for (const clause of clauses)
    for (const aclName of clause.acls) {
      const acl = d.acls.get(aclName);
      if (!acl) continue;
      for (const e of acl.entries)
        if (e.action === 'permit') synthetic.entries.push({ ...e, action: clause.action });
        else if (clause.action === 'permit') synthetic.entries.push(e);
    }
  d.acls.set(synthetic.name, synthetic);
  d.nat.push({ kind: 'translate', acl: synthetic.name, ref });
}
