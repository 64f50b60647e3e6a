import { IPSEC_ATTR, espDebugName, hmacDebugName } from '../numbers.js';
import type {
  IkeMessage,
  PolicyAttributes,
  QuickModeRefusal,
  Step,
  Trace,
  TraceKind,
  TransformPayload,
} from '../trace.js';
import type { DialectWriter, SpeakerContext } from './dialect.js';
import { hex32, memoryOf, pointer, proxyText, syslogStamp } from './firewall.js';

/**
 * PIX 6.x `debug crypto isakmp` / `debug crypto ipsec`, as the technical note prints them: no
 * timestamps on debug lines, `crypto_isakmp_process_block:src:…, dest:… spt:500 dpt:500` and the
 * `OAK_…` exchange before each message read, `ISAKMP (0): …` (PIX does not number its SAs in the
 * tag), `return status is IKMP_…` after each, and `VPN Peer:` reference counts. Syslog messages
 * (`logging timestamp`) carry `Nov 24 2026 10:00:01: %PIX-6-602301: sa created, …`.
 */

const TAG = 'ISAKMP (0): ';
const OK = 'return status is IKMP_NO_ERROR';

/** `life duration (basic) of 28800` when it fits 16 bits, else its four bytes (`(VPI) of  0x0 0x1 0x51 0x80`). */
function duration(seconds: number): string {
  if (seconds <= 0xffff) return `(basic) of ${seconds}`;
  const b = [24, 16, 8, 0].map((s) => `0x${((seconds >>> s) & 0xff).toString(16)}`);
  return `(VPI) of  ${b.join(' ')}`;
}

const ENCRYPTION: Record<string, string> = {
  des: 'DES-CBC',
  '3des': '3DES-CBC',
  aes: 'AES-CBC',
  'aes-192': 'AES-CBC',
  'aes-256': 'AES-CBC',
};
const KEY_LENGTH: Record<string, number> = { aes: 128, 'aes-192': 192, 'aes-256': 256 };

function policyLines(p: PolicyAttributes): string[] {
  const keyLength = KEY_LENGTH[p.encryption];
  return [
    `encryption ${ENCRYPTION[p.encryption] ?? p.encryption.toUpperCase()}`,
    ...(keyLength !== undefined ? [`keylength of ${keyLength}`] : []),
    `hash ${p.hash.toUpperCase()}`,
    `default group ${p.group}`,
    `auth ${p.authentication}`,
    'life type in seconds',
    `life duration ${duration(p.lifetime)}`,
  ].map((a) => `ISAKMP:      ${a}`);
}

/** The attribute PIX names when it refuses an offer: the first that differs, in its order of checking. */
const MISMATCH_LINE: [attribute: string, line: string][] = [
  ['encryption', 'Encryption algorithm offered does not match policy!'],
  ['hash', 'Hash algorithm offered does not match policy!'],
  ['authentication', 'Authentication method offered does not match policy!'],
  ['group', 'Diffie-Hellman group offered does not match policy!'],
];

function firstMismatch(mismatched: readonly string[]): string[] {
  const first = MISMATCH_LINE.find(([a]) => mismatched.includes(a));
  return first ? [`${TAG}${first[1]}`] : [];
}

/** One ESP transform of a quick-mode SA payload, attribute by attribute as it arrived. */
function ipsecTransformLines(t: TransformPayload): string[] {
  const lines = [
    `ISAKMP: transform ${t.number}, ${espDebugName(t.id)}`,
    'ISAKMP:   attributes in transform:',
  ];
  for (const a of t.attributes) {
    if (a.type === IPSEC_ATTR.encapsulation) lines.push(`ISAKMP:      encaps is ${a.value}`);
    else if (a.type === IPSEC_ATTR.lifeType)
      lines.push(`ISAKMP:      SA life type in ${a.value === 1 ? 'seconds' : 'kilobytes'}`);
    else if (a.type === IPSEC_ATTR.lifeDuration)
      lines.push(`ISAKMP:      SA life duration ${duration(a.value)}`);
    else if (a.type === IPSEC_ATTR.authentication)
      lines.push(`ISAKMP:      authenticator is ${hmacDebugName(a.value) ?? a.value}`);
    else if (a.type === IPSEC_ATTR.keyLength) lines.push(`ISAKMP:      key length is ${a.value}`);
    else if (a.type === IPSEC_ATTR.groupDescription) lines.push(`ISAKMP:      group is ${a.value}`);
  }
  return lines;
}

function proposalLines(m: IkeMessage | undefined): string[] {
  const sa = m?.payloads.find((p) => p.type === 'SA');
  if (sa?.type !== 'SA') return [];
  return sa.proposals.flatMap((p) => [
    `ISAKMP : Checking IPSec proposal ${p.number}`,
    ...p.transforms.flatMap(ipsecTransformLines),
  ]);
}

