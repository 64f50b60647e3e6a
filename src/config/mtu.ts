/**
 * ESP/AH overhead and the MTU / MSS values that keep encrypted packets under the path MTU (the
 * note's "MTU Adjustment" section). Pure arithmetic over IPv4 headers without options; `lint`
 * calls it with a transform set and an interface MTU from a configuration.
 *
 * The packet on the wire (RFC 4303 §2, RFC 4301 §4.1): one IPv4 header (the new outer header in
 * tunnel mode, the packet's own in transport mode), [UDP 8 with NAT-T], [AH], ESP header, IV,
 * then the encrypted part (payload, padding, pad length, next header) aligned to the cipher's
 * block, then the ICV. Cisco's IPsec Overhead Calculator (IOS/IOS-XE padding) uses the same model.
 */

/** RFC 791: every IPv4 header without options; also the smallest MTU an IPv4 link may have is 68. */
const IPV4_HEADER = 20;
const IPV4_MIN_MTU = 68;
/** RFC 3948 §2.1: NAT-T puts ESP in a UDP datagram (port 4500), an 8-byte UDP header. */
const NAT_T_UDP = 8;
/** RFC 4303 §2.1, §2.2: SPI 4 + sequence number 4. */
const ESP_HEADER = 8;
/** RFC 4303 §2.4, §2.6: pad length 1 + next header 1. */
const ESP_TRAILER = 2;
/** RFC 4303 §2.4: without a cipher block, the trailer still ends on a 4-byte boundary. */
const WORD_ALIGNMENT = 4;
/** RFC 879 / RFC 6691: TCP MSS = IP MTU − 20 (IPv4 header) − 20 (TCP header). */
const TCP_IP_HEADERS = 40;
const DEFAULT_PATH_MTU = 1500;
const KEY_SIZES = [128, 192, 256] as const;

interface Cipher {
  kind: 'cipher';
  iv: number;
  /** Alignment of payload + padding + trailer: the cipher block, else 4. */
  block: number;
  /** Combined-mode ciphers carry their own ICV and take no separate ESP authentication. */
  icv?: number;
  keySizes?: readonly number[];
  /** IOS rejects the cipher without an ESP authentication transform. */
  needsAuth?: boolean;
}
interface EspAuth {
  kind: 'auth';
  icv: number;
}
interface Ah {
  kind: 'ah';
  /** Fixed header plus the ICV. */
  bytes: number;
}
type Transform = Cipher | EspAuth | Ah;

/** RFC 2410 §2: NULL encryption has no IV and a block size of 1. */
const ESP_NULL: Cipher = { kind: 'cipher', iv: 0, block: WORD_ALIGNMENT };

/** What each transform keyword adds, with the RFC each size comes from. */
const TRANSFORMS: Readonly<Record<string, Transform>> = {
  /** RFC 2405 §2, §5: DES-CBC, explicit 8-byte IV, 64-bit block. */
  'esp-des': { kind: 'cipher', iv: 8, block: 8 },
  /** RFC 2451 §2.3, §3: 3DES-CBC, 8-byte IV, 64-bit block. */
  'esp-3des': { kind: 'cipher', iv: 8, block: 8 },
  /** RFC 3602 §2.1, §3: AES-CBC, 16-byte IV, 128-bit block, whatever the key size. */
  'esp-aes': { kind: 'cipher', iv: 16, block: 16, keySizes: KEY_SIZES },
  /** RFC 4106 §3.1, §6: AES-GCM, 8-byte explicit IV, no block padding; Cisco uses the 16-byte ICV. */
  'esp-gcm': { kind: 'cipher', iv: 8, block: WORD_ALIGNMENT, icv: 16, keySizes: KEY_SIZES },
  /** RFC 4543 §3.1, §3.3: AES-GMAC (authentication only), 8-byte IV, 16-byte ICV. */
  'esp-gmac': { kind: 'cipher', iv: 8, block: WORD_ALIGNMENT, icv: 16, keySizes: KEY_SIZES },
  'esp-null': ESP_NULL,
  /**
   * Cisco SEAL: a stream cipher keyed by a 32-bit position (the sequence number serves), so no IV
   * is sent; Cisco's SEAL Encryption feature guide requires an authentication transform with it.
   */
  'esp-seal': { kind: 'cipher', iv: 0, block: WORD_ALIGNMENT, needsAuth: true },
  /** RFC 2403 §2: HMAC-MD5-96, 12-byte ICV. */
  'esp-md5-hmac': { kind: 'auth', icv: 12 },
  /** RFC 2404 §2: HMAC-SHA-1-96, 12-byte ICV. */
  'esp-sha-hmac': { kind: 'auth', icv: 12 },
  /** RFC 4868 §2.3: HMAC-SHA-256-128, 16-byte ICV. */
  'esp-sha256-hmac': { kind: 'auth', icv: 16 },
  /** RFC 4868 §2.3: HMAC-SHA-384-192, 24-byte ICV. */
  'esp-sha384-hmac': { kind: 'auth', icv: 24 },
  /** RFC 4868 §2.3: HMAC-SHA-512-256, 32-byte ICV. */
  'esp-sha512-hmac': { kind: 'auth', icv: 32 },
  /** ASA `esp-none`: no ESP authentication. */
  'esp-none': { kind: 'auth', icv: 0 },
  /** RFC 4302 §2: 12 fixed bytes + the 96-bit ICV of RFC 2403 / RFC 2404. */
  'ah-md5-hmac': { kind: 'ah', bytes: 24 },
  'ah-sha-hmac': { kind: 'ah', bytes: 24 },
};

