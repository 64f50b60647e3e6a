/**
 * A hand-built negotiation as a simulator would send it between two IOS routers, 150.150.150.1
 * (side a, initiator) and 150.150.150.2 (side b): main mode with 3DES/SHA/pre-share/group 2 whose
 * first MM1 is lost and retransmitted, quick mode for 10.1.1.0/24 <-> 10.2.2.0/24 with ESP-3DES,
 * HMAC-SHA and PFS group 2, then a second quick mode (10.1.3.0/24) that the responder refuses
 * with NO-PROPOSAL-CHOSEN.
 */
import type { Attribute, IdPayload, IkeMessage, Payload } from '../../src/simulate/trace.js';

export const A = '150.150.150.1';
export const B = '150.150.150.2';
export const INITIATOR_COOKIE = '8c5fe3bd5b74a6f1';
export const RESPONDER_COOKIE = '3f1a9c0e52d7b864';
export const QM_MESSAGE_ID = 0x5a3e1d07;
export const REFUSED_QM_MESSAGE_ID = 0x1b2c3d4e;
export const INFO_MESSAGE_ID = 0x7e6d5c4b;
export const ESP_SPI_A = 0x4d7a2b11;
export const ESP_SPI_B = 0x9c0e3f52;

/** RFC 2409 appendix A. */
const PHASE1 = { encryption: 1, hash: 2, authentication: 3, group: 4, lifeType: 11, lifeDuration: 12 };
/** RFC 2407 §4.5. */
const IPSEC = { lifeType: 1, lifeDuration: 2, group: 3, encapsulation: 4, authentication: 5 };

const policy3desShaPsk: Attribute[] = [
  { type: PHASE1.encryption, value: 5 }, // 3DES-CBC
  { type: PHASE1.hash, value: 2 }, // SHA
  { type: PHASE1.authentication, value: 1 }, // pre-shared key
  { type: PHASE1.group, value: 2 },
  { type: PHASE1.lifeType, value: 1 }, // seconds
  { type: PHASE1.lifeDuration, value: 86400 },
];
const policyDesMd5Psk: Attribute[] = [
  { type: PHASE1.encryption, value: 1 }, // DES-CBC
  { type: PHASE1.hash, value: 1 }, // MD5
  { type: PHASE1.authentication, value: 1 },
  { type: PHASE1.group, value: 1 },
  { type: PHASE1.lifeType, value: 1 },
  { type: PHASE1.lifeDuration, value: 86400 },
];
const esp3desShaTunnel: Attribute[] = [
  { type: IPSEC.lifeType, value: 1 }, // seconds
  { type: IPSEC.lifeDuration, value: 3600 },
  { type: IPSEC.lifeType, value: 2 }, // kilobytes
  { type: IPSEC.lifeDuration, value: 4608000 },
  { type: IPSEC.group, value: 2 }, // PFS
  { type: IPSEC.encapsulation, value: 1 }, // tunnel
  { type: IPSEC.authentication, value: 2 }, // HMAC-SHA
];

/** Dead peer detection (RFC 3706) and NAT traversal (draft 02), as IOS sends them. */
const VIDS: Payload[] = [
  { type: 'VID', hex: 'afcad71368a1f1c96b8696fc77570100' },
  { type: 'VID', hex: 'cd60464335df21f87cfdb2fc68b6a448' },
];

function subnet(address: string, mask: string): IdPayload {
  return { type: 'ID', idType: 4, protocol: 0, port: 0, address, second: mask };
}
const HOST_A: IdPayload = { type: 'ID', idType: 1, protocol: 17, port: 500, address: A };
const HOST_B: IdPayload = { type: 'ID', idType: 1, protocol: 17, port: 500, address: B };
const LAN_A = subnet('10.1.1.0', '255.255.255.0');
const LAN_A2 = subnet('10.1.3.0', '255.255.255.0');
const LAN_B = subnet('10.2.2.0', '255.255.255.0');

function espProposal(spi: number): Payload {
  return {
    type: 'SA',
    proposals: [
      { number: 1, protocol: 3, spi, transforms: [{ number: 1, id: 3, attributes: esp3desShaTunnel }] },
    ],
  };
}

type Draft = Omit<IkeMessage, 'seq' | 'to' | 'src' | 'dst' | 'initiatorCookie' | 'delivered'> & {
  delivered?: boolean;
};

