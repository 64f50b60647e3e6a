import type { Cube } from './cube.js';
import type { Flow } from './flow.js';
import { type Interval, intervalMatches } from './interval.js';
import { ternaryMatches, ternaryPick } from './ternary.js';

/** Values an engineer recognises at a glance, tried first when a cube allows them. */
const FAMILIAR_PROTOCOLS = [6, 17, 1, 50, 47];
const FAMILIAR_SRC_PORTS = [1024];
const FAMILIAR_DST_PORTS = [80, 443, 22];

/** One concrete flow of the cubes, as familiar-looking as they allow (tcp before udp before …). */
export function sampleOf(cubes: readonly Cube[]): Flow | undefined {
  for (const protocol of FAMILIAR_PROTOCOLS) {
    const cube = cubes.find((c) => ternaryMatches(c.proto, protocol));
    if (cube !== undefined) return pickFlow(cube, protocol);
  }
  const first = cubes[0];
  return first === undefined ? undefined : pickFlow(first, ternaryPick(first.proto, 8));
}

function pickFlow(c: Cube, protocol: number): Flow {
  return {
    protocol,
    src: ternaryPick(c.src, 32),
    dst: ternaryPick(c.dst, 32),
    srcPort: pickPort(c.srcPorts, FAMILIAR_SRC_PORTS),
    dstPort: pickPort(c.dstPorts, FAMILIAR_DST_PORTS),
  };
}

function pickPort(i: Interval, familiar: readonly number[]): number {
  return familiar.find((p) => intervalMatches(i, p)) ?? i.lo;
}
