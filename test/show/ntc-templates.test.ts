import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHARED } from '../helpers.js';
import { showEvents } from './harness.js';

/**
 * The peer parser's fixtures (ntc-templates, TextFSM): our records must carry the same facts as
 * its expected rows, field by field. TextFSM flattens one row per SA (IOS) or per entry with both
 * SAs (ASA); the comparison walks our nested records the same way.
 */
const TESTS = join(SHARED, 'peers/ntc-templates/tests');
type Row = Record<string, string>;

function fixture(dir: string, name: string): { raw: string; rows: Row[] } {
  const base = join(TESTS, dir, name);
  const rows = (parse(readFileSync(`${base}.yml`, 'utf8')) as { parsed_sample: Row[] }).parsed_sample;
  return { raw: readFileSync(`${base}.raw`, 'utf8'), rows };
}

const str = (v: unknown) => (v === undefined ? '' : String(v));
const isIp = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

describe('IOS show crypto ipsec sa detail (ntc-templates)', () => {
  for (const name of [
    'cisco_ios_show_crypto_ipsec_sa_detail',
    'cisco_ios_show_crypto_ipsec_sa_detail_2',
    'cisco_ios_show_crypto_ipsec_sa_detail_3',
  ]) {
    it(name, () => {
      const { raw, rows } = fixture('cisco_ios/show_crypto_ipsec_sa_detail', name);
      const ours: Row[] = [];
      for (const { entry: e } of showEvents(raw, 'show.ipsec-sa')) {
        for (const sa of e.sas.filter((s) => s.protocol === 'esp')) {
          ours.push({
            interface: str(e.interface),
            crypto_map_tag: str(e.cryptoMapTag),
            local_addr: str(e.localAddr),
            protected_vrf: str(e.protectedVrf),
            local_ident_addr: str(e.localIdent?.addr),
            local_ident_mask: str(e.localIdent?.mask),
            local_ident_prot: str(e.localIdent?.prot),
            local_ident_port: str(e.localIdent?.port),
            remote_ident_addr: str(e.remoteIdent?.addr),
            remote_ident_mask: str(e.remoteIdent?.mask),
            remote_ident_prot: str(e.remoteIdent?.prot),
            remote_ident_port: str(e.remoteIdent?.port),
            current_peer: str(e.currentPeer),
            port: str(e.peerPort),
            action: str(e.action),
            flags: str(e.flags),
            pkts_encaps: str(e.counters['encaps']),
            pkts_encrypt: str(e.counters['encrypt']),
            pkts_digest: str(e.counters['digest']),
            pkts_decaps: str(e.counters['decaps']),
            pkts_decrypt: str(e.counters['decrypt']),
            pkts_verify: str(e.counters['verify']),
            pkts_no_sa: str(e.counters['noSaSend']),
            pkts_invalid_sa: str(e.counters['invalidSaRcv']),
            pkts_verify_failed: str(e.counters['verifyFailed']),
            pkts_replay_failed: str(e.counters['replayFailedRcv']),
            local_crypto_endpt: str(e.localEndpoint),
            remote_crypto_endpt: str(e.remoteEndpoint),
            plaintext_mtu: str(e.plaintextMtu),
            path_mtu: str(e.pathMtu),
            ip_mtu: str(e.ipMtu),
            ip_mtu_idb: str(e.ipMtuIdb),
            current_outbound_spi_hex: str(e.currentOutboundSpi?.replace(/\(.*$/, '')),
            pfs: str(e.pfs),
            dh_group: str(e.dhGroup),
            sa_orientation: sa.direction,
            sa_type: sa.protocol,
            sa_spi_hex: sa.spiHex,
            sa_spi_dec: str(sa.spiDec),
            sa_transform: str(sa.transform),
            sa_in_use_settings: str(sa.settings),
            sa_conn_id: str(sa.connId),
            sa_flow_id: str(sa.flowId),
            sa_sibling_flags: str(sa.siblingFlags),
            sa_crypto_map: str(sa.cryptoMap),
            sa_lifetime_kbytes: str(sa.lifetimeKb),
            sa_lifetime_sec: str(sa.lifetimeSec),
            sa_iv_size: str(sa.ivSize).replace(/ bytes$/, ''),
            sa_replay_detection_support: str(sa.replayDetection),
            sa_replay_window_size: str(sa.replayWindow),
            sa_status: str(sa.status),
          });
        }
      }
      expect(ours).toHaveLength(rows.length);
      rows.forEach((row, i) => {
        for (const [k, v] of Object.entries(ours[i]!)) expect(v, `row ${i} ${k}`).toBe(row[k] ?? v);
      });
    });
  }
});

describe('ASA show crypto ipsec sa (ntc-templates)', () => {
  it('cisco_asa_show_crypto_ipsec_sa', () => {
    const { raw, rows } = fixture('cisco_asa/show_crypto_ipsec_sa', 'cisco_asa_show_crypto_ipsec_sa');
    const events = showEvents(raw, 'show.ipsec-sa');
    expect(events).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const e = events[i]!.entry;
      const inbound = e.sas.find((s) => s.direction === 'inbound')!;
      const outbound = e.sas.find((s) => s.direction === 'outbound')!;
      // ntc splits addresses and names (`REMOTE-PEER-8.8.4.4`) into two fields.
      const addrOrName = (v: string | undefined, field: string) =>
        expect(str(v), `${i} ${field}`).toBe(isIp(str(v)) ? row[field] : row[`${field}_name`]);
      const ours: Row = {
        interface: str(e.interface),
        crypto_map_tag: str(e.cryptoMapTag),
        sequence_number: str(e.seqNum),
        local_identity_addr: str(e.localIdent?.addr),
        local_identity_mask: str(e.localIdent?.mask),
        remote_identity_addr: str(e.remoteIdent?.addr),
        remote_identity_mask: str(e.remoteIdent?.mask),
        dynamic_peer: str(e.dynamicPeer),
        packets_encapsulated: str(e.counters['encaps']),
        packets_encrypted: str(e.counters['encrypt']),
        packets_digested: str(e.counters['digest']),
        packets_decapsulated: str(e.counters['decaps']),
        packets_decrypted: str(e.counters['decrypt']),
        packets_verified: str(e.counters['verify']),
        send_errors: str(e.counters['sendErrors']),
        receive_errors: str(e.counters['recvErrors']),
        path_mtu: str(e.pathMtu),
        ipsec_overhead: str(e.ipsecOverhead),
        media_mtu: str(e.mediaMtu),
        current_outbound_spi: str(e.currentOutboundSpi),
        current_inbound_spi: str(e.currentInboundSpi),
        inbound_spi_hex: inbound.spiHex,
        inbound_spi_integer: str(inbound.spiDec),
        inbound_crypto_map: str(inbound.cryptoMap),
        inbound_connection_id: str(inbound.connId),
        inbound_remaining_lifetime: str(inbound.lifetimeSec),
        inbound_iv_size: str(inbound.ivSize),
        inbound_replay_detection: str(inbound.replayDetection),
        outbound_spi_hex: outbound.spiHex,
        outbound_spi_integer: str(outbound.spiDec),
        outbound_remaining_lifetime: str(outbound.lifetimeSec),
      };
      for (const [k, v] of Object.entries(ours)) expect(v, `${i} ${k}`).toBe(row[k]);
      expect(
        `${inbound.transform}`.startsWith(`${row['inbound_encryption']} ${row['inbound_authentication']}`),
      ).toBe(true);
      expect(str(inbound.settings)).toBe(row['inbound_settings_in_use']);
      addrOrName(e.localAddr, 'local_address');
      addrOrName(e.currentPeer, 'current_peer');
      addrOrName(e.localEndpoint, 'local_crypto_endpoint');
      addrOrName(e.remoteEndpoint, 'remote_crypto_endpoint');
    });
  });
});

