import { TCP, UDP } from '../parse/protocols.js';

/**
 * One concrete packet as a crypto ACL sees it. Addresses are uint32. Ports are meaningful only
 * for tcp and udp; for every other protocol a traffic set treats all port values alike.
 */
export interface Flow {
  protocol: number;
  src: number;
  dst: number;
  srcPort: number;
  dstPort: number;
}

const PORT_PROTOCOLS: ReadonlySet<number> = new Set([TCP, UDP]);

export function hasPorts(protocol: number): boolean {
  return PORT_PROTOCOLS.has(protocol);
}
