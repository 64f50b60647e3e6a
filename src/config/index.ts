/**
 * Configuration checks: `lint` each device on its own, `check` two peers against each other,
 * `audit` every peering in a set of configurations. Pure and synchronous over texts; findings
 * cite file:line of the configurations and never show a pre-shared key.
 */
import { type Language, translator } from '../i18n/index.js';
import type { InputText } from '../pipeline/analysis.js';
import { type Report, report } from '../pipeline/report.js';
import type { ConfigHit } from './checks/hit.js';
import { lintDevice, poolReturnRoutes } from './checks/lint/index.js';
import { checkPair } from './checks/pair.js';
import type { DeviceConfig, Platform } from './model.js';
import { addresses, ikeEndpoints } from './negotiate/endpoints.js';
import { parseConfig } from './parse/index.js';
import { localiseHit, sortFindings } from './report.js';

export interface ConfigOptions {
  lang?: Language;
  platform?: Platform;
}

export type CheckReport = Report & Required<Pick<Report, 'outcome'>>;

export function parseInputs(inputs: readonly InputText[], platform?: Platform): DeviceConfig[] {
  return inputs.map((i) => parseConfig(i.name, i.text, platform));
}

/** Each device on its own; an inside router among them is checked for routes back to client pools. */
export function lintConfigs(devices: readonly DeviceConfig[]): ConfigHit[] {
  const hits = devices.flatMap(lintDevice);
  const gateways = devices.filter((d) => d.pools.length > 0);
  const insides = devices.filter((d) => d.cryptoMaps.length === 0 && d.dynamicMaps.length === 0);
  for (const g of gateways) for (const i of insides) hits.push(...poolReturnRoutes(g, i));
  return hits;
}

export function lint(inputs: readonly InputText[], options: ConfigOptions = {}): Report {
  const t = translator(options.lang ?? 'en');
  const devices = parseInputs(inputs, options.platform);
  return {
    ...report(sortFindings(lintConfigs(devices).map((h) => localiseHit(h, t)))),
    configs: devices.length,
  };
}

export function check(a: InputText, b: InputText, options: ConfigOptions = {}): CheckReport {
  const t = translator(options.lang ?? 'en');
  const [da, db] = parseInputs([a, b], options.platform);
  return checkDevices(da!, db!, t.lang);
}

export function checkDevices(a: DeviceConfig, b: DeviceConfig, lang: Language = 'en'): CheckReport {
  const t = translator(lang);
  const pair = checkPair(a, b);
  const hits = merge(pair.hits, lintConfigs([a, b]));
  const names = { a: a.hostname ?? a.file, b: b.hostname ?? b.file };
  return {
    ...report(sortFindings(hits.map((h) => localiseHit(h, t, names)))),
    configs: 2,
    outcome: { ...pair.outcome, names },
  };
}

/**
 * Pair findings and lint findings of the same devices as one list: a lint finding about a peer
 * that a pair finding already explains (a key missing for a mistyped peer address) is the same
 * fault seen with less context, and the same code for the same device and peer is kept once.
 */
function merge(pairHits: readonly ConfigHit[], lintHits: readonly ConfigHit[]): ConfigHit[] {
  const key = (file: string, peer: string) => `${file}\u0000${peer}`;
  const named = new Set(
    pairHits.flatMap((h) =>
      [h.peer, h.details['configuredPeer']]
        .filter((p): p is string => typeof p === 'string')
        .map((p) => key(h.device.file, p)),
    ),
  );
  const seen = new Set<string>();
  return [
    ...pairHits,
    ...lintHits.filter((h) => h.peer === undefined || !named.has(key(h.device.file, h.peer))),
  ].filter((h) => {
    if (h.peer === undefined) return true;
    const k = `${h.code}\u0000${key(h.device.file, h.peer)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface Peering {
  a: DeviceConfig;
  b: DeviceConfig;
}

/**
 * Pairs of devices that name each other (one side's crypto map peer is an address of the
 * other): hub and spokes, partial meshes. Indexed by address, so it grows with the peerings,
 * not with the square of the fleet.
 */
export function findPeerings(devices: readonly DeviceConfig[]): Peering[] {
  const owner = new Map<string, DeviceConfig>();
  for (const d of devices) {
    for (const a of addresses(d)) owner.set(a, d);
    for (const e of ikeEndpoints(d)) owner.set(e.address, d);
  }
  const out: Peering[] = [];
  const seen = new Set<string>();
  for (const d of devices)
    for (const m of d.cryptoMaps)
      for (const e of m.entries)
        for (const p of e.peers) {
          const other = owner.get(p);
          if (!other || other === d) continue;
          const [x, y] = d.file < other.file ? [d, other] : [other, d];
          const k = `${x.file}\u0000${y.file}`;
          if (seen.has(k)) continue;
          seen.add(k);
          out.push({ a: x, b: y });
        }
  return out;
}

export interface AuditReport extends Report {
  peerings: { a: string; b: string; established: boolean; failedPhase?: string; codes: string[] }[];
  devices: number;
}

/** `audit`: every device linted once, every peering checked. */
export function auditDevices(devices: readonly DeviceConfig[], lang: Language = 'en'): AuditReport {
  const t = translator(lang);
  const pairHits: ConfigHit[] = [];
  const peerings: AuditReport['peerings'] = [];
  for (const { a, b } of findPeerings(devices)) {
    const pair = checkPair(a, b);
    pairHits.push(...pair.hits);
    peerings.push({
      a: a.hostname ?? a.file,
      b: b.hostname ?? b.file,
      established: pair.outcome.established,
      ...(pair.outcome.failedPhase && { failedPhase: pair.outcome.failedPhase }),
      codes: [...new Set(pair.hits.map((h) => h.code))],
    });
  }
  return {
    ...report(sortFindings(merge(pairHits, lintConfigs(devices)).map((h) => localiseHit(h, t)))),
    configs: devices.length,
    peerings,
    devices: devices.length,
  };
}

export function audit(inputs: readonly InputText[], options: ConfigOptions = {}): AuditReport {
  return auditDevices(parseInputs(inputs, options.platform), options.lang ?? 'en');
}

export type { DeviceConfig, Platform } from './model.js';
export { parseConfig } from './parse/index.js';