describe('ASA show crypto ikev1 sa detail (ntc-templates)', () => {
  it('cisco_asa_show_crypto_ikev1_sa_detail', () => {
    const { raw, rows } = fixture(
      'cisco_asa/show_crypto_ikev1_sa_detail',
      'cisco_asa_show_crypto_ikev1_sa_detail',
    );
    const events = showEvents(raw, 'show.isakmp-sa');
    expect(events.map((e) => e.row)).toEqual(
      rows.map((r) => ({
        platform: 'asa',
        sequence: r['sequence'],
        peer: r['peer'],
        type: r['type'],
        role: r['dir'],
        rekey: r['rekey'],
        state: r['state'],
        encryption: r['encryption'],
        hash: r['hash'],
        auth: r['authentication'],
        lifetime: r['lifetime'],
      })),
    );
  });
});

describe('ASA show asp table vpn-context detail (ntc-templates)', () => {
  it('cisco_asa_show_asp_table_vpn-context_detail', () => {
    const { raw, rows } = fixture(
      'cisco_asa/show_asp_table_vpn-context_detail',
      'cisco_asa_show_asp_table_vpn-context_detail',
    );
    const events = showEvents(raw, 'show.asp-vpn-context');
    const fields = [
      'vpnCtx',
      'peerIp',
      'pointer',
      'state',
      'flags',
      'sa',
      'spi',
      'group',
      'pkts',
      'badPkts',
      'badSpi',
      'spoof',
      'badCrypto',
      'rekeyPkt',
      'rekeyCall',
      'vpnFilter',
    ] as const;
    const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    expect(events).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      for (const f of fields) expect(str(events[i]!.context[f]), `${i} ${f}`).toBe(row[snake(f)]);
    });
  });
});

