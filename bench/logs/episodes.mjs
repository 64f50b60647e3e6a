/**
 * What a device says during one short episode (a negotiation, a syslog burst, a `show` command),
 * in the formats the README lists. Each writer returns lines; `t` is the episode's clock.
 */

const spi = (rng) => `0x${rng.hex(8).toUpperCase()}`;

/** Syslog as a collector stores it: RFC 3164 header, the device's sequence number and timestamp. */
function iosSyslog(device, t, text) {
  device.seq++;
  return `<189>${t.date} ${device.name} ${device.seq}: *${t.date}.${t.ms} UTC: ${text}`;
}

const asaSyslog = (device, t, level, id, text) =>
  `<${160 + level}>${t.date} ${device.name} : %ASA-${level}-${id}: ${text}`;

const debug = (t, text) => `*${t.date}.${t.ms}: ${text}`;

/**
 * A terminal session starts on a line of its own: the blank line keeps the prompt from reading as
 * the continuation of the syslog line before it (the classifier joins lower-case lines it does
 * not recognise to the previous message).
 */
const prompt = (device, command) => ['', `${device.name}#${command}`];

function p1Offer(t, conn, group) {
  return [
    debug(t, `ISAKMP:(${conn}):Checking ISAKMP transform 1 against priority 10 policy`),
    debug(t, 'ISAKMP:      encryption AES-CBC'),
    debug(t, 'ISAKMP:      keylength of 256'),
    debug(t, 'ISAKMP:      hash SHA256'),
    debug(t, `ISAKMP:      default group ${group}`),
    debug(t, 'ISAKMP:      auth pre-share'),
    debug(t, 'ISAKMP:      life type in seconds'),
    debug(t, 'ISAKMP:      life duration (VPI) of  0x0 0x1 0x51 0x80'),
  ];
}

function saCreated(t, dest, rng, conn) {
  const s = spi(rng);
  return [
    debug(t, 'IPSEC(create_sa): sa created,'),
    `  (sa) sa_dest= ${dest}, sa_proto= 50,`,
    `    sa_spi= ${s}(${parseInt(s, 16)}),`,
    `    sa_trans= esp-256-aes esp-sha256-hmac , sa_conn_id= ${conn}`,
  ];
}

/** The next IKE connection id of a device: a new SA's, never one a live SA of the device still has. */
function nextConn(device, pair) {
  device.conn = device.conn >= 32_767 ? 1001 : device.conn + 1;
  pair.conn = device.conn;
  return device.conn;
}

/** `debug crypto isakmp|ipsec` of one negotiation on an IOS-XE router, healthy or failing as the pair's fault says. */
function iosDebug(device, pair, t, rng) {
  const conn = nextConn(device, pair);
  const lines = [
    ...prompt(device, 'debug crypto isakmp'),
    debug(t, `ISAKMP (0): received packet from ${pair.peer} dport 500 sport 500 Global (R) MM_NO_STATE`),
    debug(t, `ISAKMP:(0):found peer pre-shared key matching ${pair.peer}`),
  ];
  switch (pair.fault) {
    case 'policy':
      return lines.concat(p1Offer(t, 0, 5), [
        debug(t, 'ISAKMP:(0):Diffie-Hellman group offered does not match policy!'),
        debug(t, 'ISAKMP:(0):atts are not acceptable. Next payload is 0'),
        debug(t, 'ISAKMP:(0):no offers accepted!'),
        debug(t, `ISAKMP:(0): phase 1 SA policy not acceptable! (local ${device.local} remote ${pair.peer})`),
        debug(t, `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with peer at ${pair.peer}`),
      ]);
    case 'psk':
      return lines.concat([
        debug(t, `ISAKMP (0): received packet from ${pair.peer} dport 500 sport 500 Global (R) MM_KEY_EXCH`),
        debug(
          t,
          `%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${pair.peer} failed its sanity check or is malformed`,
        ),
        debug(t, `ISAKMP:(${conn}): retransmitting phase 1 MM_KEY_EXCH...`),
      ]);
    default:
      break;
  }
  lines.push(
    ...p1Offer(t, 0, 14),
    debug(t, 'ISAKMP:(0):atts are acceptable. Next payload is 0'),
    debug(t, `ISAKMP:(${conn}):SA authentication status:`),
    '        authenticated',
    debug(t, `ISAKMP:(${conn}):SA has been authenticated with ${pair.peer}`),
    debug(t, `ISAKMP:(${conn}):Old State = IKE_R_MM5  New State = IKE_P1_COMPLETE`),
  );
  if (pair.fault === 'transform') {
    return lines.concat([
      debug(t, 'IPSEC(validate_proposal_request): proposal part #1'),
      debug(t, 'IPSEC(ipsec_process_proposal): transform proposal not supported for identity:'),
      `    {esp-3des esp-md5-hmac }`,
      debug(t, `ISAKMP:(${conn}): IPSec policy invalidated proposal with error 256`),
      debug(
        t,
        `ISAKMP:(${conn}): phase 2 SA policy not acceptable! (local ${device.local} remote ${pair.peer})`,
      ),
    ]);
  }
  if (pair.fault === 'proxy') {
    return lines.concat([
      debug(t, `IPSEC(validate_transform_proposal): proxy identities not supported`),
      debug(t, `ISAKMP:(${conn}): IPSec policy invalidated proposal with error 32`),
    ]);
  }
  return lines.concat(saCreated(t, device.local, rng, conn * 2), saCreated(t, pair.peer, rng, conn * 2 + 1));
}

