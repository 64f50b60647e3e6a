/**
 * The numbers ISAKMP puts on the wire for what configurations name in words (RFC 2409
 * appendix A for phase 1, RFC 2407 §4.4–4.5 for IPsec), and back: the packets, the pcap and
 * IOS's `transform proposal (prot 3, trans 2, hmac_alg 2)` all use them.
 */
import {
  AH_BY_KEYWORD,
  ESP_BY_ID,
  ESP_BY_KEYWORD,
  HMAC_BY_ID,
  HMAC_BY_KEYWORD,
  PROTOCOL,
} from '../model/ipsec-doi.js';
import type { Attribute, PolicyAttributes, TransformPayload } from './trace.js';

/** Phase-1 attribute classes. */
export const IKE_ATTR = {
  encryption: 1,
  hash: 2,
  authentication: 3,
  group: 4,
  lifeType: 11,
  lifeDuration: 12,
  keyLength: 14,
} as const;

const IKE_ENCRYPTION: Record<string, [id: number, keyLength?: number]> = {
  des: [1],
  '3des': [5],
  aes: [7, 128],
  'aes-192': [7, 192],
  'aes-256': [7, 256],
};
const IKE_HASH: Record<string, number> = { md5: 1, sha: 2, sha256: 4, sha384: 5, sha512: 6 };
const IKE_AUTH: Record<string, number> = { 'pre-share': 1, 'rsa-sig': 3, 'rsa-encr': 4 };

/** The ISAKMP transform (KEY_IKE) that offers one phase-1 policy. */
export function ikeTransform(number: number, p: PolicyAttributes): TransformPayload {
  const [enc, keyLength] = IKE_ENCRYPTION[p.encryption] ?? [1];
  const attributes: Attribute[] = [
    { type: IKE_ATTR.encryption, value: enc },
    { type: IKE_ATTR.hash, value: IKE_HASH[p.hash] ?? 2 },
    { type: IKE_ATTR.authentication, value: IKE_AUTH[p.authentication] ?? 1 },
    { type: IKE_ATTR.group, value: p.group },
    { type: IKE_ATTR.lifeType, value: 1 },
    { type: IKE_ATTR.lifeDuration, value: p.lifetime },
  ];
  if (keyLength !== undefined) attributes.push({ type: IKE_ATTR.keyLength, value: keyLength });
  return { number, id: 1, attributes };
}

/** IPsec attribute classes. */
export const IPSEC_ATTR = {
  lifeType: 1,
  lifeDuration: 2,
  groupDescription: 3,
  encapsulation: 4,
  authentication: 5,
  keyLength: 6,
} as const;

/** Protocol ids in proposals and in IOS's `prot N`. */
export const PROTO = PROTOCOL;

/** `esp-aes 256` is parsed as `esp-aes-256`; IOS prints it `esp-256-aes`: the key length apart. */
function cipherOf(word: string): { id: number; keyLength?: number } | undefined {
  const m = /^esp-(?:(\d+)-aes|aes-(\d+))$/.exec(word);
  const bits = m ? Number(m[1] ?? m[2]) : undefined;
  const row = ESP_BY_KEYWORD.get(bits !== undefined ? 'esp-aes' : word);
  if (!row) return undefined;
  const keyLength = bits ?? (row.keyword === 'esp-aes' ? 128 : undefined);
  return { id: row.id, ...(keyLength !== undefined && { keyLength }) };
}

/** A transform set in DOI numbers: the ESP cipher and HMAC, or the AH transform. */
export interface TransformNumbers {
  prot: number;
  trans: number;
  hmac: number;
  keyLength?: number;
}

export function transformNumbers(transforms: readonly string[]): TransformNumbers {
  const ah = transforms.map((t) => AH_BY_KEYWORD.get(t)).find((x) => x !== undefined);
  const cipher = transforms.map(cipherOf).find((x) => x !== undefined);
  if (ah && !cipher) return { prot: PROTO.ah, trans: ah.id, hmac: ah.hmac };
  const hmac = transforms.map((t) => HMAC_BY_KEYWORD.get(t)?.id).find((x) => x !== undefined) ?? 0;
  const { id: trans, keyLength } = cipher ?? { id: 2 };
  return { prot: PROTO.esp, trans, hmac, ...(keyLength !== undefined && { keyLength }) };
}

/** The ESP (or AH) transform payload offering one transform set in quick mode. */
export function ipsecTransform(
  number: number,
  transforms: readonly string[],
  mode: 'tunnel' | 'transport',
  lifetimeSeconds: number,
  pfsGroup: number | undefined,
): TransformPayload {
  const n = transformNumbers(transforms);
  const attributes: Attribute[] = [
    { type: IPSEC_ATTR.lifeType, value: 1 },
    { type: IPSEC_ATTR.lifeDuration, value: lifetimeSeconds },
    { type: IPSEC_ATTR.encapsulation, value: mode === 'tunnel' ? 1 : 2 },
  ];
  if (n.hmac !== 0) attributes.push({ type: IPSEC_ATTR.authentication, value: n.hmac });
  if (n.keyLength !== undefined) attributes.push({ type: IPSEC_ATTR.keyLength, value: n.keyLength });
  if (pfsGroup !== undefined) attributes.push({ type: IPSEC_ATTR.groupDescription, value: pfsGroup });
  return { number, id: n.trans, attributes };
}

/** How IOS and PIX debugs name an ESP transform id and an authentication algorithm. */
export function espDebugName(id: number): string {
  return ESP_BY_ID.get(id)?.debug ?? `ESP_${id}`;
}

export function hmacDebugName(id: number): string | undefined {
  return HMAC_BY_ID.get(id)?.debug;
}

/** Bytes of a Diffie-Hellman public value per MODP group (RFC 2409, 3526). */
export function keBytes(group: number): number {
  return ({ 1: 96, 2: 128, 5: 192, 14: 256, 15: 384, 16: 512 } as Record<number, number>)[group] ?? 256;
}

export const NOTIFY = { NO_PROPOSAL_CHOSEN: 14, PAYLOAD_MALFORMED: 16, INVALID_ID_INFORMATION: 18 } as const;
