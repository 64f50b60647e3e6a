import type {
  CryptoMapEntry,
  DeviceConfig,
  IkePolicy,
  Interface,
  Platform,
  SourceRef,
  TransformSet,
} from '../model.js';
import type { TrafficSet } from '../traffic/index.js';
import {
  type IkeEndpoint,
  entryAcceptsPeer,
  ikeEndpoints,
  interfaceWithAddress,
  walkEntries,
} from './endpoints.js';
import { fingerprint, keyFor } from './keys.js';
import { type PolicyChoice, type PolicyField, selectPolicy } from './phase1.js';
import {
  type Proposal,
  pfsAccepted,
  phase2Lifetime,
  proposals,
  selectResponderEntry,
  selectTransform,
  transformSetsOf,
} from './phase2.js';
import { protectedTraffic } from './entry-index.js';

export type Side = 'a' | 'b';
export type Phase1Mode = 'main' | 'aggressive';

export interface Party {
  side: Side;
  device: DeviceConfig;
}

/** Where one direction of the negotiation stopped, and which side's configuration should change. */
export interface Failure {
  code:
    | 'PEER_ADDRESS_MISMATCH'
    | 'ISAKMP_NOT_ENABLED'
    | 'PSK_MISSING'
    | 'IKE_POLICY_MISMATCH'
    | 'LIFETIME_MISMATCH'
    | 'PSK_MISMATCH'
    | 'INVALID_LOCAL_ADDRESS'
    | 'PEER_NOT_FOUND_ENTRY_ORDER'
    | 'PROXY_ID_MISMATCH'
    | 'TRANSFORM_SET_MISMATCH'
    | 'PFS_MISMATCH'
    | 'UNDEFINED_REFERENCE';
  phase: 'ike-phase1' | 'ipsec-phase2';
  fix: Side;
  refs: SourceRef[];
  details: Record<string, unknown>;
}

/** What was agreed, as far as the negotiation got. */
export interface Agreed {
  policy?: PolicyChoice;
  responderEntry?: CryptoMapEntry;
  transform?: { offer: TransformSet; local: TransformSet };
  pfsGroup?: number;
  phase2Lifetime?: number;
}

export interface DirectionResult {
  initiator: Side;
  responder: Side;
  /** Main mode, or aggressive mode where the initiator is configured for it. */
  mode: Phase1Mode;
  /** Initiator's crypto map entry and the address it sends IKE from / to. */
  entry: CryptoMapEntry;
  from: string;
  to: string;
  established: boolean;
  failure?: Failure;
  agreed: Agreed;
  states: Record<Side, string>;
  /** What went on the wire as far as it got, for the simulator to replay. */
  exchange: Exchange;
}

/** The inputs of each decision: the same lists `check` decided on, so a simulation shows them. */
export interface Exchange {
  /** Initiator's policies it can authenticate with (MM1's transforms) and the responder's. */
  offers?: IkePolicy[];
  acceptable?: IkePolicy[];
  /** The quick-mode proposal refused, or the first one accepted. */
  proposal?: Proposal;
  /** The responder's interface IKE arrived on. */
  responderInterface?: Interface;
}

/** How far main mode got when it stopped, for the ISAKMP state each side would show. */
type Stage =
  'unanswered' | 'policy' | 'no-key-initiator' | 'no-key-responder' | 'key-mismatch' | 'phase1-done';

const STATES: Record<
  Phase1Mode,
  Record<'ios' | 'asa', Record<Stage, [initiator: string, responder: string]>>
