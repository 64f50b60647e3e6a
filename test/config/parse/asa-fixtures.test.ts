import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANY, fromUint, toUint, withMask } from '../../../src/config/parse/address.js';
import { check } from '../../../src/config/index.js';
import { parseAsa } from '../../../src/config/parse/asa.js';
import { detectPlatform } from '../../../src/config/parse/index.js';
import { readConfig } from '../../../src/config/parse/source.js';
import type { AddressMatch } from '../../../src/config/model.js';
import { FIXTURES } from '../../helpers.js';

const load = (name: string) => {
  const file = join(FIXTURES, 'config/asa', name);
  return { file, lines: readConfig(file, readFileSync(file, 'utf8')) };
};
const net = (a: string, m: string): AddressMatch => withMask(toUint(a) ?? -1, toUint(m) ?? -1);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('ASA 9.8 L2L hub with remote access (hq-asa9-hub.cfg)', () => {
  const { file, lines } = load('hq-asa9-hub.cfg');
  const text = readFileSync(file, 'utf8');
  const d = parseAsa(file, lines);

  it('is detected as ASA and parses with no problem', () => {
    expect(detectPlatform(lines)).toBe('asa');
    expect(d.problems).toEqual([]);
    expect(d).toMatchObject({ platform: 'asa', hostname: 'hq-asa', version: '9.8(4)' });
  });

  it('interfaces: nameif, address, MTU from `mtu IF`, the crypto map, a shutdown port', () => {
    expect(d.interfaces.find((i) => i.nameif === 'outside')).toMatchObject({
      name: 'GigabitEthernet1/1',
      address: '192.0.2.1',
      mask: '255.255.255.248',
      mtu: 1500,
      cryptoMap: 'OUTSIDE-MAP',
    });
    expect(d.interfaces.find((i) => i.name === 'GigabitEthernet1/3')).toMatchObject({ shutdown: true });
    expect(d.interfaces.find((i) => i.name === 'GigabitEthernet1/3')?.nameif).toBeUndefined();
    expect(d.isakmpEnabled).toEqual(['outside']);
    expect(d.sysoptPermitIpsec).toBe(true);
    expect(d.trustpoints).toEqual(['_SmartCallHome_ServerCA']);
  });

  it('IKEv1 policies in priority order, ASA defaults for the fields left out, no implicit policy', () => {
    expect(
      d.ikePolicies.map((p) => [p.priority, p.encryption, p.hash, p.authentication, p.group, p.lifetime]),
    ).toEqual([
      [10, 'aes-256', 'sha', 'pre-share', 5, 86400],
      [20, 'aes', 'sha', 'pre-share', 2, 28800],
      [30, '3des', 'sha', 'rsa-sig', 2, 86400],
    ]);
    expect(d.ikePolicies[2]?.defaulted).toEqual(['hash', 'authentication', 'group', 'lifetime']);
    expect(d.ikePolicies[0]?.ref.line).toBe(lineOf(text, 'crypto ikev1 policy 10'));
  });

  it('keys from L2L tunnel-groups only, evidence masked, the secret kept for comparison', () => {
    expect(d.keys.map((k) => [k.address, k.mask, k.container, k.secret])).toEqual([
      ['198.51.100.2', '255.255.255.255', '198.51.100.2', 'Br4nchA-s3cret!'],
      ['203.0.113.66', '255.255.255.255', '203.0.113.66', 'Br4nchB-s3cret?'],
      ['203.0.113.70', '255.255.255.255', '203.0.113.70', 'Br4nchB-s3cret?'],
      ['198.51.100.10', '255.255.255.255', '198.51.100.10', 'Br4nch82-s3cret'],
    ]);
    expect(d.keys[0]?.ref).toMatchObject({
      line: lineOf(text, 'Br4nchA-s3cret!'),
      text: ' ikev1 pre-shared-key *****',
    });
    const everything = JSON.stringify({ ...d, keys: [], acls: [...d.acls.values()] });
    for (const secret of ['Br4nchA-s3cret!', 'Br4nchB-s3cret?', 'Gr0up-K3y-RA'])
      expect(everything).not.toContain(secret);
  });

  it('transform sets (with transport mode), crypto map entries, the dynamic map, global lifetime', () => {
    expect(d.transformSets.find((t) => t.name === 'ESP-3DES-MD5-TRANSPORT')).toMatchObject({
      transforms: ['esp-3des', 'esp-md5-hmac'],
      mode: 'transport',
    });
    const [a, b, c, dyn] = d.cryptoMaps[0]?.entries ?? [];
    expect(a).toMatchObject({
      seq: 10,
      kind: 'ipsec-isakmp',
      peers: ['198.51.100.2'],
      transformSets: ['ESP-AES-256-SHA'],
      matchAddress: 'BRANCH-A-CRYPTO',
      pfsGroup: 14,
      lifetimeSeconds: 3600,
    });
    expect(a?.lifetimeKilobytes).toBeUndefined();
    expect(b).toMatchObject({
      seq: 20,
      peers: ['203.0.113.66', '203.0.113.70'],
      matchAddress: 'BRANCH-B-CRYPTO',
    });
    expect(b?.pfsGroup).toBeUndefined();
    expect(c).toMatchObject({ seq: 30, peers: ['198.51.100.10'], pfsGroup: 2 });
    expect(dyn).toMatchObject({ seq: 65535, kind: 'dynamic', dynamicMap: 'RA-DYN' });
    expect(d.dynamicMaps[0]?.entries[0]).toMatchObject({
      seq: 10,
      transformSets: ['ESP-AES-256-SHA', 'ESP-AES-128-SHA'],
    });
    expect(d.phase2Lifetime).toMatchObject({ seconds: 28800, kilobytes: 4608000 });
  });

  it('crypto ACLs from objects and nested object-groups, with masks', () => {
    expect(d.acls.get('BRANCH-A-CRYPTO')?.entries.map((e) => [e.src, e.dst])).toEqual([
      [net('10.10.0.0', '255.255.0.0'), net('172.16.1.0', '255.255.255.0')],
    ]);
    expect(d.acls.get('BRANCH-B-CRYPTO')?.entries.map((e) => e.dst)).toEqual([
      net('172.16.2.0', '255.255.255.0'),
      net('172.16.3.0', '255.255.255.128'),
    ]);
    expect(d.acls.get('SPLIT-RA')?.entries).toEqual([
      expect.objectContaining({ action: 'permit', src: net('10.10.0.0', '255.255.0.0'), dst: ANY }),
    ]);
  });

  it('interface ACLs: port groups, service groups, a range object, inactive and IPv6 lines', () => {
    const outside = d.acls.get('OUTSIDE-IN')?.entries ?? [];
    expect(outside.slice(0, 2).map((e) => [e.protocol, e.dst, e.dstPorts])).toEqual([
      [6, net('10.10.20.10', '255.255.255.255'), { lo: 80, hi: 80 }],
      [6, net('10.10.20.10', '255.255.255.255'), { lo: 443, hi: 443 }],
    ]);
    // MGMT (ssh, snmp, icmp) × VPN-REMOTES (5 networks) × HQ-LAN, then the final deny; the IPv6 line adds nothing.
    const mgmt = outside.filter((e) => e.ref.line === lineOf(text, 'permit object-group MGMT'));
    expect(mgmt).toHaveLength(15);
    expect(new Set(mgmt.map((e) => `${e.protocol}/${e.dstPorts?.lo ?? '-'}`))).toEqual(
      new Set(['6/22', '17/161', '1/-']),
    );
    expect(outside).toHaveLength(19);
    expect(outside.at(-1)).toMatchObject({ action: 'deny', src: ANY, dst: ANY });
    const inside = d.acls.get('INSIDE-IN')?.entries ?? [];
    // 10.10.20.1–10.10.20.62 is ten prefixes; the inactive line is skipped.
    expect(
      inside.slice(0, 10).map((e) => `${fromUint(e.src.addr)}/${32 - Math.log2(e.src.wildcard + 1)}`),
    ).toEqual([
      '10.10.20.1/32',
      '10.10.20.2/31',
      '10.10.20.4/30',
      '10.10.20.8/29',
      '10.10.20.16/28',
      '10.10.20.32/28',
      '10.10.20.48/29',
      '10.10.20.56/30',
      '10.10.20.60/31',
      '10.10.20.62/32',
    ]);
    expect(inside).toHaveLength(11);
  });

  it('NAT: the twice-NAT exemption first (as a synthetic ACL), then object static, then object PAT', () => {
    const exemptLine = lineOf(text, 'nat (inside,outside) source static HQ-LAN HQ-LAN');
    expect(d.nat.map((n) => [n.kind, n.acl, n.ref.line])).toEqual([
      ['exempt', `nat-exempt@${exemptLine}`, exemptLine],
      ['translate', `nat-translate@${lineOf(text, 'static 192.0.2.3')}`, lineOf(text, 'static 192.0.2.3')],
      ['translate', `nat-translate@${lineOf(text, 'dynamic interface')}`, lineOf(text, 'dynamic interface')],
    ]);
    const exempt = d.acls.get(`nat-exempt@${exemptLine}`)?.entries ?? [];
    expect(exempt.map((e) => e.dst)).toEqual([
      net('172.16.2.0', '255.255.255.0'),
      net('172.16.3.0', '255.255.255.128'),
      net('172.16.1.0', '255.255.255.0'),
      net('172.16.5.0', '255.255.255.0'),
      net('10.99.0.0', '255.255.255.0'),
    ]);
    expect(exempt.every((e) => e.src.addr === toUint('10.10.0.0'))).toBe(true);
    const webPat = d.acls.get(`nat-translate@${lineOf(text, 'static 192.0.2.3')}`)?.entries;
    expect(webPat).toEqual([
      expect.objectContaining({
        protocol: 6,
        src: net('10.10.20.10', '255.255.255.255'),
        srcPorts: { lo: 443, hi: 443 },
      }),
    ]);
  });

  it('routes, the pool, and the remote-access group policy with its split tunnel', () => {
    expect(d.routes.map((r) => [r.interface, r.network, r.mask, r.nextHop])).toEqual([
      ['outside', '0.0.0.0', '0.0.0.0', '192.0.2.6'],
      ['inside', '10.20.0.0', '255.255.0.0', '10.10.0.254'],
    ]);
    expect(d.pools).toEqual([
      expect.objectContaining({ name: 'RA-POOL', first: '10.99.0.1', last: '10.99.0.254' }),
    ]);
    expect(d.clientGroups).toEqual([
      expect.objectContaining({
        name: 'RA-USERS',
        splitTunnelAcl: 'SPLIT-RA',
        pool: 'RA-POOL',
        ref: expect.objectContaining({ line: lineOf(text, 'group-policy RA-USERS internal') }),
      }),
    ]);
  });

  it('counts the lines it does not model', () => {
    expect(d.ignoredLines).toBeGreaterThan(50);
    expect(d.ignoredLines).toBeLessThan(lines.length / 2);
  });
});

