/**
 * What a simulated negotiation produces, before any dialect or file format: the ISAKMP packets
 * that cross the wire (`IkeMessage`), what each device notices and would log (`Trace`), and what
 * each device holds afterwards (`SideState`). Dialects (transcripts), show renderers, the ladder
 * and the pcap writer all read these types and nothing else.
 */
import type { Side } from '../config/negotiate/negotiate.js';
import type { IkePolicy } from '../config/model.js';

export type { Side };

/** Debug dialects: IOS 12.x (the note's), IOS 15 / IOS-XE, PIX 6.x, ASA 8.x/9.x. */
export type Dialect = 'ios12' | 'ios15' | 'pix' | 'asa';
export const DIALECTS: readonly Dialect[] = ['ios12', 'ios15', 'pix', 'asa'];

/** The labels of the ladder: main mode, aggressive mode, quick mode, informational. */
export type Step =
  'MM1' | 'MM2' | 'MM3' | 'MM4' | 'MM5' | 'MM6' | 'AM1' | 'AM2' | 'AM3' | 'QM1' | 'QM2' | 'QM3' | 'INFO';

/** ISAKMP data attribute (RFC 2409 appendix A for phase 1, RFC 2407 §4.5 for IPsec). */
export interface Attribute {
  type: number;
  value: number;
}

export interface TransformPayload {
  number: number;
  /** Phase 1: KEY_IKE (1). Phase 2 ESP: ESP_DES 2, ESP_3DES 3, ESP_NULL 11, ESP_AES 12; AH: AH_MD5 2, AH_SHA 3. */
  id: number;
  attributes: Attribute[];
}

export interface ProposalPayload {
  number: number;
  /** PROTO_ISAKMP 1, PROTO_IPSEC_AH 2, PROTO_IPSEC_ESP 3. */
  protocol: 1 | 2 | 3;
  /** 4-byte SPI for AH/ESP; absent for ISAKMP. */
  spi?: number;
  transforms: TransformPayload[];
}

/** An identification payload: IKE identity (phase 1) or a proxy identity (quick mode). */
export interface IdPayload {
  type: 'ID';
  /** ID_IPV4_ADDR 1, ID_IPV4_ADDR_SUBNET 4, ID_IPV4_ADDR_RANGE 7. */
  idType: 1 | 4 | 7;
  protocol: number;
  port: number;
  address: string;
  /** Subnet mask (type 4) or range end (type 7). */
  second?: string;
}

export type Payload =
  | { type: 'SA'; proposals: ProposalPayload[] }
  | { type: 'KE'; group: number; bytes: number }
  | { type: 'NONCE'; bytes: number }
  | IdPayload
  | { type: 'HASH'; bytes: number }
  /** RFC 2408 §3.14.1: NO_PROPOSAL_CHOSEN 14, PAYLOAD_MALFORMED 16, INVALID_ID_INFORMATION 18. */
  | { type: 'NOTIFY'; protocol: number; notify: number }
  | { type: 'DELETE'; protocol: number; spis: number[] }
  | { type: 'VID'; hex: string };

/** One ISAKMP packet (UDP 500), as sent. */
export interface IkeMessage {
  /** Position in the run, from 0. */
  seq: number;
  /** Milliseconds since the run started. */
  at: number;
  from: Side;
  to: Side;
  src: string;
  dst: string;
  step: Step;
  /** ISAKMP exchange type: Identity Protection (main) 2, Aggressive 4, Informational 5, Quick 32. */
  exchange: 2 | 4 | 5 | 32;
  /** 16 hex digits each; the responder cookie is zero in the first message. */
  initiatorCookie: string;
  responderCookie: string;
  messageId: number;
  /** Payloads after MM4 (and all of quick mode) travel encrypted; `payloads` lists what is inside. */
  encrypted: boolean;
  payloads: Payload[];
  /** 1, 2, … for a retransmission of an earlier message. */
  retransmission?: number;
  /** False when nobody receives it (wrong address, ISAKMP not enabled there). */
  delivered: boolean;
}

/**
 * Proxy identities, always from the view of the side that logs or holds them: `local` is that
 * side's own networks (for a responder validating QM1, the initiator's destination).
 */
export interface Proxies {
  local: IdPayload;
  remote: IdPayload;
}

/** Why a responder refused quick mode: the decision `check` made, as the device lives it. */
export type QuickModeRefusal =
  | { reason: 'invalid-local-address'; address: string }
  | { reason: 'peer-not-found'; peer: string }
  | { reason: 'proxy'; proxies: Proxies }
  | { reason: 'transform'; offered: { prot: number; trans: number; hmac: number; name: string } }
  | { reason: 'pfs'; offeredGroup?: number; requiredGroup: number };

