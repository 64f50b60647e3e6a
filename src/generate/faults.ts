/**
 * The faults a generated fleet can carry: each is an edit of one side's template (text before
 * the holes are filled), per the platform of that side. A fault applies to the pair templates
 * whose edited side has an edit for its platform.
 */
import type { TemplatePlatform } from './addressing.js';
import type { PairTemplate } from './templates.js';

type Edit = readonly [from: string, to: string];

export interface FaultSpec {
  /** The finding code `diagnose` names for it in the devices' logs. */
  code: string;
  /** The side whose configuration is edited (the responder when side A initiates). */
  side: 'a' | 'b';
  edits: Partial<Record<TemplatePlatform, readonly Edit[]>>;
}

export const HEALTHY = 'healthy';

const ACL_IOS = 'access-list 150 permit ip {{lan}}.0 0.0.0.255 {{peerLan}}.0 0.0.0.255';
const ACL_PIX = 'access-list vpn permit ip {{lan}}.0 255.255.255.0 {{peerLan}}.0 255.255.255.0';

export const FAULT_TABLE: readonly FaultSpec[] = [
  {
    code: 'PSK_MISMATCH',
    side: 'b',
    edits: { ios: [['{{key}}', 'x{{key}}']], asa: [['{{key}}', 'x{{key}}']], pix: [['{{key}}', 'x{{key}}']] },
  },
  {
    code: 'PSK_MISSING',
    side: 'b',
    edits: {
      ios: [['crypto isakmp key {{key}} address {{peerAddr}}\n', '']],
      pix: [
        ['isakmp key {{key}} address {{peerAddr}} netmask 255.255.255.255 no-xauth no-config-mode\n', ''],
      ],
    },
  },
  {
    code: 'IKE_POLICY_MISMATCH',
    side: 'b',
    edits: {
      ios: [[' group {{group}}', ' group {{group}}\n hash md5']],
      asa: [[' hash sha', ' hash md5']],
      pix: [['isakmp policy 10 hash sha', 'isakmp policy 10 hash md5']],
    },
  },
  {
    code: 'TRANSFORM_SET_MISMATCH',
    side: 'b',
    edits: {
      ios: [['esp-aes 256 esp-sha-hmac', 'esp-3des esp-sha-hmac']],
      asa: [['esp-aes-256 esp-sha-hmac', 'esp-3des esp-sha-hmac']],
      pix: [['esp-aes-256 esp-sha-hmac', 'esp-3des esp-sha-hmac']],
    },
  },
  {
    // The note: "network-specific on one end and host-specific on the other".
    code: 'PROXY_ID_MISMATCH',
    side: 'b',
    edits: {
      ios: [[ACL_IOS, 'access-list 150 permit ip host {{lan}}.5 host {{peerLan}}.5']],
      asa: [[' subnet {{peerLan}}.0 255.255.255.0', ' host {{peerLan}}.5']],
      pix: [[ACL_PIX, 'access-list vpn permit ip host {{lan}}.5 host {{peerLan}}.5']],
    },
  },
  {
    code: 'PFS_MISMATCH',
    side: 'b',
    edits: {
      ios: [[' match address 150', ' match address 150\n set pfs group14']],
      asa: [
        [
          'crypto map OUTSIDE-MAP interface',
          'crypto map OUTSIDE-MAP 10 set pfs group14\ncrypto map OUTSIDE-MAP interface',
        ],
      ],
      pix: [['crypto map mymap interface', 'crypto map mymap 10 set pfs group2\ncrypto map mymap interface']],
    },
  },
  {
    // An earlier entry for another peer whose ACL takes this tunnel's traffic.
    code: 'PEER_NOT_FOUND_ENTRY_ORDER',
    side: 'b',
    edits: {
      ios: [
        [
          'crypto map VPN 10 ipsec-isakmp',
          'crypto map VPN 5 ipsec-isakmp\n set peer 192.0.2.77\n set transform-set TS-AES\n match address 160\ncrypto map VPN 10 ipsec-isakmp',
        ],
        [ACL_IOS, `access-list 160 permit ip {{lan}}.0 0.0.0.255 10.0.0.0 0.255.255.255\n${ACL_IOS}`],
      ],
    },
  },
  {
    // The crypto map is applied nowhere, so the tunnel's address is no crypto endpoint.
    code: 'INVALID_LOCAL_ADDRESS',
    side: 'b',
    edits: { ios: [[' crypto map VPN\n', '']] },
  },
  {
    // ISAKMP is not enabled on the peer: it never answers.
    code: 'IKE_PEER_NOT_RESPONDING',
    side: 'b',
    edits: {
      ios: [['crypto isakmp policy 10', 'no crypto isakmp enable\ncrypto isakmp policy 10']],
      asa: [['crypto ikev1 enable outside\n', '']],
      pix: [['isakmp enable outside\n', '']],
    },
  },
];

export const FAULT_CODES: readonly string[] = FAULT_TABLE.map((f) => f.code);

export function faultSpec(code: string): FaultSpec | undefined {
  return FAULT_TABLE.find((f) => f.code === code);
}

/** The edits this fault makes to this pair's template, or undefined when it does not apply. */
export function editsFor(fault: FaultSpec, pair: PairTemplate): readonly Edit[] | undefined {
  return fault.edits[pair[fault.side].platform];
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`fault edit does not apply: ${from.slice(0, 40)}`);
    out = out.replace(from, to);
  }
  return out;
}
