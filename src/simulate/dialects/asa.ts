import { PAYLOAD_NUMBER, encodeIsakmp } from '../pcap/isakmp.js';
import type {
  IdPayload,
  IkeMessage,
  PolicyAttributes,
  QuickModeRefusal,
  Step,
  Trace,
  TraceKind,
} from '../trace.js';
import type { DialectWriter, SpeakerContext } from './dialect.js';
import { debugStamp, hex32, memoryOf, pointer, proxyText, syslogStamp } from './firewall.js';

/**
 * ASA 8.x/9.x with `debug crypto ikev1 127`, `debug crypto ipsec 127` and informational syslog on
 * the console: `Nov 24 10:00:01 [IKEv1]: IP = 198.51.100.2, IKE_DECODE SENDING Message …`,
 * `Nov 24 2026 10:00:01: %ASA-5-713119: Group = 198.51.100.2, IP = 198.51.100.2, PHASE 1 COMPLETED`,
 * and the unstamped `IPSEC: …` blocks. Lines name the peer (`IP = `) and, once the tunnel group
 * is known (after the key exchange), the group too (an L2L group is named after its peer).
 */

/** Who a line speaks of: nobody, the peer's address, or the tunnel group and the address. */
type About = 'none' | 'ip' | 'group';

type AsaLine =
  | { via: 'IKEv1' | 'IKEv1 DEBUG' | 'IKEv1 DECODE'; about: About; text: string }
  | { via: 'syslog'; severity: number; id: number; about: About; text: string }
  /** `debug crypto ipsec` prints its blocks without a timestamp. */
  | { via: 'ipsec'; text: string };

const ike = (text: string, about: About = 'ip'): AsaLine => ({ via: 'IKEv1', about, text });
const dbg = (text: string, about: About = 'ip'): AsaLine => ({ via: 'IKEv1 DEBUG', about, text });
const decode = (text: string, about: About = 'group'): AsaLine => ({ via: 'IKEv1 DECODE', about, text });
const log = (severity: number, id: number, text: string, about: About = 'group'): AsaLine => ({
  via: 'syslog',
  severity,
  id,
  about,
  text,
});
const ipsec = (text: string): AsaLine => ({ via: 'ipsec', text });

const PAYLOAD_NAME: Record<string, string> = {
  SA: 'SA',
  KE: 'KE',
  ID: 'ID',
  HASH: 'HASH',
  NONCE: 'NONCE',
  NOTIFY: 'NOTIFY',
  DELETE: 'DELETE',
  VID: 'VENDOR',
};

/** Main-mode messages before the key exchange travel in clear and name no tunnel group yet. */
function aboutMessage(m: IkeMessage): About {
  return m.step === 'MM1' || m.step === 'MM2' || m.step === 'MM3' || m.step === 'MM4' || !m.encrypted
    ? 'ip'
    : 'group';
}

/** `IKE_DECODE SENDING Message (msgid=0) with payloads : HDR + SA (1) + VENDOR (13) + NONE (0) total length : 172` */
function decodeLine(verb: 'SENDING' | 'RESENDING' | 'RECEIVED', m: IkeMessage): AsaLine {
  const payloads = m.payloads.map((p) => `${PAYLOAD_NAME[p.type]} (${PAYLOAD_NUMBER[p.type]})`);
  const list = ['HDR', ...payloads, 'NONE (0)'].join(' + ');
  return ike(
    `IKE_DECODE ${verb} Message (msgid=${m.messageId.toString(16)}) with payloads : ${list} total length : ${encodeIsakmp(m).length}`,
    aboutMessage(m),
  );
}

function subnet(id: IdPayload): { address: string; mask: string } {
  return {
    address: id.address,
    mask: id.idType === 1 ? '255.255.255.255' : (id.second ?? '255.255.255.255'),
  };
}