/** Phase-1 attributes as offered in one ISAKMP transform, in the device's own words. */
export type PolicyAttributes = Pick<
  IkePolicy,
  'encryption' | 'hash' | 'authentication' | 'group' | 'lifetime'
>;

/** An IPsec SA pair as installed (both directions), for `sa created` lines and show output. */
export interface IpsecSa {
  /** This side's view. */
  localAddress: string;
  remoteAddress: string;
  proxies: Proxies;
  inboundSpi: number;
  outboundSpi: number;
  /** `esp-aes esp-sha-hmac` as the device's transform set writes it. */
  transforms: string[];
  mode: 'tunnel' | 'transport';
  lifetimeSeconds: number;
  lifetimeKilobytes: number;
  pfsGroup?: number;
  /** Crypto map name and sequence (or the tunnel interface's name for a VTI). */
  map: string;
  seq: number;
  /** The interface the map is applied to. */
  interface: string;
  connId: number;
}

/** What one device notices, in order; dialects turn each into that device's log lines. */
export type Trace = { at: number; side: Side } & (
  | { kind: 'begin'; mode: 'main' | 'aggressive' | 'quick'; peer: string; local: string }
  | { kind: 'send'; message: IkeMessage; state: string }
  | { kind: 'receive'; message: IkeMessage; state: string }
  | { kind: 'retransmit'; message: IkeMessage; state: string; count: number }
  /** Retransmissions exhausted: the SA is deleted ("Death by retransmission"). */
  | { kind: 'give-up'; phase: 1 | 2; peer: string; state: string }
  | { kind: 'state'; from: string; to: string }
  /** No key and no certificate for this peer: nothing to authenticate with. */
  | { kind: 'no-keys'; peer: string }
  | { kind: 'psk-found'; peer: string }
  /** A responder checks one offered transform against one of its policies. */
  | {
      kind: 'policy-check';
      transform: number;
      priority: number;
      offer: PolicyAttributes;
      local: PolicyAttributes;
      /** Empty when acceptable. */
      mismatched: ('encryption' | 'hash' | 'authentication' | 'group' | 'lifetime')[];
    }
  | { kind: 'policy-accepted'; priority: number }
  /** Every offer refused against every policy. */
  | { kind: 'policy-refused'; peer: string }
  /** MM5 or MM6 decrypted with another key: garbage. */
  | { kind: 'bad-message'; peer: string; step: Step }
  /** `via`: the message whose hash proved the peer (MM5/MM6, AM2/AM3). */
  | { kind: 'authenticated'; peer: string; via: Step }
  | { kind: 'phase1-complete'; peer: string; policy: PolicyAttributes; lifetime: number; via: Step }
  /** The quick-mode proposal the responder validates (IOS `validate_proposal_request`). */
  | {
      kind: 'qm-proposal';
      peer: string;
      local: string;
      proxies: Proxies;
      transforms: string;
      pfsGroup?: number;
      /** False when the offered transforms are what the responder refuses (no proposal is validated). */
      transformAccepted: boolean;
    }
  | { kind: 'qm-refused'; peer: string; refusal: QuickModeRefusal }
  | { kind: 'notify-received'; peer: string; notify: number }
  | { kind: 'spi-allocated'; spi: number; from: string; to: string; protocol: 50 | 51 }
  | { kind: 'sa-created'; sa: IpsecSa }
  | { kind: 'phase2-complete'; peer: string; sa: IpsecSa }
);

export type TraceKind = Trace['kind'];

/** ISAKMP SA as each side's `show crypto isakmp sa` prints it. */
export interface IsakmpSaState {
  /** dst/src as IOS prints them: the responder's address is dst. */
  dst: string;
  src: string;
  /** The state in this side's dialect (QM_IDLE, MM_NO_STATE, MM_ACTIVE, MM_WAIT_MSG2, …). */
  state: string;
  role: 'initiator' | 'responder';
  connId: number;
  /** Phase-1 lifetime left, seconds. */
  lifetime?: number;
  policy?: PolicyAttributes;
}

/** What one device holds when the run ends. */
export interface SideState {
  side: Side;
  dialect: Dialect;
  hostname: string;
  /** Address IKE is spoken from on this side. */
  address: string;
  isakmp?: IsakmpSaState;
  ipsec?: IpsecSa;
}