const ID_TYPE: Record<number, string> = {
  1: 'ID_IPV4_ADDR',
  4: 'ID_IPV4_ADDR_SUBNET',
  7: 'ID_IPV4_ADDR_RANGE',
};

/** `ID_IPV4_ADDR_SUBNET src 10.2.2.0/255.255.255.0 prot 0 port 0`: the sender's networks are `src`. */
function idLines(m: IkeMessage): string[] {
  const ids = m.payloads.filter((p) => p.type === 'ID');
  return ids.flatMap((id, i) => {
    const range = id.idType === 4 ? `/${id.second}` : id.idType === 7 ? `-${id.second}` : '';
    return [
      `${TAG}processing ID payload. message ID = ${m.messageId}`,
      `${TAG}${ID_TYPE[id.idType]} ${i === 0 ? 'src' : 'dst'} ${id.address}${range} prot ${id.protocol} port ${id.port}`,
    ];
  });
}

/** What the vendor ids of main mode make PIX say about its peer. */
const VENDOR: Record<string, string> = {
  afcad71368a1f1c96b8696fc77570100: 'remote peer supports dead peer detection',
  '12f5f28c457168a9702d9fe274cc0100': 'speaking to another IOS box!',
  '09002689dfd6b712': 'received xauth v6 vendor id',
};

function payloadLines(m: IkeMessage): string[] {
  return m.payloads.flatMap((p) => {
    if (p.type === 'VID')
      return [`${TAG}processing vendor id payload`, ...(VENDOR[p.hex] ? [`${TAG}${VENDOR[p.hex]}`] : [])];
    if (p.type === 'ID') return [];
    return [`${TAG}processing ${p.type} payload. message ID = ${m.messageId}`];
  });
}

const EXCHANGE: Record<number, string> = {
  2: 'OAK_MM exchange',
  4: 'OAK_AG exchange',
  5: 'OAK_INFO exchange',
  32: 'OAK_QM exchange',
};

/** Reading a message: which block, which exchange, then what PIX says while it processes it. */
const READING: Partial<Record<Step, (m: IkeMessage) => string[]>> = {
  MM1: (m) => payloadLines(m).slice(0, 1),
  MM2: (m) => [
    ...payloadLines(m),
    `${TAG}SA is doing pre-shared key authentication using id type ID_IPV4_ADDR`,
  ],
  MM3: payloadLines,
  MM4: payloadLines,
  QM1: (m) => [
    'oakley_process_quick_mode:',
    'OAK_QM_IDLE',
    `${TAG}processing HASH payload. message ID = ${m.messageId}`,
    `${TAG}processing SA payload. message ID = ${m.messageId}`,
  ],
  QM2: (m) => [
    'oakley_process_quick_mode:',
    'OAK_QM_AUTH_AWAIT',
    `${TAG}processing HASH payload. message ID = ${m.messageId}`,
    `${TAG}processing SA payload. message ID = ${m.messageId}`,
    ...proposalLines(m),
    `${TAG}atts are acceptable.`,
    `${TAG}processing NONCE payload. message ID = ${m.messageId}`,
    ...idLines(m),
  ],
  QM3: (m) => [
    'oakley_process_quick_mode:',
    'OAK_QM_AUTH_AWAIT',
    `${TAG}processing HASH payload. message ID = ${m.messageId}`,
  ],
};

/** What PIX prints while it builds a message (most of main mode it builds silently). */
const BUILDING: Partial<Record<Step, (m: IkeMessage, ctx: SpeakerContext) => string[]>> = {
  MM5: () => [
    `${TAG}ID payload\n\tnext-payload : 8\n\ttype         : 1\n\tprotocol     : 17\n\tport         : 500\n\tlength       : 8`,
    `${TAG}Total payload length: 12`,
  ],
  MM6: () => [
    `${TAG}ID payload\n\tnext-payload : 8\n\ttype         : 1\n\tprotocol     : 17\n\tport         : 500\n\tlength       : 8`,
    `${TAG}Total payload length: 12`,
  ],
  QM1: (m) => [`${TAG}beginning Quick Mode exchange, M-ID of ${m.messageId}:${m.messageId.toString(16)}`],
  INFO: (m) => {
    const notify = m.payloads.find((p) => p.type === 'NOTIFY');
    return notify?.type === 'NOTIFY'
      ? [`${TAG}sending NOTIFY message ${notify.notify} protocol ${notify.protocol}`]
      : [];
  },
};

/** Replies are sent while the block that asked for them is processed: its status follows. */
const REPLY: ReadonlySet<Step> = new Set(['MM2', 'MM3', 'MM4', 'MM5', 'MM6', 'QM2', 'QM3']);

