import type { DeviceConfig } from '../../model.js';
import { fromUint, inSubnet, toUint } from '../../parse/address.js';
import { type ConfigHit, type LintRule, lines } from '../hit.js';

const splitTunnel: LintRule = {
  code: 'SPLIT_TUNNEL_MISSING',
  check(d) {
    return d.clientGroups
      .filter((g) => g.splitTunnelAcl === undefined)
      .map((g): ConfigHit => {
        const command =
          d.platform === 'pix'
            ? `vpngroup ${g.name} split-tunnel <acl>`
            : d.platform === 'asa'
              ? `group-policy ${g.name} attributes\n split-tunnel-policy tunnelspecified\n split-tunnel-network-list value <acl>`
              : `crypto isakmp client configuration group ${g.name}\n acl <acl>`;
        return {
          code: 'SPLIT_TUNNEL_MISSING',
          device: d,
          refs: lines(g.ref),
          details: { group: g.name },
          commands: [command],
        };
      });
  },
};

/** Whether an address is on a connected subnet or reachable through a non-default route. */
function routed(d: DeviceConfig, address: string): boolean {
  if (d.interfaces.some((i) => i.address && i.mask && inSubnet(address, i.address, i.mask))) return true;
  return d.routes.some((r) => r.mask !== '0.0.0.0' && inSubnet(address, r.network, r.mask));
}

/**
 * The seed's "traffic does not flow after the tunnel is established": the VPN gateway needs a
 * route to the inside networks the clients reach (those the split-tunnel ACL protects), when
 * they are not directly connected. Only the default route would send them back outside.
 */
const poolRoute: LintRule = {
  code: 'POOL_ROUTE_MISSING',
  check(d) {
    const hits: ConfigHit[] = [];
    for (const g of d.clientGroups) {
      const acl = g.splitTunnelAcl !== undefined ? d.acls.get(g.splitTunnelAcl) : undefined;
      for (const e of acl?.entries ?? []) {
        if (e.action !== 'permit' || e.src.wildcard === 0xffffffff) continue;
        const network = fromUint(e.src.addr);
        if (routed(d, network)) continue;
        const mask = fromUint(~e.src.wildcard >>> 0);
        const inside = d.interfaces.find((i) => i.nameif === 'inside');
        hits.push({
          code: 'POOL_ROUTE_MISSING',
          device: d,
          refs: lines(e.ref, g.ref),
          details: { network: `${network} ${mask}`, group: g.name },
          context: 'inside',
          commands: [
            d.platform === 'ios'
              ? `ip route ${network} ${mask} <inside-next-hop>`
              : `route ${inside?.nameif ?? 'inside'} ${network} ${mask} <inside-next-hop> 1`,
          ],
        });
      }
    }
    return hits;
  },
};

/** With an inside router's configuration beside the gateway's: it needs a route back to the client pool. */
export function poolReturnRoutes(gateway: DeviceConfig, inside: DeviceConfig): ConfigHit[] {
  const hits: ConfigHit[] = [];
  for (const pool of gateway.pools) {
    const first = toUint(pool.first);
    if (first === undefined || routed(inside, pool.first)) continue;
    if (inside.routes.some((r) => r.mask === '0.0.0.0')) continue;
    const toward =
      gateway.interfaces.find((i) => i.nameif === 'inside')?.address ?? '<vpn-gateway-inside-address>';
    hits.push({
      code: 'POOL_ROUTE_MISSING',
      device: inside,
      refs: lines(pool.ref),
      details: {
        pool: pool.name,
        range: `${pool.first}-${pool.last}`,
        gateway: gateway.hostname ?? gateway.file,
      },
      context: 'return',
      commands: [`ip route ${fromUint(first & 0xffffff00)} 255.255.255.0 ${toward}`],
    });
  }
  return hits;
}

export const remoteAccessRules: readonly LintRule[] = [splitTunnel, poolRoute];
