import fc from 'fast-check';
import type { Dialect, IdPayload, IpsecSa, IsakmpSaState, SideState } from '../../src/simulate/trace.js';

/** Side states as the simulator leaves them, for the show renderer's tests. */

export const LOCAL = '203.0.113.1';
export const PEER = '198.51.100.2';

/** The phase-1 state each dialect shows once main mode is done. */
export const ESTABLISHED: Readonly<Record<Dialect, string>> = {
  ios12: 'QM_IDLE',
  ios15: 'QM_IDLE',
  pix: 'QM_IDLE',
  asa: 'MM_ACTIVE',
};

/** Every state the simulator leaves per dialect (config/negotiate's table: PIX speaks IOS's words). */
export const STATES: Readonly<Record<Dialect, readonly string[]>> = {
  ios12: ['MM_NO_STATE', 'MM_SA_SETUP', 'MM_KEY_EXCH', 'QM_IDLE'],
  ios15: ['MM_NO_STATE', 'MM_SA_SETUP', 'MM_KEY_EXCH', 'QM_IDLE'],
  pix: ['MM_NO_STATE', 'MM_SA_SETUP', 'MM_KEY_EXCH', 'QM_IDLE'],
  asa: ['MM_NO_STATE', 'MM_WAIT_MSG2', 'MM_WAIT_MSG4', 'MM_WAIT_MSG5', 'MM_WAIT_MSG6', 'MM_ACTIVE'],
};

const subnet = (address: string, mask: string): IdPayload => ({
  type: 'ID',
  idType: 4,
  protocol: 0,
  port: 0,
  address,
  second: mask,
});

/** The SA pair of HQ (10.1.1.0/24) and a branch (10.2.2.0/24), seen from HQ. */
export const HQ_SA: IpsecSa = {
  localAddress: LOCAL,
  remoteAddress: PEER,
  proxies: { local: subnet('10.1.1.0', '255.255.255.0'), remote: subnet('10.2.2.0', '255.255.255.0') },
  inboundSpi: 0x3a7d90e2,
  outboundSpi: 0x9f2b11c4,
  transforms: ['esp-aes-256', 'esp-sha-hmac'],
  mode: 'tunnel',
  lifetimeSeconds: 3600,
  lifetimeKilobytes: 4608000,
  map: 'CMAP',
  seq: 10,
  interface: 'outside',
  connId: 2001,
};

/** HQ's state after a run: `state` in the dialect's words, `role` deciding who is `dst`. */
export function hqState(
  dialect: Dialect,
  state: string,
  role: IsakmpSaState['role'] = 'initiator',
  ipsec: IpsecSa | undefined = undefined,
): SideState {
  const [dst, src] = role === 'initiator' ? [PEER, LOCAL] : [LOCAL, PEER];
  return {
    side: 'a',
    dialect,
    hostname: 'hq-gw',
    address: LOCAL,
    isakmp: { dst, src, state, role, connId: dialect === 'ios15' ? 1001 : 1 },
    ...(ipsec && { ipsec }),
  };
}

const octet = fc.integer({ min: 1, max: 254 });
const address = fc.tuple(octet, fc.nat(255), fc.nat(255), octet).map((o) => o.join('.'));
const maskOf = (bits: number) =>
  [24, 16, 8, 0].map((shift) => ((0xffffffff << (32 - bits)) >>> shift) & 255).join('.');

/** A proxy identity: a host, or a subnet with its network address; ports only for TCP/UDP. */
const proxy = (protocol: number, port: number): fc.Arbitrary<IdPayload> =>
  fc.oneof(
    address.map((a): IdPayload => ({ type: 'ID', idType: 1, protocol, port, address: a })),
    fc.tuple(address, fc.integer({ min: 8, max: 31 })).map(([a, bits]): IdPayload => {
      const mask = maskOf(bits);
      const network = a
        .split('.')
        .map((o, i) => Number(o) & Number(mask.split('.')[i]))
        .join('.');
      return { type: 'ID', idType: 4, protocol, port, address: network, second: mask };
    }),
  );

