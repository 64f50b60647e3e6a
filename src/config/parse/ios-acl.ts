/** IOS access lists: numbered (standard and extended) and named, as model ACL entries. */
import type { Acl, AclEntry, AddressMatch, DeviceConfig, PortRange, SourceRef } from '../model.js';
import { ANY, host, toUint, withWildcard } from './address.js';
import { problem } from './device.js';
import { TCP, UDP, portQualifier, protocolOf } from './protocols.js';
import { type ConfigLine, type Section, int } from './source.js';

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

export function parseNumberedAcl(d: DeviceConfig, line: ConfigLine): void {
  const w = line.words;
  const name = w[1];
  const n = int(name);
  if (!name || w[2]?.toLowerCase() === 'remark') return;
  const acl = aclFor(d, name, line.ref);
  const parsed = parseAclEntry(w.slice(2), n !== undefined && isStandardNumber(n), line.ref);
  if ('error' in parsed) problem(d, line.ref, parsed.error);
  else acl.entries.push(...parsed.entries);
}

export function parseNamedAcl(d: DeviceConfig, s: Section): void {
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
function parseAclEntry(
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
