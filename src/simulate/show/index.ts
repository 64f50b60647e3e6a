import type { Dialect, SideState } from '../trace.js';
import { ipsecDetail } from './ipsec.js';
import { isakmpTable } from './isakmp.js';

/**
 * What each side's `show crypto isakmp sa` and `show crypto ipsec sa` print once a simulated
 * negotiation ends, in that side's dialect, with the prompts that announce them (so the output,
 * pasted into `diagnose`, is read as that device's).
 */

/** IOS and PIX 6 echo the command right after `#`; ASA's prompt ends with a space. */
const PROMPT_SUFFIX: Readonly<Record<Dialect, string>> = { ios12: '#', ios15: '#', pix: '#', asa: '# ' };

export function renderShow(state: SideState): string {
  const prompt = `${state.hostname}${PROMPT_SUFFIX[state.dialect]}`;
  const lines = [
    `${prompt}show crypto isakmp sa`,
    ...isakmpTable(state),
    `${prompt}show crypto ipsec sa`,
    ...ipsecDetail(state),
    // The device is back at its prompt: the last output ends there.
    prompt.trimEnd(),
  ];
  return `${lines.join('\n')}\n`;
}
