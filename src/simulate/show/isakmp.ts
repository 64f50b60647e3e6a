import type { Dialect, IsakmpSaState, SideState } from '../trace.js';
import { type Column, columns, fill } from './template.js';

/**
 * `show crypto isakmp sa` per dialect: the header every table prints, the row of the one SA the
 * simulation leaves, and what the device prints when it holds none.
 */
interface IsakmpTable {
  lines(state: SideState, sa: IsakmpSaState): string[];
  empty: readonly string[];
}

/** IOS 12 (the note's `dst src state conn-id slot`), aligned as IOS aligns it. */
const IOS12_HEADER = 'dst             src             state          conn-id slot';

/** IOS 15 / IOS-XE: `status` replaces `slot`, under an address-family title. */
const IOS15_HEADER = 'dst             src             state          conn-id status';

/** PIX 6: right-aligned addresses, `pending` and `created` (IPsec SAs made under this SA). */
const PIX_HEADER = '        dst               src        state     pending     created';

/** The address of the other end: IOS names the responder `dst`, whichever side prints. */
function peerOf(state: SideState, sa: IsakmpSaState): string {
  return sa.dst === state.address ? sa.src : sa.dst;
}

const ASA_TABLE = [
  '',
  'IKEv1 SAs:',
  '',
  '   Active SA: 1',
  '    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)',
  'Total IKE SA: 1',
  '',
  '1   IKE Peer: {{peer}}',
  '    Type    : L2L             Role    : {{role}}',
  '    Rekey   : no              State   : {{state}}',
  '',
  'There are no IKEv2 SAs',
];

export const ISAKMP_TABLES: Readonly<Record<Dialect, IsakmpTable>> = {
  ios12: {
    lines: (_, sa) => {
      const row: Column[] = [
        [sa.dst, 16, 'left'],
        [sa.src, 16, 'left'],
        [sa.state, 15, 'left'],
        [sa.connId, 7, 'right'],
        [0, 5, 'right'],
      ];
      return [IOS12_HEADER, columns(row)];
    },
    empty: [IOS12_HEADER],
  },
  ios15: {
    lines: (_, sa) => {
      const row: Column[] = [
        [sa.dst, 16, 'left'],
        [sa.src, 16, 'left'],
        [sa.state, 15, 'left'],
        [sa.connId, 7, 'right'],
        ['ACTIVE', 7, 'right'],
      ];
      return ['IPv4 Crypto ISAKMP SA', IOS15_HEADER, columns(row), '', 'IPv6 Crypto ISAKMP SA', ''];
    },
    empty: ['IPv4 Crypto ISAKMP SA', IOS15_HEADER, '', 'IPv6 Crypto ISAKMP SA', ''],
  },
  pix: {
    lines: (state, sa) => {
      const row: Column[] = [
        [sa.dst, 16, 'right'],
        [sa.src, 17, 'right'],
        ['', 4, 'left'],
        [sa.state, 14, 'left'],
        [0, 12, 'left'],
        [state.ipsec ? 1 : 0, 1, 'left'],
      ];
      // Until main mode ends (QM_IDLE) the SA is embryonic.
      const embryonic = sa.state === 'QM_IDLE' ? 0 : 1;
      return ['Total     : 1', `Embryonic : ${embryonic}`, PIX_HEADER, columns(row)];
    },
    empty: ['Total     : 0', 'Embryonic : 0', PIX_HEADER],
  },
  asa: {
    lines: (state, sa) => fill(ASA_TABLE, { peer: peerOf(state, sa), role: sa.role, state: sa.state }),
    empty: ['There are no IKEv1 SAs', '', 'There are no IKEv2 SAs'],
  },
};

/** The body of `show crypto isakmp sa` on this side. */
export function isakmpTable(state: SideState): string[] {
  const table = ISAKMP_TABLES[state.dialect];
  return state.isakmp ? table.lines(state, state.isakmp) : [...table.empty];
}
