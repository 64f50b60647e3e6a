/**
 * One simulated IKEv1 packet as the bytes a device puts in its UDP datagram (RFC 2408 §3, with
 * the IPsec DOI of RFC 2407 and the phase-1 attributes of RFC 2409 appendix A).
 */
import ipaddr from 'ipaddr.js';
import type {
  Attribute,
  IdPayload,
  IkeMessage,
  Payload,
  ProposalPayload,
  TransformPayload,
} from '../trace.js';
import { noise } from './noise.js';

export const ISAKMP_HEADER_LENGTH = 28;
const GENERIC_HEADER_LENGTH = 4;
const VERSION_1_0 = 0x10;
const FLAG_ENCRYPTION = 0x01;
const DOI_IPSEC = 1;
const SIT_IDENTITY_ONLY = 1;
const PROTO_ISAKMP = 1;
/** Ciphertext is padded to the cipher's block; 8 covers DES and 3DES and is what tshark accepts. */
const CIPHER_BLOCK = 8;

/** RFC 2408 §3.1 next-payload numbers. */
export const PAYLOAD_NUMBER = {
  NONE: 0,
  SA: 1,
  PROPOSAL: 2,
  TRANSFORM: 3,
  KE: 4,
  ID: 5,
  HASH: 8,
  NONCE: 10,
  NOTIFY: 11,
  DELETE: 12,
  VID: 13,
} as const satisfies Record<Payload['type'] | 'NONE' | 'PROPOSAL' | 'TRANSFORM', number>;

/** The ISAKMP bytes of one message: header, then its payloads in clear or as opaque ciphertext. */
export function encodeIsakmp(message: IkeMessage): Buffer {
  const payloads = encodePayloadChain(message);
  const body = message.encrypted ? ciphertext(message, payloads.length) : payloads;
  const header = Buffer.alloc(ISAKMP_HEADER_LENGTH);
  cookie(message.initiatorCookie).copy(header, 0);
  cookie(message.responderCookie).copy(header, 8);
  // Devices keep the first inner payload's type in the header of an encrypted message.
  header[16] = message.payloads[0] ? PAYLOAD_NUMBER[message.payloads[0].type] : PAYLOAD_NUMBER.NONE;
  header[17] = VERSION_1_0;
  header[18] = message.exchange;
  header[19] = message.encrypted ? FLAG_ENCRYPTION : 0;
  header.writeUInt32BE(message.messageId, 20);
  header.writeUInt32BE(ISAKMP_HEADER_LENGTH + body.length, 24);
  return Buffer.concat([header, body]);
}

function encodePayloadChain(message: IkeMessage): Buffer {
  const { payloads } = message;
  return Buffer.concat(
    payloads.map((payload, index) => {
      const next = payloads[index + 1];
      const body = payloadBody(payload, message, index);
      return generic(next ? PAYLOAD_NUMBER[next.type] : PAYLOAD_NUMBER.NONE, body);
    }),
  );
}

/** Retransmissions are byte-identical on the wire, so the seed names the message, not its position in the run. */
function seed(message: IkeMessage, what: string): string {
  const { initiatorCookie, responderCookie, messageId, step, from } = message;
  return `${initiatorCookie}/${responderCookie}/${messageId}/${step}/${from}/${what}`;
}

function ciphertext(message: IkeMessage, plaintextLength: number): Buffer {
  return noise(seed(message, 'ciphertext'), Math.ceil(plaintextLength / CIPHER_BLOCK) * CIPHER_BLOCK);
}

function payloadBody(payload: Payload, message: IkeMessage, index: number): Buffer {
  switch (payload.type) {
    case 'SA':
      return Buffer.concat([
        uint32(DOI_IPSEC),
        uint32(SIT_IDENTITY_ONLY),
        ...payload.proposals.map((proposal, i) =>
          generic(
            payload.proposals[i + 1] ? PAYLOAD_NUMBER.PROPOSAL : PAYLOAD_NUMBER.NONE,
            proposalBody(proposal),
          ),
        ),
      ]);
    case 'KE':
    case 'NONCE':
    case 'HASH':
      return noise(seed(message, `${payload.type}${index}`), payload.bytes);
    case 'ID':
      return idBody(payload);
    case 'NOTIFY': {
      const fixed = Buffer.alloc(8);
      fixed.writeUInt32BE(DOI_IPSEC, 0);
      fixed[4] = payload.protocol;
      fixed[5] = 0; // SPI size: the notification names no SA
      fixed.writeUInt16BE(payload.notify, 6);
      return fixed;
    }
    case 'DELETE':
      return deleteBody(payload.protocol, payload.spis, message);
    case 'VID':
      return hexBytes(payload.hex);
  }
}

