/**
 * The vendor-neutral configuration model: what IOS, PIX and ASA configurations say about IPsec,
 * in one shape. Parsers (config/parse/) fill it; checks (config/checks/) and the negotiation
 * simulator read it. Every element keeps the line it came from, so findings cite file:line.
 */

export type Platform = 'ios' | 'pix' | 'asa';

/** Where an element was configured: the evidence a config finding cites. */
export interface SourceRef {
  file: string;
  /** 1-based. */
  line: number;
  /** The line as written (pre-shared keys already masked). */
  text: string;
}

/** An IPv4 address match with a wildcard (bits set = "don't care"), as ACLs write it. */
export interface AddressMatch {
  /** uint32, already masked: `addr & ~wildcard`. */
  addr: number;
  /** uint32; 0 = host, 0xffffffff = any. Non-contiguous wildcards are allowed. */
  wildcard: number;
}

/** Inclusive port range; [0, 65535] = any port. */
export interface PortRange {
  lo: number;
  hi: number;
}

export interface AclEntry {
  action: 'permit' | 'deny';
  /** IP protocol number, or undefined for `ip` (any protocol). */
  protocol?: number;
  src: AddressMatch;
  dst: AddressMatch;
  /** Only for tcp/udp; undefined = any port. `neq` and object-group services expand to several entries. */
  srcPorts?: PortRange;
  dstPorts?: PortRange;
  ref: SourceRef;
}

/** A numbered or named ACL (extended or standard; a standard ACL matches sources only). */
export interface Acl {
  name: string;
  entries: AclEntry[];
  ref: SourceRef;
}

export interface Interface {
  /** Full name as configured (`FastEthernet0/0`, `GigabitEthernet0/1`, `ethernet0`). */
  name: string;
  /** ASA/PIX `nameif` (`outside`); IOS interfaces have none. */
  nameif?: string;
  /** Dotted-quad address and mask; absent when unnumbered, `dhcp` or shutdown without an address. */
  address?: string;
  mask?: string;
  /** IOS `ip mtu` / ASA `mtu outside N`. */
  mtu?: number;
  /** IOS `ip tcp adjust-mss`; ASA `sysopt connection tcpmss` is device-wide (see DeviceConfig). */
  tcpMss?: number;
  shutdown?: boolean;
  /** Crypto map applied here (IOS `crypto map NAME` under the interface; ASA/PIX `crypto map NAME interface IF`). */
  cryptoMap?: string;
  /** IOS `ip nat inside|outside`. */
  natSide?: 'inside' | 'outside';
  /** Only named by a reference (`crypto map M interface X`) and configured nowhere. */
  undeclared?: boolean;
  /** Tunnel interfaces (IOS VTI): `tunnel source|destination|protection ipsec profile`. */
  tunnel?: { source?: string; destination?: string; protectionProfile?: string; mode?: string };
  ref: SourceRef;
}

/** IOS `crypto isakmp profile`: which peers it serves and with which keyring. */
export interface IsakmpProfile {
  name: string;
  keyrings: string[];
  /** `match identity address A [MASK]`. */
  matchAddresses: { address: string; mask: string }[];
  localAddress?: string;
  ref: SourceRef;
}

/** IOS `crypto ipsec profile` (tunnel protection) — the phase-2 half of a crypto map entry. */
export interface IpsecProfile {
  name: string;
  transformSets: string[];
  pfsGroup?: number;
  isakmpProfile?: string;
  lifetimeSeconds?: number;
  ref: SourceRef;
}

export type Encryption = 'des' | '3des' | 'aes' | 'aes-192' | 'aes-256' | 'null' | (string & {});
export type Hash = 'md5' | 'sha' | 'sha256' | 'sha384' | 'sha512' | (string & {});
export type Authentication = 'pre-share' | 'rsa-sig' | 'rsa-encr' | (string & {});

/** A phase-1 policy with every field resolved (device defaults applied). */
export interface IkePolicy {
  priority: number;
  encryption: Encryption;
  hash: Hash;
  authentication: Authentication;
  /** Diffie-Hellman group number. */
  group: number;
  /** Seconds. */
  lifetime: number;
  /** Fields taken from device defaults rather than written. */
  defaulted: (keyof Omit<IkePolicy, 'priority' | 'defaulted' | 'ref' | 'implicit'>)[];
  /** True for a policy the device applies without configuration (IOS 65535, default suites). */
  implicit?: boolean;
  ref: SourceRef;
}

/** A pre-shared key bound to a peer address (and mask), from any of the platforms' syntaxes. */
export interface PresharedKey {
  /** Peer address; `0.0.0.0` with mask `0.0.0.0` is the wildcard key. */
  address: string;
  mask: string;
  /** The secret itself: compared, fingerprinted, never printed. */
  secret: string;
  /** Shown masked (`*****`) or encrypted (IOS type 6): present, but not comparable. */
  hidden?: boolean;
  /** Keyring or tunnel-group name where relevant. */
  container?: string;
  /** A keyring's `local-address`: the key serves only IKE sourced from that address. */
  localAddress?: string;
  ref: SourceRef;
}

export interface TransformSet {
  name: string;
  /** Transforms as typed: `esp-aes 256` is kept as `esp-aes-256`; `esp-sha-hmac`, `ah-md5-hmac`. */
  transforms: string[];
  mode: 'tunnel' | 'transport';
  ref: SourceRef;
}