/** ASA and the config model write the key size into the keyword: `esp-aes-256`. */
const JOINED_KEY_SIZE = /^(esp-(?:aes|gcm|gmac))-(\d+)$/;

/**
 * IOS `ip tcp adjust-mss` takes 500–1460 (IOS command reference); ASA `sysopt connection tcpmss`
 * takes 48 and up (ASA command reference).
 */
const MSS_LIMITS = {
  ios: { min: 500, max: 1460 },
  asa: { min: 48, max: 65535 },
} as const;
export type Platform = keyof typeof MSS_LIMITS;

/** A usage problem, as an i18n key under `mtu.error` and its placeholders. */
export class MtuError extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export interface MtuOptions {
  /** Default tunnel. */
  mode?: 'tunnel' | 'transport';
  natT?: boolean;
  /** Default 1500. */
  pathMtu?: number;
}

/** Bytes IPsec adds around one packet; `padding` varies with the packet, up to `paddingMax`. */
export interface Overhead {
  /** The transforms as recognised, key sizes written as IOS does (`esp-aes 256`). */
  transforms: string[];
  mode: 'tunnel' | 'transport';
  /** New outer IPv4 header (tunnel mode only). */
  outerIp: number;
  udp: number;
  /** AH header including its ICV. */
  ah: number;
  espHeader: number;
  iv: number;
  /** Alignment of the encrypted part (cipher block, or 4). */
  block: number;
  paddingMax: number;
  trailer: number;
  icv: number;
  /** Everything but the padding. */
  fixed: number;
  /** Worst case: fixed + paddingMax. */
  max: number;
}

export interface MssCommand {
  platform: Platform;
  /** The smallest value the platform accepts. */
  min: number;
  /** Undefined when the value is below what the platform accepts. */
  mss?: number;
}

export interface MtuAdvice {
  overhead: Overhead;
  natT: boolean;
  pathMtu: number;
  /** Largest IP packet (as the host sends it) whose encrypted form fits the path MTU. */
  largestPacket: number;
  /** Padding added to that packet. */
  padding: number;
  /** Its size once encrypted. */
  encapsulated: number;
  /** What a packet of path-MTU size becomes (over the MTU: it is fragmented or dropped). */
  fullSizeEncapsulated: number;
  /** `ip mtu` on the tunnel (VTI/GRE) or inside interface. */
  ipMtu: number;
  /** largestPacket − 40. */
  tcpMss: number;
  /** Per platform, the MSS value the device accepts (clamped to its range). */
  mss: MssCommand[];
  /** Configuration to paste, per platform. */
  commands: Record<Platform, string>;
}

interface Chosen<T extends Transform> {
  transform: T;
  /** As the user should read it back: `esp-aes 256`. */
  word: string;
}

interface Suite {
  cipher?: Chosen<Cipher>;
  auth?: Chosen<EspAuth>;
  ah?: Chosen<Ah>;
}

/** Valid transform words, for the usage error. */
export function validTransforms(): string {
  return Object.entries(TRANSFORMS)
    .map(([name, t]) => (t.kind === 'cipher' && t.keySizes ? `${name} [${t.keySizes.join('|')}]` : name))
    .join(', ');
}

/** Keeps a user's word printable and short in an error message. */
export function printable(word: string): string {
  const clean = word.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** Words of a transform set, in any order, at most one of each kind, as IOS accepts them. */
function parseSuite(input: string | readonly string[]): Suite {
  const tokens = (typeof input === 'string' ? [input] : input)
    .flatMap((s) => s.toLowerCase().split(/\s+/))
    .filter((s) => s !== '');
  if (tokens.length === 0) throw new MtuError('empty');
  const suite: Suite = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const joined = JOINED_KEY_SIZE.exec(token);
    const name = joined ? joined[1]! : token;
    const transform = TRANSFORMS[name];
    if (!transform) throw new MtuError('unknown', { word: printable(token), valid: validTransforms() });
    const sizes = transform.kind === 'cipher' ? transform.keySizes : undefined;
    let keySize = joined?.[2];
    if (keySize === undefined && sizes && /^\d+$/.test(tokens[i + 1] ?? '')) keySize = tokens[++i];
    if (keySize !== undefined && !sizes?.includes(Number(keySize)))
      throw new MtuError('unknown', { word: printable(`${name} ${keySize}`), valid: validTransforms() });
    const word = keySize === undefined ? name : `${name} ${keySize}`;
    const taken = suite[transform.kind];
    if (taken) throw new MtuError('twice', { word, other: taken.word });
    (suite as Record<Transform['kind'], Chosen<Transform>>)[transform.kind] = { transform, word };
  }
  const { cipher, auth } = suite;
  if (cipher?.transform.icv !== undefined && auth)
    throw new MtuError('combined', { word: cipher.word, other: auth.word });
  if (cipher?.transform.needsAuth && !auth?.transform.icv)
    throw new MtuError('needsAuth', { word: cipher.word });
  return suite;
}