> = {
  main: {
    ios: {
      unanswered: ['MM_NO_STATE', 'none'],
      policy: ['MM_NO_STATE', 'MM_NO_STATE'],
      'no-key-initiator': ['MM_NO_STATE', 'none'],
      'no-key-responder': ['MM_SA_SETUP', 'MM_NO_STATE'],
      'key-mismatch': ['MM_KEY_EXCH', 'MM_KEY_EXCH'],
      'phase1-done': ['QM_IDLE', 'QM_IDLE'],
    },
    asa: {
      unanswered: ['MM_WAIT_MSG2', 'none'],
      policy: ['MM_WAIT_MSG2', 'MM_NO_STATE'],
      'no-key-initiator': ['MM_WAIT_MSG2', 'none'],
      'no-key-responder': ['MM_WAIT_MSG4', 'MM_NO_STATE'],
      'key-mismatch': ['MM_WAIT_MSG6', 'MM_WAIT_MSG5'],
      'phase1-done': ['MM_ACTIVE', 'MM_ACTIVE'],
    },
  },
  // Aggressive mode: the responder needs the key for AM1 already, and the initiator is the one
  // that finds a wrong key (the responder's hash in AM2).
  aggressive: {
    ios: {
      unanswered: ['AG_NO_STATE', 'none'],
      policy: ['AG_NO_STATE', 'AG_NO_STATE'],
      'no-key-initiator': ['AG_NO_STATE', 'none'],
      'no-key-responder': ['AG_NO_STATE', 'AG_NO_STATE'],
      'key-mismatch': ['AG_INIT_EXCH', 'AG_INIT_EXCH'],
      'phase1-done': ['QM_IDLE', 'QM_IDLE'],
    },
    asa: {
      unanswered: ['AM_WAIT_MSG2', 'none'],
      policy: ['AM_WAIT_MSG2', 'none'],
      'no-key-initiator': ['AM_WAIT_MSG2', 'none'],
      'no-key-responder': ['AM_WAIT_MSG2', 'none'],
      'key-mismatch': ['AM_WAIT_MSG2', 'AM_WAIT_MSG3'],
      'phase1-done': ['AM_ACTIVE', 'AM_ACTIVE'],
    },
  },
};

/**
 * Aggressive mode where the initiator is told to use it: ASA/PIX `set phase1-mode aggressive`
 * on the entry, IOS `crypto isakmp peer address X` with `set aggressive-mode …`.
 */
export function phase1ModeOf(d: DeviceConfig, entry: CryptoMapEntry, to: string): Phase1Mode {
  return entry.phase1Mode === 'aggressive' || d.aggressivePeers.some((p) => p.address === to)
    ? 'aggressive'
    : 'main';
}

function dialect(p: Platform): 'ios' | 'asa' {
  return p === 'asa' ? 'asa' : 'ios';
}

function definedRefs(...refs: (SourceRef | undefined)[]): SourceRef[] {
  return refs.filter((r): r is SourceRef => r !== undefined && r.line > 0);
}

/**
 * One direction: `initiator` brings up the tunnel for its crypto map entry `entry`, sourced
 * from `endpoint`, towards the peer address the entry names. The checks are made in the order
 * the exchange makes them, and the first that fails ends the negotiation.
 */
