import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAsa } from '../../../src/config/parse/asa.js';
import { readConfig } from '../../../src/config/parse/source.js';
import { SHARED } from '../../helpers.js';

const ROOT = join(SHARED, 'peers/ntc-templates/tests/cisco_asa');
const FRAGMENTS = readdirSync(ROOT)
  .filter((d) => d.startsWith('show_running-config_'))
  .flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.raw'))
      .map((f) => join(ROOT, d, f)),
  );
const parse = (p: string) => parseAsa(p, readConfig(p, readFileSync(p, 'utf8')));
const find = (suffix: string) => parse(FRAGMENTS.find((p) => p.endsWith(suffix)) ?? '');

describe('ntc-templates ASA show running-config fragments (peer test data)', () => {
  it('finds the fragments', () => {
    expect(FRAGMENTS.length).toBeGreaterThanOrEqual(7);
  });

  it.each(FRAGMENTS.map((p) => [p.slice(ROOT.length + 1), p]))('%s parses with no problem', (_n, p) => {
    expect(parse(p).problems.map((x) => `${x.ref.line}: ${x.ref.text} — ${x.reason}`)).toEqual([]);
  });

  it('crypto map: peers by name, PFS groups, IKEv1 transform sets, lifetimes, the interface', () => {
    const d = find('cisco_asa_show_running-config_crypto_map.raw');
    const [e20, e25] = d.cryptoMaps[0]?.entries ?? [];
    expect(e20).toMatchObject({
      map: 'Standard-1',
      seq: 20,
      kind: 'ipsec-isakmp',
      peers: ['Peer-1'],
      transformSets: ['Standard-Transform'],
      matchAddress: 'peer1',
      pfsGroup: 5,
      lifetimeSeconds: 28800,
    });
    expect(e20?.lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(e25).toMatchObject({ seq: 25, pfsGroup: 2, peers: ['Peer-2'] });
    expect(d.interfaces).toEqual([
      expect.objectContaining({
        name: 'outside',
        nameif: 'outside',
        cryptoMap: 'Standard-1',
        undeclared: true,
      }),
    ]);
  });

  it('all crypto map: both lifetimes on one line, the dynamic entry, a map on no interface', () => {
    const d = find('cisco_asa_show_running-config_all_crypto_map2.raw');
    const wan = d.cryptoMaps.find((m) => m.name === 'WAN1_CMAP');
    expect(wan?.entries.map((e) => e.seq)).toEqual([10, 20, 30, 40, 100, 65535]);
    expect(wan?.entries.find((e) => e.seq === 40)).toMatchObject({
      lifetimeSeconds: 3600,
      lifetimeKilobytes: 100000,
      transformSets: ['ESP-AES-256-SHA', 'ESP-AES-192-SHA'],
    });
    expect(wan?.entries.at(-1)).toMatchObject({ kind: 'dynamic', dynamicMap: 'SYSTEM_DEFAULT_CRYPTO_MAP' });
    expect(d.interfaces.map((i) => [i.nameif, i.cryptoMap])).toEqual([['WAN1', 'WAN1_CMAP']]);
    expect(d.cryptoMaps.find((m) => m.name === 'S2S_CMAP')?.entries).toHaveLength(5);
  });

  it('ikev1 policies: every field written, ASA words kept', () => {
    const d = find('cisco_asa_show_running-config_crypto_ikev1.raw');
    expect(d.ikePolicies).toHaveLength(12);
    expect(d.ikePolicies[0]).toMatchObject({
      priority: 5,
      encryption: 'aes-256',
      hash: 'sha',
      authentication: 'pre-share',
      group: 5,
      lifetime: 86400,
      defaulted: [],
    });
    expect(d.ikePolicies.map((p) => p.encryption)).toContain('aes-192');
  });

  it('transform sets: IKEv1 ones modelled, IKEv2 proposals counted as ignored', () => {
    const d = find('cisco_asa_show_running-config_ipsec.raw');
    expect(d.transformSets.map((t) => t.name)).toContain('AES-256_SHA');
    expect(d.transformSets.find((t) => t.name === 'AES-256_SHA')).toMatchObject({
      transforms: ['esp-aes-256', 'esp-sha-hmac'],
      mode: 'tunnel',
    });
    expect(d.transformSets).toHaveLength(10);
    // Four IKEv2 proposals and their six `protocol esp` lines.
    expect(d.ignoredLines).toBe(10);
  });

  it('tunnel-groups: L2L keys by peer address (already masked here), remote-access policy with the pool', () => {
    const d = find('cisco_asa_show_running-config_tunnel-group.raw');
    expect(d.keys.map((k) => [k.address, k.mask, k.container])).toEqual([
      ['10.15.20.25', '255.255.255.255', '10.15.20.25'],
      ['10.20.30.40', '255.255.255.255', '10.20.30.40'],
    ]);
    // The group policy is not in this fragment: the evidence is the tunnel-group that names it.
    expect(d.clientGroups).toEqual([
      expect.objectContaining({
        name: 'default_gpol',
        pool: 'vpn_pool',
        ref: expect.objectContaining({ line: 1 }),
      }),
    ]);
    expect(d.clientGroups[0]?.splitTunnelAcl).toBeUndefined();
  });
});