const NOISE_IOS = [
  (n) => `%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0/${n % 4}, changed state to up`,
  (n) =>
    `%SEC-6-IPACCESSLOGP: list 101 denied tcp 10.${n % 200}.1.${n % 250}(${40000 + (n % 9999)}) -> 192.168.1.10(443), 1 packet`,
  () => '%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.5)',
  (n) => `%BGP-5-ADJCHANGE: neighbor 10.255.0.${n % 250} Up`,
];

/** A router's own syslog line about one of its peers, or about something else entirely. */
function iosSyslogLine(device, pair, t, rng) {
  const n = rng.int(1 << 30);
  if (rng.chance(0.4)) return [iosSyslog(device, t, rng.pick(NOISE_IOS)(n))];
  switch (pair.fault) {
    case 'replay':
      return [
        iosSyslog(
          device,
          t,
          `%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed connection id=${n % 50}, sequence number=${n % 100000}`,
        ),
      ];
    case 'invalid-spi':
      return [
        iosSyslog(
          device,
          t,
          `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=${device.local}, prot=50, spi=${spi(rng)}(0), srcaddr=${pair.peer}`,
        ),
      ];
    case 'psk':
      return [
        iosSyslog(
          device,
          t,
          `%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${pair.peer} failed its sanity check or is malformed`,
        ),
      ];
    default:
      return [
        iosSyslog(
          device,
          t,
          `%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer ${pair.peer}:500       Id: ${pair.peer}`,
        ),
      ];
  }
}

const NOISE_ASA = [
  (n) =>
    `Built inbound TCP connection ${n} for outside:198.18.${n % 250}.${n % 200}/443 (198.18.${n % 250}.${n % 200}/443) to inside:10.1.${n % 250}.5/${1024 + (n % 60000)} (10.1.${n % 250}.5/${1024 + (n % 60000)})`,
  (n) =>
    `Teardown TCP connection ${n} for outside:198.18.${n % 250}.7/443 to inside:10.1.1.5/${1024 + (n % 60000)} duration 0:00:${String(n % 60).padStart(2, '0')} bytes ${n % 99999} TCP FINs`,
];
const NOISE_ASA_IDS = [
  [6, '302013'],
  [6, '302014'],
];

/** An ASA's syslog about one of its peers (or its ordinary connection chatter). */
function asaSyslogLines(device, pair, t, rng) {
  const n = rng.int(1 << 30);
  if (rng.chance(0.4)) {
    const i = rng.int(NOISE_ASA.length);
    const [level, id] = NOISE_ASA_IDS[i];
    return [asaSyslog(device, t, level, id, NOISE_ASA[i](n))];
  }
  const who = `Group = ${pair.peer}, IP = ${pair.peer}`;
  switch (pair.fault) {
    case 'policy':
      return [
        asaSyslog(
          device,
          t,
          5,
          '713257',
          `${who}, Phase 1 failure:  Mismatched attribute types for class Group Description:  Rcv'd: Group 5  Cfg'd: Group 14`,
        ),
      ];
    case 'psk':
      return [
        asaSyslog(
          device,
          t,
          4,
          '713903',
          `${who}, ERROR, had problems decrypting packet, probably due to mismatched pre-shared key.  Aborting`,
        ),
      ];
    case 'transform':
      return [
        asaSyslog(device, t, 5, '713904', `${who}, All IPSec SA proposals found unacceptable!`),
        asaSyslog(
          device,
          t,
          3,
          '713902',
          `${who}, QM FSM error (P2 struct &0x00007f2b1c3d4e50, mess id 0x${rng.hex(8)})!`,
        ),
      ];
    case 'proxy':
      return [
        asaSyslog(
          device,
          t,
          3,
          '713061',
          `${who}, Rejecting IPSec tunnel: no matching crypto map entry for remote proxy ${pair.remoteNet}/255.255.255.0/0/0 local proxy ${pair.localNet}/255.255.255.0/0/0 on interface outside`,
        ),
      ];
    case 'invalid-spi':
      return [
        asaSyslog(
          device,
          t,
          4,
          '402101',
          `decaps: recd IPSEC packet has invalid spi for destaddr=${device.local}, prot=esp, spi=${spi(rng).toLowerCase()}`,
        ),
      ];
    default:
      return [
        asaSyslog(device, t, 5, '713119', `${who}, PHASE 1 COMPLETED`),
        asaSyslog(device, t, 5, '713120', `${who}, PHASE 2 COMPLETED (msgid=${rng.hex(8)})`),
      ];
  }
}