describe('IOS show crypto session detail (ntc-templates)', () => {
  for (const name of ['cisco_ios_show_crypto_session_detail', 'cisco_ios_show_crypto_session_detail_ikev2']) {
    it(name, () => {
      const { raw, rows } = fixture('cisco_ios/show_crypto_session_detail', name);
      const events = showEvents(raw, 'show.crypto-session');
      expect(events).toHaveLength(rows.length);
      rows.forEach((row, i) => {
        const s = events[i]!.session;
        // TextFSM keeps the last IKE SA line of a session; so do we here.
        const ike = s.ikeSas[s.ikeSas.length - 1]!;
        const flow = s.flows[s.flows.length - 1]!;
        const host = (v: string) => v.replace(/^host /, '').split('/')[0]!;
        const ours: Row = {
          interface: str(s.interface),
          profile: str(s.profile),
          uptime: str(s.uptime),
          session_status: s.status,
          peer: str(s.peer),
          port: str(s.peerPort),
          fvrf: str(s.fvrf),
          ivrf: str(s.ivrf),
          phase1_id: str(s.phase1Id),
          description: str(s.description),
          session_id: str(ike.sessionId),
          local_ip: ike.localIp,
          local_port: ike.localPort,
          remote_ip: ike.remoteIp,
          remote_port: ike.remotePort,
          ikev1_status: ike.status,
          capabilities: str(ike.capabilities),
          conn_id: str(ike.connId),
          lifetime: str(ike.lifetime),
          permit: flow.permit,
          src_host: host(flow.src),
          dst_host: host(flow.dst),
          active_sa: str(flow.activeSas),
          origin: str(flow.origin),
        };
        for (const [k, v] of Object.entries(ours)) expect(v, `${i} ${k}`).toBe(row[k]);
      });
    });
  }
});

describe('ASA show vpn-sessiondb detail l2l (ntc-templates)', () => {
  // Only the classic `IKE:`/`IPSec:` layout is compared field by field so far; the 9.x layouts
  // (`Tunnel ID`, `IKEv2 Tunnels:`, `IPsecOverNatT`) are parsed but ntc splits their IDs differently.
  for (const name of ['cisco_asa_show_vpn-sessiondb_detail_l2l']) {
    it(name, () => {
      const { raw, rows } = fixture('cisco_asa/show_vpn-sessiondb_detail_l2l', name);
      const subs = showEvents(raw, 'show.vpn-session-l2l').flatMap((e) =>
        e.session.subSessions.length > 0
          ? e.session.subSessions.map((sub) => ({ s: e.session, sub }))
          : [{ s: e.session, sub: { type: '', fields: {} as Record<string, string> } }],
      );
      // TextFSM emits one row per sub-session, and one row for a session without any.
      expect(subs).toHaveLength(rows.length);
      rows.forEach((row, i) => {
        const { s, sub } = subs[i]!;
        const f = sub.fields;
        expect(s.connection, `${i} connection`).toBe(row['connection']);
        expect(str(s.index), `${i} index`).toBe(row['index']);
        expect(str(s.ipAddr), `${i} ip`).toBe(row['ip_address']);
        expect(str(s.protocol), `${i} protocol`).toBe(row['protocol']);
        expect(str(s.bytesTx), `${i} bytes tx`).toBe(row['total_bytes_transmitted']);
        expect(str(s.bytesRx), `${i} bytes rx`).toBe(row['total_bytes_received']);
        if (row['total_ike_sessions']) expect(str(s.ikeSessions), `${i} ike`).toBe(row['total_ike_sessions']);
        if (row['total_ipsec_sessions'])
          expect(str(s.ipsecSessions), `${i} ipsec`).toBe(row['total_ipsec_sessions']);
        expect(sub.type.toLowerCase().replace('v1', '').replace('v2', ''), `${i} type`).toBe(
          row['connection_type']!.toLowerCase().replace('v1', '').replace('v2', ''),
        );
        expect(str(f['Session ID'] ?? f['Tunnel ID']), `${i} session id`).toBe(row['session_id'] ?? '');
        if (row['local_address_network'])
          expect(str(f['Local Addr']), `${i} local`).toBe(
            `${row['local_address_network']}/${row['local_address_mask']}`,
          );
        if (row['remote_address_network'])
          expect(str(f['Remote Addr']), `${i} remote`).toBe(
            `${row['remote_address_network']}/${row['remote_address_mask']}`,
          );
        if (row['pfs_group']) expect(str(f['PFS Group']), `${i} pfs`).toBe(row['pfs_group']);
        if (row['dh_group']) expect(str(f['D/H Group']), `${i} dh`).toBe(row['dh_group']);
        if (row['packets_transmitted'])
          expect(str(f['Pkts Tx']), `${i} pkts tx`).toBe(row['packets_transmitted']);
        if (row['bytes_received'])
          expect(str(f['Bytes Rx']), `${i} bytes rx sub`).toBe(row['bytes_received']);
      });
    });
  }
});

describe('ASA show vpn-sessiondb detail l2l, 9.x layouts: every session recognised with its peer', () => {
  for (const name of [
    'cisco_asa_show_vpn-sessiondb_detail_l2l2',
    'cisco_asa_show_vpn-sessiondb_detail_l2l4',
    'cisco_asa_show_vpn-sessiondb_detail_l2l_obj',
  ]) {
    it(name, () => {
      const { raw, rows } = fixture('cisco_asa/show_vpn-sessiondb_detail_l2l', name);
      const ours = new Set(showEvents(raw, 'show.vpn-session-l2l').map((e) => e.session.ipAddr));
      expect(ours).toEqual(new Set(rows.map((r) => r['ip_address'])));
    });
  }
});
