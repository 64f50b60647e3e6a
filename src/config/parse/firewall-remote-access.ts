import type { ClientGroup } from '../model.js';
import { toUint } from './address.js';
import {
  type FirewallContext,
  type GroupPolicy,
  type TunnelGroup,
  fail,
  guarded,
  ignore,
} from './firewall-context.js';
import type { ConfigLine, Section } from './source.js';
import { addKey } from './device.js';

/**
 * Tunnel-groups (ASA: the peer's key and the remote-access group's pool and policy), group
 * policies (split tunnelling) and PIX 6 `vpngroup`.
 */

const DEFAULT_POLICY = 'DfltGrpPolicy';
const L2L_TYPES = new Set(['ipsec-l2l']);
const RA_TYPES = new Set(['remote-access', 'ipsec-ra']);
/** Groups every ASA has without configuring their type. */
const IMPLICIT_TYPES: Record<string, string> = {
  DefaultL2LGroup: 'ipsec-l2l',
  DefaultRAGroup: 'remote-access',
};

function tunnelGroup(ctx: FirewallContext, name: string, s: Section): TunnelGroup {
  let tg = ctx.tunnelGroups.get(name);
  if (!tg) {
    tg = { name, ref: s.head.ref, pools: [] };
    ctx.tunnelGroups.set(name, tg);
  }
  return tg;
}

/** ` [ikev1] pre-shared-key [0|8] SECRET`; reasons never quote the line (it holds the secret). */
function readKeyLine(tg: TunnelGroup, l: ConfigLine): boolean {
  const w = l.words;
  const at = w[0]?.toLowerCase() === 'ikev1' ? 1 : 0;
  if (w[at]?.toLowerCase() !== 'pre-shared-key') return false;
  const rest = w.slice(at + 1);
  const secret =
    rest.length === 1 ? rest[0] : rest.length === 2 && /^[08]$/.test(rest[0] ?? '') ? rest[1] : undefined;
  if (secret === undefined) fail('pre-shared key line not understood');
  tg.secret = { value: secret, ref: l.ref };
  return true;
}

/** ` address-pool [(IF)] P1 [P2 …]`, ` default-group-policy G`. */
function readGeneralLine(tg: TunnelGroup, l: ConfigLine): boolean {
  const [k, ...rest] = l.words;
  if (k?.toLowerCase() === 'address-pool') {
    tg.pools = rest.filter((p) => !/^\(.*\)$/.test(p));
    if (tg.pools.length === 0) fail('address-pool without a pool name');
    return true;
  }
  if (k?.toLowerCase() === 'default-group-policy') {
    if (!rest[0]) fail('default-group-policy without a name');
    tg.groupPolicy = rest[0];
    return true;
  }
  return false;
}

/** `tunnel-group NAME type T` and `tunnel-group NAME ipsec-attributes|general-attributes|…` blocks. */
export function readTunnelGroup(ctx: FirewallContext, s: Section): void {
  const [, name, what, type] = s.head.words;
  if (!name || !what) fail('tunnel-group without a name and a type or attributes');
  const tg = tunnelGroup(ctx, name, s);
  const kind = what.toLowerCase();
  if (kind === 'type') {
    if (!type) fail('tunnel-group type missing');
    tg.type = type.toLowerCase();
    tg.ref = s.head.ref;
    return ignore(ctx, s.body.length);
  }
  const reader =
    kind === 'ipsec-attributes' ? readKeyLine : kind === 'general-attributes' ? readGeneralLine : undefined;
  if (!reader) return ignore(ctx, 1 + s.body.length);
  for (const l of s.body)
    guarded(ctx, l.ref, () => {
      if (!reader(tg, l)) ignore(ctx);
    });
}

function groupPolicy(ctx: FirewallContext, name: string, s: Section): GroupPolicy {
  let gp = ctx.groupPolicies.get(name);
  if (!gp) {
    gp = { name, ref: s.head.ref };
    ctx.groupPolicies.set(name, gp);
  }
  return gp;
}

const SPLIT_POLICIES = new Set(['tunnelall', 'tunnelspecified', 'excludespecified']);