/** `(key eng. msg.)` as PIX's `debug crypto ipsec` writes the quick-mode proposal it validates. */
function proposalRequest(t: Extract<Trace, { kind: 'qm-proposal' }>): string {
  return [
    'IPSEC(validate_proposal_request): proposal part #1,',
    `  (key eng. msg.) dest= ${t.local}, src= ${t.peer}, `,
    `    dest_proxy= ${proxyText(t.proxies.local)} (type=${t.proxies.local.idType}),`,
    `    src_proxy= ${proxyText(t.proxies.remote)} (type=${t.proxies.remote.idType}),`,
    `    protocol= ESP, transform= ${t.transforms} , `,
    '    lifedur= 0s and 0kb, ',
    '    spi= 0x0(0), conn_id= 0, keysize= 0, flags= 0x4',
  ].join('\n');
}

/** Why PIX refuses quick mode, in its IPSEC(...) words (the note's, shared with IOS 12). */
function refusalLines(refusal: QuickModeRefusal): string[] {
  const refused = [`${TAG}IPSec policy invalidated proposal`, `${TAG}SA not acceptable!`];
  switch (refusal.reason) {
    case 'invalid-local-address':
      return [
        `IPSEC(validate_proposal): invalid local address ${refusal.address}`,
        `${TAG}atts not acceptable. Next payload is 0`,
        `${TAG}SA not acceptable!`,
      ];
    case 'peer-not-found':
      return [`IPSEC(validate_transform_proposal): peer address ${refusal.peer} not found`, ...refused];
    case 'proxy':
      return ['IPSEC(validate_transform_proposal): proxy identities not supported', ...refused];
    case 'transform': {
      const o = refusal.offered;
      return [
        `IPSEC(validate_proposal): transform proposal \n   (prot ${o.prot}, trans ${o.trans}, hmac_alg ${o.hmac}) not supported`,
        `${TAG}atts not acceptable. Next payload is 0`,
        `${TAG}SA not acceptable!`,
      ];
    }
    case 'pfs':
      return [
        `IPSEC(validate_proposal): PFS mismatch: offered ${refusal.offeredGroup !== undefined ? `group ${refusal.offeredGroup}` : 'no PFS'}, local policy requires group ${refusal.requiredGroup}`,
        ...refused,
      ];
  }
}

/** PIX counts what holds a peer: its ISAKMP SA, then each IPsec SA. */
function refCount(peer: string, holder: 'ISAKMP' | 'IPSEC', count: number): string {
  return `VPN Peer: ${holder}: Peer ip:${peer}/500 Ref cnt incremented to:${count} Total VPN Peers:1`;
}

/** PIX debug lines carry no time; `syslog` marks the few lines PIX logs through syslog. */
type PixLine = string | { syslog: string };