/** `Transmitting Proxy Id:` as the sender of a quick-mode message words its two identities. */
function transmittedProxies(m: IkeMessage): AsaLine[] {
  const [local, remote] = m.payloads.filter((p): p is IdPayload => p.type === 'ID');
  if (!local || !remote) return [];
  const l = subnet(local);
  const r = subnet(remote);
  return [
    dbg('constructing proxy ID', 'group'),
    dbg(
      `Transmitting Proxy Id:\n  Local subnet:  ${l.address}  mask ${l.mask} Protocol ${local.protocol}  Port ${local.port}\n  Remote subnet: ${r.address}  Mask ${r.mask} Protocol ${remote.protocol}  Port ${remote.port}`,
      'group',
    ),
  ];
}

/** The proxies a responder reads in QM1: the initiator's own networks come first. */
function receivedProxies(m: IkeMessage): AsaLine[] {
  const ids = m.payloads.filter((p): p is IdPayload => p.type === 'ID');
  return ids.flatMap((id, i) => {
    const s = subnet(id);
    const kind = id.idType === 1 ? 'Host' : 'Subnet';
    const where = (i === 0) === (m.step === 'QM1') ? 'remote' : 'local';
    return [
      dbg('processing ID payload', 'group'),
      decode(
        id.idType === 1
          ? `ID_IPV4_ADDR ID received\n${s.address}`
          : `ID_IPV4_ADDR_SUBNET ID received--${s.address}--${s.mask}`,
      ),
      ike(
        `Received ${where} IP Proxy ${kind} data in ID Payload:   Address ${s.address}, Mask ${s.mask}, Protocol ${id.protocol}, Port ${id.port}`,
        'group',
      ),
    ];
  });
}

/** MM5/MM6: each side proves its identity the same way. */
function identityProof(): AsaLine[] {
  return [
    dbg('constructing ID payload', 'group'),
    dbg('constructing hash payload', 'group'),
    dbg('Computing hash for ISAKMP', 'group'),
    dbg('constructing dpd vid payload', 'group'),
  ];
}

/** QM1/QM2: the offer and the answer are built alike; only the last line says which. */
function quickModeOffer(m: IkeMessage, sending: string): AsaLine[] {
  return [
    dbg('oakley constucting quick mode', 'group'),
    dbg('constructing blank hash payload', 'group'),
    dbg('constructing IPSec SA payload', 'group'),
    dbg('constructing IPSec nonce payload', 'group'),
    ...transmittedProxies(m),
    dbg('constructing qm hash payload', 'group'),
    dbg(`${sending}: msg id = ${hex32(m.messageId)}`, 'group'),
  ];
}

/** What the ASA builds before each message it sends, in its own order. */
const CONSTRUCTING: Partial<Record<Step, (m: IkeMessage, ctx: SpeakerContext) => AsaLine[]>> = {
  MM1: () => [
    dbg('constructing ISAKMP SA payload'),
    dbg('constructing NAT-Traversal VID ver 02 payload'),
    dbg('constructing Fragmentation VID + extended capabilities payload'),
  ],
  MM2: () => [
    dbg('constructing ISAKMP SA payload'),
    dbg('constructing Fragmentation VID + extended capabilities payload'),
  ],
  MM3: () => [
    dbg('constructing ke payload'),
    dbg('constructing nonce payload'),
    dbg('constructing Cisco Unity VID payload'),
    dbg('constructing xauth V6 VID payload'),
    dbg('Send IOS VID'),
  ],
  MM4: (_m, ctx) => [
    ike(`Connection landed on tunnel_group ${ctx.peer}`),
    dbg('Generating keys for Responder...', 'group'),
    dbg('constructing ke payload'),
    dbg('constructing nonce payload'),
    dbg('constructing Cisco Unity VID payload'),
    dbg('constructing xauth V6 VID payload'),
  ],
  MM5: () => identityProof(),
  MM6: () => identityProof(),
  QM1: (m) => quickModeOffer(m, 'IKE Initiator sending 1st QM pkt'),
  QM2: (m) => quickModeOffer(m, 'IKE Responder sending 2nd QM pkt'),
  QM3: () => [dbg('oakley constructing final quick mode', 'group')],
  INFO: (m) =>
    m.encrypted
      ? [dbg('constructing blank hash payload', 'group'), dbg('constructing qm hash payload', 'group')]
      : [],
};

