/**
 * IPsec DOI numbers (RFC 2407) as IOS prints them in `transform proposal (prot 3, trans 2,
 * hmac_alg 2)`, decoded to the transform-set keywords an engineer types.
 */
const PROTOCOL: Record<number, string> = { 1: 'ISAKMP', 2: 'AH', 3: 'ESP', 4: 'IPCOMP' };
const ESP_TRANSFORM: Record<number, string> = {
  1: 'esp-des',
  2: 'esp-des',
  3: 'esp-3des',
  9: 'esp-des',
  11: 'esp-null',
  12: 'esp-aes',
  18: 'esp-gcm',
  20: 'esp-gcm',
};
const AH_TRANSFORM: Record<number, string> = { 2: 'ah-md5-hmac', 3: 'ah-sha-hmac', 5: 'ah-sha256-hmac' };
const HMAC: Record<number, string> = {
  0: '',
  1: 'esp-md5-hmac',
  2: 'esp-sha-hmac',
  5: 'esp-sha256-hmac',
  6: 'esp-sha384-hmac',
  7: 'esp-sha512-hmac',
};

export interface DecodedTransform {
  protocol: string;
  transformSet: string;
}

export function decodeTransform(prot?: number, trans?: number, hmac?: number): DecodedTransform | undefined {
  if (prot === undefined || trans === undefined) return undefined;
  const protocol = PROTOCOL[prot] ?? `protocol ${prot}`;
  if (prot === 2) return { protocol, transformSet: AH_TRANSFORM[trans] ?? `ah-transform-${trans}` };
  if (prot === 4) return { protocol, transformSet: 'comp-lzs' };
  const enc = ESP_TRANSFORM[trans] ?? `esp-transform-${trans}`;
  const mac = hmac !== undefined ? (HMAC[hmac] ?? `hmac-${hmac}`) : '';
  return { protocol, transformSet: [enc, mac].filter((x) => x !== '').join(' ') };
}

/** `10.1.1.1/255.255.255.0` → `10.1.1.0 0.0.0.255` (ACL wildcard form); a /32 → `host a`. */
export function aclTerm(
  proxy: string | undefined,
  form: 'wildcard' | 'mask' = 'wildcard',
): string | undefined {
  if (!proxy) return undefined;
  const [addr, mask] = proxy.split('/');
  if (!addr || !mask) return undefined;
  const a = addr.split('.').map(Number);
  const m = mask.split('.').map(Number);
  if (a.length !== 4 || m.length !== 4 || [...a, ...m].some((n) => !Number.isInteger(n) || n < 0 || n > 255))
    return undefined;
  if (mask === '255.255.255.255' || mask === '0.0.0.0') return `host ${addr}`;
  const net = a.map((o, i) => o & (m[i] ?? 0)).join('.');
  return form === 'mask' ? `${net} ${mask}` : `${net} ${m.map((o) => 255 - o).join('.')}`;
}
