import type { IkePolicy } from '../../config/model.js';
import { NOTIFY, PROTO, ikeTransform, ipsecTransform, keBytes } from '../numbers.js';
import type { IdPayload, IkeMessage, Payload, Proxies, Step } from '../trace.js';
import type { Decisions } from './decisions.js';

/** Vendor IDs Cisco devices send in main mode: DPD, Cisco Unity, XAUTH. */
const VENDOR_IDS = [
  'afcad71368a1f1c96b8696fc77570100',
  '12f5f28c457168a9702d9fe274cc0100',
  '09002689dfd6b712',
];

const HASH_BYTES: Record<string, number> = { md5: 16, sha: 20, sha256: 32, sha384: 48, sha512: 64 };

/** The payloads of each message of the exchange; where a value comes from a decision, it is passed in. */
export interface Negotiated {
  offers: readonly IkePolicy[];
  chosen?: { policy: IkePolicy; transform: number };
  initiatorAddress: string;
  responderAddress: string;
  decisions: Decisions;
  initiatorSpi: number;
  responderSpi: number;
}

function hash(n: Negotiated): Payload {
  return { type: 'HASH', bytes: HASH_BYTES[n.chosen?.policy.hash ?? 'sha'] ?? 20 };
}

function identity(address: string): IdPayload {
  return { type: 'ID', idType: 1, protocol: 17, port: 500, address };
}

function group(n: Negotiated): number {
  return n.chosen?.policy.group ?? n.offers[0]?.group ?? 2;
}

function quickSa(n: Negotiated, spi: number, only?: boolean): Payload {
  const d = n.decisions;
  const sets = only && d.chosenTransform ? [d.chosenTransform] : d.offeredTransforms;
  return {
    type: 'SA',
    proposals: [
      {
        number: 1,
        protocol: sets[0]?.transforms.some((t) => t.startsWith('esp')) === false ? PROTO.ah : PROTO.esp,
        spi,
        transforms: sets.map((t, i) =>
          ipsecTransform(i + 1, t.transforms, t.mode, d.lifetimeSeconds, d.pfsGroup ?? undefinedPfs(d)),
        ),
      },
    ],
  };
}

/** An initiator offering PFS names the group even when the responder later refuses it. */
function undefinedPfs(d: Decisions): number | undefined {
  return d.qmRefusal?.reason === 'pfs' ? d.qmRefusal.offeredGroup : undefined;
}

function proxyIds(p: Proxies | undefined): Payload[] {
  return p ? [p.local, p.remote] : [];
}

/** Payloads of a step, as the side that sends it builds them. */
export function payloadsOf(step: Step, n: Negotiated): Payload[] {
  const d = n.decisions;
  const pfs = d.pfsGroup ?? undefinedPfs(d);
  switch (step) {
    case 'MM1':
      return [
        {
          type: 'SA',
          proposals: [
            { number: 1, protocol: PROTO.isakmp, transforms: n.offers.map((p, i) => ikeTransform(i + 1, p)) },
          ],
        },
        ...VENDOR_IDS.map((hex): Payload => ({ type: 'VID', hex })),
      ];
    case 'MM2':
      return [
        {
          type: 'SA',
          proposals: [
            {
              number: 1,
              protocol: PROTO.isakmp,
              transforms: n.chosen ? [ikeTransform(n.chosen.transform, n.chosen.policy)] : [],
            },
          ],
        },
        ...VENDOR_IDS.map((hex): Payload => ({ type: 'VID', hex })),
      ];
    case 'AM1':
      return [
        ...payloadsOf('MM1', n).filter((p) => p.type === 'SA'),
        { type: 'KE', group: group(n), bytes: keBytes(group(n)) },
        { type: 'NONCE', bytes: 20 },
        identity(n.initiatorAddress),
        ...VENDOR_IDS.map((hex): Payload => ({ type: 'VID', hex })),
      ];
    case 'AM2':
      return [
        ...payloadsOf('MM2', n).filter((p) => p.type === 'SA'),
        { type: 'KE', group: group(n), bytes: keBytes(group(n)) },
        { type: 'NONCE', bytes: 20 },
        identity(n.responderAddress),
        hash(n),
        ...VENDOR_IDS.map((hex): Payload => ({ type: 'VID', hex })),
      ];
    case 'AM3':
      return [hash(n)];
    case 'MM3':
    case 'MM4':
      return [
        { type: 'KE', group: group(n), bytes: keBytes(group(n)) },
        { type: 'NONCE', bytes: 20 },
      ];
    case 'MM5':
      return [identity(n.initiatorAddress), hash(n)];
    case 'MM6':
      return [identity(n.responderAddress), hash(n)];
    case 'QM1':
      return [
        hash(n),
        quickSa(n, n.initiatorSpi),
        { type: 'NONCE', bytes: 20 },
        ...(pfs !== undefined ? [{ type: 'KE', group: pfs, bytes: keBytes(pfs) } as Payload] : []),
        ...proxyIds(d.proposal),
      ];
    case 'QM2':
      return [
        hash(n),
        quickSa(n, n.responderSpi, true),
        { type: 'NONCE', bytes: 20 },
        ...(d.pfsGroup !== undefined
          ? [{ type: 'KE', group: d.pfsGroup, bytes: keBytes(d.pfsGroup) } as Payload]
          : []),
        ...proxyIds(d.proposal),
      ];
    case 'QM3':
      return [hash(n)];
    default:
      return [];
  }
}

/** An informational NO_PROPOSAL_CHOSEN: clear in main mode, encrypted (with a hash) once phase 1 is up. */
export function refusalNotify(phase: 1 | 2, n: Negotiated): Payload[] {
  const notify: Payload = {
    type: 'NOTIFY',
    protocol: phase === 1 ? PROTO.isakmp : PROTO.esp,
    notify: NOTIFY.NO_PROPOSAL_CHOSEN,
  };
  return phase === 1 ? [notify] : [hash(n), notify];
}

export const EXCHANGE_OF: Record<Step, IkeMessage['exchange']> = {
  MM1: 2,
  MM2: 2,
  MM3: 2,
  MM4: 2,
  MM5: 2,
  MM6: 2,
  AM1: 4,
  AM2: 4,
  AM3: 4,
  QM1: 32,
  QM2: 32,
  QM3: 32,
  INFO: 5,
};

export const SENDER: Record<Exclude<Step, 'INFO'>, 'initiator' | 'responder'> = {
  MM1: 'initiator',
  MM2: 'responder',
  MM3: 'initiator',
  MM4: 'responder',
  MM5: 'initiator',
  MM6: 'responder',
  AM1: 'initiator',
  AM2: 'responder',
  AM3: 'initiator',
  QM1: 'initiator',
  QM2: 'responder',
  QM3: 'initiator',
};