/** `group-policy G internal|external …` and `group-policy G attributes` with split-tunnel and pool lines. */
export function readGroupPolicy(ctx: FirewallContext, s: Section): void {
  const [, name, what] = s.head.words;
  if (!name || !what) fail('group-policy without a name');
  const gp = groupPolicy(ctx, name, s);
  if (what.toLowerCase() !== 'attributes') return ignore(ctx, s.body.length);
  for (const l of s.body)
    guarded(ctx, l.ref, () => {
      const [k, v, arg] = l.words;
      const key = k?.toLowerCase();
      const value = v?.toLowerCase();
      if (key === 'split-tunnel-policy') {
        if (!value || !SPLIT_POLICIES.has(value)) fail(`unrecognised split-tunnel-policy '${v ?? ''}'`);
        gp.splitPolicy = value;
      } else if (key === 'split-tunnel-network-list') {
        if (value === 'none') gp.splitAcl = null;
        else if (value === 'value' && arg) gp.splitAcl = arg;
        else fail('split-tunnel-network-list without value ACL or none');
      } else if (key === 'address-pools') {
        if (value === 'none') gp.pools = [];
        else if (value === 'value' && arg) gp.pools = l.words.slice(2);
        else fail('address-pools without value POOL or none');
      } else ignore(ctx);
    });
}

/** PIX 6: `vpngroup G address-pool P`, `vpngroup G split-tunnel ACL`, other `vpngroup G …` options. */
export function readVpnGroup(ctx: FirewallContext, s: Section): void {
  const [, name, option, value] = s.head.words;
  if (!name || !option) fail('vpngroup without a name and an option');
  let group = ctx.vpnGroups.get(name);
  if (!group) {
    group = { name, ref: s.head.ref };
    ctx.vpnGroups.set(name, group);
    ctx.device.clientGroups.push(group);
  }
  const o = option.toLowerCase();
  if ((o === 'address-pool' || o === 'split-tunnel') && !value) fail(`vpngroup ${o} without a name`);
  if (o === 'address-pool') group.pool = value;
  else if (o === 'split-tunnel') group.splitTunnelAcl = value;
  ignore(ctx, s.body.length);
}

/** The ACL a group tunnels, following the ASA's inheritance from DfltGrpPolicy. */
function splitAcl(gp: GroupPolicy | undefined, dflt: GroupPolicy | undefined): string | undefined {
  const policy = gp?.splitPolicy ?? dflt?.splitPolicy;
  const acl = gp?.splitAcl !== undefined ? gp.splitAcl : dflt?.splitAcl;
  return policy !== undefined && policy !== 'tunnelall' && acl ? acl : undefined;
}

function clientGroup(
  name: string,
  ref: ClientGroup['ref'],
  acl: string | undefined,
  pool: string | undefined,
): ClientGroup {
  return {
    name,
    ...(acl !== undefined && { splitTunnelAcl: acl }),
    ...(pool !== undefined && { pool }),
    ref,
  };
}

/**
 * L2L keys by peer address, and one client group per group policy the remote-access
 * tunnel-groups use: split tunnelling is a policy attribute, so the fix names the policy.
 */
export function finishRemoteAccess(ctx: FirewallContext): void {
  const dflt = ctx.groupPolicies.get(DEFAULT_POLICY);
  const groups = new Map<string, ClientGroup>();
  for (const tg of ctx.tunnelGroups.values()) {
    const type =
      tg.type ?? IMPLICIT_TYPES[tg.name] ?? (toUint(tg.name) !== undefined ? 'ipsec-l2l' : undefined);
    if (type !== undefined && L2L_TYPES.has(type) && tg.secret) {
      const wildcard = tg.name === 'DefaultL2LGroup';
      // A non-address L2L group name is an aggressive-mode identity, not bound to a peer address.
      if (wildcard || toUint(tg.name) !== undefined)
        addKey(ctx.device, {
          address: wildcard ? '0.0.0.0' : tg.name,
          mask: wildcard ? '0.0.0.0' : '255.255.255.255',
          secret: tg.secret.value,
          container: tg.name,
          ref: tg.secret.ref,
        });
    }
    if (type !== undefined && RA_TYPES.has(type)) {
      const name = tg.groupPolicy ?? DEFAULT_POLICY;
      const gp = ctx.groupPolicies.get(name);
      const pool = tg.pools[0] ?? gp?.pools?.[0] ?? dflt?.pools?.[0];
      if (!groups.has(name)) groups.set(name, clientGroup(name, gp?.ref ?? tg.ref, splitAcl(gp, dflt), pool));
    }
  }
  if (groups.size === 0)
    // No remote-access tunnel-group written: the group policies that carry client settings stand for them.
    for (const gp of ctx.groupPolicies.values())
      if (gp.name !== DEFAULT_POLICY && (gp.splitPolicy !== undefined || gp.pools !== undefined))
        groups.set(
          gp.name,
          clientGroup(gp.name, gp.ref, splitAcl(gp, dflt), gp.pools?.[0] ?? dflt?.pools?.[0]),
        );
  ctx.device.clientGroups.push(...groups.values());
}
