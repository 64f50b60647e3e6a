/** IOS crypto commands: ISAKMP policies, keys and keyrings, profiles, transform sets, crypto maps. */
import type { ClientGroup, CryptoMap, CryptoMapEntry, DeviceConfig, SourceRef } from '../model.js';
import { toUint } from './address.js';
import { addKey, problem, type WrittenPolicy } from './device.js';
import { type ConfigLine, type Section, int, startsWith } from './source.js';

/** One crypto map applied by name to an interface that may be configured further down. */
export interface PendingApply {
  map: string;
  itf: string;
  ref: SourceRef;
}

/** `encr aes 256` → `aes-256`; `aes 128` is plain `aes`. */
function encryptionWord(words: readonly string[]): string | undefined {
  const alg = words[1]?.toLowerCase();
  if (!alg) return undefined;
  const bits = words[2];
  return alg === 'aes' && (bits === '192' || bits === '256') ? `aes-${bits}` : alg;
}

export function parseCrypto(
  d: DeviceConfig,
  s: Section,
  policies: WrittenPolicy[],
  pendingApply: PendingApply[],
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
  else if (startsWith(w, 'crypto', 'isakmp', 'peer', 'address') && toUint(w[4]) !== undefined)
    parseIsakmpPeer(d, s, w[4] ?? '');
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
  addKey(d, { address: address ?? '', mask, secret, ref: line.ref }, type);
}

/**
 * `crypto isakmp peer address X`: `set aggressive-mode password KEY` is the key for X and, with
 * `set aggressive-mode client-endpoint`, makes IKE with X start in aggressive mode.
 */
function parseIsakmpPeer(d: DeviceConfig, s: Section, address: string): void {
  let aggressive = false;
  for (const l of s.body) {
    const w = l.words;
    if (!startsWith(w, 'set', 'aggressive-mode')) continue;
    aggressive = true;
    if (w[2]?.toLowerCase() === 'password') {
      if (!w[3]) problem(d, l.ref, 'aggressive-mode password without a secret');
      else addKey(d, { address, mask: '255.255.255.255', secret: w[3], ref: l.ref });
    }
  }
  if (aggressive) d.aggressivePeers.push({ address, ref: s.head.ref });
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
    addKey(
      d,
      {
        address: w[2] ?? '',
        mask: hasMask ? (w[3] ?? '') : '255.255.255.255',
        secret,
        container: name,
        ...(local !== undefined && { localAddress: local }),
        ref: l.ref,
      },
      type,
    );
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

/** Entries by sequence number while a configuration is read (a hub's map has thousands). */
const bySeq = new WeakMap<CryptoMap, Map<number, CryptoMapEntry>>();

function findEntry(map: CryptoMap, seq: number, ref: SourceRef): CryptoMapEntry {
  let index = bySeq.get(map);
  if (!index) bySeq.set(map, (index = new Map(map.entries.map((e) => [e.seq, e]))));
  let entry = index.get(seq);
  if (!entry) {
    entry = { map: map.name, seq, kind: 'ipsec-isakmp', peers: [], transformSets: [], ref, lines: [] };
    index.set(seq, entry);
    map.entries.push(entry);
  }
  return entry;
}

/** Entries in sequence order, once every line is read. */
export function sortEntries(d: DeviceConfig): void {
  for (const m of [...d.cryptoMaps, ...d.dynamicMaps]) m.entries.sort((a, b) => a.seq - b.seq);
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

function parseCryptoMap(d: DeviceConfig, s: Section, pendingApply: PendingApply[]): void {
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