const drafts: Draft[] = [
  {
    at: 0,
    from: 'a',
    step: 'MM1',
    exchange: 2,
    responderCookie: '0000000000000000',
    messageId: 0,
    encrypted: false,
    delivered: false,
    payloads: [
      {
        type: 'SA',
        proposals: [
          {
            number: 1,
            protocol: 1,
            transforms: [
              { number: 1, id: 1, attributes: policy3desShaPsk },
              { number: 2, id: 1, attributes: policyDesMd5Psk },
            ],
          },
        ],
      },
      ...VIDS,
    ],
  },
  {
    at: 10_000,
    from: 'a',
    step: 'MM1',
    exchange: 2,
    responderCookie: '0000000000000000',
    messageId: 0,
    encrypted: false,
    retransmission: 1,
    payloads: [], // filled below: identical to the first MM1
  },
  {
    at: 10_012,
    from: 'b',
    step: 'MM2',
    exchange: 2,
    responderCookie: RESPONDER_COOKIE,
    messageId: 0,
    encrypted: false,
    payloads: [
      {
        type: 'SA',
        proposals: [
          { number: 1, protocol: 1, transforms: [{ number: 1, id: 1, attributes: policy3desShaPsk }] },
        ],
      },
      ...VIDS,
    ],
  },
  {
    at: 10_030,
    from: 'a',
    step: 'MM3',
    exchange: 2,
    responderCookie: RESPONDER_COOKIE,
    messageId: 0,
    encrypted: false,
    payloads: [{ type: 'KE', group: 2, bytes: 128 }, { type: 'NONCE', bytes: 20 }, ...VIDS],
  },
  {
    at: 10_061,
    from: 'b',
    step: 'MM4',
    exchange: 2,
    responderCookie: RESPONDER_COOKIE,
    messageId: 0,
    encrypted: false,
    payloads: [{ type: 'KE', group: 2, bytes: 128 }, { type: 'NONCE', bytes: 20 }, ...VIDS],
  },
  {
    at: 10_095,
    from: 'a',
    step: 'MM5',
    exchange: 2,
    responderCookie: RESPONDER_COOKIE,
    messageId: 0,
    encrypted: true,
    payloads: [HOST_A, { type: 'HASH', bytes: 20 }],
  },
  {
    at: 10_103,
    from: 'b',
    step: 'MM6',
    exchange: 2,
    responderCookie: RESPONDER_COOKIE,
    messageId: 0,
    encrypted: true,
    payloads: [HOST_B, { type: 'HASH', bytes: 20 }],
  },
  {
    at: 10_110,
    from: 'a',
    step: 'QM1',
    exchange: 32,
    responderCookie: RESPONDER_COOKIE,
    messageId: QM_MESSAGE_ID,
    encrypted: true,
    payloads: [
      { type: 'HASH', bytes: 20 },
      espProposal(ESP_SPI_A),
      { type: 'NONCE', bytes: 20 },
      { type: 'KE', group: 2, bytes: 128 },
      LAN_A,
      LAN_B,
    ],
  },
  {
    at: 10_141,
    from: 'b',
    step: 'QM2',
    exchange: 32,
    responderCookie: RESPONDER_COOKIE,
    messageId: QM_MESSAGE_ID,
    encrypted: true,
    payloads: [
      { type: 'HASH', bytes: 20 },
      espProposal(ESP_SPI_B),
      { type: 'NONCE', bytes: 20 },
      { type: 'KE', group: 2, bytes: 128 },
      LAN_A,
      LAN_B,
    ],
  },
  {
    at: 10_150,
    from: 'a',
    step: 'QM3',
    exchange: 32,
    responderCookie: RESPONDER_COOKIE,
    messageId: QM_MESSAGE_ID,
    encrypted: true,
    payloads: [{ type: 'HASH', bytes: 20 }],
  },
  {
    at: 12_000,
    from: 'a',
    step: 'QM1',
    exchange: 32,
    responderCookie: RESPONDER_COOKIE,
    messageId: REFUSED_QM_MESSAGE_ID,
    encrypted: true,
    payloads: [
      { type: 'HASH', bytes: 20 },
      espProposal(ESP_SPI_A + 1),
      { type: 'NONCE', bytes: 20 },
      { type: 'KE', group: 2, bytes: 128 },
      LAN_A2,
      LAN_B,
    ],
  },
  {
    at: 12_009,
    from: 'b',
    step: 'INFO',
    exchange: 5,
    responderCookie: RESPONDER_COOKIE,
    messageId: INFO_MESSAGE_ID,
    encrypted: true,
    payloads: [
      { type: 'HASH', bytes: 20 },
      { type: 'NOTIFY', protocol: 3, notify: 14 },
    ],
  },
];
drafts[1]!.payloads = drafts[0]!.payloads;

/** The exchange as sent on the wire: MM5 onwards encrypted. */
export const EXCHANGE: IkeMessage[] = drafts.map((draft, seq) => {
  return {
    ...draft,
    seq,
    to: draft.from === 'a' ? 'b' : 'a',
    src: draft.from === 'a' ? A : B,
    dst: draft.from === 'a' ? B : A,
    initiatorCookie: INITIATOR_COOKIE,
    delivered: draft.delivered ?? true,
  };
});

/** The same exchange as a capture decrypted with the session keys would show it: every payload in clear. */
export const EXCHANGE_IN_CLEAR: IkeMessage[] = EXCHANGE.map((message) => ({ ...message, encrypted: false }));