export interface CryptoMapEntry {
  map: string;
  seq: number;
  /** `ipsec-isakmp` (static), `dynamic` (points to a dynamic map), `ipsec-manual`. */
  kind: 'ipsec-isakmp' | 'dynamic' | 'ipsec-manual';
  /** For kind `dynamic`: the dynamic map's name. */
  dynamicMap?: string;
  peers: string[];
  transformSets: string[];
  /** Crypto ACL name. */
  matchAddress?: string;
  /** DH group required for PFS (`set pfs group2` → 2); undefined = no PFS. */
  pfsGroup?: number;
  /** Phase-2 lifetime, seconds and kilobytes, when set on the entry. */
  lifetimeSeconds?: number;
  lifetimeKilobytes?: number;
  ref: SourceRef;
  /** `set isakmp-profile NAME`. */
  isakmpProfile?: string;
  /** Set when the entry stands for a VTI: the `crypto ipsec profile` its settings come from. */
  vtiProfile?: string;
  /** ASA/PIX `set phase1-mode aggressive`: this entry starts IKE in aggressive mode. */
  phase1Mode?: 'aggressive';
  /** Lines of the entry's sub-commands, for evidence. */
  lines: SourceRef[];
}

export interface CryptoMap {
  name: string;
  entries: CryptoMapEntry[];
  /** IOS `crypto map NAME local-address IF`, and the line that says it. */
  localAddressInterface?: string;
  localAddressRef?: SourceRef;
  /** Remote-access: `crypto map NAME client configuration address …`, `isakmp authorization list …`. */
  clientConfiguration?: SourceRef;
  isakmpAuthorization?: SourceRef;
  ref: SourceRef;
}

export interface NatRule {
  /**
   * `exempt`: traffic matching `acl` is not translated (PIX `nat (inside) 0 access-list`, ASA
   * identity twice-NAT, IOS route-map with deny). `translate`: traffic matching `acl` (or every
   * source for IOS `ip nat inside source list`) is translated, e.g. PAT to the outside interface.
   */
  kind: 'exempt' | 'translate';
  /** ACL deciding which traffic the rule applies to; for IOS route-maps, the permit ACL after the denies. */
  acl?: string;
  /** Source and destination matches when written without an ACL (ASA objects, PIX `nat (inside) 1 0 0`). */
  src?: AddressMatch;
  dst?: AddressMatch;
  ref: SourceRef;
}

export interface Route {
  network: string;
  mask: string;
  nextHop?: string;
  /** ASA/PIX `route inside …` names the interface. */
  interface?: string;
  ref: SourceRef;
}

/** A remote-access group: IOS client configuration group, PIX vpngroup, ASA group-policy. */
export interface ClientGroup {
  name: string;
  /** Split-tunnel ACL; undefined = everything goes through the tunnel. */
  splitTunnelAcl?: string;
  pool?: string;
  ref: SourceRef;
}

export interface AddressPool {
  name: string;
  first: string;
  last: string;
  ref: SourceRef;
}

/** A line the parser half-understood: reported, never guessed. */
export interface ParseProblem {
  ref: SourceRef;
  reason: string;
}

export interface DeviceConfig {
  file: string;
  platform: Platform;
  hostname?: string;
  /** Software version as the config states it (`version 12.4`, `ASA Version 9.8(4)`). */
  version?: string;
  interfaces: Interface[];
  /** Configured policies with defaults applied, in priority order, then the device's implicit ones. */
  ikePolicies: IkePolicy[];
  keys: PresharedKey[];
  /** PKI trustpoints (`crypto pki trustpoint`, `crypto ca trustpoint|identity`): certificates are possible. */
  trustpoints: string[];
  transformSets: TransformSet[];
  cryptoMaps: CryptoMap[];
  /** Dynamic maps hold entries like static maps (peers usually absent). */
  dynamicMaps: CryptoMap[];
  isakmpProfiles: IsakmpProfile[];
  ipsecProfiles: IpsecProfile[];
  acls: Map<string, Acl>;
  nat: NatRule[];
  routes: Route[];
  /**
   * Interfaces (nameif) where ISAKMP/IKEv1 is enabled. IOS: `all` unless `no crypto isakmp enable`
   * (then `none`). PIX/ASA: the list from `isakmp enable IF` / `crypto ikev1 enable IF`.
   */
  isakmpEnabled: 'all' | 'none' | string[];
  /** PIX/ASA `sysopt connection permit-ipsec` / `permit-vpn` (ASA 7+ default: on). */
  sysoptPermitIpsec?: boolean;
  /** ASA `sysopt connection tcpmss N`. */
  tcpMss?: number;
  /** Global phase-2 lifetime (`crypto ipsec security-association lifetime …`), when written. */
  phase2Lifetime?: { seconds?: number; kilobytes?: number; ref: SourceRef };
  /** IOS `no crypto isakmp default policy`: the 65507–65514 suites are off. */
  defaultPoliciesDisabled?: boolean;
  clientGroups: ClientGroup[];
  pools: AddressPool[];
  /**
   * IOS `crypto isakmp peer address X` with `set aggressive-mode password|client-endpoint`: IKE
   * with X starts in aggressive mode.
   */
  aggressivePeers: { address: string; ref: SourceRef }[];
  /** Crypto lines the parser could not fully understand. */
  problems: ParseProblem[];
  /** Lines kept but not modelled. */
  ignoredLines: number;
}
