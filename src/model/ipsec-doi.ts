/**
 * The IPsec DOI numbers (RFC 2407 §4.4–4.5, RFC 4106) and the transform-set keywords and debug
 * names each stands for: one table read both ways — `diagnose` decodes IOS's `transform proposal
 * (prot 3, trans 2, hmac_alg 2)`, the simulator encodes transform sets into packets and debugs.
 */

/** Protocol ids in proposals and in IOS's `prot N`. */
export const PROTOCOL = { isakmp: 1, ah: 2, esp: 3, ipcomp: 4 } as const;

interface Row {
  id: number;
  /** The transform-set keyword an engineer types. */
  keyword: string;
  /** How IOS and PIX debugs name it (`ESP_3DES`, `HMAC-SHA`). */
  debug?: string;
}

/** ESP transform ids; the first row of an id is its keyword when decoding. */
export const ESP_CIPHERS: readonly Row[] = [
  { id: 2, keyword: 'esp-des', debug: 'ESP_DES' },
  { id: 1, keyword: 'esp-des' },
  { id: 9, keyword: 'esp-des' },
  { id: 3, keyword: 'esp-3des', debug: 'ESP_3DES' },
  { id: 11, keyword: 'esp-null', debug: 'ESP_NULL' },
  { id: 12, keyword: 'esp-aes', debug: 'ESP_AES' },
  { id: 18, keyword: 'esp-gcm' },
  { id: 20, keyword: 'esp-gcm' },
];

/** IPsec authentication algorithms (ESP HMACs; AH transforms carry the same numbers). */
export const HMACS: readonly Row[] = [
  { id: 1, keyword: 'esp-md5-hmac', debug: 'HMAC-MD5' },
  { id: 2, keyword: 'esp-sha-hmac', debug: 'HMAC-SHA' },
  { id: 5, keyword: 'esp-sha256-hmac', debug: 'HMAC-SHA256' },
  { id: 6, keyword: 'esp-sha384-hmac', debug: 'HMAC-SHA384' },
  { id: 7, keyword: 'esp-sha512-hmac', debug: 'HMAC-SHA512' },
];

/** AH transform ids, with the authentication algorithm each implies. */
export const AH_TRANSFORMS: readonly (Row & { hmac: number })[] = [
  { id: 2, keyword: 'ah-md5-hmac', hmac: 1 },
  { id: 3, keyword: 'ah-sha-hmac', hmac: 2 },
  { id: 5, keyword: 'ah-sha256-hmac', hmac: 5 },
];

function byId<R extends Row>(rows: readonly R[]): Map<number, R> {
  const out = new Map<number, R>();
  for (const r of rows) if (!out.has(r.id)) out.set(r.id, r);
  return out;
}

function byKeyword<R extends Row>(rows: readonly R[]): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of rows) if (!out.has(r.keyword)) out.set(r.keyword, r);
  return out;
}

export const ESP_BY_ID = byId(ESP_CIPHERS);
export const ESP_BY_KEYWORD = byKeyword(ESP_CIPHERS);
export const HMAC_BY_ID = byId(HMACS);
export const HMAC_BY_KEYWORD = byKeyword(HMACS);
export const AH_BY_ID = byId(AH_TRANSFORMS);
export const AH_BY_KEYWORD = byKeyword(AH_TRANSFORMS);
