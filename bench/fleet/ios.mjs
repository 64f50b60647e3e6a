/** IOS 15 configurations for spokes and hubs of a planned fleet (crypto-map site-to-site VPNs). */
import { TRANSFORM_SET } from './plan.mjs';

function isakmpPolicy(policy) {
  const [cipher, bits] = policy.encryption.split('-');
  return [
    'crypto isakmp policy 10',
    ` encr ${cipher}${bits ? ` ${bits}` : ''}`,
    ` hash ${policy.hash}`,
    ' authentication pre-share',
    ` group ${policy.group}`,
    ` lifetime ${policy.lifetime}`,
    '!',
  ];
}

const transformSet = [
  `crypto ipsec transform-set ${TRANSFORM_SET} esp-aes 256 esp-sha-hmac`,
  ' mode tunnel',
  '!',
];

function header(name) {
  return ['!', 'version 15.4', 'service timestamps debug datetime msec', `hostname ${name}`, '!'];
}

function interfaces({ publicIp, publicMask, lan }, mapName) {
  return [
    'interface GigabitEthernet0/0',
    ' description WAN',
    ` ip address ${publicIp} ${publicMask}`,
    ` crypto map ${mapName}`,
    '!',
    'interface GigabitEthernet0/1',
    ' description LAN',
    ` ip address ${lan.replace(/\.0$/, '.1')} 255.255.255.0`,
    '!',
  ];
}

function mapEntry(mapName, seq, { description, peer, transformSet: ts, acl }) {
  return [
    `crypto map ${mapName} ${seq} ipsec-isakmp`,
    ` description ${description}`,
    ` set peer ${peer}`,
    ` set transform-set ${ts}`,
    ` match address ${acl}`,
    '!',
  ];
}

function acl(name, src, srcWildcard, dst) {
  return [`ip access-list extended ${name}`, ` permit ip ${src} ${srcWildcard} ${dst} 0.0.0.255`, '!'];
}

export function iosSpoke(spoke, hubs) {
  const lines = [...header(spoke.name), ...isakmpPolicy(spoke.policy)];
  for (const p of spoke.peerings)
    lines.push(`crypto isakmp key ${p.spokeKey} address ${hubs[p.hub].publicIp}`);
  lines.push('!', ...transformSet);
  spoke.peerings.forEach((p, i) => {
    const hub = hubs[p.hub];
    lines.push(
      ...mapEntry('VPN', (i + 1) * 10, {
        description: `to ${hub.name}`,
        peer: hub.publicIp,
        transformSet: p.transformSet,
        acl: `VPN-${hub.name.toUpperCase()}`,
      }),
    );
  });
  lines.push(...interfaces(spoke, 'VPN'));
  for (const p of spoke.peerings) {
    const hub = hubs[p.hub];
    lines.push(...acl(`VPN-${hub.name.toUpperCase()}`, spoke.lan, p.spokeWildcard, hub.lan));
  }
  lines.push(`ip route 0.0.0.0 0.0.0.0 ${spoke.gateway}`, '!', 'end', '');
  return lines.join('\n');
}

/** `members`: the spokes peering with this hub, each with its peering, in spoke order. */
export function iosHub(hub, members, policy) {
  const lines = [...header(hub.name), ...isakmpPolicy(policy)];
  for (const { spoke, peering } of members) {
    lines.push(`crypto isakmp key ${peering.hubKey} address ${spoke.publicIp}`);
  }
  lines.push('!', ...transformSet);
  members.forEach(({ spoke }, i) => {
    lines.push(
      ...mapEntry('VPN', i + 1, {
        description: spoke.name,
        peer: spoke.publicIp,
        transformSet: TRANSFORM_SET,
        acl: `L2L-${spoke.name.toUpperCase()}`,
      }),
    );
  });
  lines.push(...interfaces(hub, 'VPN'));
  for (const { spoke } of members)
    lines.push(...acl(`L2L-${spoke.name.toUpperCase()}`, hub.lan, '0.0.0.255', spoke.lan));
  lines.push(`ip route 0.0.0.0 0.0.0.0 ${hub.gateway}`, '!', 'end', '');
  return lines.join('\n');
}
