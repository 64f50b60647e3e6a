import type { Overhead } from '../../config/mtu.js';
import type { Dialect } from '../trace.js';

/**
 * `show crypto ipsec sa` per dialect, as the devices print one crypto-map entry with its two SAs
 * just after quick mode (every counter 0). Layouts follow real output: IOS 12 and PIX 6 from the
 * note's samples, IOS 15 / IOS-XE and ASA 9 from ntc-templates' captures and own fixtures.
 * Holes: entry-wide values (see `entryValues`), `{{inbound_esp}}`… for the SA blocks (empty when
 * the SA is of the other protocol), and per SA `spi`, `connId`, `flowId`.
 */
export interface IpsecLayout {
  entry: readonly string[];
  sa: readonly string[];
  /** What the device prints when it holds no IPsec SA. */
  empty: readonly string[];
  /** The SPI as its `spi:` line writes it, and as `current outbound spi:` does. */
  spi(spi: number): string;
  currentSpi(spi: number): string;
  /** Transform-set words as this platform's show output spells them. */
  transform(words: readonly string[]): string;
  settings(mode: 'tunnel' | 'transport'): string;
  /** Connection ids of the inbound and outbound SA. */
  connIds(connId: number): readonly [number, number];
  /** The `ipsec overhead` this platform prints for a transform set. */
  overhead?(o: Overhead): string;
}

const hex = (n: number) => (n >>> 0).toString(16).toUpperCase();
const lowerHex = (n: number) => (n >>> 0).toString(16);

/** IOS writes the key size into the cipher's name: `esp-aes 256` shows as `esp-256-aes`. */
const IOS_TRANSFORM_WORDS: Readonly<Record<string, string>> = {
  'esp-aes-128': 'esp-aes',
  'esp-aes-192': 'esp-192-aes',
  'esp-aes-256': 'esp-256-aes',
};
const iosWords = (words: readonly string[]) => words.map((w) => IOS_TRANSFORM_WORDS[w] ?? w).join(' ');

const mode = (m: 'tunnel' | 'transport') => (m === 'tunnel' ? 'Tunnel' : 'Transport');

/** The SA lists of IOS and PIX: every protocol listed in each direction, blank lines between. */
const IOS_SA_LISTS = [
  '     inbound esp sas:',
  '{{inbound_esp}}',
  '',
  '     inbound ah sas:',
  '{{inbound_ah}}',
  '',
  '     inbound pcp sas:',
  '',
  '     outbound esp sas:',
  '{{outbound_esp}}',
  '',
  '     outbound ah sas:',
  '{{outbound_ah}}',
  '',
  '     outbound pcp sas:',
  '',
];

