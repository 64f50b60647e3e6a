/**
 * What devices log besides negotiations: connection and access-list chatter that has nothing to
 * do with the tunnel, status lines of healthy tunnels, and data-plane warnings (replayed or
 * unknown-SPI packets) that healthy tunnels see now and then. Texts name this side (`{self}`),
 * the peer (`{peer}`), the inside networks, this side's current IPsec SA (`{ipsecConn}`), and
 * numbers drawn per line.
 */
import type { TemplatePlatform } from './addressing.js';
import type { StampStyle } from '../simulate/stamp.js';
import { DRAWN_NUMBER, DRAWN_OCTET, DRAWN_SPI, DRAWN_SPI_PAIR, ipsecSlot } from './records.js';

export type ChatterKind = 'unrelated' | 'healthy' | 'REPLAY_CHECK_FAILED' | 'INVALID_SPI';

/** Data-plane warnings a healthy tunnel may carry (`diagnose` reports them as warnings). */
export const NOISE_CODES = ['REPLAY_CHECK_FAILED', 'INVALID_SPI'] as const;
export type NoiseCode = (typeof NOISE_CODES)[number];

interface ChatterLine {
  kind: ChatterKind;
  weight: number;
  text: string;
}

const IOS: readonly ChatterLine[] = [
  {
    kind: 'unrelated',
    weight: 6,
    text: '%SEC-6-IPACCESSLOGP: list OUTSIDE-IN denied tcp 203.0.113.{octet}({number}) -> {self}(22), 1 packet',
  },
  {
    kind: 'unrelated',
    weight: 1,
    text: '%SYS-5-CONFIG_I: Configured from console by admin on vty0 ({lanSelf}.10)',
  },
  {
    kind: 'unrelated',
    weight: 1,
    text: '%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/2, changed state to up',
  },
  {
    kind: 'healthy',
    weight: 2,
    text: '%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer {peer}:500       Id: {peer}',
  },
  {
    kind: 'REPLAY_CHECK_FAILED',
    weight: 4,
    text: '%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id={ipsecConn}, sequence number={number}',
  },
  {
    kind: 'INVALID_SPI',
    weight: 4,
    text: "%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr={self}, prot=50, spi={spiPair}, srcaddr={peer}",
  },
];

/** ASA 9 and PIX 6.3 print the same texts under their own facility. */
const FIREWALL: readonly ChatterLine[] = [
  {
    kind: 'unrelated',
    weight: 4,
    text: '%{fw}-6-302013: Built inbound TCP connection {number} for outside:203.0.113.{octet}/{number} (203.0.113.{octet}/{number}) to inside:{lanSelf}.10/443 ({lanSelf}.10/443)',
  },
  {
    kind: 'unrelated',
    weight: 4,
    text: '%{fw}-6-302014: Teardown TCP connection {number} for outside:203.0.113.{octet}/{number} to inside:{lanSelf}.10/443 duration 0:01:07 bytes {number} TCP FINs',
  },
  {
    kind: 'unrelated',
    weight: 2,
    text: '%{fw}-4-106023: Deny tcp src outside:203.0.113.{octet}/{number} dst outside:{self}/23 by access-group "OUTSIDE-IN" [0x0, 0x0]',
  },
  {
    kind: 'healthy',
    weight: 1,
    text: '%{fw}-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= {spi}) between {self} and {peer} (user= {peer}) has been created.',
  },
  {
    kind: 'INVALID_SPI',
    weight: 4,
    text: "%{fw}-4-402101: decaps: rec'd IPSEC packet has invalid spi for destaddr={self}, prot=esp, spi={spi}",
  },
];

export const CHATTER: Record<TemplatePlatform, readonly ChatterLine[]> = {
  ios: IOS,
  asa: FIREWALL.map((l) => ({ ...l, text: l.text.replaceAll('{fw}', 'ASA') })),
  pix: FIREWALL.map((l) => ({ ...l, text: l.text.replaceAll('{fw}', 'PIX') })),
};

/** How each platform stamps its own syslog (`service timestamps log datetime msec`, `logging timestamp`). */
export const CHATTER_STAMP: Record<TemplatePlatform, StampStyle> = {
  ios: { mark: '*', year: false, millis: true, zone: '', separator: ': ' },
  asa: { mark: '', year: true, millis: false, zone: '', separator: ': ' },
  pix: { mark: '', year: true, millis: false, zone: '', separator: ': ' },
};

const MARKERS: Record<string, (side: 0 | 1) => number> = {
  self: (s) => s,
  peer: (s) => 1 - s,
  lanSelf: (s) => 2 + s,
  lanPeer: (s) => 3 - s,
  number: () => DRAWN_NUMBER,
  octet: () => DRAWN_OCTET,
  spi: () => DRAWN_SPI,
  spiPair: () => DRAWN_SPI_PAIR,
  /** The connection id of this side's latest inbound IPsec SA. */
  ipsecConn: (s) => ipsecSlot(s, 0),
};

/** A chatter text as a record template's parts, for the side that logs it. */
export function chatterParts(text: string, side: 0 | 1): (string | number)[] {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    const slot = MARKERS[m[1]!];
    if (!slot) throw new Error(`chatter marker {${m[1]}} unknown`);
    parts.push(text.slice(last, m.index), slot(side));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** The lines a side of a tunnel may log: unrelated chatter, and its status or noise lines. */
export function chatterFor(
  platform: TemplatePlatform,
  healthy: boolean,
  noise: NoiseCode | undefined,
): readonly ChatterLine[] {
  return CHATTER[platform].filter(
    (l) =>
      l.kind === 'unrelated' ||
      (healthy && l.kind === 'healthy') ||
      (noise !== undefined && l.kind === noise),
  );
}
