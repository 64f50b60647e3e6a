import type { Dialect, Step } from '../trace.js';

/**
 * The ISAKMP state each platform shows once a main- or aggressive-mode message has been sent or received,
 * as `show crypto isakmp sa` and the debugs print it. IOS and PIX name where the exchange is;
 * ASA names the message it waits for.
 */
type Family = 'ios' | 'asa';

const AFTER: Record<Family, Record<'initiator' | 'responder', Partial<Record<Step, string>>>> = {
  ios: {
    initiator: {
      AM1: 'AG_NO_STATE',
      AM2: 'AG_INIT_EXCH',
      AM3: 'QM_IDLE',
      MM1: 'MM_NO_STATE',
      MM2: 'MM_SA_SETUP',
      MM3: 'MM_SA_SETUP',
      MM4: 'MM_KEY_EXCH',
      MM5: 'MM_KEY_EXCH',
      MM6: 'QM_IDLE',
    },
    responder: {
      AM1: 'AG_INIT_EXCH',
      AM2: 'AG_INIT_EXCH',
      AM3: 'QM_IDLE',
      MM1: 'MM_NO_STATE',
      MM2: 'MM_SA_SETUP',
      MM3: 'MM_SA_SETUP',
      MM4: 'MM_KEY_EXCH',
      MM5: 'MM_KEY_EXCH',
      MM6: 'QM_IDLE',
    },
  },
  asa: {
    initiator: {
      AM1: 'AM_WAIT_MSG2',
      AM2: 'AM_ACTIVE',
      AM3: 'AM_ACTIVE',
      MM1: 'MM_WAIT_MSG2',
      MM2: 'MM_WAIT_MSG2',
      MM3: 'MM_WAIT_MSG4',
      MM4: 'MM_WAIT_MSG4',
      MM5: 'MM_WAIT_MSG6',
      MM6: 'MM_ACTIVE',
    },
    responder: {
      AM1: 'AM_WAIT_MSG3',
      AM2: 'AM_WAIT_MSG3',
      AM3: 'AM_ACTIVE',
      MM1: 'MM_WAIT_MSG3',
      MM2: 'MM_WAIT_MSG3',
      MM3: 'MM_WAIT_MSG5',
      MM4: 'MM_WAIT_MSG5',
      MM5: 'MM_ACTIVE',
      MM6: 'MM_ACTIVE',
    },
  },
};

export function family(d: Dialect): Family {
  return d === 'asa' ? 'asa' : 'ios';
}

export function initialState(d: Dialect, aggressive: boolean): string {
  if (aggressive) return family(d) === 'asa' ? 'AM_WAIT_MSG2' : 'AG_NO_STATE';
  return family(d) === 'asa' ? 'MM_WAIT_MSG2' : 'MM_NO_STATE';
}

/** The state after `step` went by (sent or received); quick mode and informational keep it. */
export function stateAfter(d: Dialect, role: 'initiator' | 'responder', step: Step, current: string): string {
  return AFTER[family(d)][role][step] ?? current;
}

/** How each platform retransmits an unanswered message before it gives up. */
export const RETRANSMIT: Record<Family, { intervalMs: number; count: number }> = {
  ios: { intervalMs: 10_000, count: 5 },
  asa: { intervalMs: 8_000, count: 4 },
};
