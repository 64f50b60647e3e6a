/** ASA 9 configuration for a hub of a planned fleet (IKEv1 crypto map, one tunnel group per spoke). */
import { TRANSFORM_SET } from './plan.mjs';

export function asaHub(hub, members, policy) {
  const lan = '255.255.255.0';
  const lines = [
    ': Saved',
    'ASA Version 9.8(4)',
    '!',
    `hostname ${hub.name}`,
    '!',
    'interface GigabitEthernet0/0',
    ' nameif outside',
    ' security-level 0',
    ` ip address ${hub.publicIp} ${hub.publicMask}`,
    '!',
    'interface GigabitEthernet0/1',
    ' nameif inside',
    ' security-level 100',
    ` ip address ${hub.lan.replace(/\.0$/, '.1')} ${lan}`,
    '!',
  ];
  for (const { spoke } of members) {
    lines.push(
      `access-list L2L-${spoke.name.toUpperCase()} extended permit ip ${hub.lan} ${lan} ${spoke.lan} ${lan}`,
    );
  }
  lines.push(
    `route outside 0.0.0.0 0.0.0.0 ${hub.gateway} 1`,
    `crypto ipsec ikev1 transform-set ${TRANSFORM_SET} esp-aes-256 esp-sha-hmac`,
  );
  members.forEach(({ spoke }, i) => {
    const seq = i + 1;
    lines.push(
      `crypto map outside_map ${seq} match address L2L-${spoke.name.toUpperCase()}`,
      `crypto map outside_map ${seq} set peer ${spoke.publicIp}`,
      `crypto map outside_map ${seq} set ikev1 transform-set ${TRANSFORM_SET}`,
    );
  });
  lines.push(
    'crypto map outside_map interface outside',
    'crypto ikev1 enable outside',
    'crypto ikev1 policy 10',
    ' authentication pre-share',
    ` encryption ${policy.encryption}`,
    ` hash ${policy.hash}`,
    ` group ${policy.group}`,
    ` lifetime ${policy.lifetime}`,
  );
  for (const { spoke, peering } of members) {
    lines.push(
      `tunnel-group ${spoke.publicIp} type ipsec-l2l`,
      `tunnel-group ${spoke.publicIp} ipsec-attributes`,
      ` ikev1 pre-shared-key ${peering.hubKey}`,
    );
  }
  lines.push(': end', '');
  return lines.join('\n');
}