const ESP_SETS = [
  ['esp-des', 'esp-md5-hmac'],
  ['esp-3des', 'esp-sha-hmac'],
  ['esp-aes', 'esp-sha-hmac'],
  ['esp-aes-192', 'esp-sha256-hmac'],
  ['esp-aes-256', 'esp-sha-hmac'],
  ['esp-null', 'esp-sha-hmac'],
];
/** ASA does not do AH. */
const TRANSFORM_SETS: Readonly<Record<Dialect, readonly string[][]>> = {
  ios12: [...ESP_SETS, ['ah-sha-hmac'], ['esp-3des', 'esp-md5-hmac', 'comp-lzs']],
  ios15: [...ESP_SETS, ['ah-sha-hmac']],
  pix: [...ESP_SETS, ['ah-md5-hmac']],
  asa: ESP_SETS,
};

const INTERFACES = ['outside', 'FastEthernet0', 'GigabitEthernet0/0/0', 'Serial0/1.100'];
const word = (first: string, rest: string, max: number) =>
  fc
    .tuple(fc.constantFrom(...first), fc.array(fc.constantFrom(...rest), { maxLength: max }))
    .map(([f, r]) => f + r.join(''));
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NAME_CHARS = `${LETTERS}0123456789_-`;

/** An SPI as IKE allocates them (0–255 are reserved by RFC 4303). */
const spi = fc.integer({ min: 256, max: 0xffffffff });

export const sideStates: fc.Arbitrary<SideState> = fc
  .record({
    dialect: fc.constantFrom<Dialect>('ios12', 'ios15', 'pix', 'asa'),
    hostname: word(LETTERS, NAME_CHARS, 20),
    local: address,
    peer: address,
    role: fc.constantFrom<IsakmpSaState['role']>('initiator', 'responder'),
    stateIndex: fc.nat(),
    connId: fc.integer({ min: 1, max: 50000 }),
    withIsakmp: fc.boolean(),
    withIpsec: fc.boolean(),
    protocol: fc.constantFrom(0, 1, 6, 17, 47),
    port: fc.integer({ min: 1, max: 65535 }),
    inboundSpi: spi,
    outboundSpi: spi,
    transformIndex: fc.nat(),
    mode: fc.constantFrom<IpsecSa['mode']>('tunnel', 'transport'),
    lifetimeSeconds: fc.integer({ min: 120, max: 86400 }),
    lifetimeKilobytes: fc.integer({ min: 2560, max: 4608000 }),
    pfsGroup: fc.option(fc.constantFrom(1, 2, 5, 14), { nil: undefined }),
    map: word(LETTERS, NAME_CHARS, 15),
    seq: fc.integer({ min: 1, max: 65535 }),
    iface: fc.constantFrom(...INTERFACES),
  })
  .filter((r) => r.local !== r.peer)
  .chain((r) => {
    const port = r.protocol === 6 || r.protocol === 17 ? r.port : 0;
    return fc.tuple(fc.constant(r), proxy(r.protocol, port), proxy(r.protocol, port));
  })
  .map(([r, local, remote]): SideState => {
    const states = STATES[r.dialect];
    const sets = TRANSFORM_SETS[r.dialect];
    const [dst, src] = r.role === 'initiator' ? [r.peer, r.local] : [r.local, r.peer];
    const ipsec: IpsecSa = {
      localAddress: r.local,
      remoteAddress: r.peer,
      proxies: { local, remote },
      inboundSpi: r.inboundSpi,
      outboundSpi: r.outboundSpi,
      transforms: [...sets[r.transformIndex % sets.length]!],
      mode: r.mode,
      lifetimeSeconds: r.lifetimeSeconds,
      lifetimeKilobytes: r.lifetimeKilobytes,
      ...(r.pfsGroup !== undefined && { pfsGroup: r.pfsGroup }),
      map: r.map,
      seq: r.seq,
      interface: r.iface,
      connId: r.connId,
    };
    return {
      side: 'b',
      dialect: r.dialect,
      hostname: r.hostname,
      address: r.local,
      ...(r.withIsakmp && {
        isakmp: { dst, src, state: states[r.stateIndex % states.length]!, role: r.role, connId: r.connId },
      }),
      ...(r.withIpsec && { ipsec }),
    };
  });