const IOS_STATE = { policy: 'MM_NO_STATE', psk: 'MM_KEY_EXCH' };

/** `show crypto isakmp sa` on an IOS-XE router: one row per peer. */
function iosShowIsakmp(device, _pair, _t) {
  const lines = [
    ...prompt(device, 'show crypto isakmp sa'),
    'IPv4 Crypto ISAKMP SA',
    'dst             src             state          conn-id status',
  ];
  for (const p of device.pairs) {
    const state = IOS_STATE[p.fault] ?? 'QM_IDLE';
    const conn = String(p.conn ?? nextConn(device, p));
    lines.push(
      `${device.local.padEnd(16)}${p.peer.padEnd(16)}${state.padEnd(15)}${conn.padStart(4)} ${state === 'QM_IDLE' ? 'ACTIVE' : 'ACTIVE'}`,
    );
  }
  lines.push('', `${device.name}#`);
  return lines;
}

/** `show crypto ipsec sa peer X` on an IOS-XE router; one-way pairs show encaps without decaps. */
function iosShowIpsec(device, pair, _t, rng) {
  const encaps = rng.int(1e6);
  const decaps = pair.fault === 'one-way' ? 0 : Math.max(0, encaps - rng.int(100));
  const inbound = spi(rng);
  const outbound = spi(rng);
  const sa = (s, conn) => [
    `      spi: ${s}(${parseInt(s, 16)})`,
    '        transform: esp-256-aes esp-sha256-hmac ,',
    '        in use settings ={Tunnel, }',
    `        conn id: ${conn}, flow_id: ESG:${conn}, sibling_flags FFFFFFFF80000048, crypto map: CMAP`,
    '        sa timing: remaining key lifetime (k/sec): (4607999/3380)',
    '        IV size: 16 bytes',
    '        replay detection support: Y  replay window size: 64',
    '        Status: ACTIVE(ACTIVE)',
    '',
  ];
  return [
    ...prompt(device, `show crypto ipsec sa peer ${pair.peer}`),
    '',
    'interface: GigabitEthernet0/0/0',
    `    Crypto map tag: CMAP, local addr ${device.local}`,
    '',
    '   protected vrf: (none)',
    `   local  ident (addr/mask/prot/port): (${pair.localNet}/255.255.255.0/0/0)`,
    `   remote ident (addr/mask/prot/port): (${pair.remoteNet}/255.255.255.0/0/0)`,
    `   current_peer ${pair.peer} port 500`,
    '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0',
    '    #send errors 0, #recv errors 0',
    '',
    `     local crypto endpt.: ${device.local}, remote crypto endpt.: ${pair.peer}`,
    '     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0/0',
    `     current outbound spi: ${outbound}(${parseInt(outbound, 16)})`,
    '     PFS (Y/N): N, DH group: none',
    '',
    '     inbound esp sas:',
    ...sa(inbound, 2001),
    '     outbound esp sas:',
    ...sa(outbound, 2002),
    `${device.name}#`,
  ];
}

/** Episode writers by platform, with relative weights (syslog dominates real collector files). */
export const EPISODES = {
  ios: [
    [iosSyslogLine, 60],
    [iosDebug, 8],
    [iosShowIpsec, 1],
    [iosShowIsakmp, 0.1],
  ],
  asa: [[asaSyslogLines, 1]],
};