/** What the ASA says while it reads each message it could decrypt (MM5 and MM6 wait for the key check). */
const PROCESSING: Partial<Record<Step, (m: IkeMessage, ctx: SpeakerContext) => AsaLine[]>> = {
  MM1: () => [dbg('processing SA payload')],
  MM2: () => [
    dbg('processing SA payload'),
    dbg('Oakley proposal is acceptable'),
    dbg('processing VID payload'),
    dbg('Received Fragmentation VID'),
  ],
  MM3: () => [
    dbg('processing ke payload'),
    dbg('processing ISA_KE payload'),
    dbg('processing nonce payload'),
  ],
  MM4: (_m, ctx) => [
    dbg('processing ke payload'),
    dbg('processing ISA_KE payload'),
    dbg('processing nonce payload'),
    ike(`Connection landed on tunnel_group ${ctx.peer}`),
    dbg('Generating keys for Initiator...', 'group'),
  ],
  QM1: (m) => [
    dbg('processing hash payload', 'group'),
    dbg('processing SA payload', 'group'),
    dbg('processing nonce payload', 'group'),
    ...receivedProxies(m),
    dbg('QM IsRekeyed old sa not found by addr', 'group'),
  ],
  QM2: (m) => [
    dbg('processing hash payload', 'group'),
    dbg('processing SA payload', 'group'),
    dbg('processing nonce payload', 'group'),
    ...receivedProxies(m),
    dbg('loading all IPSEC SAs', 'group'),
    dbg('Generating Quick Mode Key!', 'group'),
    dbg('Generating Quick Mode Key!', 'group'),
  ],
  QM3: () => [
    dbg('processing hash payload', 'group'),
    dbg('loading all IPSEC SAs', 'group'),
    dbg('Generating Quick Mode Key!', 'group'),
    dbg('Generating Quick Mode Key!', 'group'),
  ],
  INFO: (m) =>
    m.encrypted ? [dbg('processing hash payload', 'group'), dbg('processing notify payload', 'group')] : [],
};

/** The class names and value spellings of 713257 (`Mismatched attribute types for class …`). */
const ATTRIBUTE_CLASS: Record<string, [name: string, value: (p: PolicyAttributes) => string]> = {
  encryption: ['Encryption Algorithm', (p) => p.encryption.toUpperCase()],
  hash: ['Hash Algorithm', (p) => p.hash.toUpperCase()],
  authentication: [
    'Authentication Method',
    (p) => (p.authentication === 'pre-share' ? 'Preshared Key' : 'RSA signature'),
  ],
  group: ['Group Description', (p) => `Group ${p.group}`],
  lifetime: ['Life Time', (p) => String(p.lifetime)],
};

/** The state machine's history as the ASA dumps it when an exchange dies, newest event first. */
function fsmHistory(ctx: SpeakerContext, exchange: 'MM' | 'QM', state: string, about: About): AsaLine {
  const role = ctx.initiates ? 'Initiator' : 'Responder';
  const waiting = state.startsWith(exchange) ? state : `${exchange}_WAIT_MSG2`;
  const start = `${exchange}_START`;
  return dbg(
    `IKE ${exchange} ${role} FSM error history (struct &0x${pointer(ctx, 1)})  <state>, <event>:  ${exchange}_DONE, EV_ERROR-->${waiting}, EV_RETRY-->${waiting}, EV_TIMEOUT-->${waiting}, NullEvent-->${start}, EV_START_${exchange}-->${start}`,
    about,
  );
}

