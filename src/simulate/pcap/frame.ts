/** Ethernet II + IPv4 + UDP around one ISAKMP message, with the checksums a real stack computes. */
import { ipv4 } from './isakmp.js';

export const ETHERNET_HEADER_LENGTH = 14;
export const IPV4_HEADER_LENGTH = 20;
export const UDP_HEADER_LENGTH = 8;
export const ISAKMP_PORT = 500;
const ETHERTYPE_IPV4 = 0x0800;
const IP_PROTOCOL_UDP = 17;
/** IOS sends its own packets with TTL 255. */
const TTL = 255;
const MAX_IPV4_TOTAL_LENGTH = 0xffff;

export interface Datagram {
  src: string;
  dst: string;
  /** IPv4 identification: one per packet sent, so a retransmission is a new IP packet. */
  identification: number;
  payload: Buffer;
}

export function ethernetFrame({ src, dst, identification, payload }: Datagram): Buffer {
  const srcAddress = ipv4(src);
  const dstAddress = ipv4(dst);
  const udpLength = UDP_HEADER_LENGTH + payload.length;
  const totalLength = IPV4_HEADER_LENGTH + udpLength;
  if (totalLength > MAX_IPV4_TOTAL_LENGTH) {
    throw new RangeError(`an ISAKMP message of ${payload.length} bytes does not fit one IPv4 datagram`);
  }

  const ethernet = Buffer.alloc(ETHERNET_HEADER_LENGTH);
  mac(dstAddress).copy(ethernet, 0);
  mac(srcAddress).copy(ethernet, 6);
  ethernet.writeUInt16BE(ETHERTYPE_IPV4, 12);

  const ip = Buffer.alloc(IPV4_HEADER_LENGTH);
  ip[0] = 0x45; // version 4, 5 words of header
  ip.writeUInt16BE(totalLength, 2);
  ip.writeUInt16BE(identification & 0xffff, 4);
  ip[8] = TTL;
  ip[9] = IP_PROTOCOL_UDP;
  srcAddress.copy(ip, 12);
  dstAddress.copy(ip, 16);
  ip.writeUInt16BE(internetChecksum(ip), 10);

  const udp = Buffer.alloc(UDP_HEADER_LENGTH);
  udp.writeUInt16BE(ISAKMP_PORT, 0);
  udp.writeUInt16BE(ISAKMP_PORT, 2);
  udp.writeUInt16BE(udpLength, 4);
  const pseudoHeader = Buffer.concat([
    srcAddress,
    dstAddress,
    Buffer.from([0, IP_PROTOCOL_UDP]),
    udp.subarray(4, 6),
  ]);
  // A computed zero is sent as all ones: zero means "no checksum" in UDP over IPv4 (RFC 768).
  udp.writeUInt16BE(internetChecksum(Buffer.concat([pseudoHeader, udp, payload])) || 0xffff, 6);

  return Buffer.concat([ethernet, ip, udp, payload]);
}

/** A locally administered MAC made from the IPv4 address, so each host keeps one address. */
function mac(address: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x02, 0x00]), address]);
}

/** RFC 1071: ones' complement of the ones' complement sum of 16-bit words. */
function internetChecksum(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
