import type { Offer, Session } from '../../correlate/session.js';
import type { Kept } from '../../correlate/evidence.js';
import type { IkeAttribute } from '../../model/events.js';
import { type Rule, eventsOf, evidenceOfEvents, isAsa, mergeEvidence, peerOr, sourceOf } from './rule.js';
import { policyLines } from '../../config/checks/commands.js';

/** Debug spelling → configuration keyword, for the policy a remedy proposes. */
const CONFIG_WORD: Record<string, string> = {
  'DES-CBC': 'des',
  '3DES-CBC': '3des',
  'AES-CBC': 'aes',
  MD5: 'md5',
  SHA: 'sha',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SHA512: 'sha512',
  'PRE-SHARE': 'pre-share',
  'RSA-SIG': 'rsa-sig',
  'RSA-ENCR': 'rsa-encr',
};

function word(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  return CONFIG_WORD[v.toUpperCase()] ?? v.toLowerCase();
}

/** The `crypto isakmp policy` (or ASA `crypto ikev1 policy`) that would accept this offer. */
export function policyFor(offer: Partial<Record<IkeAttribute, string>>, asa: boolean, priority = 5): string {
  const enc = word(offer.encryption);
  const keyBits = offer.keylength && enc?.startsWith('aes') ? `-${offer.keylength}` : '';
  const group = offer.group?.replace(/^group\s*/i, '');
  return policyLines(asa ? 'asa' : 'ios', priority, {
    ...(enc && { encryption: enc + keyBits }),
    ...(offer.hash && { hash: word(offer.hash)! }),
    ...(offer.auth && { authentication: word(offer.auth)! }),
    ...(group && { group: Number(group) }),
    ...(offer.lifetime && { lifetime: Number(offer.lifetime) }),
  });
}

function rejectedOffers(session: Session): Offer[] {
  return session.failures.filter((f) => f.phase === 1).flatMap((f) => f.offers);
}

const policyMismatch: Rule = {
  code: 'IKE_POLICY_MISMATCH',
  detect(s) {
    const rounds = s.failures.filter((f) => f.phase === 1);
    const asaFailures = eventsOf(s, 'ike.phase1-failure');
    const showRows = (s.get('show.isakmp-sa')?.kept ?? []).filter((e) => e.row.state === 'MM_NO_STATE');
    if (rounds.length === 0 && asaFailures.length === 0 && showRows.length === 0) return null;
    if (rounds.length === 0 && asaFailures.length === 0 && (s.p1Accepted || s.count('ike.retransmit') > 0))
      return null;
    const offers = rejectedOffers(s);
    const mismatched = [...new Set(offers.flatMap((o) => o.mismatched))];
    const priorities = [
      ...new Set(offers.map((o) => o.priority).filter((p): p is number => p !== undefined)),
    ];
    const offered = offers.find((o) => Object.keys(o.attributes).length > 0)?.attributes ?? {};
    const asaFail = asaFailures.find((e) => e.kind === 'ike.phase1-failure' && e.attribute !== undefined);
    const details: Record<string, unknown> = { mismatched, checkedPolicies: priorities, offered };
    const offeredValues = mismatched.map((a) => ({ attribute: a, value: offered[a] ?? '?' }));
    if (offeredValues.length > 0) details['offeredMismatch'] = offeredValues;
    let context: string | undefined;
    if (asaFail && asaFail.kind === 'ike.phase1-failure' && asaFail.attribute) {
      details['mismatched'] = [asaFail.attribute];
      details['received'] = asaFail.received;
      details['configured'] = asaFail.configured;
      context = 'received';
    } else if (mismatched.length > 0) context = priorities.length > 0 ? 'policy' : 'attribute';
    if (priorities.includes(65535)) details['defaultPolicyTried'] = true;
    const reasons = rounds.flatMap((r) => r.reasons);
    const evidence = mergeEvidence(
      offers.flatMap((o) => o.evidence),
      evidenceOfEvents([...reasons, ...asaFailures]),
      rounds.length === 0 && asaFailures.length === 0 ? evidenceOfEvents(showRows) : [],
    );
    const weak = rounds.length === 0 && asaFailures.length === 0;
    const commands = Object.keys(offered).length > 0 ? [policyFor(offered, isAsa(s))] : [];
    return {
      code: 'IKE_POLICY_MISMATCH',
      source: weak ? 'show' : sourceOf([...reasons, ...asaFailures]),
      evidence,
      details,
      ...(context && { context }),
      commands,
      weak,
    };
  },
};

/**
 * IOS names the first attribute that differs (encryption, hash, authentication, DH group, key
 * length) but not a lifetime longer than its policy's: when every refused offer was checked
 * attribute by attribute and none was named, the lifetime is what the responder refused.
 */
function onlyLifetimeLeft(offers: readonly Offer[]): boolean {
  const checked = offers.filter((o) => o.priority !== undefined && Object.keys(o.attributes).length > 0);
  return (
    checked.length > 0 &&
    checked.length === offers.length &&
    checked.every((o) => o.mismatched.length === 0 && o.attributes.lifetime !== undefined)
  );
}

