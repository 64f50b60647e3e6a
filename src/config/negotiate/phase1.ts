import type { IkePolicy } from '../model.js';

export const POLICY_FIELDS = ['encryption', 'hash', 'authentication', 'group'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number] | 'lifetime';

export interface PolicyChoice {
  /** The responder's policy that accepted. */
  policy: IkePolicy;
  offer: IkePolicy;
  /** The SA's lifetime: the shorter of the two. */
  lifetime: number;
}

export interface PolicyRefusal {
  /** The offer and local policy that came closest, and what differed. */
  closest?: { policy: IkePolicy; offer: IkePolicy; mismatched: PolicyField[] };
}

export interface PolicyCheck {
  policy: IkePolicy;
  offer: IkePolicy;
  /** Empty when the offer is acceptable. */
  mismatched: PolicyField[];
}

/**
 * The responder's walk (IOS, PIX and ASA alike): its policies in priority order, each against
 * every offer; a match needs equal encryption, hash, authentication and DH group, and an offered
 * lifetime no longer than the local policy's. Yields each comparison as the device makes it and
 * stops after the first acceptable one: `check` reads the verdict, the simulator logs every step.
 */
export function* policyWalk(
  local: readonly IkePolicy[],
  offers: readonly IkePolicy[],
): Generator<PolicyCheck> {
  for (const policy of local)
    for (const offer of offers) {
      const mismatched: PolicyField[] = POLICY_FIELDS.filter((f) => String(policy[f]) !== String(offer[f]));
      if (offer.lifetime > policy.lifetime) mismatched.push('lifetime');
      yield { policy, offer, mismatched };
      if (mismatched.length === 0) return;
    }
}

export function selectPolicy(
  local: readonly IkePolicy[],
  offers: readonly IkePolicy[],
): { chosen: PolicyChoice } | { refused: PolicyRefusal } {
  let closest: PolicyRefusal['closest'];
  for (const { policy, offer, mismatched } of policyWalk(local, offers)) {
    if (mismatched.length === 0)
      return { chosen: { policy, offer, lifetime: Math.min(policy.lifetime, offer.lifetime) } };
    if (!closest || mismatched.length < closest.mismatched.length) closest = { policy, offer, mismatched };
  }
  return { refused: closest ? { closest } : {} };
}
