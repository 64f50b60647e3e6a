import type { Session } from '../../correlate/session.js';
import type { Kept } from '../../correlate/evidence.js';
import type { EventKind } from '../../model/events.js';
import { type Rule, eventsOf, evidenceOfEvents, isAsa, peerOr, sourceOf } from './rule.js';
import { aclTerm, decodeTransform } from './transforms.js';

/** Reasons of every refused quick-mode round of the session, of the given kinds. */
function refused(s: Session, ...kinds: EventKind[]): Kept[] {
  return s.failures
    .filter((f) => f.phase === 2)
    .flatMap((f) => f.reasons.filter((r) => kinds.includes(r.kind)));
}

function withProposal(s: Session, events: Kept[]): Kept[] {
  return s.lastProposal ? [s.lastProposal, ...events] : events;
}

const transformMismatch: Rule = {
  code: 'TRANSFORM_SET_MISMATCH',
  detect(s) {
    const rounds = s.failures.filter((f) => f.phase === 2);
    const specific = refused(s, 'ipsec.transform-unsupported', 'ike.all-proposals-unacceptable');
    const generic = rounds.flatMap((r) => r.reasons);
    if (rounds.length === 0) return null;
    const unsupported = specific.find((e) => e.kind === 'ipsec.transform-unsupported');
    const decoded =
      unsupported?.kind === 'ipsec.transform-unsupported'
        ? decodeTransform(unsupported.prot, unsupported.trans, unsupported.hmac)
        : undefined;
    const details: Record<string, unknown> = {};
    if (unsupported?.kind === 'ipsec.transform-unsupported' && unsupported.prot !== undefined) {
      details['offered'] = { prot: unsupported.prot, trans: unsupported.trans, hmacAlg: unsupported.hmac };
    }
    if (decoded) details['offeredTransform'] = decoded.transformSet;
    const ts = decoded?.transformSet ?? '<same transforms as the peer>';
    return {
      code: 'TRANSFORM_SET_MISMATCH',
      source: sourceOf(generic),
      evidence: evidenceOfEvents(generic),
      details,
      ...(decoded && { context: 'decoded' }),
      commands: isAsa(s)
        ? [
            `crypto ipsec ikev1 transform-set TS-PEER ${ts}`,
            `crypto map <map> <seq> set ikev1 transform-set TS-PEER`,
          ]
        : [
            `crypto ipsec transform-set TS-PEER ${ts}`,
            `crypto map <map> <seq> ipsec-isakmp\n set transform-set TS-PEER`,
          ],
    };
  },
};

const proxyMismatch: Rule = {
  code: 'PROXY_ID_MISMATCH',
  detect(s) {
    const events = eventsOf(
      s,
      'ipsec.proxy-unsupported',
      'ipsec.invalid-proxy-ids',
      'ike.no-crypto-map-match',
    );
    if (events.length === 0) return null;
    const details: Record<string, unknown> = {};
    const commands: string[] = [];
    const p = s.lastProposal?.msg;
    const asaEvent = events.find((e) => e.kind === 'ike.no-crypto-map-match');
    const localProxy =
      p?.destProxy ?? (asaEvent?.kind === 'ike.no-crypto-map-match' ? asaEvent.localProxy : undefined);
    const remoteProxy =
      p?.srcProxy ?? (asaEvent?.kind === 'ike.no-crypto-map-match' ? asaEvent.remoteProxy : undefined);
    if (localProxy || remoteProxy) {
      details['proposedLocal'] = localProxy;
      details['proposedRemote'] = remoteProxy;
      if (p?.destProxyType) details['proposedLocalType'] = p.destProxyType;
      if (p?.srcProxyType) details['proposedRemoteType'] = p.srcProxyType;
      const form = isAsa(s) ? 'mask' : 'wildcard';
      const local = aclTerm(localProxy?.replace(/\/\d+\/\d+$/, ''), form);
      const remote = aclTerm(remoteProxy?.replace(/\/\d+\/\d+$/, ''), form);
      if (local && remote) {
        details['mirrorAcl'] = `permit ip ${local} ${remote}`;
        commands.push(
          isAsa(s)
            ? `access-list <crypto-acl> extended permit ip ${local} ${remote}`
            : `ip access-list extended <crypto-acl>\n permit ip ${local} ${remote}`,
        );
      }
    }
    return {
      code: 'PROXY_ID_MISMATCH',
      source: sourceOf(events),
      evidence: evidenceOfEvents(withProposal(s, events)),
      details,
      ...(details['mirrorAcl'] !== undefined && { context: 'proxies' }),
      commands,
    };
  },
};

const simple = (
  code: 'QM_FSM_ERROR' | 'INVALID_LOCAL_ADDRESS' | 'PEER_NOT_FOUND_ENTRY_ORDER' | 'PFS_MISMATCH',
  kinds: EventKind[],
  commands: (s: Session, e: Kept) => string[],
): Rule => ({
  code,
  detect(s) {
    const events = eventsOf(s, ...kinds);
    const first = events[0];
    if (!first) return null;
    const details: Record<string, unknown> = {};
    if (first.kind === 'ipsec.invalid-local-address') details['address'] = first.address;
    return {
      code,
      source: sourceOf(events),
      evidence: evidenceOfEvents(code === 'PEER_NOT_FOUND_ENTRY_ORDER' ? withProposal(s, events) : events),
      details,
      commands: commands(s, first),
    };
  },
});

export const phase2Rules: readonly Rule[] = [
  transformMismatch,
  proxyMismatch,
  simple('QM_FSM_ERROR', ['ike.qm-fsm-error'], () => [
    'show running-config crypto map',
    'show running-config access-list',
  ]),
  simple('INVALID_LOCAL_ADDRESS', ['ipsec.invalid-local-address'], () => [
    'interface <interface-facing-the-peer>\n crypto map <map>',
    'no crypto map <map> local-address <wrong-interface>',
  ]),
  simple('PEER_NOT_FOUND_ENTRY_ORDER', ['ipsec.peer-not-found'], (s) => [
    `crypto map <map> <lower-seq-than-the-broad-entry> ipsec-isakmp\n set peer ${peerOr(s, '<peer-address>')}\n match address <host-specific-acl>`,
  ]),
  simple('PFS_MISMATCH', ['ike.pfs-mismatch'], (s) =>
    isAsa(s)
      ? ['crypto map <map> <seq> set pfs group14']
      : ['crypto map <map> <seq> ipsec-isakmp\n set pfs group14'],
  ),
];
