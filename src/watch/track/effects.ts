import type { Event, EventKind, EventOf } from '../../model/events.js';

/** What one message does to a tunnel's row: its states, whether it counts as an error, a recovery. */
export interface Effect {
  phase1?: string;
  phase2?: string;
  /** An error-or-warning message (counted in the tunnel's error rate), and what failed. */
  failure?: 'phase1' | 'phase2' | 'data-plane';
  /** The tunnel is (back) up in this phase: findings of this phase and earlier close. */
  recovers?: 1 | 2;
}

type EffectTable = { [K in EventKind]?: (e: EventOf<K>) => Effect };

const PHASE1_FAILED: Effect = { phase1: 'MM_NO_STATE', phase2: 'down', failure: 'phase1' };
const KEYS_FAILED: Effect = { phase1: 'MM_KEY_EXCH', phase2: 'down', failure: 'phase1' };
/** Quick mode runs under an established phase-1 SA: whatever it says, phase 1 is up. */
const PHASE2_FAILED: Effect = { phase1: 'QM_IDLE', phase2: 'down', failure: 'phase2' };
const PHASE2_NEGOTIATING: Effect = { phase1: 'QM_IDLE', phase2: 'negotiating' };
const DATA_PLANE_ERROR: Effect = { failure: 'data-plane' };

/** IOS-XE FSM states and ASA states, as `show crypto isakmp sa` would print the SA. */
const STATE_NAMES: Array<[RegExp, string]> = [
  [/^IKE_[IR]_MM1$/, 'MM_NO_STATE'],
  [/^IKE_[IR]_MM[23]$/, 'MM_SA_SETUP'],
  [/^IKE_[IR]_MM[456]$/, 'MM_KEY_EXCH'],
  [/^IKE_[IR]_AM\d$/, 'AG_INIT_EXCH'],
  [/^IKE_P1_COMPLETE$/, 'QM_IDLE'],
  [/^IKE_(?:DEST_SA|READY)$/, 'down'],
  [/^(?:MM|AM|AG|QM)_[A-Z0-9_]{1,24}$/, ''],
];

/** The state as a show command names it, or undefined when the text is no SA state. */
export function stateName(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const hit = STATE_NAMES.find(([re]) => re.test(text));
  if (!hit) return undefined;
  return hit[1] === '' ? text : hit[1];
}

const ESTABLISHED = new Set(['QM_IDLE', 'MM_ACTIVE', 'AM_ACTIVE']);

function fromState(state: string | undefined, failure?: Effect['failure']): Effect {
  const phase1 = stateName(state);
  if (phase1 === undefined) return failure ? { failure } : {};
  return {
    phase1,
    ...(ESTABLISHED.has(phase1) && { recovers: 1 as const }),
    ...(phase1 === 'down' && { phase2: 'down' }),
    ...(failure && { failure }),
  };
}

/** Per message kind; kinds not listed leave the row as it is. */
const EFFECTS: EffectTable = {
  'ike.exchange': (e) => fromState(e.state),
  'ike.state-change': (e) => fromState(e.to),
  'ike.retransmit': (e) => fromState(e.state, 'phase1'),
  'ike.gave-up': () => ({ phase1: 'down', phase2: 'down', failure: 'phase1' }),
  'ike.authenticated': () => ({ phase1: 'QM_IDLE', recovers: 1 }),
  'ike.phase-complete': (e) =>
    e.phase === 1 ? { phase1: 'QM_IDLE', recovers: 1 } : { phase1: 'QM_IDLE', phase2: 'up', recovers: 2 },
  'ike.no-offers-accepted': () => PHASE1_FAILED,
  'ike.mode-failure': () => PHASE1_FAILED,
  'ike.phase1-failure': () => PHASE1_FAILED,
  'ike.no-keys': () => PHASE1_FAILED,
  'ike.bad-message': () => KEYS_FAILED,
  'ike.reserved-not-zero': () => KEYS_FAILED,
  'ike.no-matching-sa': () => KEYS_FAILED,
  'ike.sa-not-acceptable': (e) => (e.phase1 ? PHASE1_FAILED : PHASE2_FAILED),
  'ike.all-proposals-unacceptable': (e) => (e.phase1 ? PHASE1_FAILED : PHASE2_FAILED),
  'ike.qm-fsm-error': () => PHASE2_FAILED,
  'ike.pfs-mismatch': () => PHASE2_FAILED,
  'ike.no-crypto-map-match': () => PHASE2_FAILED,
  'ike.policy-invalidated': () => PHASE2_FAILED,
  'ike.ipsec-proposal': () => PHASE2_NEGOTIATING,
  'ipsec.transform-unsupported': () => PHASE2_FAILED,
  'ipsec.proxy-unsupported': () => PHASE2_FAILED,
  'ipsec.invalid-local-address': () => PHASE2_FAILED,
  'ipsec.peer-not-found': () => PHASE2_FAILED,
  'ipsec.invalid-proxy-ids': () => PHASE2_FAILED,
  'ipsec.sa-created': () => ({ phase2: 'up', recovers: 2 }),
  'dp.replay': () => DATA_PLANE_ERROR,
  'dp.invalid-spi': () => DATA_PLANE_ERROR,
  'dp.hmac-fail': () => DATA_PLANE_ERROR,
  'dp.hw-error': () => DATA_PLANE_ERROR,
  'dp.esp-seq-fail': () => DATA_PLANE_ERROR,
  'dp.engine-unavailable': () => DATA_PLANE_ERROR,
  'icmp.frag-needed': () => DATA_PLANE_ERROR,
  'show.isakmp-sa': (e) => fromState(e.row.state),
};

export function effectOf(event: Event): Effect {
  const f = EFFECTS[event.kind] as ((e: Event) => Effect) | undefined;
  return f ? f(event) : {};
}