function proposalBody(proposal: ProposalPayload): Buffer {
  const spi = proposal.protocol === PROTO_ISAKMP ? Buffer.alloc(0) : uint32(proposal.spi ?? 0);
  const fixed = Buffer.from([proposal.number, proposal.protocol, spi.length, proposal.transforms.length]);
  const transforms = proposal.transforms.map((transform, i) =>
    generic(
      proposal.transforms[i + 1] ? PAYLOAD_NUMBER.TRANSFORM : PAYLOAD_NUMBER.NONE,
      transformBody(transform),
    ),
  );
  return Buffer.concat([fixed, spi, ...transforms]);
}

function transformBody(transform: TransformPayload): Buffer {
  return Buffer.concat([
    Buffer.from([transform.number, transform.id, 0, 0]),
    ...transform.attributes.map(attribute),
  ]);
}

/**
 * TV form (AF=1) when the value fits its 2 bytes, else TLV with a 4-byte value, as IOS writes a
 * phase-1 life duration of 86400.
 */
function attribute({ type, value }: Attribute): Buffer {
  if (!Number.isInteger(type) || type < 0 || type > 0x7fff) throw new RangeError(`attribute type ${type}`);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`attribute ${type} value ${value}`);
  }
  const out = Buffer.alloc(value <= 0xffff ? 4 : 8);
  if (value <= 0xffff) {
    out.writeUInt16BE(0x8000 | type, 0);
    out.writeUInt16BE(value, 2);
  } else {
    out.writeUInt16BE(type, 0);
    out.writeUInt16BE(4, 2);
    out.writeUInt32BE(value, 4);
  }
  return out;
}

function idBody(id: IdPayload): Buffer {
  const fixed = Buffer.alloc(4);
  fixed[0] = id.idType;
  fixed[1] = id.protocol;
  fixed.writeUInt16BE(id.port, 2);
  if (id.idType === 1) return Buffer.concat([fixed, ipv4(id.address)]);
  if (id.second === undefined)
    throw new Error(`ID type ${id.idType} for ${id.address} needs a mask or range end`);
  return Buffer.concat([fixed, ipv4(id.address), ipv4(id.second)]);
}

/** An ISAKMP SA is named by its cookie pair (RFC 2408 §3.15), an IPsec SA by its 4-byte SPI. */
function deleteBody(protocol: number, spis: number[], message: IkeMessage): Buffer {
  const named =
    protocol === PROTO_ISAKMP
      ? [Buffer.concat([cookie(message.initiatorCookie), cookie(message.responderCookie)])]
      : spis.map(uint32);
  const fixed = Buffer.alloc(8);
  fixed.writeUInt32BE(DOI_IPSEC, 0);
  fixed[4] = protocol;
  fixed[5] = named[0]?.length ?? 4;
  fixed.writeUInt16BE(named.length, 6);
  return Buffer.concat([fixed, ...named]);
}

function generic(next: number, body: Buffer): Buffer {
  if (GENERIC_HEADER_LENGTH + body.length > 0xffff) {
    throw new RangeError(`a payload of ${body.length} bytes does not fit ISAKMP's 16-bit payload length`);
  }
  const header = Buffer.alloc(GENERIC_HEADER_LENGTH);
  header[0] = next;
  header.writeUInt16BE(GENERIC_HEADER_LENGTH + body.length, 2);
  return Buffer.concat([header, body]);
}

function cookie(hex: string): Buffer {
  if (!/^[0-9a-f]{16}$/i.test(hex))
    throw new Error(`ISAKMP cookie ${JSON.stringify(hex)} is not 16 hex digits`);
  return Buffer.from(hex, 'hex');
}

function hexBytes(hex: string): Buffer {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error(`vendor ID ${JSON.stringify(hex)} is not hex bytes`);
  return Buffer.from(hex, 'hex');
}

export function ipv4(address: string): Buffer {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address))
    throw new Error(`${JSON.stringify(address)} is not an IPv4 address`);
  return Buffer.from(ipaddr.IPv4.parse(address).toByteArray());
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value, 0);
  return out;
}
