import { describe, expect, it } from 'vitest';
import {
  describeTraffic,
  formatFlow,
  permittedTraffic,
  entryTraffic,
  relation,
  TrafficSet,
  TrafficTooComplexError,
} from '../../../src/config/traffic/index.js';
import { acl, ip } from './acl-lines.js';

const ANY = { addr: 0, wildcard: 0xffffffff };
const traffic = (...lines: string[]) => permittedTraffic(acl(...lines));
const flow = (src: string, dst: string, protocol = 6, dstPort = 80, srcPort = 1024) => ({
  protocol,
  src: ip(src),
  dst: ip(dst),
  srcPort,
  dstPort,
});

describe('crypto ACLs of the seed', () => {
  it('Peer A and Peer B are mirror images', () => {
    const peerA = traffic(
      'permit ip 172.21.113.0 0.0.0.255 172.21.114.0 0.0.0.255',
      'permit ip host 15.15.15.1 host 172.21.114.123',
    );
    const peerB = traffic(
      'permit ip 172.21.114.0 0.0.0.255 172.21.113.0 0.0.0.255',
      'permit ip host 172.21.114.123 host 15.15.15.1',
    );
    expect(relation(peerA, peerB.mirror())).toBe('equal');
    expect(peerA.equals(peerB.mirror())).toBe(true);
    expect(relation(peerA, peerB)).toBe('disjoint');
  });

  it('a missing line on one peer makes its ACL a subset of the mirror, with the missing flow as example', () => {
    const peerA = traffic(
      'permit ip 172.21.113.0 0.0.0.255 172.21.114.0 0.0.0.255',
      'permit ip host 15.15.15.1 host 172.21.114.123',
    );
    const peerB = traffic('permit ip 172.21.114.0 0.0.0.255 172.21.113.0 0.0.0.255');
    expect(relation(peerB.mirror(), peerA)).toBe('subset');
    const missing = peerA.subtract(peerB.mirror());
    expect(describeTraffic(missing).lines).toEqual(['permit ip host 15.15.15.1 host 172.21.114.123']);
    expect(formatFlow(missing.sample()!)).toBe('15.15.15.1 → 172.21.114.123 tcp/80');
  });

  it('network-specific on one end, host-specific on the other: subset', () => {
    const a = traffic('permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255');
    const b = traffic('permit ip host 20.1.1.1 host 10.1.1.1');
    expect(relation(b.mirror(), a)).toBe('subset');
    expect(relation(a, b.mirror())).toBe('superset');
    expect(b.mirror().isSubsetOf(a)).toBe(true);
    expect(a.isSubsetOf(b.mirror())).toBe(false);
  });
});

describe('first-match semantics', () => {
  it('a deny before a permit sends that host in the clear', () => {
    const t = traffic('deny ip host 10.1.1.5 any', 'permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255');
    expect(t.contains(flow('10.1.1.5', '20.1.1.7'))).toBe(false);
    expect(t.contains(flow('10.1.1.6', '20.1.1.7'))).toBe(true);
    expect(t.contains(flow('10.1.2.6', '20.1.1.7'))).toBe(false);
    expect(relation(t, traffic('permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255'))).toBe('subset');
  });

  it('a deny after a covering permit changes nothing', () => {
    const t = traffic('permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255', 'deny ip host 10.1.1.5 any');
    expect(relation(t, traffic('permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255'))).toBe('equal');
  });

  it('what no entry matches is denied', () => {
    expect(traffic().isEmpty()).toBe(true);
    expect(traffic('deny ip any any').isEmpty()).toBe(true);
    expect(traffic('deny tcp any any', 'permit tcp any any eq 80').isEmpty()).toBe(true);
  });

  it('a deny carved out of a permit is described and put back whole', () => {
    const subnet = traffic('permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255');
    const carved = traffic('deny ip host 10.1.1.5 any', 'permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255');
    expect(describeTraffic(subnet.subtract(carved)).lines).toEqual([
      'permit ip host 10.1.1.5 20.1.1.0 0.0.0.255',
    ]);
    const rebuilt = carved.union(traffic('permit ip host 10.1.1.5 20.1.1.0 0.0.0.255'));
    expect(describeTraffic(rebuilt).lines).toEqual(['permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255']);
  });
});

