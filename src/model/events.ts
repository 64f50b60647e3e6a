import type { LogLine } from './lines.js';
import type {
  AspVpnContext,
  CryptoSession,
  EngineConnection,
  IpsecSaEntry,
  IsakmpSaRow,
  VpnSessionL2L,
} from './show.js';

/** Which output family a line came from; tells rules whether a message is a debug step or a log. */
export type Dialect = 'ios' | 'ios15' | 'pix' | 'asa';

/** IKE phase-1 attribute names as the devices print them in `Checking ISAKMP transform …`. */
export type IkeAttribute = 'encryption' | 'hash' | 'group' | 'auth' | 'lifetime' | 'keylength';

/**
 * A classified message. Each carries the physical lines it was read from (a message may span
 * several lines), the IKE connection id when the device printed one, and the peer when the message
 * names it. `kind` names the message, not its meaning: meaning is the rules' business.
 */
interface EventBase {
  lines: LogLine[];
  dialect?: Dialect;
  /** `ISAKMP (0:1)` → "1", `ISAKMP:(1001)` → "1001", ASA `Group = x, IP = y` has none. */
  connId?: string;
  peer?: string;
  /** ASA syslog message number (`713257`) or IOS mnemonic (`IKMP_MODE_FAILURE`). */
  msgId?: string;
}

export type IkeEvent =
  | (EventBase & {
      kind: 'ike.exchange';
      local?: string;
      exchange?: string;
      role?: 'I' | 'R';
      state?: string;
    })
  | (EventBase & { kind: 'ike.psk-found' })
  | (EventBase & { kind: 'ike.transform-check'; transform?: number; priority: number })
  | (EventBase & { kind: 'ike.attribute'; attribute: IkeAttribute; value: string })
  | (EventBase & { kind: 'ike.attr-mismatch'; attribute: IkeAttribute })
  | (EventBase & { kind: 'ike.atts-acceptable' })
  | (EventBase & { kind: 'ike.atts-not-acceptable' })
  | (EventBase & { kind: 'ike.no-offers-accepted' })
  | (EventBase & { kind: 'ike.sa-not-acceptable'; phase1: boolean; local?: string })
  | (EventBase & { kind: 'ike.mode-failure'; mode: string })
  | (EventBase & { kind: 'ike.bad-message' })
  | (EventBase & { kind: 'ike.reserved-not-zero'; payload?: string })
  | (EventBase & { kind: 'ike.no-keys' })
  | (EventBase & { kind: 'ike.retransmit'; state?: string; count?: number })
  | (EventBase & { kind: 'ike.gave-up' })
  | (EventBase & { kind: 'ike.authenticated' })
  | (EventBase & { kind: 'ike.state-change'; from?: string; to: string })
  | (EventBase & { kind: 'ike.phase-complete'; phase: 1 | 2 })
  | (EventBase & {
      kind: 'ike.phase1-failure';
      reason: string;
      attribute?: IkeAttribute;
      received?: string;
      configured?: string;
    })
  | (EventBase & { kind: 'ike.qm-fsm-error' })
  | (EventBase & { kind: 'ike.no-matching-sa' })
  | (EventBase & { kind: 'ike.no-crypto-map-match'; localProxy?: string; remoteProxy?: string })
  | (EventBase & { kind: 'ike.all-proposals-unacceptable'; phase1: boolean })
  | (EventBase & { kind: 'ike.pfs-mismatch' })
  | (EventBase & { kind: 'ike.payload'; payload: string; messageId?: string })
  | (EventBase & {
      kind: 'ike.ipsec-proposal';
      proposal?: number;
      transform?: number;
      transformName?: string;
    })
  | (EventBase & { kind: 'ike.ipsec-attribute'; name: string; value: string })
  | (EventBase & { kind: 'ike.policy-invalidated'; error?: string })
  | (EventBase & { kind: 'ike.notify'; notify: string })
  | (EventBase & { kind: 'ike.mode-config'; text: string })
  | (EventBase & { kind: 'ike.id'; idType: string; addr: string; direction?: 'src' | 'dst' })
  | (EventBase & { kind: 'ike.info'; text: string });

/** `(key eng. msg.)` blocks and the other `IPSEC(...)` messages of `debug crypto ipsec`. */
export interface KeyEngineMessage {
  fn: string;
  /** This device's address, when the newer `local=`/`remote=` form says so. */
  local?: string;
  src?: string;
  dest?: string;
  srcProxy?: string;
  destProxy?: string;
  srcProxyType?: string;
  destProxyType?: string;
  protocol?: string;
  transform?: string;
  lifedur?: string;
  spi?: string;
  connId?: string;
  part?: number;
}

export type IpsecEvent =
  | (EventBase & { kind: 'ipsec.key-eng'; msg: KeyEngineMessage })
  | (EventBase & {
      kind: 'ipsec.sa-created';
      dest?: string;
      prot?: string;
      spi?: string;
      transform?: string;
      saConnId?: string;
    })
  | (EventBase & { kind: 'ipsec.spi-response'; spi: string; from?: string; to?: string; prot?: string })
  | (EventBase & { kind: 'ipsec.transform-unsupported'; prot?: number; trans?: number; hmac?: number })
  | (EventBase & { kind: 'ipsec.proxy-unsupported' })
  | (EventBase & { kind: 'ipsec.invalid-local-address'; address: string })
  | (EventBase & { kind: 'ipsec.peer-not-found' })
  | (EventBase & { kind: 'ipsec.invalid-proxy-ids' })
  | (EventBase & { kind: 'ipsec.queue-event' });

export type DataPlaneEvent =
  | (EventBase & { kind: 'dp.replay'; connection?: string })
  | (EventBase & { kind: 'dp.invalid-spi'; dest?: string; prot?: string; spi?: string })
  | (EventBase & { kind: 'dp.hmac-fail' })
  | (EventBase & { kind: 'dp.hw-error'; status: number; module?: string })
  | (EventBase & { kind: 'dp.esp-seq-fail' })
  | (EventBase & { kind: 'dp.engine-unavailable' })
  | (EventBase & { kind: 'icmp.frag-needed'; dst: string })
  | (EventBase & { kind: 'icmp.echo-reply'; src: string; dst: string })
  | (EventBase & { kind: 'ping.sending'; count: number; size: number; target: string })
  | (EventBase & { kind: 'ping.df'; set: boolean })
  | (EventBase & { kind: 'ping.result'; percent: number; ok: number; sent: number });

export type ShowEvent =
  | (EventBase & { kind: 'show.isakmp-sa'; row: IsakmpSaRow })
  | (EventBase & { kind: 'show.ipsec-sa'; entry: IpsecSaEntry })
  | (EventBase & { kind: 'show.crypto-session'; session: CryptoSession })
  | (EventBase & { kind: 'show.engine-connection'; connection: EngineConnection })
  | (EventBase & { kind: 'show.vpn-session-l2l'; session: VpnSessionL2L })
  | (EventBase & { kind: 'show.asp-vpn-context'; context: AspVpnContext });

/** Lines that tell the context rather than a fact: prompts, device separators. */
export type ContextEvent =
  | (EventBase & { kind: 'ctx.prompt'; device: string; command: string })
  | (EventBase & { kind: 'ctx.device'; device: string });

export type Event = IkeEvent | IpsecEvent | DataPlaneEvent | ShowEvent | ContextEvent;
export type EventKind = Event['kind'];
export type EventOf<K extends EventKind> = Extract<Event, { kind: K }>;