/** A refused phase-1 round in which no attribute was named: the lifetime (catalogue: supersedes the policy mismatch). */
const lifetimeRefused: Rule = {
  code: 'LIFETIME_MISMATCH',
  detect(s) {
    const rounds = s.failures.filter((f) => f.phase === 1);
    const offers = rejectedOffers(s);
    if (rounds.length === 0 || eventsOf(s, 'ike.phase1-failure').length > 0 || !onlyLifetimeLeft(offers))
      return null;
    const reasons = rounds.flatMap((r) => r.reasons);
    const offered = offers.find((o) => Object.keys(o.attributes).length > 0)?.attributes ?? {};
    const priorities = [
      ...new Set(offers.map((o) => o.priority).filter((p): p is number => p !== undefined)),
    ];
    return {
      code: 'LIFETIME_MISMATCH',
      severity: 'error',
      source: sourceOf(reasons),
      evidence: mergeEvidence(
        offers.flatMap((o) => o.evidence),
        evidenceOfEvents(reasons),
      ),
      details: { phase: 1, offered: offered.lifetime, checkedPolicies: priorities },
      context: 'refused',
      commands: Object.keys(offered).length > 0 ? [policyFor(offered, isAsa(s))] : [],
    };
  },
};

function keyCommand(s: Session): string {
  const peer = peerOr(s, '<peer-address>');
  return isAsa(s)
    ? `tunnel-group ${peer} type ipsec-l2l\ntunnel-group ${peer} ipsec-attributes\n ikev1 pre-shared-key <same-secret-on-both-peers>`
    : `crypto isakmp key <same-secret-on-both-peers> address ${peer}`;
}

/**
 * Retransmitting in these states, the initiator's encrypted MM5 goes unanswered: the peer could
 * not decrypt it (IOS/PIX MM_KEY_EXCH, ASA MM_WAIT_MSG6), so the keys differ.
 */
const UNANSWERED_KEY = new Set(['MM_KEY_EXCH', 'MM_WAIT_MSG6']);

const pskMismatch: Rule = {
  code: 'PSK_MISMATCH',
  detect(s) {
    const events = eventsOf(s, 'ike.bad-message', 'ike.reserved-not-zero', 'ike.no-matching-sa');
    const stuck = (s.get('show.isakmp-sa')?.kept ?? []).filter((e) => e.row.state === 'MM_KEY_EXCH');
    const keyExchRetrans = eventsOf(s, 'ike.retransmit').filter(
      (e) => e.kind === 'ike.retransmit' && e.state !== undefined && UNANSWERED_KEY.has(e.state),
    );
    const all: Kept[] = [...events, ...stuck, ...keyExchRetrans];
    if (all.length === 0) return null;
    return {
      code: 'PSK_MISMATCH',
      source: events.length > 0 ? sourceOf(events) : stuck.length > 0 ? 'show' : 'debug',
      evidence: evidenceOfEvents(all),
      details: { messages: events.length, stuckInMmKeyExch: stuck.length > 0 },
      ...(stuck.length > 0 && events.length === 0 && { context: 'keyexch' }),
      commands: [keyCommand(s)],
    };
  },
};

const pskMissing: Rule = {
  code: 'PSK_MISSING',
  detect(s) {
    const events = eventsOf(s, 'ike.no-keys');
    if (events.length === 0) return null;
    return {
      code: 'PSK_MISSING',
      source: sourceOf(events),
      evidence: evidenceOfEvents(events),
      details: {},
      commands: [keyCommand(s)],
    };
  },
};

const notResponding: Rule = {
  code: 'IKE_PEER_NOT_RESPONDING',
  detect(s) {
    const retrans = eventsOf(s, 'ike.retransmit').filter(
      (e) => e.kind === 'ike.retransmit' && (e.state === undefined || !UNANSWERED_KEY.has(e.state)),
    );
    const gaveUp = eventsOf(s, 'ike.gave-up');
    const waiting = (s.get('show.isakmp-sa')?.kept ?? []).filter((e) =>
      /^MM_WAIT_MSG2$|^AM_WAIT_MSG2$/.test(e.row.state),
    );
    if (s.p1Accepted) return null;
    const fromDebug =
      gaveUp.length > 0 || retrans.length >= 2 || (retrans.length >= 1 && s.count('ike.payload') === 0);
    if (!fromDebug && waiting.length === 0) return null;
    const events: Kept[] = [...retrans, ...gaveUp, ...waiting];
    const peer = peerOr(s, '<peer-address>');
    return {
      code: 'IKE_PEER_NOT_RESPONDING',
      source: fromDebug ? sourceOf(events) : 'show',
      evidence: evidenceOfEvents(events),
      details: { retransmissions: s.count('ike.retransmit'), gaveUp: gaveUp.length > 0 },
      commands: isAsa(s)
        ? [`ping outside ${peer}`, `access-list OUTSIDE_IN extended permit udp host ${peer} any eq isakmp`]
        : [
            `ping ${peer} source <outside-interface>`,
            `access-list 101 permit udp host ${peer} any eq isakmp\naccess-list 101 permit udp host ${peer} any eq non500-isakmp\naccess-list 101 permit esp host ${peer} any`,
          ],
    };
  },
};

export const phase1Rules: readonly Rule[] = [
  policyMismatch,
  lifetimeRefused,
  pskMismatch,
  pskMissing,
  notResponding,
];
