import type { Kept } from '../../correlate/evidence.js';
import { type Rule, eventsOf, evidenceOfEvents, sourceOf } from './rule.js';

const UP_STATES = /^(QM_IDLE|MM_ACTIVE|AM_ACTIVE|MM_ACTIVE_REKEY|AM_ACTIVE_REKEY)$/i;

const ikeUp: Rule = {
  code: 'IKE_SA_ESTABLISHED',
  detect(s) {
    const events: Kept[] = [
      ...eventsOf(s, 'ike.authenticated'),
      // Quick mode only runs under an established ISAKMP SA (PIX debugs never say "authenticated").
      ...(s.p1Accepted && s.phase === 2 && s.count('ike.authenticated') === 0
        ? eventsOf(s, 'ike.atts-acceptable').slice(0, 1)
        : []),
      ...eventsOf(s, 'ike.phase-complete').filter((e) => e.kind === 'ike.phase-complete' && e.phase === 1),
      ...eventsOf(s, 'ike.state-change').filter(
        (e) => e.kind === 'ike.state-change' && /P1_COMPLETE|QM_IDLE/.test(e.to),
      ),
      ...(s.get('show.isakmp-sa')?.kept ?? []).filter((e) => UP_STATES.test(e.row.state)),
      ...(s.get('show.crypto-session')?.kept ?? []).filter((e) => e.session.status.startsWith('UP')),
    ];
    if (events.length === 0) return null;
    return {
      code: 'IKE_SA_ESTABLISHED',
      source: sourceOf(events),
      evidence: evidenceOfEvents(events).slice(0, 4),
      details: {},
      commands: [],
    };
  },
};

const ipsecUp: Rule = {
  code: 'IPSEC_SA_ESTABLISHED',
  detect(s) {
    const events: Kept[] = [
      ...eventsOf(s, 'ipsec.sa-created'),
      ...eventsOf(s, 'ike.phase-complete').filter((e) => e.kind === 'ike.phase-complete' && e.phase === 2),
      ...(s.get('show.ipsec-sa')?.kept ?? []).filter((e) => e.entry.inbound && e.entry.outbound),
      ...(s.get('show.crypto-session')?.kept ?? []).filter((e) =>
        e.session.flows.some((f) => Number(f.activeSas ?? 0) > 0),
      ),
      ...(s.get('show.vpn-session-l2l')?.kept ?? []).filter((e) =>
        e.session.subSessions.some((x) => /ipsec/i.test(x.type)),
      ),
    ];
    if (events.length === 0) return null;
    const created = s.count('ipsec.sa-created');
    return {
      code: 'IPSEC_SA_ESTABLISHED',
      source: sourceOf(events),
      evidence: evidenceOfEvents(events)
        .filter((e) => !/^\s*$/.test(e.text))
        .slice(0, 8),
      details: created > 0 ? { saCreated: created } : {},
      commands: [],
    };
  },
};

export const healthRules: readonly Rule[] = [ikeUp, ipsecUp];
