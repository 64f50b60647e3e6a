/**
 * Healthy pairs of every platform combination, and single faults injected into them: the
 * catalogue `check` is tested on (checks.test.ts) and the simulator's round trip replays.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export const DIR = new URL('../fixtures/config/', import.meta.url).pathname;
export const read = (path: string) => ({ name: path, text: readFileSync(DIR + path, 'utf8') });

/** Healthy pairs of every platform combination; each fault below breaks one of them. */
export const PAIRS = {
  'ios-ios': ['pairs/ios-ios/peer-a.cfg', 'pairs/ios-ios/peer-b.cfg'],
  'ios-asa': ['pairs/ios-asa/branch-a.cfg', 'asa/hq-asa9-hub.cfg'],
  'ios-pix': ['pairs/ios-pix/remote-router.cfg', 'pix/pixfirewall-63.cfg'],
} as const;
export type Pair = keyof typeof PAIRS;

export interface Fault {
  code: string;
  pair: Pair;
  side: 0 | 1;
  /** Text edits on that side's configuration, each must apply. */
  edits: [from: string, to: string][];
  failedPhase?: 'ike-phase1' | 'ipsec-phase2';
  /** When only one direction of initiation fails. */
  dependsOnInitiator?: boolean;
  /** The side the fix goes to (its device name in the finding). */
  fixOn?: string;
  /** Other codes this fault legitimately brings along. */
  also?: string[];
  /**
   * Codes the devices' own logs show besides the root cause `check` names (a second face of the
   * same fault that only the configurations can tie to it).
   */
  logsAlsoShow?: string[];
}