/** The ASA forgets the peer: what it prints after any failed exchange. */
function forgetPeer(ctx: SpeakerContext, about: About): AsaLine[] {
  return [
    dbg(`IKE SA MM:${pointer(ctx, 2)} terminating:  flags 0x01000022, refcnt 0, tuncnt 0`, about),
    dbg('sending delete/delete with reason message', about),
    log(3, 713902, 'Removing peer from peer table failed, no match!', about),
    log(4, 713903, 'Error: Unable to remove PeerTblEntry', about),
  ];
}

function qmFsmError(ctx: SpeakerContext): AsaLine {
  const id = memoryOf(ctx).quickMode?.messageId ?? 0;
  return log(3, 713902, `QM FSM error (P2 struct &0x${pointer(ctx, 3)}, mess id 0x${hex32(id)})!`);
}

/**
 * A refused quick mode, as the ASA responder says it. The ASA has no message of its own for a
 * crypto map that is not on the interface IKE came in on, nor for a crypto map entry that names
 * another peer: it walks the maps of the arriving interface and rejects the proxies (713061).
 */
function refusalLines(ctx: SpeakerContext, refusal: QuickModeRefusal): AsaLine[] {
  const end = [qmFsmError(ctx), fsmHistory(ctx, 'QM', 'QM_WAIT_MSG1', 'group'), ...forgetPeer(ctx, 'group')];
  switch (refusal.reason) {
    case 'proxy':
    case 'peer-not-found':
    case 'invalid-local-address': {
      const memory = memoryOf(ctx).quickMode;
      const ids = memory?.payloads.filter((p): p is IdPayload => p.type === 'ID') ?? [];
      const proxies =
        refusal.reason === 'proxy'
          ? refusal.proxies
          : ids[0] && ids[1]
            ? { local: ids[1], remote: ids[0] }
            : undefined;
      const named = proxies
        ? `remote proxy ${proxyText(proxies.remote)} local proxy ${proxyText(proxies.local)}`
        : 'remote proxy N/A local proxy N/A';
      return [
        log(
          3,
          713061,
          `Rejecting IPSec tunnel: no matching crypto map entry for ${named} on interface outside`,
        ),
        ...end,
      ];
    }
    case 'transform':
      return [
        dbg('processing IPSec SA payload', 'group'),
        log(5, 713904, 'All IPSec SA proposals found unacceptable!'),
        ...end,
      ];
    case 'pfs':
      return [
        dbg('processing IPSec SA payload', 'group'),
        log(
          5,
          713257,
          `Phase 2 failure:  Mismatched attribute types for class Group Description:  Rcv'd: ${refusal.offeredGroup !== undefined ? `Group ${refusal.offeredGroup}` : 'None'}  Cfg'd: Group ${refusal.requiredGroup}`,
          'none',
        ),
        log(5, 713904, 'All IPSec SA proposals found unacceptable!'),
        ...end,
      ];
  }
}

function spi(n: number): string {
  return `0x${hex32(n)}`;
}

/** Syslog and `debug crypto ipsec` write SPIs in capitals. */
function SPI(n: number): string {
  return `0x${hex32(n).toUpperCase()}`;
}