export function negotiate(
  initiator: Party,
  responder: Party,
  entry: CryptoMapEntry,
  endpoint: IkeEndpoint,
  to: string,
): DirectionResult {
  const I = initiator.device;
  const R = responder.device;
  const from = endpoint.address;
  const agreed: Agreed = {};
  const exchange: Exchange = {};
  const mode = phase1ModeOf(I, entry, to);
  const result = (stage: Stage, failure?: Failure): DirectionResult => {
    const [si] = STATES[mode][dialect(I.platform)][stage];
    const [, sr] = STATES[mode][dialect(R.platform)][stage];
    return {
      initiator: initiator.side,
      responder: responder.side,
      mode,
      entry,
      from,
      to,
      established: failure === undefined,
      ...(failure && { failure }),
      agreed,
      exchange,
      states: { [initiator.side]: si, [responder.side]: sr } as Record<Side, string>,
    };
  };
  const fail = (stage: Stage, f: Omit<Failure, 'phase'>, phase: Failure['phase'] = 'ike-phase1') =>
    result(stage, { ...f, phase });

  // Main mode 1–2: the responder answers on the address the initiator names.
  const respItf = interfaceWithAddress(R, to);
  // A crypto-map interface and a VTI may share the address: quick mode for a crypto map goes to the map.
  // A VTI initiator meets the responder's VTI for it (its destination is the initiator); anything
  // else meets the crypto map on that address.
  const candidates = ikeEndpoints(R).filter((e) => e.address === to);
  const respEndpoint =
    candidates.find(
      (e) => e.vti && entry.vtiProfile !== undefined && e.map?.entries[0]?.peers.includes(from),
    ) ??
    candidates.find((e) => e.map && !e.vti) ??
    candidates[0];
  if (!respItf && !respEndpoint) {
    return fail('unanswered', {
      code: 'PEER_ADDRESS_MISMATCH',
      fix: initiator.side,
      refs: definedRefs(entry.lines.find((l) => / peer /.test(` ${l.text} `)) ?? entry.ref),
      details: { configuredPeer: to, actualAddresses: ikeEndpoints(R).map((e) => e.address) },
    });
  }
  const receiving = respItf ?? respEndpoint?.interface;
  if (receiving) exchange.responderInterface = receiving;
  const notEnabled = (side: Side, d: DeviceConfig, itf: Interface | undefined) =>
    isakmpEnabledOn(d, itf?.nameif)
      ? undefined
      : fail('unanswered', {
          code: 'ISAKMP_NOT_ENABLED',
          fix: side,
          refs: definedRefs(itf?.ref),
          details: { interface: itf?.nameif ?? itf?.name },
        });
  const unanswered =
    notEnabled(initiator.side, I, endpoint.interface) ?? notEnabled(responder.side, R, receiving);
  if (unanswered) return unanswered;

  // A policy is offered (and accepted) only when its authentication can be done with this peer.
  const noKey = (on: 'initiator' | 'responder') =>
    on === 'initiator'
      ? fail('no-key-initiator', {
          code: 'PSK_MISSING',
          fix: initiator.side,
          refs: definedRefs(entry.lines.find((l) => l.text.includes(to)) ?? entry.ref),
          details: { missingOn: initiator.side, forPeer: to },
        })
      : fail('no-key-responder', {
          code: 'PSK_MISSING',
          fix: responder.side,
          refs: definedRefs(receiving?.ref),
          details: { missingOn: responder.side, forPeer: from },
        });
  const iKey = keyFor(I, to, from);
  const rKey = keyFor(R, from, to);
  const offers = I.ikePolicies.filter((p) => canAuthenticate(I, p.authentication, iKey));
  if (offers.length === 0) return noKey('initiator');
  exchange.offers = offers;
  const acceptable = R.ikePolicies.filter((p) => canAuthenticate(R, p.authentication, rKey));
  exchange.acceptable = acceptable;
  if (acceptable.length === 0) return noKey('responder');

  const choice = selectPolicy(acceptable, offers);
  // A policy would match if the initiator (or the responder) had a key for this peer.
  if ('refused' in choice && 'chosen' in selectPolicy(acceptable, I.ikePolicies)) return noKey('initiator');
  if ('refused' in choice && 'chosen' in selectPolicy(R.ikePolicies, offers)) return noKey('responder');
  if ('refused' in choice) {
    const c = choice.refused.closest;
    const onlyLifetime = c !== undefined && c.mismatched.length === 1 && c.mismatched[0] === 'lifetime';
    return fail('policy', {
      code: onlyLifetime ? 'LIFETIME_MISMATCH' : 'IKE_POLICY_MISMATCH',
      fix: responder.side,
      refs: definedRefs(c?.offer.ref, c?.policy.ref),
      details: {
        mismatched: c?.mismatched ?? [],
        offered: c ? policySummary(c.offer, c.mismatched) : {},
        local: c ? policySummary(c.policy, c.mismatched) : {},
        checkedPolicies: R.ikePolicies.map((p) => p.priority),
        offeredPolicies: I.ikePolicies.map((p) => p.priority),
      },
    });
  }
  agreed.policy = choice.chosen;

  // Main mode 3–6: keys are looked up by the initiator's address and must be the same secret.
  // Keys shown masked or encrypted are there, but cannot be compared: no verdict on them.
  if (
    choice.chosen.policy.authentication === 'pre-share' &&
    iKey &&
    rKey &&
    !iKey.hidden &&
    !rKey.hidden &&
    iKey.secret !== rKey.secret
  )
    return fail('key-mismatch', {
      code: 'PSK_MISMATCH',
      fix: responder.side,
      refs: definedRefs(iKey.ref, rKey.ref),
      details: {
        fingerprints: {
          [initiator.side]: fingerprint(iKey.secret, from, to),
          [responder.side]: fingerprint(rKey.secret, from, to),
        },
      },
    });

  // Quick mode: proxies, then peer, transforms, PFS.
  // Quick mode is refused unless a crypto map owns the address IKE arrived on.
  const owner = respItf ?? respEndpoint?.interface;
  if (!respEndpoint?.map || (!respEndpoint.vti && respEndpoint.interface !== owner)) {
    const map =
      owner?.cryptoMap !== undefined ? R.cryptoMaps.find((m) => m.name === owner.cryptoMap) : undefined;
    return fail(
      'phase1-done',
      {
        code: 'INVALID_LOCAL_ADDRESS',
        fix: responder.side,
        refs: definedRefs(owner?.ref, map?.localAddressRef ?? map?.ref),
        details: {
          address: to,
          interface: owner?.name,
          ...(map?.localAddressInterface !== undefined && { localAddress: map.localAddressInterface }),
          ...(respEndpoint && respEndpoint.address !== to && { ikeFrom: respEndpoint.address }),
        },
      },
      'ipsec-phase2',
    );
  }
  const theirs = respEndpoint;
  const props = proposals(I, entry);
  const verdicts = props.map((p) => ({
    p,
    choice: selectResponderEntry(R, theirs, from, p.asSeenByResponder),
  }));
  const refused = verdicts.find((v) => !('entry' in v.choice));
  const shown = refused?.p ?? props[0];
  if (shown) exchange.proposal = shown;
  if (refused)
    return fail(
      'phase1-done',
      proxyFailure(initiator, responder, entry, theirs, from, refused),
      'ipsec-phase2',
    );
  const respEntry = verdicts.map((v) => ('entry' in v.choice ? v.choice.entry : undefined)).find((e) => e);
  if (!respEntry) return result('phase1-done');
  agreed.responderEntry = respEntry;

  // An entry whose transform sets are all undefined proposes (or accepts) nothing.
  for (const [side, d, e] of [
    [initiator.side, I, entry],
    [responder.side, R, respEntry],
  ] as const)
    if (transformSetsOf(d, e).length === 0)
      return fail(
        'phase1-done',
        {
          code: 'UNDEFINED_REFERENCE',
          fix: side,
          refs: definedRefs(e.ref),
          details: {
            kind: 'transform-set',
            name: e.transformSets.join(' '),
            usedBy: `crypto map ${e.map} ${e.seq}`,
          },
        },
        'ipsec-phase2',
      );
  const transform = selectTransform(transformSetsOf(I, entry), transformSetsOf(R, respEntry));
  if (!transform)
    return fail(
      'phase1-done',
      {
        code: 'TRANSFORM_SET_MISMATCH',
        fix: responder.side,
        refs: definedRefs(
          ...transformSetsOf(I, entry).map((t) => t.ref),
          ...transformSetsOf(R, respEntry).map((t) => t.ref),
          entry.ref,
          respEntry.ref,
        ),
        details: {
          offered: transformSetsOf(I, entry).map((t) => t.transforms.join(' ')),
          accepted: transformSetsOf(R, respEntry).map((t) => t.transforms.join(' ')),
        },
      },
      'ipsec-phase2',
    );
  agreed.transform = transform;

  if (!pfsAccepted(entry.pfsGroup, respEntry.pfsGroup))
    return fail(
      'phase1-done',
      {
        code: 'PFS_MISMATCH',
        fix: initiator.side,
        refs: definedRefs(entry.ref, respEntry.ref, ...pfsLines(entry), ...pfsLines(respEntry)),
        details: {
          requiredGroup: respEntry.pfsGroup,
          offeredGroup: entry.pfsGroup ?? 'none',
          requiredBy: responder.side,
        },
      },
      'ipsec-phase2',
    );
  if (entry.pfsGroup !== undefined) agreed.pfsGroup = entry.pfsGroup;
  agreed.phase2Lifetime = Math.min(phase2Lifetime(I, entry), phase2Lifetime(R, respEntry));
  return result('phase1-done');
}

