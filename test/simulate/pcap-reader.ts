/**
 * A reader of the captures toPcap writes, written from the formats' specifications and not from
 * the writer's code, so the tests compare two independent readings of the same bytes.
 */

export interface Capture {
  magic: number;
  version: [number, number];
  snaplen: number;
  linktype: number;
  packets: CapturedPacket[];
}

export interface CapturedPacket {
  seconds: number;
  micros: number;
  capturedLength: number;
  originalLength: number;
  frame: Buffer;
  ethertype: number;
  srcMac: string;
  dstMac: string;
  ipHeader: Buffer;
  ipTotalLength: number;
  ipIdentification: number;
  ttl: number;
  ipProtocol: number;
  srcIp: string;
  dstIp: string;
  srcPort: number;
  dstPort: number;
  udpLength: number;
  udpChecksum: number;
  /** UDP header and payload, for checksum verification. */
  udp: Buffer;
  isakmp: Buffer;
}

export function readPcap(bytes: Uint8Array): Capture {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packets: CapturedPacket[] = [];
  for (let offset = 24; offset < file.length;) {
    const capturedLength = file.readUInt32LE(offset + 8);
    const frame = file.subarray(offset + 16, offset + 16 + capturedLength);
    if (frame.length !== capturedLength) throw new Error(`record at ${offset} is cut short`);
    packets.push(
      readFrame(
        file.readUInt32LE(offset),
        file.readUInt32LE(offset + 4),
        capturedLength,
        file.readUInt32LE(offset + 12),
        frame,
      ),
    );
    offset += 16 + capturedLength;
  }
  return {
    magic: file.readUInt32LE(0),
    version: [file.readUInt16LE(4), file.readUInt16LE(6)],
    snaplen: file.readUInt32LE(16),
    linktype: file.readUInt32LE(20),
    packets,
  };
}

function readFrame(
  seconds: number,
  micros: number,
  capturedLength: number,
  originalLength: number,
  frame: Buffer,
): CapturedPacket {
  const ipHeaderLength = (frame[14]! & 0x0f) * 4;
  const ipHeader = frame.subarray(14, 14 + ipHeaderLength);
  const udp = frame.subarray(14 + ipHeaderLength);
  return {
    seconds,
    micros,
    capturedLength,
    originalLength,
    frame,
    ethertype: frame.readUInt16BE(12),
    dstMac: frame.subarray(0, 6).toString('hex'),
    srcMac: frame.subarray(6, 12).toString('hex'),
    ipHeader,
    ipTotalLength: ipHeader.readUInt16BE(2),
    ipIdentification: ipHeader.readUInt16BE(4),
    ttl: ipHeader[8]!,
    ipProtocol: ipHeader[9]!,
    srcIp: [...ipHeader.subarray(12, 16)].join('.'),
    dstIp: [...ipHeader.subarray(16, 20)].join('.'),
    srcPort: udp.readUInt16BE(0),
    dstPort: udp.readUInt16BE(2),
    udpLength: udp.readUInt16BE(4),
    udpChecksum: udp.readUInt16BE(6),
    udp,
    isakmp: udp.subarray(8),
  };
}

/** Ones' complement sum of 16-bit words: 0xffff over data that carries its own correct checksum. */
export function onesComplementSum(...parts: Buffer[]): number {
  const bytes = Buffer.concat(parts);
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    sum += bytes.readUInt8(i) * 256 + (i + 1 < bytes.length ? bytes.readUInt8(i + 1) : 0);
    sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  return sum;
}

export function udpChecksumHolds(packet: CapturedPacket): boolean {
  const pseudoHeader = Buffer.concat([
    packet.ipHeader.subarray(12, 20),
    Buffer.from([0, packet.ipProtocol]),
    packet.udp.subarray(4, 6),
  ]);
  return onesComplementSum(pseudoHeader, packet.udp) === 0xffff;
}

export interface IsakmpHeader {
  initiatorCookie: string;
  responderCookie: string;
  nextPayload: number;
  version: number;
  exchange: number;
  flags: number;
  messageId: number;
  length: number;
  body: Buffer;
}

export function readIsakmpHeader(isakmp: Buffer): IsakmpHeader {
  return {
    initiatorCookie: isakmp.subarray(0, 8).toString('hex'),
    responderCookie: isakmp.subarray(8, 16).toString('hex'),
    nextPayload: isakmp[16]!,
    version: isakmp[17]!,
    exchange: isakmp[18]!,
    flags: isakmp[19]!,
    messageId: isakmp.readUInt32BE(20),
    length: isakmp.readUInt32BE(24),
    body: isakmp.subarray(28),
  };
}

/** The payload types of a clear ISAKMP body by following next-payload from the header; throws when lengths do not add up. */
export function payloadChain(isakmp: Buffer): number[] {
  const types: number[] = [];
  let type = isakmp[16]!;
  let offset = 28;
  while (type !== 0) {
    types.push(type);
    const length = isakmp.readUInt16BE(offset + 2);
    if (length < 4 || offset + length > isakmp.length)
      throw new Error(`payload ${type} at ${offset}: length ${length}`);
    type = isakmp[offset]!;
    offset += length;
  }
  if (offset !== isakmp.length) throw new Error(`${isakmp.length - offset} bytes after the last payload`);
  return types;
}
