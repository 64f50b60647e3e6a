import type { AclEntry, AddressMatch, DeviceConfig, TransformSet } from '../../config/model.js';
import { fromUint } from '../../config/parse/address.js';
import type { DirectionResult } from '../../config/negotiate/negotiate.js';
import { type PolicyCheck, policyWalk } from '../../config/negotiate/phase1.js';
import { transformSetsOf } from '../../config/negotiate/phase2.js';
import { transformNumbers } from '../numbers.js';
import type { IdPayload, Proxies, QuickModeRefusal } from '../trace.js';

/**
 * What each device decides at each message, read off the decision `check` made for this
 * direction (config/negotiate): the machines replay it, they do not decide again.
 */
export interface Decisions {
  initiatorHasKey: boolean;
  /** MM1 reaches a responder that speaks IKE on that address. */
  delivered: boolean;
  /** The responder's policy walk as logged, and whether it ended on an acceptable pair. */
  walk: PolicyCheck[];
  policyAccepted: boolean;
  /** Main mode: the responder finds no key when the initiator's KE arrives (MM3). */
  responderHasKey: boolean;
  keysMatch: boolean;
  /** Quick mode, from the initiator's view (local = its own networks). */
  proposal?: Proxies;
  offeredTransforms: TransformSet[];
  qmRefusal?: QuickModeRefusal;
  chosenTransform?: TransformSet;
  pfsGroup?: number;
  lifetimeSeconds: number;
  lifetimeKilobytes: number;
}

const PHASE1_CODES = new Set(['IKE_POLICY_MISMATCH', 'LIFETIME_MISMATCH']);

export function decisionsOf(d: DirectionResult, initiator: DeviceConfig, responder: DeviceConfig): Decisions {
  const f = d.failure;
  const code = f?.code;
  const missingOn = f?.details['missingOn'];
  const initiatorHasKey = !(code === 'PSK_MISSING' && missingOn === d.initiator);
  const delivered = !(
    code === 'ISAKMP_NOT_ENABLED' ||
    (code === 'PEER_ADDRESS_MISMATCH' && f?.phase === 'ike-phase1')
  );
  const offers = d.exchange.offers ?? initiator.ikePolicies;
  // A responder without a key still picks a policy in MM1 (by attributes); the key is missed in MM3.
  const responderNoKey = code === 'PSK_MISSING' && missingOn === d.responder;
  const local = responderNoKey ? responder.ikePolicies : (d.exchange.acceptable ?? responder.ikePolicies);
  const walk = [...policyWalk(local, offers)];
  const policyAccepted =
    !(code !== undefined && PHASE1_CODES.has(code)) && walk.at(-1)?.mismatched.length === 0;
  const offeredTransforms = transformSetsOf(initiator, d.entry);
  const proposal = d.exchange.proposal ? proxiesOf(d.exchange.proposal.line) : undefined;
  return {
    initiatorHasKey,
    delivered,
    walk,
    policyAccepted,
    responderHasKey: !responderNoKey,
    keysMatch: code !== 'PSK_MISMATCH',
    ...(proposal && { proposal }),
    offeredTransforms,
    ...(f?.phase === 'ipsec-phase2' && { qmRefusal: refusalOf(d, proposal, offeredTransforms) }),
    ...(d.agreed.transform && { chosenTransform: d.agreed.transform.local }),
    ...(d.agreed.pfsGroup !== undefined && { pfsGroup: d.agreed.pfsGroup }),
    lifetimeSeconds: d.agreed.phase2Lifetime ?? 3600,
    lifetimeKilobytes: d.entry.lifetimeKilobytes ?? 4608000,
  };
}

function refusalOf(
  d: DirectionResult,
  proposal: Proxies | undefined,
  offered: TransformSet[],
): QuickModeRefusal {
  const f = d.failure!;
  switch (f.code) {
    case 'INVALID_LOCAL_ADDRESS':
      return { reason: 'invalid-local-address', address: d.to };
    case 'PEER_NOT_FOUND_ENTRY_ORDER':
    case 'PEER_ADDRESS_MISMATCH':
      return { reason: 'peer-not-found', peer: d.from };
    case 'PFS_MISMATCH': {
      const offeredGroup = f.details['offeredGroup'];
      return {
        reason: 'pfs',
        ...(typeof offeredGroup === 'number' && { offeredGroup }),
        requiredGroup: Number(f.details['requiredGroup']),
      };
    }
    case 'TRANSFORM_SET_MISMATCH':
    case 'UNDEFINED_REFERENCE': {
      const words = offered[0]?.transforms ?? ['esp-des'];
      const n = transformNumbers(words);
      return {
        reason: 'transform',
        offered: { prot: n.prot, trans: n.trans, hmac: n.hmac, name: words.join(' ') },
      };
    }
    default:
      return { reason: 'proxy', proxies: flip(proposal ?? anyProxies()) };
  }
}

/** The other side's view of the same proxies. */
export function flip(p: Proxies): Proxies {
  return { local: p.remote, remote: p.local };
}

/** A tunnel without a proposal to show (none was made): any ↔ any, as a VTI proposes. */
export function anyProxies(): Proxies {
  const any: IdPayload = {
    type: 'ID',
    idType: 4,
    protocol: 0,
    port: 0,
    address: '0.0.0.0',
    second: '0.0.0.0',
  };
  return { local: any, remote: any };
}

/** One crypto ACL line as the two proxy identities it proposes (source = the initiator's side). */
export function proxiesOf(line: AclEntry): Proxies {
  const port = (r: AclEntry['srcPorts']) => (r && r.lo === r.hi ? r.lo : 0);
  return {
    local: idOf(line.src, line.protocol ?? 0, port(line.srcPorts)),
    remote: idOf(line.dst, line.protocol ?? 0, port(line.dstPorts)),
  };
}

function idOf(m: AddressMatch, protocol: number, port: number): IdPayload {
  const address = fromUint(m.addr);
  if (m.wildcard === 0) return { type: 'ID', idType: 1, protocol, port, address };
  return { type: 'ID', idType: 4, protocol, port, address, second: fromUint(~m.wildcard >>> 0) };
}
