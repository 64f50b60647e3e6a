/**
 * Every tunnel of a generated fleet gets its own addresses, networks and hostnames, derived from
 * its index: outside addresses from 100.64.0.0/10 (a /30 per side), inside networks from
 * 10.0.0.0/8 (a /24 per side). Transcripts are simulated once with the values of one canonical
 * tunnel and re-stamped with each tunnel's.
 */

/** Holes of a template, in slot order: a transcript's tokens are replaced by these slots. */
export const SLOTS = ['addrA', 'addrB', 'lanA', 'lanB', 'hostA', 'hostB'] as const;
export type SlotName = (typeof SLOTS)[number];

/** Inside networks are /24s of 10.0.0.0/8, half for each side: 2^15 tunnels at most. */
export const MAX_TUNNELS = 1 << 15;

/** The tunnel whose values the catalogue's transcripts are simulated with. */
export const CANONICAL_TUNNEL = 12_345;

const OUTSIDE_BASE = ((100 << 24) | (64 << 16)) >>> 0;
/** Side B's /30s start half-way through 100.64.0.0/10. */
const SIDE_B_OFFSET = 1 << 21;

function dotted(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export interface SideValues {
  /** Outside (IKE) address. */
  addr: string;
  /** Next hop of the default route. */
  gw: string;
  /** First three octets of the inside /24 (`10.48.57`). */
  lan: string;
  host: string;
}

export interface TunnelValues {
  a: SideValues;
  b: SideValues;
}

/** Host names say the platform, the side and the tunnel: `rtr-a-00042`, `asa-b-00042`. */
const HOST_PREFIX = { ios: 'rtr', asa: 'asa', pix: 'pix' } as const;
export type TemplatePlatform = keyof typeof HOST_PREFIX;

export function tunnelValues(
  index: number,
  platforms: { a: TemplatePlatform; b: TemplatePlatform },
): TunnelValues {
  const number = String(index).padStart(5, '0');
  const side = (offset: number, lanHigh: number, platform: TemplatePlatform, letter: string) => {
    const base = OUTSIDE_BASE + offset + index * 4;
    return {
      addr: dotted(base + 1),
      gw: dotted(base + 2),
      lan: `10.${lanHigh + (index >>> 8)}.${index & 255}`,
      host: `${HOST_PREFIX[platform]}-${letter}-${number}`,
    };
  };
  return { a: side(0, 0, platforms.a, 'a'), b: side(SIDE_B_OFFSET, 128, platforms.b, 'b') };
}

/** The values in slot order. */
export function slotValues(v: TunnelValues): string[] {
  return [v.a.addr, v.b.addr, v.a.lan, v.b.lan, v.a.host, v.b.host];
}