describe('wildcard masks', () => {
  it('a non-contiguous wildcard matches every third octet but only the fixed fourth', () => {
    const t = traffic('permit ip 10.1.0.1 0.0.255.0 any');
    expect(t.contains(flow('10.1.7.1', '8.8.8.8'))).toBe(true);
    expect(t.contains(flow('10.1.200.1', '8.8.8.8'))).toBe(true);
    expect(t.contains(flow('10.1.7.2', '8.8.8.8'))).toBe(false);
    expect(relation(t, traffic('permit ip 10.1.0.0 0.0.255.255 any'))).toBe('subset');
    expect(relation(t, traffic('permit ip 10.1.5.0 0.0.0.255 any'))).toBe('overlap');
    expect(describeTraffic(t).lines).toEqual(['permit ip 10.1.0.1 0.0.255.0 any']);
  });

  it('even and odd third octets are disjoint halves of a /16', () => {
    const even = traffic('permit ip 10.0.0.0 0.0.254.255 any');
    const odd = traffic('permit ip 10.0.1.0 0.0.254.255 any');
    expect(relation(even, odd)).toBe('disjoint');
    expect(relation(even.union(odd), traffic('permit ip 10.0.0.0 0.0.255.255 any'))).toBe('equal');
    expect(describeTraffic(even.union(odd)).lines).toEqual(['permit ip 10.0.0.0 0.0.255.255 any']);
  });

  it('written with subnet masks for PIX/ASA', () => {
    const t = traffic('permit ip 10.1.1.0 0.0.0.255 host 20.1.1.1');
    expect(describeTraffic(t, { form: 'mask' }).lines).toEqual([
      'permit ip 10.1.1.0 255.255.255.0 host 20.1.1.1',
    ]);
  });
});

describe('protocols and ports', () => {
  it('ip covers tcp; the difference is everything but tcp', () => {
    const ipAcl = traffic('permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255');
    const tcpAcl = traffic('permit tcp 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255');
    expect(relation(tcpAcl, ipAcl)).toBe('subset');
    const rest = ipAcl.subtract(tcpAcl);
    expect(rest.contains(flow('10.1.1.1', '20.1.1.1', 17, 500))).toBe(true);
    expect(rest.contains(flow('10.1.1.1', '20.1.1.1', 6, 500))).toBe(false);
    expect(describeTraffic(rest).lines).toEqual([
      'deny tcp 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255',
      'permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255',
    ]);
    expect(formatFlow(rest.sample()!)).toBe('10.1.1.1 → 20.1.1.1 udp/80');
  });

  it('eq inside range, gt and lt split the port space', () => {
    const web = traffic('permit tcp any host 20.1.1.1 eq 80');
    expect(relation(web, traffic('permit tcp any host 20.1.1.1 range 1 1024'))).toBe('subset');
    const high = traffic('permit tcp any host 20.1.1.1 gt 1023');
    const low = traffic('permit tcp any host 20.1.1.1 lt 1024');
    expect(relation(high, low)).toBe('disjoint');
    expect(relation(high.union(low), traffic('permit tcp any host 20.1.1.1'))).toBe('equal');
    expect(relation(web, traffic('permit udp any host 20.1.1.1 eq 80'))).toBe('disjoint');
  });

  it('neq is everything but the port', () => {
    const notWeb = traffic('permit tcp any host 20.1.1.1 neq 80');
    const web = traffic('permit tcp any host 20.1.1.1 eq 80');
    expect(relation(notWeb, web)).toBe('disjoint');
    expect(notWeb.union(web).equals(traffic('permit tcp any host 20.1.1.1'))).toBe(true);
    expect(describeTraffic(notWeb).lines).toEqual([
      'permit tcp any host 20.1.1.1 lt 80',
      'permit tcp any host 20.1.1.1 gt 80',
    ]);
  });

  it('source ports and mirroring swap with the addresses', () => {
    const a = traffic('permit udp host 10.0.0.1 eq 500 host 10.0.0.2 range 1000 2000');
    expect(describeTraffic(a.mirror()).lines).toEqual([
      'permit udp host 10.0.0.2 range 1000 2000 host 10.0.0.1 eq 500',
    ]);
    expect(a.contains(flow('10.0.0.1', '10.0.0.2', 17, 1500, 500))).toBe(true);
    expect(a.mirror().contains(flow('10.0.0.2', '10.0.0.1', 17, 500, 1500))).toBe(true);
  });

  it('ports do not constrain other protocols; gre and esp are named', () => {
    const icmp = permittedTraffic([{ ...acl('permit icmp any any')[0]!, dstPorts: { lo: 8, hi: 8 } }]);
    expect(icmp.contains(flow('1.1.1.1', '2.2.2.2', 1, 0, 0))).toBe(true);
    expect(icmp.equals(traffic('permit icmp any any'))).toBe(true);
    expect(describeTraffic(traffic('permit gre any any', 'permit 50 any any')).lines).toEqual([
      'permit gre any any',
      'permit esp any any',
    ]);
  });
});

