import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPcap } from '../../src/simulate/pcap/index.js';
import type { IdPayload, IkeMessage, Payload } from '../../src/simulate/trace.js';
import { skipWithout } from '../watch/support.js';
import {
  A,
  B,
  ESP_SPI_A,
  ESP_SPI_B,
  EXCHANGE,
  EXCHANGE_IN_CLEAR,
  INFO_MESSAGE_ID,
  INITIATOR_COOKIE,
  QM_MESSAGE_ID,
  RESPONDER_COOKIE,
} from './pcap-exchange.js';
import {
  type Capture,
  onesComplementSum,
  payloadChain,
  readIsakmpHeader,
  readPcap,
  udpChecksumHolds,
} from './pcap-reader.js';
import { type Dissection, dissect, expertSummary, HAS_TSHARK, TSHARK } from './tshark.js';

const START = new Date('2024-03-01T09:30:00.250Z');
/** Side b tears down the IPsec SA pair and the ISAKMP SA of the exchange. */
const DELETES: IkeMessage = {
  ...EXCHANGE[6]!,
  step: 'INFO',
  exchange: 5,
  messageId: 0x11223344,
  encrypted: false,
  payloads: [
    { type: 'DELETE', protocol: 3, spis: [ESP_SPI_B, ESP_SPI_A] },
    { type: 'DELETE', protocol: 1, spis: [] },
  ],
};
/** RFC 2408 §3.1 payload numbers, as the reader expects them. */
const NUMBER: Record<Payload['type'], number> = {
  SA: 1,
  KE: 4,
  ID: 5,
  HASH: 8,
  NONCE: 10,
  NOTIFY: 11,
  DELETE: 12,
  VID: 13,
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const isakmpOf = (messages: IkeMessage[], index: number) =>
  readPcap(toPcap(messages, START)).packets[index]!.isakmp;

describe('toPcap: the capture file', () => {
  let capture: Capture;
  beforeAll(() => {
    capture = readPcap(toPcap(EXCHANGE, START));
  });

  it('is a classic little-endian pcap v2.4 of Ethernet frames with one record per message sent, undelivered included', () => {
    expect(capture.magic).toBe(0xa1b2c3d4);
    expect(capture.version).toEqual([2, 4]);
    expect(capture.snaplen).toBe(65535);
    expect(capture.linktype).toBe(1);
    expect(EXCHANGE[0]!.delivered).toBe(false);
    expect(capture.packets).toHaveLength(EXCHANGE.length);
  });

  it('stamps each record at the start plus the message time', () => {
    const stamps = capture.packets.map((p) => p.seconds * 1000 + p.micros / 1000);
    expect(stamps).toEqual(EXCHANGE.map((m) => START.getTime() + m.at));
    expect(capture.packets[2]!.micros).toBe(262_000); // 09:30:10.262
  });

  it('writes each message as an IPv4/UDP 500 datagram with lengths that nest and checksums that hold', () => {
    capture.packets.forEach((packet, i) => {
      const message = EXCHANGE[i]!;
      expect(packet.capturedLength).toBe(packet.originalLength);
      expect(packet.ethertype).toBe(0x0800);
      expect([packet.srcIp, packet.dstIp]).toEqual([message.src, message.dst]);
      expect(packet.srcMac).not.toBe(packet.dstMac);
      expect([packet.ipProtocol, packet.ttl, packet.srcPort, packet.dstPort]).toEqual([17, 255, 500, 500]);
      expect(packet.frame.length).toBe(14 + packet.ipTotalLength);
      expect(packet.ipTotalLength).toBe(20 + packet.udpLength);
      expect(packet.udpLength).toBe(8 + packet.isakmp.length);
      expect(onesComplementSum(packet.ipHeader)).toBe(0xffff);
      expect(packet.udpChecksum).not.toBe(0);
      expect(udpChecksumHolds(packet)).toBe(true);
    });
  });

  it('notices a flipped bit: the reader checks the checksums it claims to', () => {
    const damaged = readPcap(toPcap(EXCHANGE, START)).packets[3]!;
    damaged.isakmp[40]! ^= 0x01;
    damaged.ipHeader[8]! ^= 0x01;
    expect(udpChecksumHolds(damaged)).toBe(false);
    expect(onesComplementSum(damaged.ipHeader)).not.toBe(0xffff);
  });

  it('writes the ISAKMP header from the message: cookies, next payload, version 1.0, exchange, flags, message id, length', () => {
    capture.packets.forEach((packet, i) => {
      const message = EXCHANGE[i]!;
      const header = readIsakmpHeader(packet.isakmp);
      expect(header.initiatorCookie).toBe(INITIATOR_COOKIE);
      expect(header.responderCookie).toBe(message.responderCookie);
      expect(header.nextPayload).toBe(NUMBER[message.payloads[0]!.type]);
      expect(header.version).toBe(0x10);
      expect(header.exchange).toBe(message.exchange);
      expect(header.flags).toBe(message.encrypted ? 1 : 0);
      expect(header.messageId).toBe(message.messageId);
      expect(header.length).toBe(packet.isakmp.length);
    });
  });

  it('chains clear payloads in order, each length covering exactly its bytes', () => {
    capture.packets.forEach((packet, i) => {
      const message = EXCHANGE[i]!;
      if (message.encrypted) return;
      expect(payloadChain(packet.isakmp)).toEqual(message.payloads.map((p) => NUMBER[p.type]));
    });
    const inClear = readPcap(toPcap(EXCHANGE_IN_CLEAR, START));
    inClear.packets.forEach((packet, i) =>
      expect(payloadChain(packet.isakmp)).toEqual(EXCHANGE[i]!.payloads.map((p) => NUMBER[p.type])),
    );
  });

  it('hides encrypted payloads behind opaque bytes padded to 8 that are at least as long as the clear ones', () => {
    capture.packets.forEach((packet, i) => {
      if (!EXCHANGE[i]!.encrypted) return;
      const body = readIsakmpHeader(packet.isakmp).body;
      const clearBody = readIsakmpHeader(isakmpOf(EXCHANGE_IN_CLEAR, i)).body;
      expect(body.length % 8).toBe(0);
      expect(body.length).toBeGreaterThanOrEqual(clearBody.length);
      expect(body.length).toBeLessThan(clearBody.length + 8);
      expect(hex(body)).not.toContain(hex(clearBody.subarray(4, 12)));
    });
  });

  it('writes a phase-1 life of 86400 s as TLV with a 4-byte value and the other attributes as TV', () => {
    const mm1 = hex(capture.packets[0]!.isakmp);
    expect(mm1).toContain(
      '80010005' + '80020002' + '80030001' + '80040002' + '800b0001' + '000c0004' + '00015180',
    );
    expect(mm1).toContain('00000001' + '00000001'); // DOI IPSEC, SIT_IDENTITY_ONLY
  });

  it('writes the ESP proposal with its SPI, the 3DES transform and IPsec attributes, and subnet IDs', () => {
    const qm1 = hex(isakmpOf(EXCHANGE_IN_CLEAR, 7));
    // proposal 1, ESP, SPI size 4, one transform, the SPI; transform 1, ESP_3DES
    expect(qm1).toContain('0103' + '0401' + ESP_SPI_A.toString(16) + '00000028' + '0103' + '0000');
    expect(qm1).toContain(
      '80010001' + '80020e10' + '80010002' + '00020004' + '00465000' + '80030002' + '80040001' + '80050002',
    );
    expect(qm1).toContain('04000000' + '0a010100' + 'ffffff00');
    expect(qm1).toContain('04000000' + '0a020200' + 'ffffff00');
  });

  it('writes a KE of the group-2 size, an IPv4 identity and a NO-PROPOSAL-CHOSEN notification', () => {
    expect(payloadBytes(capture.packets[3]!.isakmp, NUMBER.KE)).toBe(128);
    expect(hex(isakmpOf(EXCHANGE_IN_CLEAR, 5))).toContain('01' + '11' + '01f4' + '96969601');
    // last payload, 12 bytes: DOI IPSEC, PROTO_IPSEC_ESP, no SPI, NO-PROPOSAL-CHOSEN
    expect(
      hex(isakmpOf(EXCHANGE_IN_CLEAR, 11)).endsWith('0000000c' + '00000001' + '03' + '00' + '000e'),
    ).toBe(true);
  });

  it('repeats a retransmission byte for byte in a new IP packet', () => {
    const [first, again] = capture.packets;
    expect(EXCHANGE[1]!.retransmission).toBe(1);
    expect(hex(again!.isakmp)).toBe(hex(first!.isakmp));
    expect(again!.ipIdentification).not.toBe(first!.ipIdentification);
  });

  it('gives the same bytes for the same input, and different random-looking values per payload', () => {
    expect(hex(toPcap(EXCHANGE, START))).toBe(hex(toPcap(structuredClone(EXCHANGE), new Date(START))));
    const keA = payloadData(capture.packets[3]!.isakmp, NUMBER.KE);
    const keB = payloadData(capture.packets[4]!.isakmp, NUMBER.KE);
    expect(keA).not.toBe(keB);
    expect(new Set(keA.match(/../g)).size).toBeGreaterThan(64);
  });

  it('puts records in time order whatever order the messages come in', () => {
    const reversed = readPcap(toPcap([...EXCHANGE].reverse(), START));
    expect(reversed.packets.map((p) => hex(p.frame))).toEqual(capture.packets.map((p) => hex(p.frame)));
  });

  it('names an ISAKMP SA to delete by its cookie pair and an IPsec SA by its SPI', () => {
    const bytes = hex(isakmpOf([DELETES], 0));
    expect(bytes).toContain('00000001' + '03' + '04' + '0002' + '9c0e3f52' + '4d7a2b11');
    // DOI IPSEC, PROTO_ISAKMP, SPI size 16, one SPI: the cookie pair
    expect(bytes.endsWith('00000001' + '01' + '10' + '0001' + INITIATOR_COOKIE + RESPONDER_COOKIE)).toBe(
      true,
    );
  });

  it('refuses what cannot be on the wire', () => {
    const mm1 = EXCHANGE[0]!;
    expect(() => toPcap([{ ...mm1, initiatorCookie: 'xyz' }], START)).toThrow(/16 hex digits/);
    const maskless: IdPayload = { type: 'ID', idType: 4, protocol: 0, port: 0, address: '10.1.1.0' };
    expect(() => toPcap([{ ...mm1, payloads: [maskless] }], START)).toThrow(/mask or range end/);
    expect(() => toPcap([{ ...mm1, src: '150.150.150' }], START)).toThrow(/IPv4/);
    const nonce = (bytes: number): Payload => ({ type: 'NONCE', bytes });
    expect(() => toPcap([{ ...mm1, payloads: [nonce(70_000)] }], START)).toThrow(/16-bit payload length/);
    expect(() => toPcap([{ ...mm1, payloads: [nonce(40_000), nonce(40_000)] }], START)).toThrow(
      /IPv4 datagram/,
    );
    expect(() => toPcap([mm1], new Date(Number.NaN))).toThrow(RangeError);
  });
});

/** Bytes of the first payload of a type in a clear ISAKMP message, after its generic header. */
function payloadData(isakmp: Buffer, type: number): string {
  let next = isakmp[16]!;
  for (let offset = 28; next !== 0;) {
    const length = isakmp.readUInt16BE(offset + 2);
    if (next === type) return hex(isakmp.subarray(offset + 4, offset + length));
    next = isakmp[offset]!;
    offset += length;
  }
  throw new Error(`no payload ${type}`);
}
const payloadBytes = (isakmp: Buffer, type: number) => payloadData(isakmp, type).length / 2;
/** A time in milliseconds as tshark prints `frame.time_epoch`. */
const epochText = (ms: number) => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}000000`;

describe('toPcap: any message list', () => {
  const address = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
  const cookie = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(hex);
  const attribute = fc.record({
    type: fc.integer({ min: 1, max: 0x7fff }),
    value: fc.oneof(fc.nat(0xffff), fc.integer({ min: 0x10000, max: 0xffffffff })),
  });
  const proposal = fc.record({
    number: fc.integer({ min: 1, max: 255 }),
    protocol: fc.constantFrom(1 as const, 2 as const, 3 as const),
    spi: fc.option(fc.nat(0xffffffff), { nil: undefined }),
    transforms: fc.array(
      fc.record({
        number: fc.integer({ min: 1, max: 255 }),
        id: fc.nat(255),
        attributes: fc.array(attribute, { maxLength: 8 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });
  const id: fc.Arbitrary<IdPayload> = fc.record({
    type: fc.constant('ID' as const),
    idType: fc.constantFrom(1 as const, 4 as const, 7 as const),
    protocol: fc.nat(255),
    port: fc.nat(0xffff),
    address,
    second: address,
  });
  const payload: fc.Arbitrary<Payload> = fc.oneof(
    fc.record({
      type: fc.constant('SA' as const),
      proposals: fc.array(proposal, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ type: fc.constant('KE' as const), group: fc.constantFrom(1, 2, 5, 14), bytes: fc.nat(512) }),
    fc.record({ type: fc.constantFrom('NONCE' as const, 'HASH' as const), bytes: fc.nat(64) }),
    id,
    fc.record({ type: fc.constant('NOTIFY' as const), protocol: fc.nat(255), notify: fc.nat(0xffff) }),
    fc.record({
      type: fc.constant('DELETE' as const),
      protocol: fc.nat(255),
      spis: fc.array(fc.nat(0xffffffff), { maxLength: 4 }),
    }),
    fc.record({ type: fc.constant('VID' as const), hex: fc.uint8Array({ maxLength: 20 }).map(hex) }),
  );
  const message: fc.Arbitrary<IkeMessage> = fc.record({
    seq: fc.nat(10_000),
    at: fc.nat(3_600_000),
    from: fc.constantFrom('a' as const, 'b' as const),
    to: fc.constantFrom('a' as const, 'b' as const),
    src: address,
    dst: address,
    step: fc.constantFrom('MM1' as const, 'MM5' as const, 'AM1' as const, 'QM1' as const, 'INFO' as const),
    exchange: fc.constantFrom(2 as const, 4 as const, 5 as const, 32 as const),
    initiatorCookie: cookie,
    responderCookie: cookie,
    messageId: fc.nat(0xffffffff),
    encrypted: fc.boolean(),
    payloads: fc.array(payload, { maxLength: 8 }),
    delivered: fc.boolean(),
  });

  it('encodes every message into a record whose lengths nest and whose checksums hold', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), (messages) => {
        const capture = readPcap(toPcap(messages, START));
        expect(capture.packets).toHaveLength(messages.length);
        const sorted = [...messages].sort((x, y) => x.at - y.at || x.seq - y.seq);
        capture.packets.forEach((packet, i) => {
          expect(packet.capturedLength).toBe(14 + packet.ipTotalLength);
          expect(packet.ipTotalLength).toBe(20 + packet.udpLength);
          expect(packet.udpLength).toBe(8 + packet.isakmp.length);
          expect(readIsakmpHeader(packet.isakmp).length).toBe(packet.isakmp.length);
          expect(onesComplementSum(packet.ipHeader)).toBe(0xffff);
          expect(udpChecksumHolds(packet)).toBe(true);
          const sent = sorted[i]!;
          if (sent.encrypted) expect((packet.isakmp.length - 28) % 8).toBe(0);
          else expect(payloadChain(packet.isakmp)).toEqual(sent.payloads.map((p) => NUMBER[p.type]));
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe.skipIf(skipWithout(HAS_TSHARK, `tshark (${TSHARK}; apt-get install tshark)`))(
  'toPcap read by tshark',
  () => {
    let folder: string;
    beforeAll(() => {
      folder = mkdtempSync(join(tmpdir(), 'ipsec-doctor-pcap-'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const write = (name: string, messages: IkeMessage[]) => {
      const file = join(folder, name);
      writeFileSync(file, toPcap(messages, START));
      return file;
    };
    const first = (packet: Dissection | undefined, field: string) => packet?.[field]?.[0];

    it('is on this machine when CI says it must be', () => {
      expect(HAS_TSHARK, `IPSEC_DOCTOR_CI=1 and no tshark at ${TSHARK}`).toBe(true);
    });

    it('dissects the wire capture as IKEv1 over UDP 500 with no expert info, checksums good', () => {
      const file = write('wire.pcap', EXCHANGE);
      const packets = dissect(file, [
        'frame.protocols',
        'frame.time_epoch',
        'ip.checksum.status',
        'udp.checksum.status',
        'isakmp.ispi',
        'isakmp.rspi',
        'isakmp.exchangetype',
        'isakmp.flag_e',
        'isakmp.messageid',
        'isakmp.nextpayload',
        'isakmp.enc.data',
        'isakmp.ike.attr.encryption_algorithm',
        'isakmp.ike.attr.hash_algorithm',
        'isakmp.ike.attr.authentication_method',
        'isakmp.ike.attr.group_description',
        'isakmp.ike.attr.life_type',
        'isakmp.ike.attr.life_duration',
        'isakmp.key_exchange.data',
        'isakmp.nonce',
        'isakmp.vid_string',
        '_ws.expert',
        '_ws.malformed',
      ]);
      expect(packets).toHaveLength(EXCHANGE.length);
      for (const packet of packets) {
        expect(packet['frame.protocols']).toEqual(['eth:ethertype:ip:udp:isakmp']);
        expect([first(packet, 'ip.checksum.status'), first(packet, 'udp.checksum.status')]).toEqual([
          '1',
          '1',
        ]);
        expect(packet['_ws.expert']).toBeUndefined();
        expect(packet['_ws.malformed']).toBeUndefined();
        expect(first(packet, 'isakmp.ispi')).toBe(INITIATOR_COOKIE);
      }
      expect(packets.map((p) => first(p, 'isakmp.exchangetype'))).toEqual([
        '2',
        '2',
        '2',
        '2',
        '2',
        '2',
        '2',
        '32',
        '32',
        '32',
        '32',
        '5',
      ]);
      expect(packets.map((p) => first(p, 'isakmp.rspi'))).toEqual([
        '0000000000000000',
        '0000000000000000',
        ...Array<string>(10).fill(RESPONDER_COOKIE),
      ]);
      expect(packets.map((p) => first(p, 'frame.time_epoch'))).toEqual(
        EXCHANGE.map((m) => epochText(START.getTime() + m.at)),
      );
      expect(packets.map((p) => first(p, 'isakmp.flag_e'))).toEqual(
        EXCHANGE.map((m) => (m.encrypted ? '1' : '0')),
      );
      expect(packets.map((p) => p['isakmp.enc.data'] !== undefined)).toEqual(
        EXCHANGE.map((m) => m.encrypted),
      );
      expect(first(packets[5], 'isakmp.nextpayload')).toBe('5'); // MM5's header still names its ID payload
      expect(first(packets[7], 'isakmp.messageid')).toBe(`0x${QM_MESSAGE_ID.toString(16).padStart(8, '0')}`);

      const mm1 = packets[0]!;
      expect(mm1['isakmp.ike.attr.encryption_algorithm']).toEqual(['5', '1']); // 3DES-CBC, DES-CBC
      expect(mm1['isakmp.ike.attr.hash_algorithm']).toEqual(['2', '1']); // SHA, MD5
      expect(mm1['isakmp.ike.attr.authentication_method']).toEqual(['1', '1']); // pre-shared key
      expect(mm1['isakmp.ike.attr.group_description']).toEqual(['2', '1']);
      expect(mm1['isakmp.ike.attr.life_type']).toEqual(['1', '1']);
      expect(mm1['isakmp.ike.attr.life_duration']).toEqual(['86400', '86400']);
      expect(mm1['isakmp.vid_string']).toEqual([
        'RFC 3706 DPD (Dead Peer Detection)',
        'draft-ietf-ipsec-nat-t-ike-02',
      ]);
      expect(packets[2]!['isakmp.ike.attr.encryption_algorithm']).toEqual(['5']);
      for (const mm of [packets[3]!, packets[4]!]) {
        expect(first(mm, 'isakmp.key_exchange.data')).toMatch(/^[0-9a-f]{256}$/);
        expect(first(mm, 'isakmp.nonce')).toMatch(/^[0-9a-f]{40}$/);
      }
      expect(expertSummary(file)).toBe('');
    });

    it('dissects the payloads a decrypting reader would see: identities, the ESP proposal, PFS and the refusal', () => {
      const file = write('clear.pcap', EXCHANGE_IN_CLEAR);
      const packets = dissect(file, [
        'isakmp.messageid',
        'isakmp.id.type',
        'isakmp.id.protoid',
        'isakmp.id.port',
        'isakmp.id.data.ipv4_addr',
        'isakmp.id.data.ipv4_subnet',
        'isakmp.prop.protoid',
        'isakmp.spisize',
        'isakmp.spi',
        'isakmp.trans.id',
        'isakmp.ipsec.attr.life_type',
        'isakmp.ipsec.attr.life_duration',
        'isakmp.ipsec.attr.group_description',
        'isakmp.ipsec.attr.encap_mode',
        'isakmp.ipsec.attr.auth_algorithm',
        'isakmp.key_exchange.data',
        'isakmp.hash',
        'isakmp.notify.doi',
        'isakmp.notify.protoid',
        'isakmp.notify.msgtype',
        '_ws.expert',
        '_ws.malformed',
      ]);
      for (const packet of packets) {
        expect(packet['_ws.expert']).toBeUndefined();
        expect(packet['_ws.malformed']).toBeUndefined();
      }
      const [mm5, mm6, qm1, qm2, qm3, , info] = packets.slice(5);
      expect([mm5!['isakmp.id.type'], mm5!['isakmp.id.protoid'], mm5!['isakmp.id.port']]).toEqual([
        ['1'],
        ['17'],
        ['500'],
      ]);
      expect(mm5!['isakmp.id.data.ipv4_addr']).toEqual([A]);
      expect(mm6!['isakmp.id.data.ipv4_addr']).toEqual([B]);
      expect(first(mm5, 'isakmp.hash')).toMatch(/^[0-9a-f]{40}$/);

      for (const qm of [qm1!, qm2!]) {
        expect(qm['isakmp.prop.protoid']).toEqual(['3']); // IPSEC_ESP
        expect(qm['isakmp.spisize']).toEqual(['4']);
        expect(qm['isakmp.trans.id']).toEqual(['3']); // ESP_3DES
        expect(qm['isakmp.ipsec.attr.life_type']).toEqual(['1', '2']); // seconds, kilobytes
        expect(qm['isakmp.ipsec.attr.life_duration']).toEqual(['3600', '4608000']);
        expect(qm['isakmp.ipsec.attr.group_description']).toEqual(['2']);
        expect(qm['isakmp.ipsec.attr.encap_mode']).toEqual(['1']); // tunnel
        expect(qm['isakmp.ipsec.attr.auth_algorithm']).toEqual(['2']); // HMAC-SHA
        expect(first(qm, 'isakmp.key_exchange.data')).toMatch(/^[0-9a-f]{256}$/);
        expect(qm['isakmp.id.type']).toEqual(['4', '4']);
        expect(qm['isakmp.id.data.ipv4_addr']).toEqual(['10.1.1.0', '10.2.2.0']);
        expect(qm['isakmp.id.data.ipv4_subnet']).toEqual(['255.255.255.0', '255.255.255.0']);
      }
      expect(qm1!['isakmp.spi']).toEqual([ESP_SPI_A.toString(16)]);
      expect(qm3!['isakmp.hash']).toHaveLength(1);
      expect(first(info, 'isakmp.messageid')).toBe(`0x${INFO_MESSAGE_ID.toString(16)}`);
      expect([
        first(info, 'isakmp.notify.doi'),
        first(info, 'isakmp.notify.protoid'),
        first(info, 'isakmp.notify.msgtype'),
      ]).toEqual(['1', '3', '14']);
      expect(expertSummary(file)).toBe('');
    });

    it('dissects DELETE payloads for an IPsec SA pair and for the ISAKMP SA', () => {
      const file = write('delete.pcap', [DELETES]);
      const [packet] = dissect(file, [
        'isakmp.delete.protoid',
        'isakmp.spisize',
        'isakmp.spinum',
        'isakmp.delete.spi',
        '_ws.expert',
      ]);
      expect(packet!['isakmp.delete.protoid']).toEqual(['3', '1']);
      expect(packet!['isakmp.spisize']).toEqual(['4', '16']);
      expect(packet!['isakmp.spinum']).toEqual(['2', '1']);
      expect(packet!['isakmp.delete.spi']).toEqual([
        '9c0e3f52',
        '4d7a2b11',
        INITIATOR_COOKIE + RESPONDER_COOKIE,
      ]);
      expect(packet!['_ws.expert']).toBeUndefined();
    });

    it('reports a damaged packet, so a clean report means something', () => {
      const bytes = toPcap(EXCHANGE, START);
      bytes.writeUInt32BE(0xffff, 24 + 16 + 14 + 20 + 8 + 24); // MM1's ISAKMP length
      const file = join(folder, 'damaged.pcap');
      writeFileSync(file, bytes);
      expect(dissect(file, ['_ws.malformed'])[0]!['_ws.malformed']).toBeDefined();
      expect(expertSummary(file)).toMatch(/Malformed/);
    });
  },
);
