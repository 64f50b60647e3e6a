import { POLICY_FIELD_DEFAULTS, implicitPolicies } from '../defaults.js';
import type { DeviceConfig, IkePolicy, Platform, PresharedKey, SourceRef } from '../model.js';

export function emptyDevice(file: string, platform: Platform): DeviceConfig {
  return {
    file,
    platform,
    interfaces: [],
    ikePolicies: [],
    keys: [],
    trustpoints: [],
    transformSets: [],
    cryptoMaps: [],
    dynamicMaps: [],
    isakmpProfiles: [],
    ipsecProfiles: [],
    acls: new Map(),
    nat: [],
    routes: [],
    isakmpEnabled: platform === 'ios' ? 'all' : [],
    clientGroups: [],
    pools: [],
    aggressivePeers: [],
    problems: [],
    ignoredLines: 0,
  };
}

/** A policy as written: the fields present in the configuration. */
export interface WrittenPolicy {
  priority: number;
  encryption?: string;
  hash?: string;
  authentication?: string;
  group?: number;
  lifetime?: number;
  ref: SourceRef;
}

const FIELDS = ['encryption', 'hash', 'authentication', 'group', 'lifetime'] as const;

/** Written policies with the platform's field defaults applied, sorted, then the implicit ones. */
export function resolvePolicies(
  device: DeviceConfig,
  written: readonly WrittenPolicy[],
  defaultsDisabled = false,
): IkePolicy[] {
  const defaults = POLICY_FIELD_DEFAULTS[device.platform];
  const resolved = written.map((w): IkePolicy => {
    const defaulted = FIELDS.filter((f) => w[f] === undefined);
    return {
      priority: w.priority,
      encryption: w.encryption ?? defaults.encryption,
      hash: w.hash ?? defaults.hash,
      authentication: w.authentication ?? defaults.authentication,
      group: w.group ?? defaults.group,
      lifetime: w.lifetime ?? defaults.lifetime,
      defaulted,
      ref: w.ref,
    };
  });
  resolved.sort((a, b) => a.priority - b.priority);
  return [
    ...resolved,
    ...implicitPolicies({
      platform: device.platform,
      ...(device.version !== undefined && { version: device.version }),
      configuredCount: written.length,
      defaultsDisabled,
      file: device.file,
    }),
  ];
}

/**
 * Records a pre-shared key. One the configuration shows masked (`*****`, as `show running-config`
 * prints it on ASA/PIX) or encrypted (IOS type 6) is present but cannot be compared.
 */
export function addKey(d: DeviceConfig, key: Omit<PresharedKey, 'hidden'>, type?: string): void {
  d.keys.push(/^\*+$/.test(key.secret) || type === '6' ? { ...key, hidden: true } : key);
}

/** Records a crypto line the parser could not fully understand (never guessed). */
export function problem(device: DeviceConfig, ref: SourceRef, reason: string): void {
  device.problems.push({ ref, reason });
}
