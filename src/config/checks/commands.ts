import { aclWords } from '../parse/address.js';
import type { AclEntry, CryptoMapEntry, DeviceConfig, IkePolicy, Platform, TransformSet } from '../model.js';

/**
 * Configuration commands in each platform's own syntax, for the fixes findings propose. Secrets
 * are never filled in: a placeholder names where the key comes from.
 */
function isFirewall(d: DeviceConfig): boolean {
  return d.platform !== 'ios';
}

/** Crypto map entry sub-commands: IOS enters the entry; ASA/PIX repeat the entry on each line. */
export function mapEntryCommands(
  d: DeviceConfig,
  e: Pick<CryptoMapEntry, 'map' | 'seq' | 'vtiProfile'>,
  subs: string[],
): string {
  // A VTI's phase-2 settings live in its IPsec profile.
  if (e.vtiProfile !== undefined)
    return [`crypto ipsec profile ${e.vtiProfile}`, ...subs.map((s) => ` ${s}`)].join('\n');
  if (isFirewall(d)) return subs.map((s) => `crypto map ${e.map} ${e.seq} ${s}`).join('\n');
  return [`crypto map ${e.map} ${e.seq} ipsec-isakmp`, ...subs.map((s) => ` ${s}`)].join('\n');
}

export function transformSetKeyword(d: DeviceConfig): string {
  return d.platform === 'asa' ? 'ikev1 transform-set' : 'transform-set';
}

export function transformSetCommand(d: DeviceConfig, name: string, t: TransformSet): string {
  const words = t.transforms.map((x) => (d.platform === 'ios' ? x.replace(/^(esp-aes)-(\d+)$/, '$1 $2') : x));
  const head = d.platform === 'asa' ? 'crypto ipsec ikev1 transform-set' : 'crypto ipsec transform-set';
  return `${head} ${name} ${words.join(' ')}`;
}

type PolicyFields = Partial<Pick<IkePolicy, 'authentication' | 'encryption' | 'hash' | 'group' | 'lifetime'>>;

/**
 * An ISAKMP/IKEv1 policy in the platform's syntax, with the fields given (model words: `aes-256`
 * is written `encr aes 256` on IOS). Used for configuration checks and for log findings alike.
 */
export function policyLines(platform: Platform, priority: number, p: PolicyFields): string {
  const enc =
    p.encryption !== undefined && platform === 'ios'
      ? p.encryption.replace(/^aes-(\d+)$/, 'aes $1')
      : p.encryption;
  const fields: [string, string | number | undefined][] = [
    ['authentication', p.authentication],
    ['encryption', enc],
    ['hash', p.hash],
    ['group', p.group],
    ['lifetime', p.lifetime],
  ];
  const present = fields.filter(([, v]) => v !== undefined);
  if (platform === 'pix') return present.map(([k, v]) => `isakmp policy ${priority} ${k} ${v}`).join('\n');
  const head = platform === 'asa' ? `crypto ikev1 policy ${priority}` : `crypto isakmp policy ${priority}`;
  return [
    head,
    ...present.map(([k, v]) => ` ${platform === 'ios' && k === 'encryption' ? 'encr' : k} ${v}`),
  ].join('\n');
}

export function policyCommand(d: DeviceConfig, priority: number, p: IkePolicy): string {
  return policyLines(d.platform, priority, p);
}

/** A free policy priority just before the device's first one (or 10). */
export function freePriority(d: DeviceConfig): number {
  const used = new Set(d.ikePolicies.map((p) => p.priority));
  const first = d.ikePolicies.find((p) => !p.implicit)?.priority ?? 20;
  for (let n = Math.max(1, first - 1); n >= 1; n--) if (!used.has(n)) return n;
  for (let n = first + 1; n < 65500; n++) if (!used.has(n)) return n;
  return 1;
}

export function keyCommand(d: DeviceConfig, peer: string, placeholder: string): string {
  if (d.platform === 'asa')
    return [
      `tunnel-group ${peer} type ipsec-l2l`,
      `tunnel-group ${peer} ipsec-attributes`,
      ` ikev1 pre-shared-key ${placeholder}`,
    ].join('\n');
  if (d.platform === 'pix') return `isakmp key ${placeholder} address ${peer} netmask 255.255.255.255`;
  return `crypto isakmp key ${placeholder} address ${peer}`;
}

export function aclLine(
  d: DeviceConfig,
  acl: string,
  e: Pick<AclEntry, 'action' | 'src' | 'dst'> & { protocol?: number },
): string {
  const form = isFirewall(d) ? 'mask' : 'wildcard';
  const proto = e.protocol === undefined ? 'ip' : String(e.protocol);
  const body = `${e.action} ${proto} ${aclWords(e.src, form)} ${aclWords(e.dst, form)}`;
  if (d.platform === 'asa') return `access-list ${acl} extended ${body}`;
  if (d.platform === 'pix' || /^\d+$/.test(acl)) return `access-list ${acl} ${body}`;
  return `ip access-list extended ${acl}\n ${body}`;
}

export function applyMapCommand(
  d: DeviceConfig,
  map: string,
  itf: { name: string; nameif?: string },
): string {
  if (isFirewall(d)) return `crypto map ${map} interface ${itf.nameif ?? itf.name}`;
  return `interface ${itf.name}\n crypto map ${map}`;
}

export function enableIsakmpCommand(d: DeviceConfig, nameif: string): string {
  if (d.platform === 'pix') return `isakmp enable ${nameif}`;
  if (d.platform === 'asa') return `crypto ikev1 enable ${nameif}`;
  return 'crypto isakmp enable';
}
