/**
 * Plans a hub-and-spoke fleet: addresses, peerings, keys and the injected faults, before any
 * configuration text is written, so every platform writer renders the same facts and the manifest
 * can say what an audit should find.
 */
import { seededRandom } from '../lib/random.mjs';

/** Each injected fault and the finding code a correct audit reports for it. */
export const FAULT_KINDS = {
  psk: { code: 'PSK_MISMATCH', what: "the spoke's pre-shared key differs from the hub's" },
  acl: { code: 'PROXY_ID_MISMATCH', what: "the spoke's crypto ACL is not the mirror image of the hub's" },
  'transform-set': {
    code: 'UNDEFINED_REFERENCE',
    what: "the spoke's crypto map names a transform set it does not define",
  },
  policy: { code: 'IKE_POLICY_MISMATCH', what: 'the spoke has no ISAKMP policy in common with its hubs' },
};

export const GOOD_POLICY = { encryption: 'aes-256', hash: 'sha', group: 14, lifetime: 86400 };
const BAD_POLICY = { encryption: '3des', hash: 'md5', group: 2, lifetime: 86400 };
export const TRANSFORM_SET = 'TS-AES256-SHA';
export const MISSING_TRANSFORM_SET = 'TS-AES128-SHA';

/** Addressing fits 65,536 spokes (one /24 LAN each in 10/8) and 250 hubs. */
export const MAX_SPOKES = 65536;
export const MAX_HUBS = 250;

const quad = (n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const CGNAT_BASE = (100 << 24) | (64 << 16);

function planHub(index, count) {
  const number = index + 1;
  // One ASA among IOS hubs, as real hub sites mix them; a single hub stays IOS.
  const platform = count > 1 && index === count - 1 ? 'asa' : 'ios';
  return {
    name: `hub-${String(number).padStart(2, '0')}${platform === 'asa' ? '-asa' : ''}`,
    platform,
    publicIp: `198.18.${number}.1`,
    publicMask: '255.255.255.0',
    gateway: `198.18.${number}.254`,
    lan: `172.16.${number}.0`,
  };
}

function planSpoke(index, hubs, rng) {
  const host = (CGNAT_BASE + index * 4 + 1) >>> 0;
  const primary = index % hubs.length;
  const hubIndexes = [primary];
  if (hubs.length > 1 && rng.chance(0.5)) hubIndexes.push((primary + 1) % hubs.length);
  return {
    name: `spoke-${String(index + 1).padStart(5, '0')}`,
    publicIp: quad(host),
    publicMask: '255.255.255.252',
    gateway: quad(host + 1),
    lan: `10.${index >>> 8}.${index & 255}.0`,
    policy: GOOD_POLICY,
    peerings: hubIndexes.map((hub) => {
      const key = `k${rng.hex(15)}`;
      return {
        hub,
        hubKey: key,
        spokeKey: key,
        spokeWildcard: '0.0.0.255',
        transformSet: TRANSFORM_SET,
      };
    }),
  };
}

/** The one place a fault changes the plan: the hub side always stays correct. */
const INJECT = {
  psk: (spoke, peering, rng) => {
    peering.spokeKey = `k${rng.hex(15)}`;
  },
  acl: (spoke, peering) => {
    peering.spokeWildcard = '0.0.0.127';
  },
  'transform-set': (spoke, peering) => {
    peering.transformSet = MISSING_TRANSFORM_SET;
  },
  policy: (spoke) => {
    spoke.policy = BAD_POLICY;
  },
};

export function planFleet({ spokes, hubs, faults, seed }) {
  const rng = seededRandom(seed);
  const hubList = Array.from({ length: hubs }, (_, i) => planHub(i, hubs));
  const spokeList = [];
  const injected = [];
  const kinds = Object.keys(FAULT_KINDS);
  for (let i = 0; i < spokes; i++) {
    const spoke = planSpoke(i, hubList, rng);
    if (rng.chance(faults)) {
      const kind = rng.pick(kinds);
      const peering = rng.pick(spoke.peerings);
      INJECT[kind](spoke, peering, rng);
      const affected = kind === 'policy' ? spoke.peerings : [peering];
      for (const p of affected) {
        injected.push({
          kind,
          code: FAULT_KINDS[kind].code,
          spoke: spoke.name,
          hub: hubList[p.hub].name,
          spokeAddress: spoke.publicIp,
          hubAddress: hubList[p.hub].publicIp,
        });
      }
    }
    spokeList.push(spoke);
  }
  return { hubs: hubList, spokes: spokeList, faults: injected };
}
