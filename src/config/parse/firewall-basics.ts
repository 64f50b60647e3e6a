import type { Interface } from '../model.js';
import { fromUint, toUint } from './address.js';
import { type FirewallContext, addressOf, fail, guarded, ignore } from './firewall-context.js';
import { legacyAddress } from './firewall-nat.js';
import { type Section, int } from './source.js';

/** Commands both platforms write the same way: identity, names, routes, pools, sysopt, MTU. */

export function readHostname(ctx: FirewallContext, s: Section): void {
  if (s.head.words[1]) ctx.device.hostname = s.head.words[1];
  ignore(ctx, s.body.length);
}

/** `ASA Version 9.8(4)` / `PIX Version 6.3(5)`. */
export function readVersion(ctx: FirewallContext, s: Section): void {
  if (s.head.words[2]) ctx.device.version = s.head.words[2];
  ignore(ctx, s.body.length);
}

/** `name 10.1.1.1 ALIAS [description …]`: the alias stands for the address in later commands. */
export function readName(ctx: FirewallContext, s: Section): void {
  const [, address, alias] = s.head.words;
  const a = toUint(address);
  if (a === undefined || !alias) return ignore(ctx, 1 + s.body.length); // IPv6 names: not modelled.
  ctx.names.set(alias, a);
  ignore(ctx, s.body.length);
}

/** `route IF NETWORK MASK GATEWAY [metric] [track N] [tunneled]`. */
export function readRoute(ctx: FirewallContext, s: Section): void {
  const [, itf, net, mask, gateway] = s.head.words;
  const n = legacyAddress(ctx, net);
  const m = legacyAddress(ctx, mask);
  const g = addressOf(ctx, gateway);
  if (!itf || n === undefined || m === undefined) return ignore(ctx, 1 + s.body.length);
  ctx.device.routes.push({
    network: fromUint(n),
    mask: fromUint(m),
    ...(g !== undefined && { nextHop: fromUint(g) }),
    interface: itf,
    ref: s.head.ref,
  });
  ignore(ctx, s.body.length);
}

/** `ip local pool NAME FIRST[-LAST] [mask M]`. */
export function readPool(ctx: FirewallContext, s: Section): void {
  const [, , , name, range] = s.head.words;
  const [first, last = first] = (range ?? '').split('-');
  if (!name || toUint(first) === undefined || toUint(last) === undefined)
    fail('address pool without a valid range');
  ctx.device.pools.push({ name, first: first ?? '', last: last ?? '', ref: s.head.ref });
  ignore(ctx, s.body.length);
}

/**
 * `[no] sysopt connection permit-ipsec|permit-vpn` and `sysopt connection tcpmss N`. Other
 * `sysopt connection` options (timewait, reset-inbound, …) do not concern VPNs.
 */
export function readSysopt(ctx: FirewallContext, s: Section): void {
  const negated = s.head.words[0]?.toLowerCase() === 'no';
  const [option, value] = s.head.words.slice(negated ? 3 : 2).map((w) => w.toLowerCase());
  if (option === 'permit-ipsec' || option === 'permit-vpn') ctx.device.sysoptPermitIpsec = !negated;
  else if (option === 'tcpmss' && !negated && int(value) !== undefined) ctx.device.tcpMss = int(value);
  else ignore(ctx);
  ignore(ctx, s.body.length);
}

/** `mtu NAMEIF N` (both platforms write it at top level). */
export function readMtu(ctx: FirewallContext, s: Section): void {
  const [, nameif, value] = s.head.words;
  const itf = nameif === undefined ? undefined : ctx.byNameif.get(nameif);
  const mtu = int(value);
  if (!itf || mtu === undefined) return ignore(ctx, 1 + s.body.length);
  itf.mtu = mtu;
  ignore(ctx, s.body.length);
}

export function interfaceNamed(ctx: FirewallContext, name: string, s: Section): Interface {
  let itf = ctx.byHardware.get(name);
  if (!itf) {
    itf = { name, ref: s.head.ref };
    ctx.byHardware.set(name, itf);
    ctx.device.interfaces.push(itf);
  }
  return itf;
}

export function setNameif(ctx: FirewallContext, itf: Interface, nameif: string): void {
  itf.nameif = nameif;
  ctx.byNameif.set(nameif, itf);
}

/** `A M` after `ip address [IF]`; `dhcp`, `pppoe` and IPv6 leave the address unknown. */
export function setAddress(itf: Interface, address: string | undefined, mask: string | undefined): void {
  if (toUint(address) === undefined) return;
  if (toUint(mask) === undefined) fail('interface address without a valid mask');
  itf.address = address;
  itf.mask = mask;
}

/** ASA 7+: `interface HW` with ` nameif`, ` ip address A M [standby B]`, ` shutdown`. */
export function readAsaInterface(ctx: FirewallContext, s: Section): void {
  const name = s.head.words.slice(1).join(' ');
  if (!name) return ignore(ctx, 1 + s.body.length);
  const itf = interfaceNamed(ctx, name, s);
  for (const l of s.body)
    guarded(ctx, l.ref, () => {
      const w = l.words.map((x) => x.toLowerCase());
      if (w[0] === 'nameif' && l.words[1]) setNameif(ctx, itf, l.words[1]);
      else if (w[0] === 'ip' && w[1] === 'address') setAddress(itf, l.words[2], l.words[3]);
      else if (w[0] === 'shutdown') itf.shutdown = true;
      else ignore(ctx);
    });
}