/** Pre-shared keys need a key for this peer; signatures and encrypted nonces need a certificate. */
function canAuthenticate(d: DeviceConfig, method: string, key: unknown): boolean {
  return method === 'pre-share' ? key !== undefined : d.trustpoints.length > 0;
}

function pfsLines(e: CryptoMapEntry): SourceRef[] {
  return e.lines.filter((l) => /\bset pfs\b/.test(l.text));
}

function isakmpEnabledOn(d: DeviceConfig, nameif: string | undefined): boolean {
  if (d.isakmpEnabled === 'all') return true;
  if (d.isakmpEnabled === 'none') return false;
  return nameif !== undefined && d.isakmpEnabled.includes(nameif);
}

function policySummary(p: { [k in PolicyField]: string | number }, fields: readonly PolicyField[]) {
  return Object.fromEntries(fields.map((f) => [f, p[f]]));
}

function proxyFailure(
  initiator: Party,
  responder: Party,
  entry: CryptoMapEntry,
  theirs: IkeEndpoint,
  from: string,
  refused: { p: Proposal; choice: ReturnType<typeof selectResponderEntry> },
): Omit<Failure, 'phase'> {
  const R = responder.device;
  const c = refused.choice;
  if ('peerNotFound' in c) {
    if (c.owner)
      return {
        code: 'PEER_NOT_FOUND_ENTRY_ORDER',
        fix: responder.side,
        refs: definedRefs(c.peerNotFound.ref, c.owner.ref, refused.p.line.ref),
        details: { peer: from, broaderEntry: c.peerNotFound.seq, hostEntry: c.owner.seq, map: c.owner.map },
      };
    return {
      code: 'PEER_ADDRESS_MISMATCH',
      fix: responder.side,
      refs: definedRefs(
        c.peerNotFound.ref,
        ...c.peerNotFound.lines.filter((l) => / peer /.test(` ${l.text} `)),
      ),
      details: {
        configuredPeer: c.peerNotFound.peers.join(', '),
        actualAddresses: [from],
        map: c.peerNotFound.map,
        entry: c.peerNotFound.seq,
      },
    };
  }
  const candidates = 'noMatch' in c ? c.noMatch : [];
  const local = candidates[0];
  const localTraffic: TrafficSet | undefined = local ? protectedTraffic(R, local) : undefined;
  const initiatorTraffic = protectedTraffic(initiator.device, entry);
  const identical =
    localTraffic !== undefined && initiatorTraffic !== undefined && localTraffic.equals(initiatorTraffic);
  const aclRef = local?.matchAddress !== undefined ? R.acls.get(local.matchAddress)?.ref : undefined;
  return {
    code: 'PROXY_ID_MISMATCH',
    fix: responder.side,
    refs: definedRefs(
      refused.p.line.ref,
      aclRef,
      ...(local || !theirs.map ? [] : walkEntries(R, theirs.map).map((e) => e.ref)),
    ),
    details: {
      proposed: refused.p.line.ref.text.trim(),
      initiatorAcl: entry.matchAddress,
      responderAcl: local?.matchAddress,
      responderEntry: local ? `${local.map} ${local.seq}` : undefined,
      ...(localTraffic && { missing: refused.p.asSeenByResponder.subtract(localTraffic).sample() }),
      peerKnown: candidates.some((e) => entryAcceptsPeer(R, e, from)),
      ...(identical && { identical: true }),
    },
  };
}
