/** A classic libpcap capture (not pcapng) of the ISAKMP packets a simulated negotiation sent. */
import type { IkeMessage } from '../trace.js';
import { ethernetFrame } from './frame.js';
import { encodeIsakmp } from './isakmp.js';

const PCAP_MAGIC = 0xa1b2c3d4;
const PCAP_VERSION = [2, 4] as const;
const SNAPLEN = 65535;
const LINKTYPE_ETHERNET = 1;
const GLOBAL_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

/**
 * One record per message sent, undelivered ones included (they were on the sender's wire), at
 * `start` + `message.at`; records in time order as capture readers expect. Same input, same bytes.
 */
export function toPcap(messages: readonly IkeMessage[], start: Date): Buffer {
  const startMs = start.getTime();
  if (!Number.isFinite(startMs)) throw new RangeError('toPcap needs a valid start date');
  const inTimeOrder = [...messages].sort((x, y) => x.at - y.at || x.seq - y.seq);
  return Buffer.concat([
    globalHeader(),
    ...inTimeOrder.map((message) => {
      const frame = ethernetFrame({
        src: message.src,
        dst: message.dst,
        identification: message.seq + 1,
        payload: encodeIsakmp(message),
      });
      return Buffer.concat([recordHeader(startMs + message.at, frame.length), frame]);
    }),
  ]);
}

function globalHeader(): Buffer {
  const header = Buffer.alloc(GLOBAL_HEADER_LENGTH);
  header.writeUInt32LE(PCAP_MAGIC, 0);
  header.writeUInt16LE(PCAP_VERSION[0], 4);
  header.writeUInt16LE(PCAP_VERSION[1], 6);
  // thiszone and sigfigs stay 0: timestamps are UTC.
  header.writeUInt32LE(SNAPLEN, 16);
  header.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  return header;
}

function recordHeader(timeMs: number, length: number): Buffer {
  const micros = Math.round(timeMs * 1000);
  const header = Buffer.alloc(RECORD_HEADER_LENGTH);
  header.writeUInt32LE(Math.floor(micros / 1e6), 0);
  header.writeUInt32LE(micros % 1e6, 4);
  header.writeUInt32LE(length, 8);
  header.writeUInt32LE(length, 12);
  return header;
}
