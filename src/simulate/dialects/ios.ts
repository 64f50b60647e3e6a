import { espDebugName, hmacDebugName, transformNumbers } from '../numbers.js';
import type { PolicyAttributes, Proxies, QuickModeRefusal, Trace, TraceKind } from '../trace.js';
import type { DialectWriter, SpeakerContext } from './dialect.js';
import { IOS_DEBUG, stampAt } from '../stamp.js';

/**
 * IOS `debug crypto isakmp` / `debug crypto ipsec` with `service timestamps debug datetime msec`:
 * 12.x as the technical note shows it (`ISAKMP (0:1): …`, `(key eng. msg.) dest= … src= …`),
 * 15.x / IOS-XE with its connection ids and state-machine lines (`ISAKMP:(1001):…`,
 * `INBOUND local= … remote= …`). One table of texts per trace kind, a column per release.
 */
type Release = 'ios12' | 'ios15';

/** `ISAKMP (0:1): ` in 12.x, `ISAKMP:(1001):` in 15.x (`(0)` before the SA has an id). */
function tag(r: Release, ctx: SpeakerContext, bound = true): string {
  if (r === 'ios12') return `ISAKMP (0:${bound ? ctx.connId : 0}): `;
  return `ISAKMP:(${bound ? 1000 + ctx.connId : 0}):`;
}

const ENCRYPTION: Record<string, [name: string, keyLength?: number]> = {
  des: ['DES-CBC'],
  '3des': ['3DES-CBC'],
  aes: ['AES-CBC', 128],
  'aes-192': ['AES-CBC', 192],
  'aes-256': ['AES-CBC', 256],
};
const HASH: Record<string, string> = {
  md5: 'MD5',
  sha: 'SHA',
  sha256: 'SHA256',
  sha384: 'SHA384',
  sha512: 'SHA512',
};
const AUTH: Record<string, string> = {
  'pre-share': 'pre-share',
  'rsa-sig': 'RSA sig',
  'rsa-encr': 'RSA encr',
};

/** Which attribute IOS names when it refuses an offer: the first that differs, in its order of checking. */
const MISMATCH_LINE: Record<string, string> = {
  encryption: 'Encryption algorithm offered does not match policy!',
  hash: 'Hash algorithm offered does not match policy!',
  authentication: 'Authentication method offered does not match policy!',
  group: 'Diffie-Hellman group offered does not match policy!',
};

/** IOS prints a duration that fits 16 bits as `(basic)`, a longer one as its four bytes (`(VPI)`). */
function duration(seconds: number): string {
  if (seconds <= 0xffff) return `(basic) of ${seconds}`;
  const b = [24, 16, 8, 0].map((s) => `0x${((seconds >>> s) & 0xff).toString(16)}`);
  return `(VPI) of  ${b.join(' ')}`;
}

function attributes(p: PolicyAttributes): string[] {
  const [enc, keyLength] = ENCRYPTION[p.encryption] ?? [p.encryption.toUpperCase()];
  return [
    `encryption ${enc}`,
    ...(keyLength !== undefined ? [`keylength of ${keyLength}`] : []),
    `hash ${HASH[p.hash] ?? p.hash.toUpperCase()}`,
    `default group ${p.group}`,
    `auth ${AUTH[p.authentication] ?? p.authentication}`,
    'life type in seconds',
    `life duration ${duration(p.lifetime)}`,
  ].map((a) => `ISAKMP:      ${a}`);
}

function proxy(id: Proxies['local']): string {
  const mask = id.idType === 1 ? '255.255.255.255' : (id.second ?? '255.255.255.255');
  return `${id.address}/${mask}/${id.protocol}/${id.port} (type=${id.idType})`;
}