export const FAULTS: Fault[] = [
  {
    code: 'PSK_MISMATCH',
    pair: 'ios-ios',
    side: 1,
    edits: [['key 0 Mirr0r-Me', 'key 0 Not-The-Same']],
    failedPhase: 'ike-phase1',
  },
  {
    code: 'PSK_MISSING',
    pair: 'ios-ios',
    side: 1,
    edits: [['crypto isakmp key 0 Mirr0r-Me address 12.1.1.1\n', '']],
    failedPhase: 'ike-phase1',
    fixOn: 'PeerB',
  },
  {
    code: 'IKE_POLICY_MISMATCH',
    pair: 'ios-ios',
    side: 1,
    edits: [[' group 14', ' group 14\n hash md5']],
    failedPhase: 'ike-phase1',
  },
  {
    code: 'LIFETIME_MISMATCH',
    pair: 'ios-ios',
    side: 1,
    edits: [[' group 14', ' group 14\n lifetime 28800']],
    failedPhase: 'ike-phase1',
    dependsOnInitiator: true,
  },
  {
    code: 'PEER_ADDRESS_MISMATCH',
    pair: 'ios-ios',
    side: 0,
    edits: [[' set peer 20.1.1.2', ' set peer 20.1.1.9']],
    fixOn: 'PeerA',
  },
  {
    code: 'TRANSFORM_SET_MISMATCH',
    pair: 'ios-ios',
    side: 1,
    edits: [['esp-aes 256 esp-sha-hmac', 'esp-3des esp-sha-hmac']],
    failedPhase: 'ipsec-phase2',
  },
  {
    // The note: "network-specific on one end and host-specific on the other".
    code: 'PROXY_ID_MISMATCH',
    pair: 'ios-ios',
    side: 1,
    edits: [
      [
        'permit ip 172.21.114.0 0.0.0.255 172.21.113.0 0.0.0.255',
        'permit ip host 172.21.114.5 host 172.21.113.5',
      ],
    ],
    failedPhase: 'ipsec-phase2',
    dependsOnInitiator: true,
    fixOn: 'PeerB',
  },
  {
    code: 'PFS_MISMATCH',
    pair: 'ios-ios',
    side: 1,
    edits: [[' match address 150', ' match address 150\n set pfs group14']],
    failedPhase: 'ipsec-phase2',
    dependsOnInitiator: true,
  },
  {
    code: 'INVALID_LOCAL_ADDRESS',
    pair: 'ios-ios',
    side: 1,
    edits: [
      [' ip address 20.1.1.2 255.255.255.0\n crypto map VPN\n', ' ip address 20.1.1.2 255.255.255.0\n'],
    ],
    failedPhase: 'ipsec-phase2',
    also: ['CRYPTO_MAP_NOT_APPLIED'],
  },
  {
    code: 'INVALID_LOCAL_ADDRESS',
    pair: 'ios-ios',
    side: 1,
    edits: [
      [
        'access-list 150 permit ip 172.21.114.0',
        'crypto map VPN local-address FastEthernet0/1\naccess-list 150 permit ip 172.21.114.0',
      ],
    ],
    failedPhase: 'ipsec-phase2',
    // Initiating, PeerB sources IKE from the forced address and fails already in phase 1.
    dependsOnInitiator: true,
    // PeerA's log: no key for the forced address (check ties it to the local-address).
    logsAlsoShow: ['PSK_MISSING'],
  },
  {
    code: 'PEER_NOT_FOUND_ENTRY_ORDER',
    pair: 'ios-ios',
    side: 1,
    edits: [
      [
        'crypto map VPN 10 ipsec-isakmp',
        'crypto isakmp key 0 Other-Site address 30.1.1.1\ncrypto map VPN 5 ipsec-isakmp\n set peer 30.1.1.1\n set transform-set TS-AES\n match address 160\ncrypto map VPN 10 ipsec-isakmp',
      ],
      [
        'access-list 150 permit ip 172.21.114.0',
        'access-list 160 permit ip 172.21.114.0 0.0.0.255 172.21.0.0 0.0.255.255\naccess-list 150 permit ip 172.21.114.0',
      ],
    ],
    failedPhase: 'ipsec-phase2',
    dependsOnInitiator: true,
    also: ['CRYPTO_ACL_OVERLAP'],
  },
  {
    code: 'ISAKMP_NOT_ENABLED',
    pair: 'ios-asa',
    side: 1,
    edits: [['crypto ikev1 enable outside\n', '']],
    failedPhase: 'ike-phase1',
    fixOn: 'hq-asa',
  },
  {
    code: 'PSK_MISMATCH',
    pair: 'ios-asa',
    side: 1,
    edits: [['ikev1 pre-shared-key Br4nchA-s3cret!', 'ikev1 pre-shared-key Wr0ng']],
    failedPhase: 'ike-phase1',
  },
  {
    code: 'PFS_MISMATCH',
    pair: 'ios-asa',
    side: 0,
    edits: [[' set pfs group14\n', '']],
    failedPhase: 'ipsec-phase2',
    dependsOnInitiator: true,
  },
  {
    code: 'TRANSFORM_SET_MISMATCH',
    pair: 'ios-asa',
    side: 0,
    edits: [['esp-aes 256 esp-sha-hmac', 'esp-aes 256 esp-md5-hmac']],
    failedPhase: 'ipsec-phase2',
  },
  {
    code: 'NAT_EXEMPTION_MISSING',
    pair: 'ios-asa',
    side: 0,
    edits: [[' deny   ip 172.16.1.0 0.0.0.255 10.10.0.0 0.0.255.255\n', '']],
    fixOn: 'branch-a',
  },
  {
    code: 'PEER_ADDRESS_MISMATCH',
    pair: 'ios-pix',
    side: 1,
    edits: [['name 12.1.1.3 remote-router', 'name 12.1.1.33 remote-router']],
    fixOn: 'pixfirewall',
  },
  {
    code: 'TRANSFORM_SET_MISMATCH',
    pair: 'ios-pix',
    side: 1,
    edits: [['transform-set l2lset esp-aes-256 esp-sha-hmac', 'transform-set l2lset esp-3des esp-sha-hmac']],
    failedPhase: 'ipsec-phase2',
  },
  {
    code: 'NAT_EXEMPTION_MISSING',
    pair: 'ios-pix',
    side: 1,
    edits: [['nat (inside) 0 access-list 101\n', '']],
  },
  {
    code: 'SYSOPT_PERMIT_IPSEC_MISSING',
    pair: 'ios-pix',
    side: 1,
    edits: [['sysopt connection permit-ipsec\n', '']],
  },
  {
    code: 'ACL_REUSED',
    pair: 'ios-pix',
    side: 1,
    edits: [['nat (inside) 0 access-list 101', 'nat (inside) 0 access-list 120']],
  },
  {
    code: 'SPLIT_TUNNEL_MISSING',
    pair: 'ios-pix',
    side: 1,
    edits: [['vpngroup vpn3000 split-tunnel 90\n', '']],
  },
  {
    code: 'POOL_ROUTE_MISSING',
    pair: 'ios-pix',
    side: 1,
    edits: [['route inside 172.16.0.0 255.255.0.0 10.1.1.2 1\n', '']],
  },
  {
    code: 'UNDEFINED_REFERENCE',
    pair: 'ios-ios',
    side: 0,
    edits: [[' set transform-set TS-AES', ' set transform-set TS-AES TS-GONE']],
  },
  {
    code: 'ISAKMP_NOT_ENABLED',
    pair: 'ios-pix',
    side: 1,
    edits: [['isakmp enable outside\n', '']],
    failedPhase: 'ike-phase1',
  },
];

export function apply(text: string, edits: Fault['edits']): string {
  let out = text;
  for (const [from, to] of edits) {
    expect(out, `edit '${from}' must apply`).toContain(from);
    out = out.replace(from, to);
  }
  return out;
}