const TEXTS: { [K in TraceKind]: (t: Extract<Trace, { kind: K }>, ctx: SpeakerContext) => PixLine[] } = {
  begin: (t) =>
    t.mode === 'quick' ? [] : [`${TAG}beginning ${t.mode === 'main' ? 'Main' : 'Aggressive'} Mode exchange`],
  send: (t, ctx) => {
    const m = t.message;
    if (m.step === 'QM1') memoryOf(ctx).quickMode = m;
    const built = BUILDING[m.step]?.(m, ctx) ?? [];
    if (m.step === 'INFO') return [...built, 'return status is IKMP_ERR_NO_RETRANS'];
    return REPLY.has(m.step) ? [...built, OK] : built;
  },
  receive: (t, ctx) => {
    const m = t.message;
    if (m.step === 'QM1') memoryOf(ctx).quickMode = m;
    const head = [
      `crypto_isakmp_process_block:src:${m.src}, dest:${m.dst} spt:500 dpt:500`,
      EXCHANGE[m.exchange] ?? 'OAK_MM exchange',
    ];
    // MM5 and MM6 are processed once decrypted: `authenticated` or `bad-message` tells how it went.
    return [...head, ...(READING[m.step]?.(m) ?? [])];
  },
  retransmit: (t) => [`${TAG}retransmitting phase ${t.message.exchange === 32 ? 2 : 1} ${t.state}...`],
  'give-up': (t, ctx) =>
    t.phase === 1
      ? [
          `${TAG}deleting SA: src ${ctx.local}, dst ${t.peer}`,
          `ISADB: reaper checking SA 0x${pointer(ctx, 6)}, conn_id = 0  DELETE IT!`,
          `VPN Peer: ISAKMP: Peer ip:${t.peer}/500 Ref cnt decremented to:0 Total VPN Peers:1`,
          `VPN Peer: ISAKMP: Deleted peer: ip:${t.peer}/500 Total VPN peers:0`,
        ]
      : [
          `${TAG}deleting node ${memoryOf(ctx).quickMode?.messageId ?? 0} error TRUE reason "quick mode refused"`,
        ],
  state: () => [],
  'no-keys': (t) => [`ISAKMP: No cert, and no keys (public or pre-shared) with remote peer ${t.peer}`],
  'psk-found': () => [],
  'policy-check': (t) => [
    `${TAG}Checking ISAKMP transform ${t.transform} against priority ${t.priority} policy`,
    ...policyLines(t.offer),
    ...firstMismatch(t.mismatched),
    `${TAG}atts are ${t.mismatched.length === 0 ? '' : 'not '}acceptable. Next payload is ${t.mismatched.length === 0 ? 0 : 3}`,
  ],
  'policy-accepted': () => [],
  'policy-refused': () => [`${TAG}no offers accepted!`, `${TAG}SA not acceptable!`],
  'bad-message': () => [`${TAG}reserved not zero on payload 5!`, 'return status is IKMP_ERR_NO_RETRANS'],
  authenticated: () => [
    `${TAG}processing ID payload. message ID = 0`,
    `${TAG}processing HASH payload. message ID = 0`,
    `${TAG}SA has been authenticated`,
  ],
  'phase1-complete': (_t, ctx) => [
    `VPN Peer: ISAKMP: Added new peer: ip:${ctx.peer}/500 Total VPN Peers:1`,
    refCount(ctx.peer, 'ISAKMP', 1),
  ],
  'qm-proposal': (t, ctx) => {
    const qm = memoryOf(ctx).quickMode;
    const checked = proposalLines(qm);
    if (!t.transformAccepted) return checked;
    return [
      ...checked,
      `${TAG}atts are acceptable.`,
      proposalRequest(t),
      ...(qm ? [`${TAG}processing NONCE payload. message ID = ${qm.messageId}`, ...idLines(qm)] : []),
    ];
  },
  'qm-refused': (t) => refusalLines(t.refusal),
  'notify-received': (t) => [
    `${TAG}processing NOTIFY payload ${t.notify} protocol 1`,
    'return status is IKMP_NO_ERR_NO_TRANS',
  ],
  'spi-allocated': (t) => [
    'IPSEC(key_engine): got a queue event...',
    `IPSEC(spi_response): getting spi 0x${hex32(t.spi)}(${t.spi}) for SA \n        from ${t.from.padStart(15)} to ${t.to.padStart(15)} for prot 3`,
  ],
  'sa-created': (t) => {
    const sa = t.sa;
    const proxies = `(proxy ${sa.proxies.remote.address.padStart(15)} to ${sa.proxies.local.address.padStart(15)})`;
    const back = `(proxy ${sa.proxies.local.address.padStart(15)} to ${sa.proxies.remote.address.padStart(15)})`;
    const lifetimes = `        lifetime of ${sa.lifetimeSeconds} seconds\n        lifetime of ${sa.lifetimeKilobytes} kilobytes`;
    const created = (dest: string, spi: number, conn: number): PixLine => ({
      syslog: `%PIX-6-602301: sa created, (sa) sa_dest= ${dest}, sa_prot= 50, sa_spi= 0x${hex32(spi)}(${spi}), sa_trans= ${sa.transforms.join(' ')} , sa_conn_id= ${conn}`,
    });
    return [
      [
        `${TAG}Creating IPSec SAs`,
        `        inbound SA from ${sa.remoteAddress.padStart(15)} to ${sa.localAddress.padStart(15)} ${proxies}`,
        `        has spi ${sa.inboundSpi} and conn_id ${sa.connId} and flags 4`,
        lifetimes,
        `        outbound SA from ${sa.localAddress.padStart(15)} to ${sa.remoteAddress.padStart(15)} ${back}`,
        `        has spi ${sa.outboundSpi} and conn_id ${sa.connId + 1} and flags 4`,
        lifetimes,
      ].join('\n'),
      created(sa.localAddress, sa.inboundSpi, sa.connId),
      created(sa.remoteAddress, sa.outboundSpi, sa.connId + 1),
      refCount(sa.remoteAddress, 'IPSEC', 2),
      refCount(sa.remoteAddress, 'IPSEC', 3),
    ];
  },
  'phase2-complete': (_t, ctx) => (ctx.initiates ? [] : [OK]),
};

type Text = (t: Trace, ctx: SpeakerContext) => PixLine[];

export const pixWriter: DialectWriter = {
  dialect: 'pix',
  debugOn: (host) => [`${host}# debug crypto isakmp`, `${host}# debug crypto ipsec`],
  lines(trace, ctx) {
    return (TEXTS[trace.kind] as Text)(trace, ctx).map((l) =>
      typeof l === 'string' ? l : syslogStamp(ctx.start, trace.at) + l.syslog,
    );
  },
};