function ipsecProposalLines(
  r: Release,
  ctx: SpeakerContext,
  transforms: string,
  pfsGroup?: number,
): string[] {
  const n = transformNumbers(transforms.split(' '));
  const hmac = hmacDebugName(n.hmac);
  const t = tag(r, ctx);
  return [
    `${t}Checking IPSec proposal 1`,
    `ISAKMP: transform 1, ${espDebugName(n.trans)}`,
    'ISAKMP:   attributes in transform:',
    'ISAKMP:      encaps is 1 (Tunnel)',
    'ISAKMP:      SA life type in seconds',
    'ISAKMP:      SA life duration (basic) of 3600',
    'ISAKMP:      SA life type in kilobytes',
    'ISAKMP:      SA life duration (VPI) of  0x0 0x46 0x50 0x0',
    ...(hmac ? [`ISAKMP:      authenticator is ${hmac}`] : []),
    ...(n.keyLength !== undefined ? [`ISAKMP:      key length is ${n.keyLength}`] : []),
    ...(pfsGroup !== undefined ? [`ISAKMP:      group is ${pfsGroup}`] : []),
  ];
}

/** `validate_proposal_request` as the responder reads QM1: 12.x names dest/src, 15.x local/remote. */
function proposalRequest(r: Release, local: string, peer: string, p: Proxies, transforms: string): string {
  const head =
    r === 'ios12'
      ? [`  (key eng. msg.) INBOUND local= ${local}, remote= ${peer},`]
      : [`  (key eng. msg.) INBOUND local= ${local}:0, remote= ${peer}:0,`];
  return [
    'IPSEC(validate_proposal_request): proposal part #1,',
    ...head,
    `    local_proxy= ${proxy(p.local)},`,
    `    remote_proxy= ${proxy(p.remote)},`,
    `    protocol= ESP, transform= ${transforms}  (Tunnel), `,
    '    lifedur= 0s and 0kb, ',
    '    spi= 0x0(0), conn_id= 0, keysize= 0, flags= 0x0',
  ].join('\n');
}

function refusalLines(r: Release, ctx: SpeakerContext, refusal: QuickModeRefusal): string[] {
  const t = tag(r, ctx);
  const notAcceptable =
    r === 'ios12'
      ? [`${t}SA not acceptable!`]
      : [`${t} phase 2 SA policy not acceptable! (local ${ctx.local} remote ${ctx.peer})`];
  const invalidated =
    r === 'ios12'
      ? 'ISAKMP: IPSec policy invalidated proposal'
      : `${t} IPSec policy invalidated proposal with error 256`;
  switch (refusal.reason) {
    case 'invalid-local-address':
      return [
        `IPSEC(validate_proposal): invalid local address ${refusal.address}`,
        `${t}atts not acceptable. Next payload is 0`,
        ...notAcceptable,
      ];
    case 'peer-not-found':
      return [
        `IPSEC(validate_transform_proposal): peer address ${refusal.peer} not found`,
        invalidated,
        ...notAcceptable,
      ];
    case 'proxy':
      return r === 'ios12'
        ? [
            'IPSEC(validate_transform_proposal): proxy identities not supported',
            invalidated,
            ...notAcceptable,
          ]
        : [
            'map_db_find_best did not find matching map',
            'IPSEC(ipsec_process_proposal): proxy identities not supported',
            invalidated,
            ...notAcceptable,
          ];
    case 'transform': {
      const o = refusal.offered;
      return [
        `IPSEC(validate_proposal): transform proposal (prot ${o.prot}, trans ${o.trans}, hmac_alg ${o.hmac}) not supported`,
        `${t}atts not acceptable. Next payload is 0`,
        ...notAcceptable,
      ];
    }
    case 'pfs':
      // IOS debugs show the offered `group is N` (or its absence) and refuse; this line names why.
      return [
        `IPSEC(ipsec_process_proposal): PFS mismatch: offered ${refusal.offeredGroup !== undefined ? `group ${refusal.offeredGroup}` : 'no PFS'}, local policy requires group ${refusal.requiredGroup}`,
        invalidated,
        ...notAcceptable,
      ];
  }
}

