import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANY, toUint, withMask } from '../../../src/config/parse/address.js';
import { detectPlatform } from '../../../src/config/parse/index.js';
import { parsePix } from '../../../src/config/parse/pix.js';
import { readConfig } from '../../../src/config/parse/source.js';
import type { AddressMatch } from '../../../src/config/model.js';
import { FIXTURES } from '../../helpers.js';

const file = join(FIXTURES, 'config/pix/pixfirewall-63.cfg');
const text = readFileSync(file, 'utf8');
const lines = readConfig(file, text);
const d = parsePix(file, lines);
const net = (a: string, m: string): AddressMatch => withMask(toUint(a) ?? -1, toUint(m) ?? -1);
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe("PIX 6.3 with a VPN Client group and an L2L peer (the seed's PIX examples)", () => {
  it('is detected as PIX and parses with no problem', () => {
    expect(detectPlatform(lines)).toBe('pix');
    expect(d.problems).toEqual([]);
    expect(d).toMatchObject({ platform: 'pix', hostname: 'pixfirewall', version: '6.3(5)' });
  });

  it('interfaces from `interface`, `nameif`, `ip address IF`, `mtu IF`; the crypto map on outside', () => {
    expect(
      d.interfaces.map((i) => [i.name, i.nameif, i.address, i.mask, i.mtu, i.cryptoMap, i.shutdown]),
    ).toEqual([
      ['ethernet0', 'outside', '12.1.1.1', '255.255.255.0', 1500, 'mymap', undefined],
      ['ethernet1', 'inside', '10.1.1.1', '255.255.255.240', 1500, undefined, undefined],
      ['ethernet2', 'intf2', undefined, undefined, 1500, undefined, true],
    ]);
    expect(d.isakmpEnabled).toEqual(['outside']);
    expect(d.trustpoints).toEqual(['myca']);
  });

  it('one-line isakmp policies with PIX defaults, then the default protection suite 65535', () => {
    expect(
      d.ikePolicies.map((p) => [p.priority, p.encryption, p.hash, p.authentication, p.group, p.lifetime]),
    ).toEqual([
      [10, '3des', 'md5', 'pre-share', 2, 86400],
      [20, 'aes-256', 'sha', 'pre-share', 5, 86400],
      [65535, 'des', 'sha', 'rsa-sig', 1, 86400],
    ]);
    expect(d.ikePolicies[1]?.defaulted).toEqual(['lifetime']);
    expect(d.ikePolicies[2]?.implicit).toBe(true);
  });

  it('`isakmp key … netmask`: secret kept, evidence masked', () => {
    expect(d.keys).toEqual([
      expect.objectContaining({ address: '12.1.1.3', mask: '255.255.255.255', secret: 'L2Lp1x-k3y' }),
    ]);
    expect(d.keys[0]?.ref.text).not.toContain('L2Lp1x-k3y');
    expect(d.keys[0]?.ref.line).toBe(lineOf('isakmp key'));
  });

  it('crypto map: L2L entry (peer by name), dynamic entry, client configuration; transform sets', () => {
    const [l2l, dyn] = d.cryptoMaps[0]?.entries ?? [];
    expect(l2l).toMatchObject({
      seq: 10,
      kind: 'ipsec-isakmp',
      peers: ['12.1.1.3'],
      matchAddress: '120',
      transformSets: ['l2lset'],
      pfsGroup: 2,
      lifetimeSeconds: 3600,
      lifetimeKilobytes: 4608000,
      ref: expect.objectContaining({ line: lineOf('crypto map mymap 10 ipsec-isakmp') }),
    });
    expect(l2l?.lines).toHaveLength(6);
    expect(dyn).toMatchObject({ seq: 20, kind: 'dynamic', dynamicMap: 'dynmap' });
    expect(d.cryptoMaps[0]?.clientConfiguration?.line).toBe(lineOf('client configuration address'));
    expect(d.dynamicMaps[0]?.entries[0]?.transformSets).toEqual(['myset']);
    expect(d.transformSets.map((t) => [t.name, t.transforms.join(' '), t.mode])).toEqual([
      ['myset', 'esp-3des esp-md5-hmac', 'tunnel'],
      ['l2lset', 'esp-aes-256 esp-sha-hmac', 'tunnel'],
    ]);
  });

  it('split tunnel ACL 90 of `vpngroup vpn3000 split-tunnel 90`, its pool and the route to the inside', () => {
    expect(d.clientGroups).toEqual([
      expect.objectContaining({ name: 'vpn3000', splitTunnelAcl: '90', pool: 'mypool' }),
    ]);
    expect(d.acls.get('90')?.entries.map((e) => [e.src, e.dst])).toEqual([
      [net('10.1.1.0', '255.255.255.0'), net('10.1.2.0', '255.255.255.0')],
      [net('172.16.0.0', '255.255.0.0'), net('10.1.2.0', '255.255.255.0')],
    ]);
    expect(d.pools).toEqual([
      expect.objectContaining({ name: 'mypool', first: '10.1.2.1', last: '10.1.2.254' }),
    ]);
    expect(d.routes[1]).toMatchObject({
      interface: 'inside',
      network: '172.16.0.0',
      mask: '255.255.0.0',
      nextHop: '10.1.1.2',
    });
  });

  it('nat 0 access-list exempts (object-group expanded), `nat (inside) 1 0 0` translates everything', () => {
    expect(d.nat.map((n) => [n.kind, n.acl, n.src])).toEqual([
      ['exempt', '101', undefined],
      ['translate', undefined, net('10.1.1.5', '255.255.255.255')],
      ['translate', undefined, ANY],
    ]);
    expect(d.acls.get('101')?.entries).toHaveLength(3);
    expect(d.sysoptPermitIpsec).toBe(true);
  });

  it('without `sysopt connection permit-ipsec` the PIX 6 default is off', () => {
    const without = text.replace('sysopt connection permit-ipsec\n', '');
    expect(parsePix(file, readConfig(file, without)).sysoptPermitIpsec).toBe(false);
  });
});
