/**
 * Normalised records of `show crypto …` / `show vpn-sessiondb …` / `show asp table …` output.
 * Values keep the device's spelling (strings) unless a number is what every consumer wants.
 */

export type Platform = 'ios' | 'ios-xe' | 'pix' | 'asa';

export type ShowCommand =
  | 'show crypto isakmp sa'
  | 'show crypto ipsec sa'
  | 'show crypto session'
  | 'show crypto engine connection active'
  | 'show crypto ikev1 sa'
  | 'show vpn-sessiondb detail l2l'
  | 'show asp table vpn-context detail';

/** One row of an ISAKMP / IKEv1 SA table (IOS 12, IOS 15 / IOS-XE, PIX 6, ASA 8/9). */
export interface IsakmpSaRow {
  platform: Platform;
  /** Remote peer address when the table tells which side is remote (ASA `IKE Peer`), else undefined. */
  peer?: string;
  dst?: string;
  src?: string;
  /** State exactly as printed: QM_IDLE, MM_NO_STATE, MM_KEY_EXCH, MM_ACTIVE, AM_ACTIVE, MM_WAIT_MSG2, … */
  state: string;
  connId?: string;
  /** IOS 15 `status` column (ACTIVE, …) */
  status?: string;
  /** ASA `Type`: L2L / user */
  type?: string;
  /** ASA `Role` / `Dir`: initiator / responder */
  role?: string;
  rekey?: string;
  encryption?: string;
  hash?: string;
  auth?: string;
  lifetime?: string;
  /** PIX `pending` / `created` columns */
  pending?: string;
  created?: string;
  /** ASA table sequence number (`1   IKE Peer: …`) */
  sequence?: string;
}

/** Proxy identity as printed in `local ident (addr/mask/prot/port): (a/m/p/p)`. */
export interface ProxyIdent {
  addr: string;
  mask: string;
  prot: string;
  port: string;
}

/** One SA (one SPI) under `inbound esp sas:` / `outbound esp sas:` etc. */
export interface IpsecSa {
  direction: 'inbound' | 'outbound';
  protocol: 'esp' | 'ah' | 'pcp';
  /** Hex as printed, with 0x (`0x136A010F`). */
  spiHex: string;
  /** Decimal as printed in parentheses, when present. */
  spiDec?: string;
  transform?: string;
  settings?: string;
  slot?: string;
  connId?: string;
  flowId?: string;
  siblingFlags?: string;
  cryptoMap?: string;
  lifetimeKb?: string;
  lifetimeSec?: string;
  ivSize?: string;
  replayDetection?: string;
  replayWindow?: string;
  status?: string;
  /** ASA `SA State:` */
  saState?: string;
}

/**
 * One `show crypto ipsec sa` entry: one crypto-map entry / proxy pair with its counters and SAs.
 * Counter names are camelCase of the device's label (`#pkts encaps` → `encaps`, `#send errors` →
 * `sendErrors`, `#pkts no sa (send)` → `noSaSend`, …).
 */
export interface IpsecSaEntry {
  platform: Platform;
  interface?: string;
  cryptoMapTag?: string;
  seqNum?: string;
  localAddr?: string;
  protectedVrf?: string;
  accessList?: string;
  localIdent?: ProxyIdent;
  remoteIdent?: ProxyIdent;
  currentPeer?: string;
  peerPort?: string;
  dynamicPeer?: string;
  action?: string;
  flags?: string;
  counters: Record<string, number>;
  localEndpoint?: string;
  remoteEndpoint?: string;
  localEndpointPort?: string;
  remoteEndpointPort?: string;
  plaintextMtu?: string;
  pathMtu?: string;
  ipMtu?: string;
  ipMtuIdb?: string;
  mediaMtu?: string;
  ipsecOverhead?: string;
  currentOutboundSpi?: string;
  currentInboundSpi?: string;
  pfs?: string;
  dhGroup?: string;
  sas: IpsecSa[];
}

/** `show crypto session [detail]` (IOS / IOS-XE): one session per interface / peer. */
export interface CryptoSession {
  interface?: string;
  profile?: string;
  uptime?: string;
  status: string;
  peer?: string;
  peerPort?: string;
  fvrf?: string;
  ivrf?: string;
  phase1Id?: string;
  description?: string;
  ikeSas: Array<{
    version: 'IKEv1' | 'IKEv2';
    sessionId?: string;
    localIp: string;
    localPort: string;
    remoteIp: string;
    remotePort: string;
    status: string;
    capabilities?: string;
    connId?: string;
    lifetime?: string;
  }>;
  flows: Array<{
    permit: string;
    src: string;
    dst: string;
    activeSas?: string;
    origin?: string;
    decrypted?: string;
    inboundDrop?: string;
    inboundLife?: string;
    encrypted?: string;
    outboundDrop?: string;
    outboundLife?: string;
  }>;
}

/** `show crypto engine connection active`: one connection (one SA direction). */
export interface EngineConnection {
  id: string;
  interface?: string;
  type?: string;
  ipAddress?: string;
  state?: string;
  algorithm?: string;
  encrypt: number;
  decrypt: number;
}

/** ASA `show vpn-sessiondb detail l2l`: one tunnel with its IKE and IPsec sub-sessions. */
export interface VpnSessionL2L {
  connection: string;
  index?: string;
  ipAddr?: string;
  protocol?: string;
  encryption?: string;
  hashing?: string;
  bytesTx?: string;
  bytesRx?: string;
  loginTime?: string;
  duration?: string;
  filterName?: string;
  ikeSessions?: string;
  ipsecSessions?: string;
  /** Every sub-session block (`IKE:`, `IKEv1:`, `IKEv2:`, `IPsec:`) with its labelled fields. */
  subSessions: Array<{ type: string; fields: Record<string, string> }>;
}

/** ASA `show asp table vpn-context detail`: one context (one SA direction). */
export interface AspVpnContext {
  vpnCtx: string;
  peerIp: string;
  pointer?: string;
  state?: string;
  flags?: string;
  sa?: string;
  spi?: string;
  group?: string;
  pkts?: string;
  badPkts?: string;
  badSpi?: string;
  spoof?: string;
  badCrypto?: string;
  rekeyPkt?: string;
  rekeyCall?: string;
  vpnFilter?: string;
}