const PAYLOAD_NAME: Record<string, string> = {
  SA: 'SA',
  KE: 'KE',
  NONCE: 'NONCE',
  ID: 'ID',
  HASH: 'HASH',
  VID: 'vendor id',
};

/** The IOS 15 state machine's transition as each main-mode message leaves, by role. */
const FSM: Record<'I' | 'R', Partial<Record<string, [from: string, to: string]>>> = {
  I: {
    AM1: ['IKE_READY', 'IKE_I_AM1'],
    AM3: ['IKE_I_AM1', 'IKE_P1_COMPLETE'],
    MM1: ['IKE_READY', 'IKE_I_MM1'],
    MM3: ['IKE_I_MM2', 'IKE_I_MM3'],
    MM5: ['IKE_I_MM4', 'IKE_I_MM5'],
  },
  R: { AM2: ['IKE_READY', 'IKE_R_AM2'], MM2: ['IKE_R_MM1', 'IKE_R_MM2'], MM4: ['IKE_R_MM3', 'IKE_R_MM4'] },
};

/** Texts per trace kind; `role` is (I) or (R) as IOS marks its own part in the exchange. */
const TEXTS: {
  [K in TraceKind]: (
    t: Extract<Trace, { kind: K }>,
    ctx: SpeakerContext,
    r: Release,
    role: 'I' | 'R',
  ) => string[];
} = {
  begin: (t, ctx, r) =>
    t.mode === 'quick'
      ? [`${tag(r, ctx)}beginning Quick Mode exchange, M-ID of ${-(ctx.connId * 7919 + 1234567)}`]
      : r === 'ios12'
        ? [
            'ISAKMP: received ke message (1/1)',
            'ISAKMP: local port 500, remote port 500',
            `${tag(r, ctx)}beginning ${t.mode === 'aggressive' ? 'Aggressive' : 'Main'} Mode exchange`,
          ]
        : [
            `${tag(r, ctx, false)} SA request profile is (NULL)`,
            `ISAKMP: Created a peer struct for ${t.peer}, peer port 500`,
            'ISAKMP: local port 500, remote port 500',
            ...(t.mode === 'main'
              ? [`${tag(r, ctx, false)}Can not start Aggressive mode, trying Main mode.`]
              : []),
          ],
  send: (t, ctx, r, role) => {
    const m = t.message;
    const bound = !['MM1', 'MM2', 'AM1', 'AM2'].includes(m.step);
    const lines = [
      `${tag(r, ctx, r === 'ios12' || bound)} sending packet to ${ctx.peer} my_port 500 peer_port 500 (${role}) ${t.state}`,
    ];
    if (r === 'ios15') {
      lines.push(`${tag(r, ctx, bound)}Sending an IKE IPv4 Packet.`);
      const fsm = FSM[role][m.step];
      if (fsm) lines.push(`${tag(r, ctx, bound)}Old State = ${fsm[0]}  New State = ${fsm[1]}`);
    }
    if ((m.step === 'MM1' || m.step === 'AM1') && r === 'ios15')
      lines.unshift(
        `${tag(r, ctx, false)} beginning ${m.step === 'AM1' ? 'Aggressive' : 'Main'} Mode exchange`,
      );
    return lines;
  },
  receive: (t, ctx, r, role) => {
    const m = t.message;
    const bound = r === 'ios12' || !['MM1', 'MM2', 'AM1', 'AM2'].includes(m.step);
    const head = `${tag(r, ctx, bound)} received packet from ${ctx.peer} dport 500 sport 500 Global (${role}) ${t.state}`;
    if (m.encrypted || m.step === 'INFO') return [head];
    const lines = [head];
    for (const p of m.payloads) {
      const name = PAYLOAD_NAME[p.type];
      if (name) lines.push(`${tag(r, ctx, bound)} processing ${name} payload. message ID = ${m.messageId}`);
    }
    if (['MM3', 'MM4', 'AM1', 'AM2'].includes(m.step))
      lines.push(`${tag(r, ctx, bound)}SKEYID state generated`);
    return lines;
  },
  retransmit: (t, ctx, r, role) => {
    const phase = t.message.exchange === 32 ? 2 : 1;
    const counter =
      r === 'ios12'
        ? `ISAKMP (0:${ctx.connId}): incrementing error counter on sa: retransmit phase ${phase}`
        : `ISAKMP (${1000 + ctx.connId}): incrementing error counter on sa, attempt ${t.count} of 5: retransmit phase ${phase}`;
    return [
      `${tag(r, ctx)} retransmitting phase ${phase} ${t.state}...`,
      counter,
      `${tag(r, ctx)} retransmitting phase ${phase} ${t.state}`,
      `${tag(r, ctx)} sending packet to ${ctx.peer} my_port 500 peer_port 500 (${role}) ${t.state}`,
    ];
  },
  'give-up': (t, ctx, r, role) =>
    t.phase === 1
      ? [
          `${tag(r, ctx)}deleting SA reason "Death by retransmission P1" state (${role}) ${t.state} (peer ${t.peer})`,
        ]
      : [`${tag(r, ctx)}deleting node ${-(ctx.connId * 7919 + 1234567)} error TRUE reason "Delete Larval"`],
  state: (t, ctx, r) => (r === 'ios15' ? [`${tag(r, ctx)}Old State = ${t.from}  New State = ${t.to}`] : []),
  'no-keys': (t, ctx, r) => [
    `${r === 'ios12' ? 'ISAKMP: ' : tag(r, ctx, false)}No cert, and no keys (public or pre-shared) with remote peer ${t.peer}`,
  ],
  'psk-found': (t, ctx, r) => [`${tag(r, ctx, r === 'ios12')}found peer pre-shared key matching ${t.peer}`],
  'policy-check': (t, ctx, r) => {
    const first = (['encryption', 'hash', 'authentication', 'group'] as const).find((a) =>
      t.mismatched.includes(a),
    );
    const bound = r === 'ios12';
    return [
      `${tag(r, ctx, bound)}Checking ISAKMP transform ${t.transform} against priority ${t.priority} policy`,
      ...attributes(t.offer),
      ...(first ? [`${tag(r, ctx, bound)}${MISMATCH_LINE[first]}`] : []),
      `${tag(r, ctx, bound)}atts are ${t.mismatched.length === 0 ? '' : 'not '}acceptable. Next payload is ${t.mismatched.length === 0 ? 0 : 3}`,
    ];
  },
  'policy-accepted': () => [],
  'policy-refused': (t, ctx, r) =>
    r === 'ios12'
      ? [
          `${tag(r, ctx)}no offers accepted!`,
          `${tag(r, ctx)}SA not acceptable!`,
          `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at ${t.peer}`,
        ]
      : [
          `${tag(r, ctx, false)}no offers accepted!`,
          `${tag(r, ctx, false)} phase 1 SA policy not acceptable! (local ${ctx.local} remote ${t.peer})`,
          `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at ${t.peer}`,
        ],
  'bad-message': (t, ctx, r) => [
    ...(r === 'ios12' ? [`${tag(r, ctx)}reserved not zero on payload 5!`] : []),
    `%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${t.peer} failed its sanity check or is malformed`,
  ],
  authenticated: (t, ctx, r) => {
    // Main mode's proof travels encrypted in MM5/MM6: processed once the key decrypts it.
    const processed = t.via.startsWith('MM')
      ? [
          `${tag(r, ctx)}${r === 'ios12' ? '' : ' '}processing ID payload. message ID = 0`,
          `${tag(r, ctx)}${r === 'ios12' ? '' : ' '}processing HASH payload. message ID = 0`,
        ]
      : [];
    return r === 'ios12'
      ? [...processed, `${tag(r, ctx)}SA has been authenticated with ${t.peer}`]
      : [
          ...processed,
          `${tag(r, ctx)}SA authentication status:\n        authenticated`,
          `${tag(r, ctx)}SA has been authenticated with ${t.peer}`,
        ];
  },
  'phase1-complete': (t, ctx, r, role) =>
    r === 'ios12'
      ? []
      : [`${tag(r, ctx)}Old State = ${P1_FROM[t.via] ?? `IKE_${role}_MM5`}  New State = IKE_P1_COMPLETE`],
  'qm-proposal': (t, ctx, r) => {
    const id = -(ctx.connId * 7919 + 1234567);
    const head = [
      `${tag(r, ctx)}processing HASH payload. message ID = ${id}`,
      `${tag(r, ctx)}processing SA payload. message ID = ${id}`,
      ...ipsecProposalLines(r, ctx, t.transforms, t.pfsGroup),
    ];
    if (!t.transformAccepted) return head;
    return [
      ...head,
      `${tag(r, ctx)}atts are acceptable.`,
      proposalRequest(r, t.local, t.peer, t.proxies, t.transforms),
    ];
  },
  'qm-refused': (t, ctx, r) => refusalLines(r, ctx, t.refusal),
  'notify-received': (_t, ctx, r) => [`${tag(r, ctx)}processing NOTIFY NO_PROPOSAL_CHOSEN protocol 1`],
  'spi-allocated': (t) => [
    `IPSEC(spi_response): getting spi ${t.spi} for SA \n        from ${t.from} to ${t.to} for prot 3`,
  ],
  'sa-created': (t, ctx, r) => {
    const sa = t.sa;
    const hex = (n: number) => `0x${n.toString(16).toUpperCase()}(${n})`;
    const trans = sa.transforms.join(' ');
    const created = (dest: string, spi: number, conn: number) =>
      `IPSEC(create_sa): sa created,\n  (sa) sa_dest= ${dest}, sa_proto= 50, \n    sa_spi= ${hex(spi)},\n    sa_trans= ${trans} , sa_conn_id= ${conn}`;
    return [
      ...(r === 'ios15'
        ? [`IPSEC(key_engine): got a queue event with 1 KMI message(s)`]
        : ['IPSEC(key_engine): got a queue event...']),
      created(sa.localAddress, sa.inboundSpi, sa.connId),
      created(sa.remoteAddress, sa.outboundSpi, sa.connId + 1),
    ];
  },
  'phase2-complete': (_t, ctx, r) =>
    r === 'ios15' ? [`${tag(r, ctx)}Old State = IKE_QM_READY  New State = IKE_QM_PHASE2_COMPLETE`] : [],
};

/** The IOS 15 state phase 1 completes from, by the message that authenticated the peer. */
const P1_FROM: Partial<Record<string, string>> = {
  MM6: 'IKE_I_MM6',
  MM5: 'IKE_R_MM5',
  AM2: 'IKE_I_AM1',
  AM3: 'IKE_R_AM2',
};

type Text = (t: Trace, ctx: SpeakerContext, r: Release, role: 'I' | 'R') => string[];

function writer(release: Release): DialectWriter {
  return {
    dialect: release,
    debugOn: (host) => [
      `${host}#debug crypto isakmp`,
      'Crypto ISAKMP debugging is on',
      `${host}#debug crypto ipsec`,
      'Crypto IPSEC debugging is on',
    ],
    lines(trace, ctx) {
      const text = (TEXTS[trace.kind] as Text)(trace, ctx, release, ctx.initiates ? 'I' : 'R');
      const ts = stampAt(IOS_DEBUG, ctx.start, trace.at);
      return text.map((l) => ts + l);
    },
  };
}

export const ios12Writer = writer('ios12');
export const ios15Writer = writer('ios15');