export const IPSEC_LAYOUTS: Readonly<Record<Dialect, IpsecLayout>> = {
  ios12: {
    entry: [
      'interface: {{iface}}',
      '    Crypto map tag: {{tag}}, local addr. {{local}}',
      '   local  ident (addr/mask/prot/port): ({{localIdent}})',
      '   remote ident (addr/mask/prot/port): ({{remoteIdent}})',
      '   current_peer: {{peer}}',
      '     PERMIT, flags={origin_is_acl,}',
      '    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest 0',
      '    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify 0',
      '    #pkts compressed: 0, #pkts decompressed: 0',
      '    #pkts not compressed: 0, #pkts compr. failed: 0,',
      '    #pkts decompress failed: 0, #send errors 0, #recv errors 0',
      '',
      '     local crypto endpt.: {{local}}, remote crypto endpt.: {{peer}}',
      '     path mtu 1500, media mtu 1500',
      '     current outbound spi: {{currentOutboundSpi}}',
      '',
      ...IOS_SA_LISTS,
    ],
    sa: [
      '      spi: {{spi}}',
      '        transform: {{transform}} ,',
      '        in use settings ={{settings}}',
      '        slot: 0, conn id: {{connId}}, flow_id: {{flowId}}, crypto map: {{tag}}',
      '        sa timing: remaining key lifetime (k/sec): ({{kilobytes}}/{{seconds}})',
      '        IV size: {{ivSize}} bytes',
      '        replay detection support: {{replay}}',
    ],
    empty: ['No SAs found'],
    spi: (n) => `0x${hex(n)}(${n >>> 0})`,
    // The note's 12.x prints the current SPI as bare hex (`current outbound spi: 3D3`).
    currentSpi: hex,
    transform: iosWords,
    settings: (m) => `{${mode(m)}, }`,
    connIds: (id) => [id, id + 1],
  },
  ios15: {
    entry: [
      'interface: {{iface}}',
      '    Crypto map tag: {{tag}}, local addr {{local}}',
      '',
      '   protected vrf: (none)',
      '   local  ident (addr/mask/prot/port): ({{localIdent}})',
      '   remote ident (addr/mask/prot/port): ({{remoteIdent}})',
      '   current_peer {{peer}} port 500',
      '     PERMIT, flags={origin_is_acl,}',
      '    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0',
      '    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0',
      '    #pkts compressed: 0, #pkts decompressed: 0',
      '    #pkts not compressed: 0, #pkts compr. failed: 0',
      '    #pkts not decompressed: 0, #pkts decompress failed: 0',
      '    #send errors 0, #recv errors 0',
      '',
      '     local crypto endpt.: {{local}}, remote crypto endpt.: {{peer}}',
      '     plaintext mtu {{plaintextMtu}}, path mtu 1500, ip mtu 1500, ip mtu idb {{iface}}',
      '     current outbound spi: {{currentOutboundSpi}}',
      '     PFS (Y/N): {{pfs}}, DH group: {{dhGroup}}',
      '',
      ...IOS_SA_LISTS,
    ],
    sa: [
      '      spi: {{spi}}',
      '        transform: {{transform}} ,',
      '        in use settings ={{settings}}',
      '        conn id: {{connId}}, flow_id: SW:{{flowId}}, sibling_flags 80000046, crypto map: {{tag}}',
      '        sa timing: remaining key lifetime (k/sec): ({{kilobytes}}/{{seconds}})',
      '        IV size: {{ivSize}} bytes',
      '        replay detection support: {{replay}}',
      '        Status: ACTIVE(ACTIVE)',
    ],
    empty: ['No SAs found'],
    spi: (n) => `0x${hex(n)}(${n >>> 0})`,
    currentSpi: (n) => `0x${hex(n)}(${n >>> 0})`,
    transform: iosWords,
    settings: (m) => `{${mode(m)}, }`,
    connIds: (id) => [id, id + 1],
  },
  pix: {
    entry: [
      'interface: {{iface}}',
      '    Crypto map tag: {{map}}, local addr. {{local}}',
      '   local  ident (addr/mask/prot/port): ({{localIdent}})',
      '   remote ident (addr/mask/prot/port): ({{remoteIdent}})',
      '   current_peer: {{peer}}',
      '     PERMIT, flags={origin_is_acl,}',
      '    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest 0',
      '    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify 0',
      '    #pkts compressed: 0, #pkts decompressed: 0',
      '    #pkts not compressed: 0, #pkts compr. failed: 0,',
      '    #pkts decompress failed: 0, #send errors 0, #recv errors 0',
      '',
      '     local crypto endpt.: {{local}}, remote crypto endpt.: {{peer}}',
      '     path mtu 1500, ipsec overhead {{overhead}}, media mtu 1500',
      '     current outbound spi: {{currentOutboundSpi}}',
      '',
      ...IOS_SA_LISTS,
    ],
    sa: [
      '      spi: {{spi}}',
      '        transform: {{transform}} ,',
      '        in use settings ={{settings}}',
      '        slot: 0, conn id: {{connId}}, crypto map: {{map}}',
      '        sa timing: remaining key lifetime (k/sec): ({{kilobytes}}/{{seconds}})',
      '        IV size: {{ivSize}} bytes',
      '        replay detection support: {{replay}}',
    ],
    // PIX 6 lists nothing at all when no SA is held.
    empty: [],
    // The note's PIX prints SPIs in lower-case hex (`spi: 0x50b98b5(84646069)`, `current outbound spi: 9a46ecae`).
    spi: (n) => `0x${lowerHex(n)}(${n >>> 0})`,
    currentSpi: lowerHex,
    transform: (words) => words.join(' '),
    settings: (m) => `{${mode(m)}, }`,
    connIds: (id) => [id, id + 1],
    // The note's PIX prints 56 for esp-3des esp-md5-hmac: the fixed bytes without the ESP trailer, plus a block.
    overhead: (o) => String(o.fixed - o.trailer + o.block),
  },
  asa: {
    entry: [
      'interface: {{iface}}',
      '    Crypto map tag: {{map}}, seq num: {{seq}}, local addr: {{local}}',
      '',
      '      access-list {{acl}} extended permit {{aclTerms}}',
      '      local ident (addr/mask/prot/port): ({{localIdent}})',
      '      remote ident (addr/mask/prot/port): ({{remoteIdent}})',
      '      current_peer: {{peer}}',
      '',
      '',
      '      #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0',
      '      #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0',
      '      #pkts compressed: 0, #pkts decompressed: 0',
      '      #pkts not compressed: 0, #pkts comp failed: 0, #pkts decomp failed: 0',
      '      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0',
      '      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0',
      '      #TFC rcvd: 0, #TFC sent: 0',
      '      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0',
      '      #send errors: 0, #recv errors: 0',
      '',
      '      local crypto endpt.: {{local}}/500, remote crypto endpt.: {{peer}}/500',
      '      path mtu 1500, ipsec overhead {{overhead}}, media mtu 1500',
      '      PMTU time remaining (sec): 0, DF policy: copy-df',
      '      ICMP error validation: disabled, TFC packets: disabled',
      '      current outbound spi: {{currentOutboundSpi}}',
      '      current inbound spi : {{currentInboundSpi}}',
      '',
      // ASA does not do AH: only ESP lists are printed.
      '    inbound esp sas:',
      '{{inbound_esp}}',
      '    outbound esp sas:',
      '{{outbound_esp}}',
      '',
    ],
    sa: [
      '      spi: {{spi}}',
      '         SA State: active',
      '         transform: {{transform}} no compression',
      '         in use settings ={{settings}}',
      '         slot: 0, conn_id: {{connId}}, crypto-map: {{map}}',
      '         sa timing: remaining key lifetime (kB/sec): ({{kilobytes}}/{{seconds}})',
      '         IV size: {{ivSize}} bytes',
      '         replay detection support: {{replay}}',
      '         Anti replay bitmap:',
      '          0x00000000 0x00000000',
    ],
    empty: ['There are no ipsec sas'],
    spi: (n) => `0x${hex(n).padStart(8, '0')} (${n >>> 0})`,
    currentSpi: (n) => hex(n).padStart(8, '0'),
    transform: (words) => words.join(' '),
    settings: (m) => `{L2L, ${mode(m)}, IKEv1, }`,
    // One connection id for both directions (`conn_id: 159694848` twice in ntc-templates' capture).
    connIds: (id) => [id, id],
    // ASA 9 prints 74(44) for AES/MD5 and 82(52) with NAT-T: fixed bytes plus a block, then without
    // the outer header, ESP header and trailer.
    overhead: (o) => {
      const total = o.fixed + o.block;
      return `${total}(${total - o.outerIp - o.espHeader - o.trailer})`;
    },
  },
};