describe('ASA 8.2 branch (branch-asa82.cfg): the pre-8.3 forms', () => {
  const { file, lines } = load('branch-asa82.cfg');
  const d = parseAsa(file, lines);

  it('parses with no problem', () => {
    expect(detectPlatform(lines)).toBe('asa');
    expect(d.problems).toEqual([]);
    expect(d).toMatchObject({ hostname: 'branch-asa', version: '8.2(5)' });
  });

  it('crypto isakmp enable/policy, crypto ipsec transform-set, bare set pfs = group 2, names resolve', () => {
    expect(d.isakmpEnabled).toEqual(['outside']);
    expect(d.ikePolicies.map((p) => [p.priority, p.encryption, p.group])).toEqual([
      [10, 'aes-256', 5],
      [30, '3des', 2],
    ]);
    expect(d.transformSets.map((t) => t.name)).toEqual(['ESP-AES-256-SHA', 'ESP-3DES-SHA']);
    expect(d.cryptoMaps[0]?.entries[0]).toMatchObject({
      peers: ['192.0.2.1'],
      pfsGroup: 2,
      transformSets: ['ESP-AES-256-SHA', 'ESP-3DES-SHA'],
      lifetimeSeconds: 28800,
      lifetimeKilobytes: 4608000,
    });
    expect(d.dynamicMaps[0]?.entries[0]).toMatchObject({ pfsGroup: 2, transformSets: ['ESP-3DES-SHA'] });
    expect(d.interfaces.find((i) => i.nameif === 'outside')).toMatchObject({
      name: 'Vlan2',
      cryptoMap: 'outside_map',
    });
  });

  it('the key from `pre-shared-key` under ipsec-attributes', () => {
    expect(d.keys).toEqual([
      expect.objectContaining({ address: '192.0.2.1', mask: '255.255.255.255', secret: 'Br4nch82-s3cret' }),
    ]);
    expect(d.keys[0]?.ref.text).toBe(' pre-shared-key *****');
  });

  it('nat 0 access-list exempts, statics (identity = exempt) before dynamic PAT', () => {
    expect(
      d.nat.map((n) => [n.kind, n.acl ?? (n.src && `${fromUint(n.src.addr)}/${n.src.wildcard}`)]),
    ).toEqual([
      ['exempt', 'inside_nat0_outbound'],
      ['translate', '172.16.5.25/0'],
      ['exempt', '172.16.5.30/0'],
      ['translate', '0.0.0.0/4294967295'],
    ]);
    expect(d.acls.get('inside_nat0_outbound')?.entries).toHaveLength(2);
  });

  it('the remote-access policy has its split tunnel; the pool comes from the tunnel-group', () => {
    expect(d.clientGroups).toEqual([
      expect.objectContaining({ name: 'RA_GP', splitTunnelAcl: 'Split_ACL', pool: 'RA_POOL' }),
    ]);
    expect(d.acls.get('outside_access_in')?.entries.at(-1)).toMatchObject({
      protocol: 17,
      dstPorts: { lo: 5060, hi: 5061 },
    });
  });
});

describe('the ASA 8.2 branch is a spoke of the ASA 9 hub', () => {
  const hub = { name: 'hq-asa9-hub.cfg', text: readFileSync(load('hq-asa9-hub.cfg').file, 'utf8') };
  const branch = { name: 'branch-asa82.cfg', text: readFileSync(load('branch-asa82.cfg').file, 'utf8') };

  it('as written, the tunnel comes up', () => {
    const r = check(branch, hub);
    expect(r.outcome.established).toBe(true);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a different key on the hub is a PSK mismatch, shown without either key', () => {
    const r = check(branch, {
      ...hub,
      text: hub.text.replace('pre-shared-key Br4nch82-s3cret', 'pre-shared-key Other-k3y'),
    });
    expect(r.outcome.established).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain('PSK_MISMATCH');
    expect(JSON.stringify(r)).not.toMatch(/Br4nch82-s3cret|Other-k3y/);
  });

  it('no PFS on the hub entry while the branch demands group 2 is a PFS mismatch', () => {
    const r = check(branch, {
      ...hub,
      text: hub.text.replace('crypto map OUTSIDE-MAP 30 set pfs group2\n', ''),
    });
    expect(r.findings.map((f) => f.code)).toContain('PFS_MISMATCH');
  });
});