describe('crypto ACL against NAT', () => {
  it('protected traffic that a PAT rule would translate is found, and an exemption removes it', () => {
    const crypto = traffic('permit ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255');
    const natted = entryTraffic({ src: { addr: ip('10.1.0.0'), wildcard: ip('0.0.255.255') }, dst: ANY });
    expect(formatFlow(crypto.intersect(natted).sample()!)).toBe('10.1.1.1 → 20.1.1.1 tcp/80');
    const routeMap = traffic(
      'deny ip 10.1.1.0 0.0.0.255 20.1.1.0 0.0.0.255',
      'permit ip 10.1.0.0 0.0.255.255 any',
    );
    expect(crypto.overlaps(routeMap)).toBe(false);
  });
});

describe('sets', () => {
  it('relation covers all five cases', () => {
    const net = traffic('permit ip 10.1.1.0 0.0.0.255 any');
    expect(relation(net, net)).toBe('equal');
    expect(relation(traffic('permit ip 10.1.1.0 0.0.0.127 any'), net)).toBe('subset');
    expect(relation(net, traffic('permit ip 10.1.1.0 0.0.0.127 any'))).toBe('superset');
    expect(relation(net, traffic('permit ip 10.1.0.0 0.0.1.127 any'))).toBe('overlap');
    expect(relation(net, traffic('permit ip 10.1.2.0 0.0.0.255 any'))).toBe('disjoint');
    expect(relation(TrafficSet.EMPTY, net)).toBe('subset');
  });

  it('a sample lies in the set; the empty set has none', () => {
    const t = traffic('permit tcp 10.1.1.0 0.0.0.255 host 20.1.1.7 range 8000 8080');
    expect(formatFlow(t.sample()!)).toBe('10.1.1.1 → 20.1.1.7 tcp/8000');
    expect(t.contains(t.sample()!)).toBe(true);
    expect(TrafficSet.EMPTY.sample()).toBeUndefined();
    expect(describeTraffic(TrafficSet.EMPTY)).toEqual({ lines: [], omitted: 0 });
  });

  it('long descriptions are cut and the rest counted', () => {
    const hosts = Array.from({ length: 30 }, (_, i) => `permit tcp host 10.0.0.${2 * i} any eq 22`);
    expect(describeTraffic(traffic(...hosts), { maxLines: 5 })).toMatchObject({ omitted: 25 });
    expect(describeTraffic(traffic(...hosts), { maxLines: 5 }).lines).toHaveLength(5);
  });

  it('a hostile ACL whose exact set needs billions of cubes is refused, not computed', () => {
    // "none of 16 source bit pairs both set" is 2^16 disjoint cubes; with destinations, 2^32.
    const pairs = Array.from({ length: 16 }, (_, i) => (3 << (2 * i)) >>> 0);
    const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    const lines = [
      ...pairs.map((p) => `deny ip ${dotted(p)} ${dotted(~p >>> 0)} any`),
      ...pairs.map((p) => `deny ip any ${dotted(p)} ${dotted(~p >>> 0)}`),
      'permit ip any any',
    ];
    expect(() => traffic(...lines)).toThrow(TrafficTooComplexError);
  });
});
