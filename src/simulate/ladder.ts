import { NOTIFY } from './numbers.js';
import type { IkeMessage, Payload, Side, Step } from './trace.js';

/** One arrow of the sequence diagram: who sends what to whom, and whether it got there. */
export interface LadderStep {
  at: number;
  step: Step;
  from: Side;
  to: Side;
  /** Payloads as an engineer names them: `SA (2 transforms)`, `KE (group 14)`, `ID 10.1.1.0/24`. */
  payloads: string[];
  encrypted: boolean;
  retransmission?: number;
  /** Lost (no one answers at that address) or dropped before it was read. */
  delivered: boolean;
  /** The message the negotiation stopped at. */
  failed?: boolean;
}

const NOTIFY_NAME: Record<number, string> = Object.fromEntries(
  Object.entries(NOTIFY).map(([name, n]) => [n, name.replaceAll('_', '-')]),
);

function maskBits(mask: string): number {
  return mask.split('.').reduce((n, o) => n + (Number(o).toString(2).match(/1/g)?.length ?? 0), 0);
}

export function payloadName(p: Payload): string {
  switch (p.type) {
    case 'SA': {
      const n = p.proposals.reduce((k, x) => k + x.transforms.length, 0);
      return `SA (${n} transform${n === 1 ? '' : 's'})`;
    }
    case 'KE':
      return `KE (group ${p.group})`;
    case 'ID':
      return p.idType === 1 ? `ID ${p.address}` : `ID ${p.address}/${maskBits(p.second ?? '0.0.0.0')}`;
    case 'NOTIFY':
      return `NOTIFY ${NOTIFY_NAME[p.notify] ?? p.notify}`;
    case 'DELETE':
      return 'DELETE';
    default:
      return p.type;
  }
}

export function ladderOf(messages: readonly IkeMessage[], stoppedAt: Step | undefined): LadderStep[] {
  return messages.map((m) => ({
    at: m.at,
    step: m.step,
    from: m.from,
    to: m.to,
    payloads: [...new Set(m.payloads.filter((p) => p.type !== 'VID').map(payloadName))],
    encrypted: m.encrypted,
    ...(m.retransmission !== undefined && { retransmission: m.retransmission }),
    delivered: m.delivered,
    ...(stoppedAt !== undefined && m.step === stoppedAt && { failed: true }),
  }));
}