/** The overhead of a transform set (`"esp-aes 256 esp-sha-hmac"` or the words as a list). */
export function espOverhead(transforms: string | readonly string[], options: MtuOptions = {}): Overhead {
  const { cipher, auth, ah } = parseSuite(transforms);
  const mode = options.mode ?? 'tunnel';
  // RFC 3948 encapsulates ESP only; AH authenticates the addresses NAT rewrites.
  if (options.natT && ah) throw new MtuError('ahNat');
  // An ESP transform set without a cipher (`esp-sha-hmac` alone) is ESP with NULL encryption.
  const esp = cipher || auth ? (cipher?.transform ?? ESP_NULL) : undefined;
  const block = esp ? esp.block : 1;
  const o = {
    transforms: [ah, cipher, auth].flatMap((c) => (c ? [c.word] : [])),
    mode,
    outerIp: mode === 'tunnel' ? IPV4_HEADER : 0,
    udp: options.natT ? NAT_T_UDP : 0,
    ah: ah?.transform.bytes ?? 0,
    espHeader: esp ? ESP_HEADER : 0,
    iv: esp?.iv ?? 0,
    block,
    paddingMax: block - 1,
    trailer: esp ? ESP_TRAILER : 0,
    icv: (cipher?.transform.icv ?? 0) + (auth?.transform.icv ?? 0),
  };
  const fixed = o.outerIp + o.udp + o.ah + o.espHeader + o.iv + o.trailer + o.icv;
  return { ...o, fixed, max: fixed + o.paddingMax };
}

/** Padding ESP adds to a packet of `packetBytes` (the whole IP packet as the host sent it). */
export function paddingFor(o: Overhead, packetBytes: number): number {
  const protectedBytes = o.mode === 'tunnel' ? packetBytes : packetBytes - IPV4_HEADER;
  const unaligned = protectedBytes + o.trailer;
  return (o.block - (unaligned % o.block)) % o.block;
}

/** Size on the wire of a packet of `packetBytes` once encrypted. */
export function encapsulatedSize(o: Overhead, packetBytes: number): number {
  return packetBytes + o.fixed + paddingFor(o, packetBytes);
}

/** The largest packet that crosses `pathMtu` unfragmented, and the commands that enforce it. */
export function mtuAdvice(transforms: string | readonly string[], options: MtuOptions = {}): MtuAdvice {
  const pathMtu = options.pathMtu ?? DEFAULT_PATH_MTU;
  if (!Number.isInteger(pathMtu) || pathMtu < IPV4_MIN_MTU || pathMtu > 65535)
    throw new MtuError('pathMtu', { value: printable(String(pathMtu)) });
  const overhead = espOverhead(transforms, options);
  // Exactly one IPv4 header sits outside the encrypted part in either mode (outer or original).
  const outsideEncrypted =
    IPV4_HEADER + overhead.udp + overhead.ah + overhead.espHeader + overhead.iv + overhead.icv;
  const encryptedRoom = pathMtu - outsideEncrypted;
  const encrypted = encryptedRoom - (((encryptedRoom % overhead.block) + overhead.block) % overhead.block);
  const protectedBytes = encrypted - overhead.trailer;
  const largestPacket = protectedBytes + (overhead.mode === 'tunnel' ? 0 : IPV4_HEADER);
  if (largestPacket < IPV4_MIN_MTU) throw new MtuError('tooSmall', { pathMtu, overhead: overhead.max });
  const tcpMss = largestPacket - TCP_IP_HEADERS;
  const mss = (Object.keys(MSS_LIMITS) as Platform[]).map((platform): MssCommand => {
    const { min, max } = MSS_LIMITS[platform];
    return tcpMss < min ? { platform, min } : { platform, min, mss: Math.min(tcpMss, max) };
  });
  const iosMss = mss.find((m) => m.platform === 'ios')?.mss;
  const asaMss = mss.find((m) => m.platform === 'asa')?.mss;
  return {
    overhead,
    natT: options.natT ?? false,
    pathMtu,
    largestPacket,
    padding: paddingFor(overhead, largestPacket),
    encapsulated: encapsulatedSize(overhead, largestPacket),
    fullSizeEncapsulated: encapsulatedSize(overhead, pathMtu),
    ipMtu: largestPacket,
    tcpMss,
    mss,
    commands: {
      ios: [
        'interface <tunnel-or-inside-interface>',
        ` ip mtu ${largestPacket}`,
        ...(iosMss === undefined ? [] : [` ip tcp adjust-mss ${iosMss}`]),
      ].join('\n'),
      asa: asaMss === undefined ? '' : `sysopt connection tcpmss ${asaMss}`,
    },
  };
}
