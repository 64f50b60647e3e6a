import type { DeviceConfig } from '../model.js';
import { ikeEndpoints, interfaceWithAddress } from '../negotiate/endpoints.js';
import type { DirectionResult, Failure } from '../negotiate/negotiate.js';
import { proposals, transformSetsOf } from '../negotiate/phase2.js';
import {
  aclLine,
  applyMapCommand,
  enableIsakmpCommand,
  freePriority,
  keyCommand,
  mapEntryCommands,
  policyCommand,
  transformSetCommand,
  transformSetKeyword,
} from './commands.js';

interface FixContext {
  f: Failure;
  /** The device to change, and the other end. */
  on: DeviceConfig;
  other: DeviceConfig;
  d: DirectionResult;
  /** Whether `on` initiated in the direction that failed. */
  onIsInitiator: boolean;
}

type Fix = (c: FixContext) => string[];

const keyPlaceholder = (other: DeviceConfig) => `<same-key-as-on-${other.hostname ?? 'the-peer'}>`;

/** The exact commands that mend each failure, on the side that should change. */
const FIXES: Record<Failure['code'], Fix> = {
  UNDEFINED_REFERENCE: () => [],
  PEER_ADDRESS_MISMATCH: ({ f, on, other, d, onIsInitiator }) => {
    const actual = onIsInitiator ? ikeEndpoints(other)[0]?.address : d.from;
    if (!actual) return [];
    const wrong = onIsInitiator ? d.to : String(f.details['configuredPeer']);
    const entry = onIsInitiator
      ? d.entry
      : { map: String(f.details['map']), seq: Number(f.details['entry']) };
    return [
      mapEntryCommands(on, entry, [`no set peer ${wrong}`, `set peer ${actual}`]),
      keyCommand(on, actual, keyPlaceholder(other)),
    ];
  },
  ISAKMP_NOT_ENABLED: ({ f, on }) => [enableIsakmpCommand(on, String(f.details['interface'] ?? 'outside'))],
  PSK_MISSING: ({ on, other, d, onIsInitiator }) => [
    keyCommand(on, onIsInitiator ? d.to : d.from, keyPlaceholder(other)),
  ],
  PSK_MISMATCH: ({ on, other, d, onIsInitiator }) => [
    keyCommand(on, onIsInitiator ? d.to : d.from, keyPlaceholder(other)),
  ],
  IKE_POLICY_MISMATCH: ({ on, other }) => {
    const wanted = other.ikePolicies.find((p) => !p.implicit) ?? other.ikePolicies[0];
    return wanted ? [policyCommand(on, freePriority(on), wanted)] : [];
  },
  LIFETIME_MISMATCH: ({ on, other }) => {
    const wanted = other.ikePolicies.find((p) => !p.implicit);
    const mine = on.ikePolicies.find((p) => !p.implicit);
    if (!wanted || !mine) return [];
    if (on.platform === 'pix') return [`isakmp policy ${mine.priority} lifetime ${wanted.lifetime}`];
    const head =
      on.platform === 'asa'
        ? `crypto ikev1 policy ${mine.priority}`
        : `crypto isakmp policy ${mine.priority}`;
    return [`${head}\n lifetime ${wanted.lifetime}`];
  },
  INVALID_LOCAL_ADDRESS: ({ f, on }) => {
    const itf = interfaceWithAddress(on, String(f.details['address']));
    const map = on.cryptoMaps[0]?.name ?? '<map>';
    if (f.details['localAddress'] !== undefined)
      return [`no crypto map ${itf?.cryptoMap ?? map} local-address ${String(f.details['localAddress'])}`];
    return itf ? [applyMapCommand(on, itf.cryptoMap ?? map, itf)] : [];
  },
  PEER_NOT_FOUND_ENTRY_ORDER: ({ f, on }) => {
    const map = String(f.details['map']);
    const host = on.cryptoMaps
      .find((m) => m.name === map)
      ?.entries.find((e) => e.seq === f.details['hostEntry']);
    const broader = Number(f.details['broaderEntry']);
    if (!host) return [];
    const seq = Math.max(1, broader - 1);
    const subs = [
      ...(host.matchAddress ? [`match address ${host.matchAddress}`] : []),
      ...host.peers.map((p) => `set peer ${p}`),
      ...(host.transformSets.length
        ? [`set ${transformSetKeyword(on)} ${host.transformSets.join(' ')}`]
        : []),
      ...(host.pfsGroup !== undefined ? [`set pfs group${host.pfsGroup}`] : []),
    ];
    return [
      `! move entry ${host.seq} before entry ${broader}:`,
      mapEntryCommands(on, { map, seq }, subs),
      on.platform === 'ios'
        ? `no crypto map ${map} ${host.seq}`
        : `clear configure crypto map ${map} ${host.seq}`,
    ];
  },
  PROXY_ID_MISMATCH: ({ on, other, d, onIsInitiator }) => {
    // The responder's crypto ACL must contain (mirror) what the initiator proposes.
    const acl = String(
      d.failure?.details['responderAcl'] ?? d.agreed.responderEntry?.matchAddress ?? '<crypto-acl>',
    );
    if (onIsInitiator) return [];
    const mirrored = proposals(other, d.entry).map((p) =>
      aclLine(on, acl, {
        action: 'permit',
        ...(p.line.protocol !== undefined && { protocol: p.line.protocol }),
        src: p.line.dst,
        dst: p.line.src,
      }),
    );
    // Identical (not mirrored) ACLs: one side's ACL must be replaced by the mirror, not extended.
    if (d.failure?.details['identical']) return [clearAclCommand(on, acl), ...mirrored];
    return proposals(other, d.entry).map((p) =>
      aclLine(on, acl, {
        action: 'permit',
        ...(p.line.protocol !== undefined && { protocol: p.line.protocol }),
        src: p.line.dst,
        dst: p.line.src,
      }),
    );
  },
  TRANSFORM_SET_MISMATCH: ({ on, other, d, onIsInitiator }) => {
    const offered = onIsInitiator ? undefined : transformSetsOf(other, d.entry)[0];
    const entry = d.agreed.responderEntry;
    if (!offered || !entry) return [];
    const name = `TS-${(other.hostname ?? 'PEER').toUpperCase()}`;
    return [
      transformSetCommand(on, name, offered),
      mapEntryCommands(on, entry, [
        `set ${transformSetKeyword(on)} ${[name, ...entry.transformSets].join(' ')}`,
      ]),
    ];
  },
  PFS_MISMATCH: ({ f, on, d, onIsInitiator }) => {
    const group = f.details['requiredGroup'];
    const entry = onIsInitiator ? d.entry : d.agreed.responderEntry;
    if (!entry || group === undefined) return [];
    return [mapEntryCommands(on, entry, [`set pfs group${String(group)}`])];
  },
};

function clearAclCommand(d: DeviceConfig, acl: string): string {
  if (d.platform === 'asa') return `clear configure access-list ${acl}`;
  if (d.platform === 'pix' || /^\d+$/.test(acl)) return `no access-list ${acl}`;
  return `no ip access-list extended ${acl}`;
}

export function fixCommands(f: Failure, on: DeviceConfig, other: DeviceConfig, d: DirectionResult): string[] {
  const onIsInitiator = f.fix === d.initiator;
  return FIXES[f.code]({ f, on, other, d, onIsInitiator });
}
