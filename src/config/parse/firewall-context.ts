import type { ClientGroup, CryptoMap, DeviceConfig, Interface, NatRule, SourceRef } from '../model.js';
import { fromUint, toUint } from './address.js';
import { problem, type WrittenPolicy } from './device.js';
import type { ObjectStore } from './firewall-objects.js';
import { type Section, startsWith } from './source.js';

/**
 * State shared by the PIX and ASA parsers while they walk a configuration. Both platforms write
 * most VPN commands the same way (crypto maps, ACLs, names, routes, pools); the tables in pix.ts
 * and asa.ts pick the handlers, the handlers live in the firewall-*.ts files by concern.
 */
export interface FirewallContext {
  device: DeviceConfig;
  /** `name A ALIAS`: alias → uint32 address. */
  names: Map<string, number>;
  objects: ObjectStore;
  policies: Map<number, WrittenPolicy>;
  /** Interface by `nameif`. */
  byNameif: Map<string, Interface>;
  /** Interface by hardware name (`ethernet0`, `GigabitEthernet0/1`). */
  byHardware: Map<string, Interface>;
  cryptoMaps: Map<string, CryptoMap>;
  dynamicMaps: Map<string, CryptoMap>;
  tunnelGroups: Map<string, TunnelGroup>;
  groupPolicies: Map<string, GroupPolicy>;
  vpnGroups: Map<string, ClientGroup>;
  /** NAT rules with the device's evaluation rank (lower first), sorted at the end. */
  nat: { rank: number; rule: NatRule }[];
  /** ACL rows produced so far: object-group expansion is capped device-wide. */
  rows: number;
}

export interface TunnelGroup {
  name: string;
  type?: string;
  ref: SourceRef;
  secret?: { value: string; ref: SourceRef };
  pools: string[];
  groupPolicy?: string;
}

export interface GroupPolicy {
  name: string;
  ref: SourceRef;
  splitPolicy?: string;
  splitAcl?: string | null;
  pools?: string[];
}

/** A line the parser recognised but could not read: becomes a ParseProblem with this reason. */
export class LineError extends Error {}

export function fail(reason: string): never {
  throw new LineError(reason);
}

export function newContext(device: DeviceConfig, objects: ObjectStore): FirewallContext {
  return {
    device,
    names: new Map(),
    objects,
    policies: new Map(),
    byNameif: new Map(),
    byHardware: new Map(),
    cryptoMaps: new Map(),
    dynamicMaps: new Map(),
    tunnelGroups: new Map(),
    groupPolicies: new Map(),
    vpnGroups: new Map(),
    nat: [],
    rows: 0,
  };
}

/** An IPv4 literal or an alias defined by `name`. */
export function addressOf(ctx: FirewallContext, word: string | undefined): number | undefined {
  const literal = toUint(word);
  if (literal !== undefined || word === undefined) return literal;
  return ctx.names.get(word);
}

/** The dotted quad for an address word, resolving `name` aliases; the word itself otherwise. */
export function resolvedAddress(ctx: FirewallContext, word: string): string {
  const a = ctx.names.get(word);
  return a === undefined || toUint(word) !== undefined ? word : fromUint(a);
}

export function ignore(ctx: FirewallContext, count = 1): void {
  ctx.device.ignoredLines += count;
}

export type Handler = (ctx: FirewallContext, s: Section) => void;

/**
 * A command the parser knows, by its leading keywords. Phase 1 runs first over the whole file:
 * names, interfaces and objects may be referenced by lines written before them.
 */
export interface Command {
  words: string[];
  phase?: 1;
  handle: Handler;
}

/** Runs every section through the longest-matching command of `table`; unknown ones are counted. */
export function runTable(ctx: FirewallContext, table: readonly Command[], all: readonly Section[]): void {
  const sorted = [...table].sort((a, b) => b.words.length - a.words.length);
  const matched = all.map((s) => sorted.find((c) => startsWith(s.head.words, ...c.words)));
  for (const phase of [1, 2])
    all.forEach((s, i) => {
      const command = matched[i];
      if ((command?.phase ?? 2) !== phase) return;
      if (!command) return ignore(ctx, 1 + s.body.length);
      try {
        command.handle(ctx, s);
      } catch (e) {
        if (!(e instanceof LineError)) throw e;
        problem(ctx.device, s.head.ref, e.message);
      }
    });
}

/** Runs `fn` for one sub-mode line, turning a LineError into a problem on that line. */
export function guarded(ctx: FirewallContext, ref: SourceRef, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof LineError)) throw e;
    problem(ctx.device, ref, e.message);
  }
}
