import type { IkePolicy, Platform } from './model.js';

/**
 * Device defaults, from the vendors' command references (IOS Security Command Reference:
 * `crypto isakmp policy`, `show crypto isakmp policy`, `crypto ipsec security-association
 * lifetime`; PIX 6.3 and ASA 9.x command references / CLI configuration guides).
 */
type PolicyFields = Pick<IkePolicy, 'encryption' | 'hash' | 'authentication' | 'group' | 'lifetime'>;

/** A field left out of a configured policy takes these values. */
export const POLICY_FIELD_DEFAULTS: Record<Platform, PolicyFields> = {
  ios: { encryption: 'des', hash: 'sha', authentication: 'rsa-sig', group: 1, lifetime: 86400 },
  pix: { encryption: 'des', hash: 'sha', authentication: 'rsa-sig', group: 1, lifetime: 86400 },
  asa: { encryption: '3des', hash: 'sha', authentication: 'rsa-sig', group: 2, lifetime: 86400 },
};

/** The "default protection suite" IOS and PIX always hold at the lowest priority (the note's 65535). */
const DEFAULT_SUITE: PolicyFields = {
  encryption: 'des',
  hash: 'sha',
  authentication: 'rsa-sig',
  group: 1,
  lifetime: 86400,
};

/**
 * IOS 12.4(20)T and later, with no `crypto isakmp policy` configured and without `no crypto
 * isakmp default policy`, offer eight default suites, 65507 (highest) to 65514.
 */
const IOS_DEFAULT_POLICIES: (PolicyFields & { priority: number })[] = [
  ['aes', 'sha', 'rsa-sig', 5],
  ['aes', 'sha', 'pre-share', 5],
  ['aes', 'md5', 'rsa-sig', 5],
  ['aes', 'md5', 'pre-share', 5],
  ['3des', 'sha', 'rsa-sig', 2],
  ['3des', 'sha', 'pre-share', 2],
  ['3des', 'md5', 'rsa-sig', 2],
  ['3des', 'md5', 'pre-share', 2],
].map(([encryption, hash, authentication, group], i) => ({
  priority: 65507 + i,
  encryption: String(encryption),
  hash: String(hash),
  authentication: String(authentication),
  group: Number(group),
  lifetime: 86400,
}));

/** Whether an IOS version string is 12.4(20)T-or-later in the sense of having default suites. */
function hasIosDefaultSuites(version: string | undefined): boolean {
  const m = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return true; // A config without `version` is most likely from a current release.
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 12 || (major === 12 && minor >= 4 && /T/i.test(version ?? ''));
}

export interface ImplicitPolicyContext {
  platform: Platform;
  version?: string;
  configuredCount: number;
  /** IOS `no crypto isakmp default policy`. */
  defaultsDisabled: boolean;
  file: string;
}

/** Policies a device applies without their being written, lowest priority last. */
export function implicitPolicies(c: ImplicitPolicyContext): IkePolicy[] {
  const implicit = (p: PolicyFields & { priority: number }, what: string): IkePolicy => ({
    ...p,
    defaulted: [],
    implicit: true,
    ref: { file: c.file, line: 0, text: what },
  });
  if (c.platform === 'asa') return []; // ASA 9.x: "New ASA configurations do not have a default IKEv1 policy."
  const out: IkePolicy[] = [];
  if (
    c.platform === 'ios' &&
    c.configuredCount === 0 &&
    !c.defaultsDisabled &&
    hasIosDefaultSuites(c.version)
  )
    for (const p of IOS_DEFAULT_POLICIES) out.push(implicit(p, `default IKE policy ${p.priority}`));
  out.push(implicit({ ...DEFAULT_SUITE, priority: 65535 }, 'default protection suite (65535)'));
  return out;
}

/** Phase-2 (IPsec SA) lifetime when neither the crypto map entry nor the global command sets one. */
export const PHASE2_LIFETIME_DEFAULTS: Record<Platform, { seconds: number; kilobytes: number }> = {
  ios: { seconds: 3600, kilobytes: 4608000 },
  pix: { seconds: 28800, kilobytes: 4608000 },
  asa: { seconds: 28800, kilobytes: 4608000 },
};

/** Transform-set mode when `mode` is not written. */
export const DEFAULT_TRANSFORM_MODE = 'tunnel';
