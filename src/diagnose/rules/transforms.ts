import { AH_BY_ID, ESP_BY_ID, HMAC_BY_ID, PROTOCOL } from '../../model/ipsec-doi.js';

const PROTOCOL_NAME: Record<number, string> = Object.fromEntries(
  Object.entries(PROTOCOL).map(([name, id]) => [id, name.toUpperCase()]),
);

export interface DecodedTransform {
  protocol: string;
  transformSet: string;
}

export function decodeTransform(prot?: number, trans?: number, hmac?: number): DecodedTransform | undefined {
  if (prot === undefined || trans === undefined) return undefined;
  const protocol = PROTOCOL_NAME[prot] ?? `protocol ${prot}`;
  if (prot === PROTOCOL.ah)
    return { protocol, transformSet: AH_BY_ID.get(trans)?.keyword ?? `ah-transform-${trans}` };
  if (prot === PROTOCOL.ipcomp) return { protocol, transformSet: 'comp-lzs' };
  const enc = ESP_BY_ID.get(trans)?.keyword ?? `esp-transform-${trans}`;
  const mac = hmac === undefined || hmac === 0 ? '' : (HMAC_BY_ID.get(hmac)?.keyword ?? `hmac-${hmac}`);
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