const TEXTS: { [K in TraceKind]: (t: Extract<Trace, { kind: K }>, ctx: SpeakerContext) => AsaLine[] } = {
  begin: (t) =>
    t.mode === 'quick'
      ? [dbg('Oakley begin quick mode', 'group')]
      : [
          dbg('Pitcher: received a key acquire message, spi 0x0', 'none'),
          ike(
            `IKE Initiator: New Phase 1, Intf inside, IKE Peer ${t.peer}  local Proxy Address N/A, remote Proxy Address N/A,  Crypto map (N/A)`,
          ),
        ],
  send: (t, ctx) => {
    if (t.message.step === 'QM1' || t.message.step === 'QM2') memoryOf(ctx).quickMode = t.message;
    return [...(CONSTRUCTING[t.message.step]?.(t.message, ctx) ?? []), decodeLine('SENDING', t.message)];
  },
  receive: (t, ctx) => {
    const m = t.message;
    if (m.step === 'QM1') memoryOf(ctx).quickMode = m;
    // MM5 and MM6 are only decoded once decrypted: `authenticated` or `bad-message` tells which.
    if (m.step === 'MM5' || m.step === 'MM6') return [];
    return [decodeLine('RECEIVED', m), ...(PROCESSING[m.step]?.(m, ctx) ?? [])];
  },
  retransmit: (t) => [decodeLine('RESENDING', t.message)],
  'give-up': (t, ctx) => {
    if (t.phase === 2) return [fsmHistory(ctx, 'QM', 'QM_WAIT_MSG2', 'group')];
    // Before MM3 is answered the ASA has not looked the tunnel group up yet.
    const about = t.state === 'MM_WAIT_MSG2' || t.state === 'MM_WAIT_MSG4' ? 'ip' : 'group';
    return [fsmHistory(ctx, 'MM', t.state, about), ...forgetPeer(ctx, about)];
  },
  state: () => [],
  'no-keys': () => [
    ike("Can't find a valid tunnel group, aborting...!", 'group'),
    ike('Removing peer from peer table failed, no match!', 'group'),
    ike('Error: Unable to remove PeerTblEntry', 'group'),
  ],
  'psk-found': () => [],
  'policy-check': (t, ctx) => {
    memoryOf(ctx).lastCheck = {
      transform: t.transform,
      offer: t.offer,
      local: t.local,
      mismatched: t.mismatched,
    };
    return [];
  },
  'policy-accepted': (t, ctx) => [
    dbg(
      `IKE SA Proposal # 1, Transform # ${memoryOf(ctx).lastCheck?.transform ?? 1} acceptable  Matches global IKE entry # ${t.priority}`,
    ),
  ],
  'policy-refused': (_t, ctx) => {
    const last = memoryOf(ctx).lastCheck;
    const attribute = last?.mismatched.find((a) => ATTRIBUTE_CLASS[a] !== undefined);
    const failure =
      last && attribute
        ? [
            log(
              5,
              713257,
              `Phase 1 failure:  Mismatched attribute types for class ${ATTRIBUTE_CLASS[attribute]![0]}:  Rcv'd: ${ATTRIBUTE_CLASS[attribute]![1](last.offer)}  Cfg'd: ${ATTRIBUTE_CLASS[attribute]![1](last.local)}`,
              'none',
            ),
          ]
        : [];
    return [
      ...failure,
      dbg('All SA proposals found unacceptable'),
      ike('Error processing payload: Payload ID: 1'),
      fsmHistory(ctx, 'MM', 'MM_START', 'ip'),
      dbg(`IKE SA MM:${pointer(ctx, 2)} terminating:  flags 0x01000002, refcnt 0, tuncnt 0`),
      dbg('sending delete/delete with reason message'),
    ];
  },
  'bad-message': () => [
    ike('Received encrypted Oakley Main Mode packet with invalid payloads, MessID = 0'),
    ike('ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting'),
  ],
  authenticated: (t) => [
    dbg('processing ID payload', 'group'),
    decode(`ID_IPV4_ADDR ID received\n${t.peer}`),
    dbg('processing hash payload', 'group'),
    dbg('Computing hash for ISAKMP', 'group'),
    dbg('Processing IOS keep alive payload: proposal=32767/32767 sec.', 'group'),
    dbg('Received DPD VID', 'group'),
  ],
  'phase1-complete': (t, ctx) => {
    memoryOf(ctx).phase1Done = true;
    return [
      log(5, 713119, 'PHASE 1 COMPLETED'),
      ike('Keep-alive type for this connection: DPD'),
      ...(ctx.initiates
        ? [dbg(`Starting P1 rekey timer: ${Math.floor(t.lifetime * 0.95)} seconds.`, 'group')]
        : []),
    ];
  },
  'qm-proposal': () => [],
  'qm-refused': (t, ctx) => refusalLines(ctx, t.refusal),
  'notify-received': (t, ctx) => [
    log(
      5,
      713068,
      `Received non-routine Notify message: No proposal chosen (${t.notify})`,
      memoryOf(ctx).phase1Done ? 'group' : 'ip',
    ),
  ],
  'spi-allocated': (t, ctx) => [
    ...(ctx.initiates
      ? []
      : [
          dbg('processing IPSec SA payload', 'group'),
          dbg('IPSec SA Proposal # 1, Transform # 1 acceptable', 'group'),
          dbg('IKE: requesting SPI!', 'group'),
        ]),
    ipsec(
      `IPSEC: New embryonic SA created @ 0x${pointer(ctx, 4)},\n    SCB: 0x${pointer(ctx, 5)},\n    Direction: inbound\n    SPI      : ${SPI(t.spi)}\n    Session ID: 0x00004000\n    VPIF num  : 0x00000002\n    Tunnel type: l2l\n    Protocol   : esp\n    Lifetime   : 240 seconds`,
    ),
    dbg(`IKE got SPI from key engine: SPI = ${spi(t.spi)}`, 'group'),
  ],
  'sa-created': (t, ctx) => {
    const sa = t.sa;
    const created = (direction: 'inbound' | 'outbound', n: number) =>
      log(
        6,
        602303,
        `IPSEC: An ${direction} LAN-to-LAN SA (SPI= ${SPI(n)}) between ${sa.localAddress} and ${sa.remoteAddress} (user= ${ctx.peer}) has been created.`,
        'none',
      );
    return [
      log(
        5,
        713049,
        `Security negotiation complete for LAN-to-LAN Group (${ctx.peer})  ${ctx.initiates ? 'Initiator' : 'Responder'}, Inbound SPI = ${spi(sa.inboundSpi)}, Outbound SPI = ${spi(sa.outboundSpi)}`,
      ),
      dbg(`IKE got a KEY_ADD msg for SA: SPI = ${spi(sa.outboundSpi)}`, 'group'),
      created('outbound', sa.outboundSpi),
      dbg(`Pitcher: received KEY_UPDATE, spi ${spi(sa.inboundSpi)}`, 'none'),
      created('inbound', sa.inboundSpi),
    ];
  },
  'phase2-complete': (t, ctx) => [
    ...(ctx.initiates
      ? [dbg(`Starting P2 rekey timer: ${Math.floor(t.sa.lifetimeSeconds * 0.95)} seconds.`, 'group')]
      : []),
    log(5, 713120, `PHASE 2 COMPLETED (msgid=${hex32(memoryOf(ctx).quickMode?.messageId ?? 0)})`),
  ],
};

function context(about: About, peer: string): string {
  if (about === 'none') return '';
  return about === 'group' ? `Group = ${peer}, IP = ${peer}, ` : `IP = ${peer}, `;
}

function render(line: AsaLine, ctx: SpeakerContext, at: number): string {
  switch (line.via) {
    case 'ipsec':
      return line.text;
    case 'syslog':
      return `${syslogStamp(ctx.start, at)}%ASA-${line.severity}-${line.id}: ${context(line.about, ctx.peer)}${line.text}`;
    default:
      return `${debugStamp(ctx.start, at)}[${line.via}]: ${context(line.about, ctx.peer)}${line.text}`;
  }
}

type Text = (t: Trace, ctx: SpeakerContext) => AsaLine[];

export const asaWriter: DialectWriter = {
  dialect: 'asa',
  debugOn: (host) => [`${host}# debug crypto ikev1 127`, `${host}# debug crypto ipsec 127`],
  lines(trace, ctx) {
    return (TEXTS[trace.kind] as Text)(trace, ctx).map((l) => render(l, ctx, trace.at));
  },
};
