import { toUint } from '../../../src/config/parse/address.js';
import { portQualifier, protocolOf } from '../../../src/config/parse/protocols.js';
import type { AclEntry, AddressMatch, PortRange } from '../../../src/config/model.js';

/**
 * Extended ACL lines as IOS writes them after `access-list 150` (`permit ip host 1.1.1.1 any`,
 * `permit tcp any 10.0.0.0 0.0.0.255 neq 80`) → entries, with `neq` expanded into ranges as the
 * configuration parser does. Only for tests: the real parser lives in src/config/parse/.
 */
export function acl(...lines: string[]): AclEntry[] {
  return lines.flatMap((text, i) => entries(text, i + 1));
}

function entries(text: string, line: number): AclEntry[] {
  const words = text.trim().split(/\s+/);
  const action = words[0];
  if (action !== 'permit' && action !== 'deny') throw new Error(`not an ACL line: ${text}`);
  const proto = protocolOf(words[1]);
  if (!proto.known) throw new Error(`unknown protocol in: ${text}`);
  const src = address(words, 2);
  const srcPorts = portQualifier(words, src.next);
  const dst = address(words, srcPorts.next);
  const dstPorts = portQualifier(words, dst.next);
  if (dstPorts.next !== words.length || srcPorts.error || dstPorts.error)
    throw new Error(`cannot read: ${text}`);
  const ref = { file: 'test.cfg', line, text };
  const out: AclEntry[] = [];
  for (const sp of srcPorts.ranges ?? [undefined]) {
    for (const dp of dstPorts.ranges ?? [undefined]) {
      out.push({ action, protocol: proto.protocol, src: src.match, dst: dst.match, ...ports(sp, dp), ref });
    }
  }
  return out;
}

function ports(srcPorts: PortRange | undefined, dstPorts: PortRange | undefined): Partial<AclEntry> {
  return { ...(srcPorts && { srcPorts }), ...(dstPorts && { dstPorts }) };
}

function address(words: readonly string[], i: number): { match: AddressMatch; next: number } {
  if (words[i] === 'any') return { match: { addr: 0, wildcard: 0xffffffff }, next: i + 1 };
  if (words[i] === 'host') return { match: { addr: ip(words[i + 1]), wildcard: 0 }, next: i + 2 };
  const wildcard = ip(words[i + 1]);
  return { match: { addr: (ip(words[i]) & ~wildcard) >>> 0, wildcard }, next: i + 2 };
}

export function ip(text: string | undefined): number {
  const n = toUint(text);
  if (n === undefined) throw new Error(`not an address: ${text}`);
  return n;
}
