/**
 * Healthy pair templates: one configuration per platform with holes for this side's and the
 * peer's values, and the pairs of platforms a generated fleet is made of. Faults (faults.ts) are
 * edits of these texts before the holes are filled.
 */
import type { SideValues, TemplatePlatform } from './addressing.js';

const IOS = `version {{version}}
hostname {{host}}
!
crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group {{group}}
crypto isakmp key {{key}} address {{peerAddr}}
!
crypto ipsec transform-set TS-AES esp-aes 256 esp-sha-hmac
!
crypto map VPN 10 ipsec-isakmp
 set peer {{peerAddr}}
 set transform-set TS-AES
 match address 150
!
interface GigabitEthernet0/0
 ip address {{addr}} 255.255.255.252
 crypto map VPN
!
interface GigabitEthernet0/1
 ip address {{lan}}.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 {{gw}}
access-list 150 permit ip {{lan}}.0 0.0.0.255 {{peerLan}}.0 0.0.0.255
`;

const ASA = `ASA Version 9.8(4)
!
hostname {{host}}
!
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address {{addr}} 255.255.255.252
!
interface GigabitEthernet0/1
 nameif inside
 security-level 100
 ip address {{lan}}.1 255.255.255.0
!
object network LOCAL-LAN
 subnet {{lan}}.0 255.255.255.0
object network REMOTE-LAN
 subnet {{peerLan}}.0 255.255.255.0
access-list VPN-ACL extended permit ip object LOCAL-LAN object REMOTE-LAN
nat (inside,outside) source static LOCAL-LAN LOCAL-LAN destination static REMOTE-LAN REMOTE-LAN no-proxy-arp route-lookup
route outside 0.0.0.0 0.0.0.0 {{gw}} 1
crypto ipsec ikev1 transform-set ESP-AES-256-SHA esp-aes-256 esp-sha-hmac
crypto map OUTSIDE-MAP 10 match address VPN-ACL
crypto map OUTSIDE-MAP 10 set peer {{peerAddr}}
crypto map OUTSIDE-MAP 10 set ikev1 transform-set ESP-AES-256-SHA
crypto map OUTSIDE-MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group {{group}}
 lifetime 86400
tunnel-group {{peerAddr}} type ipsec-l2l
tunnel-group {{peerAddr}} ipsec-attributes
 ikev1 pre-shared-key {{key}}
`;

const PIX = `PIX Version 6.3(5)
nameif ethernet0 outside security0
nameif ethernet1 inside security100
hostname {{host}}
access-list nonat permit ip {{lan}}.0 255.255.255.0 {{peerLan}}.0 255.255.255.0
access-list vpn permit ip {{lan}}.0 255.255.255.0 {{peerLan}}.0 255.255.255.0
ip address outside {{addr}} 255.255.255.252
ip address inside {{lan}}.1 255.255.255.0
nat (inside) 0 access-list nonat
route outside 0.0.0.0 0.0.0.0 {{gw}} 1
sysopt connection permit-ipsec
crypto ipsec transform-set l2lset esp-aes-256 esp-sha-hmac
crypto map mymap 10 ipsec-isakmp
crypto map mymap 10 match address vpn
crypto map mymap 10 set peer {{peerAddr}}
crypto map mymap 10 set transform-set l2lset
crypto map mymap interface outside
isakmp enable outside
isakmp key {{key}} address {{peerAddr}} netmask 255.255.255.255 no-xauth no-config-mode
isakmp identity address
isakmp policy 10 authentication pre-share
isakmp policy 10 encryption aes-256
isakmp policy 10 hash sha
isakmp policy 10 group {{group}}
isakmp policy 10 lifetime 86400
`;

export const SIDE_TEMPLATES: Record<TemplatePlatform, string> = { ios: IOS, asa: ASA, pix: PIX };

export interface SideSpec {
  platform: TemplatePlatform;
  /** IOS release written in the configuration: 12.x logs in the IOS 12 dialect. */
  version?: string;
}

export interface PairTemplate {
  name: string;
  a: SideSpec;
  b: SideSpec;
  /** Diffie-Hellman group both phase-1 policies use (PIX 6.3 knows none above 5). */
  group: number;
  /** How common this combination is in a generated fleet. */
  weight: number;
}

export const PAIR_TEMPLATES: readonly PairTemplate[] = [
  {
    name: 'ios15-ios15',
    a: { platform: 'ios', version: '15.4' },
    b: { platform: 'ios', version: '15.4' },
    group: 14,
    weight: 30,
  },
  {
    name: 'ios12-ios15',
    a: { platform: 'ios', version: '12.4' },
    b: { platform: 'ios', version: '15.4' },
    group: 14,
    weight: 15,
  },
  {
    name: 'ios-asa9',
    a: { platform: 'ios', version: '15.6' },
    b: { platform: 'asa' },
    group: 14,
    weight: 30,
  },
  { name: 'ios-pix63', a: { platform: 'ios', version: '12.3' }, b: { platform: 'pix' }, group: 5, weight: 5 },
  { name: 'asa-asa', a: { platform: 'asa' }, b: { platform: 'asa' }, group: 14, weight: 20 },
];

/** Fills a side's holes; `{{key}}` is left to the caller, so templates never hold a key. */
export function fillSide(
  text: string,
  spec: SideSpec,
  group: number,
  self: SideValues,
  peer: SideValues,
  key: string,
): string {
  const values: Record<string, string> = {
    version: spec.version ?? '',
    host: self.host,
    addr: self.addr,
    gw: self.gw,
    lan: self.lan,
    peerAddr: peer.addr,
    peerLan: peer.lan,
    group: String(group),
    key,
  };
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`template hole {{${name}}} has no value`);
    return v;
  });
}
