import type { AclEntry, AddressMatch, PortRange } from '../model.js';
import type { Cube } from './cube.js';
import { hasPorts } from './flow.js';
import { ALL_PORTS, type Interval } from './interval.js';
import { TrafficSet } from './set.js';
import { type Ternary, ternary } from './ternary.js';

/**
 * The traffic an ACL permits under first-match semantics: each entry decides the packets no
 * earlier entry matched, and what no entry matches is denied. In a crypto ACL, permitted traffic
 * is protected and denied traffic is sent in the clear.
 *
 * Built from the last entry up: the traffic permitted by entries i… is entry i's match if it
 * permits, plus what entries i+1… permit outside it. Each step subtracts one cube from the set,
 * so an ACL of n mostly disjoint entries costs O(n²) cube tests. The result is not normalised:
 * merging costs more than it saves in comparisons (describeTraffic merges before it writes).
 */
export function permittedTraffic(entries: readonly AclEntry[]): TrafficSet {
  let permitted = TrafficSet.EMPTY;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry === undefined) continue;
    const matched = entryTraffic(entry);
    permitted = permitted.subtract(matched);
    if (entry.action === 'permit')
      permitted = TrafficSet.fromDisjointCubes([...permitted.cubes, ...matched.cubes]);
  }
  return permitted;
}

/** What an ACL entry or a NAT rule written without an ACL (`src`/`dst` only) matches on. */
export type TrafficMatch = Pick<AclEntry, 'protocol' | 'src' | 'dst' | 'srcPorts' | 'dstPorts'>;

/**
 * The packets one entry matches, whatever its action. `ip` (no protocol) matches every protocol
 * and port; ports constrain tcp and udp only. A malformed entry (protocol beyond 255, inverted
 * port range) matches nothing rather than something guessed.
 */
export function entryTraffic(entry: TrafficMatch): TrafficSet {
  const proto = protocolMatch(entry.protocol);
  const ported = entry.protocol !== undefined && hasPorts(entry.protocol);
  const srcPorts = ported ? portInterval(entry.srcPorts) : ALL_PORTS;
  const dstPorts = ported ? portInterval(entry.dstPorts) : ALL_PORTS;
  if (proto === undefined || srcPorts === undefined || dstPorts === undefined) return TrafficSet.EMPTY;
  const cube: Cube = {
    proto,
    src: addressMatch(entry.src),
    dst: addressMatch(entry.dst),
    srcPorts,
    dstPorts,
  };
  return TrafficSet.fromDisjointCubes([cube]);
}

function protocolMatch(protocol: number | undefined): Ternary | undefined {
  if (protocol === undefined) return ternary(0, 0);
  return Number.isInteger(protocol) && protocol >= 0 && protocol <= 255 ? ternary(protocol, 0xff) : undefined;
}

function addressMatch(m: AddressMatch): Ternary {
  return ternary(m.addr, ~m.wildcard);
}

function portInterval(range: PortRange | undefined): Interval | undefined {
  if (range === undefined) return ALL_PORTS;
  const lo = Math.max(range.lo, ALL_PORTS.lo);
  const hi = Math.min(range.hi, ALL_PORTS.hi);
  return lo <= hi ? { lo, hi } : undefined;
}
