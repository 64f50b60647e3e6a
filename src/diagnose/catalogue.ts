import type { Phase, Severity } from '../model/findings.js';

/**
 * The finding codes of the public contract (shared/spec/findings.md): severity, phase, the seed
 * section that describes the case, and which codes a finding explains away when both concern the
 * same device and peer (root cause over symptom). Texts live in the i18n catalogues under
 * `finding.<CODE>`.
 */
export interface CatalogueEntry {
  severity: Severity;
  phase: Phase;
  seed: string;
  supersedes?: readonly string[];
}

export const CATALOGUE = {
  IKE_POLICY_MISMATCH: {
    severity: 'error',
    phase: 'ike-phase1',
    seed: 'Processing of Main Mode Failed with Peer; Hash Algorithm Offered does not Match Policy',
    supersedes: ['IKE_PEER_NOT_RESPONDING', 'QM_FSM_ERROR'],
  },
  PSK_MISMATCH: {
    severity: 'error',
    phase: 'ike-phase1',
    seed: 'IKE Message from X.X.X.X Failed its Sanity Check or is Malformed; Reserved Not Zero on Payload 5',
    supersedes: ['IKE_PEER_NOT_RESPONDING', 'IKE_POLICY_MISMATCH'],
  },
  PSK_MISSING: {
    severity: 'error',
    phase: 'ike-phase1',
    seed: 'No Cert and No Keys with Remote Peer',
    supersedes: ['IKE_POLICY_MISMATCH', 'IKE_PEER_NOT_RESPONDING', 'PSK_MISMATCH'],
  },
  PEER_ADDRESS_MISMATCH: {
    severity: 'error',
    phase: 'ike-phase1',
    seed: 'No Cert and No Keys with Remote Peer; PIX MM_KEY_EXCH',
    supersedes: ['IKE_PEER_NOT_RESPONDING'],
  },
  IKE_PEER_NOT_RESPONDING: { severity: 'error', phase: 'ike-phase1', seed: 'Remote Peer Not Responding' },
  TRANSFORM_SET_MISMATCH: {
    severity: 'error',
    phase: 'ipsec-phase2',
    seed: 'Transform Proposal Not Supported; All IPSec SA Proposals Found Unacceptable',
    supersedes: ['QM_FSM_ERROR'],
  },
  PROXY_ID_MISMATCH: {
    severity: 'error',
    phase: 'ipsec-phase2',
    seed: 'Proxy Identities Not Supported; IPSEC(initialize_sas): Invalid Proxy IDs',
    supersedes: ['TRANSFORM_SET_MISMATCH', 'QM_FSM_ERROR'],
  },
  QM_FSM_ERROR: { severity: 'error', phase: 'ipsec-phase2', seed: 'QM FSM Error' },
  INVALID_LOCAL_ADDRESS: {
    severity: 'error',
    phase: 'ipsec-phase2',
    seed: 'Invalid Local Address',
    supersedes: ['TRANSFORM_SET_MISMATCH', 'PROXY_ID_MISMATCH', 'QM_FSM_ERROR'],
  },
  PEER_NOT_FOUND_ENTRY_ORDER: {
    severity: 'error',
    phase: 'ipsec-phase2',
    seed: 'Peer Address X.X.X.X Not Found',
    supersedes: ['TRANSFORM_SET_MISMATCH', 'PROXY_ID_MISMATCH', 'QM_FSM_ERROR'],
  },
  PFS_MISMATCH: {
    severity: 'error',
    phase: 'ipsec-phase2',
    seed: '(beyond the seed)',
    supersedes: ['TRANSFORM_SET_MISMATCH', 'QM_FSM_ERROR'],
  },
  REPLAY_CHECK_FAILED: { severity: 'warning', phase: 'data-plane', seed: 'Replay Check Failed' },
  INVALID_SPI: { severity: 'warning', phase: 'data-plane', seed: 'IPsec Packet has Invalid SPI' },
  HMAC_VERIFY_FAILED: { severity: 'warning', phase: 'data-plane', seed: 'HMAC Verification Failed' },
  HW_CRYPTO_PACKET_ERROR: {
    severity: 'warning',
    phase: 'data-plane',
    seed: 'Packet Encryption/Decryption Error',
  },
  ESP_SEQUENCE_FAIL: {
    severity: 'warning',
    phase: 'data-plane',
    seed: 'Packets Receive Error Due to ESP Sequence Fail',
  },
  CRYPTO_ENGINE_UNAVAILABLE: {
    severity: 'error',
    phase: 'data-plane',
    seed: 'Error Trying to Establish VPN Tunnel on 7600 Series Router',
  },
  PATH_MTU_EXCEEDED: {
    severity: 'warning',
    phase: 'data-plane',
    seed: 'After the Tunnel Is Up, Certain Applications Do Not Work: MTU Adjustment',
  },
  ONE_WAY_TRAFFIC: { severity: 'warning', phase: 'data-plane', seed: 'Verify Access Control Lists (ACLs)' },
  IPSEC_SEND_RECV_ERRORS: { severity: 'warning', phase: 'data-plane', seed: 'show crypto ipsec sa' },
  CRYPTO_MAP_NOT_APPLIED: { severity: 'error', phase: 'configuration', seed: 'Invalid Local Address' },
  UNDEFINED_REFERENCE: { severity: 'error', phase: 'configuration', seed: '(configuration hygiene)' },
  CRYPTO_ACL_OVERLAP: {
    severity: 'warning',
    phase: 'configuration',
    seed: 'Verify Access Control Lists (ACLs)',
  },
  ACL_REUSED: { severity: 'warning', phase: 'configuration', seed: 'Verify Access Control Lists (ACLs)' },
  NAT_EXEMPTION_MISSING: {
    severity: 'error',
    phase: 'configuration',
    seed: 'Verify Access Control Lists (ACLs)',
  },
  SPLIT_TUNNEL_MISSING: {
    severity: 'warning',
    phase: 'configuration',
    seed: 'Inability to Access Subnets Outside the VPN Tunnel: Split Tunneling',
  },
  POOL_ROUTE_MISSING: {
    severity: 'warning',
    phase: 'configuration',
    seed: 'Traffic Does Not Flow After the Tunnel Is Established',
  },
  SYSOPT_PERMIT_IPSEC_MISSING: {
    severity: 'warning',
    phase: 'configuration',
    seed: 'Miss the sysopt Command',
  },
  ISAKMP_NOT_ENABLED: { severity: 'error', phase: 'configuration', seed: '(PIX/ASA configuration)' },
  WEAK_CRYPTO: { severity: 'info', phase: 'configuration', seed: '(beyond the seed)' },
  LIFETIME_MISMATCH: {
    severity: 'warning',
    phase: 'configuration',
    seed: '(beyond the seed)',
    // In a log: a phase-1 refusal where every attribute matched (the policy mismatch's root cause).
    supersedes: ['IKE_POLICY_MISMATCH', 'IKE_PEER_NOT_RESPONDING'],
  },
  CONFIG_LINE_NOT_UNDERSTOOD: { severity: 'warning', phase: 'configuration', seed: '(product addition)' },
  IKE_SA_ESTABLISHED: { severity: 'info', phase: 'health', seed: 'show crypto isakmp sa' },
  IPSEC_SA_ESTABLISHED: { severity: 'info', phase: 'health', seed: 'show crypto ipsec sa' },
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof CATALOGUE;
export const CODES = Object.keys(CATALOGUE) as Code[];

export function entry(code: Code): CatalogueEntry {
  return CATALOGUE[code];
}
