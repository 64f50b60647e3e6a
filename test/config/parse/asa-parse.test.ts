import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY, contains, fromUint, toUint, withMask } from '../../../src/config/parse/address.js';
import { parseAsa } from '../../../src/config/parse/asa.js';
import { rangeMatches } from '../../../src/config/parse/firewall-objects.js';
import { readConfig } from '../../../src/config/parse/source.js';

const asa = (text: string) => parseAsa('t.cfg', readConfig('t.cfg', text));
const problems = (text: string) => asa(text).problems.map((p) => `${p.ref.line}: ${p.reason}`);
const net = (a: string, m: string) => withMask(toUint(a) ?? -1, toUint(m) ?? -1);

describe('ASA lines half understood are reported, unknown ones counted', () => {
  it('crypto, tunnel-group, access-list and NAT lines that cannot be read', () => {
    const text = [
      'crypto ikev1 policy 10', //                                                          1
      ' encryption blowfish',
      ' frobnicate 3',
      'crypto map M 10 set pfs group-x',
      'crypto map M 10 set frobnicate on', //                                               5
      'crypto map M 10 set security-association lifetime kilobytes unlimited',
      'crypto map M frobnicate',
      'crypto ipsec ikev1 transform-set T esp-aes-256 blowfish',
      'tunnel-group 192.0.2.9 type ipsec-l2l',
      'tunnel-group 192.0.2.9 ipsec-attributes', //                                         10
      ' ikev1 pre-shared-key Sup3r Secret Words',
      'access-list X extended permit ip host 10.0.0.999 any',
      'access-list X extended permit ip object NOPE any',
      'nat (inside,outside) source static A',
      'access-list X extended permit tcp any any eq nosuchport', //                         15
      'frobnicate the widget',
      'group-policy G attributes',
      ' split-tunnel-policy sometimes',
    ].join('\n');
    expect(problems(text)).toEqual([
      "2: unrecognised encryption 'blowfish'",
      "3: unrecognised policy field 'frobnicate'",
      "4: unrecognised PFS group 'group-x'",
      "5: unrecognised crypto map option 'set frobnicate'",
      '6: a lifetime of unlimited kilobytes is not modelled',
      "7: unrecognised crypto map command 'frobnicate'",
      "8: unrecognised transform 'blowfish'",
      '11: pre-shared key line not understood',
      "12: unrecognised host '10.0.0.999'",
      "13: network object 'NOPE' is not defined",
      '14: NAT rule without real and mapped sources',
      "15: unknown port 'nosuchport'",
      "18: unrecognised split-tunnel-policy 'sometimes'",
    ]);
    const d = asa(text);
    expect(d.ignoredLines).toBe(1); // `frobnicate the widget`
    expect(d.keys).toEqual([]);
    expect(JSON.stringify(d.problems)).not.toMatch(/Sup3r|Secret Words/);
  });

  it('object-group cycles and oversized expansions are problems, not hangs or crashes', () => {
    const hosts = (g: string, base: number) => [
      `object-group network ${g}`,
      ...Array.from({ length: 101 }, (_, i) => ` network-object host 10.${base}.0.${i}`),
    ];
    const text = [
      'object-group network LOOP-A',
      ' group-object LOOP-B',
      'object-group network LOOP-B',
      ' group-object LOOP-A',
      ...hosts('BIG-1', 1),
      ...hosts('BIG-2', 2),
      'access-list L extended permit ip object-group LOOP-A any',
      'access-list B extended permit ip object-group BIG-1 object-group BIG-2',
      'access-list B extended permit ip object-group BIG-1 any',
    ].join('\n');
    const d = asa(text);
    expect(d.problems.map((p) => p.reason)).toEqual([
      "object-group 'LOOP-A' contains itself",
      'expands to 10201 entries, more than 10000',
    ]);
    expect(d.acls.get('B')?.entries).toHaveLength(101);
  });

  it('a group nested twice at every level is walked once per group (2^30 paths otherwise)', () => {
    const lines = Array.from({ length: 30 }, (_, i) => [
      `object-group network G${i}`,
      ` group-object G${i + 1}`,
      ` group-object G${i + 1}`,
    ]).flat();
    lines.push('object-group network G30', ' network-object host 10.0.0.1');
    lines.push(
      'access-list A extended permit ip object-group G0 any',
      'access-list A extended permit ip object-group G20 any',
    );
    const d = asa(lines.join('\n'));
    expect(d.problems.map((p) => p.reason)).toEqual([
      "object-group 'G16' expands to more than 10000 entries",
    ]);
    // G20 holds 2^10 copies of the one host: duplicates are kept, the device evaluates them too.
    expect(d.acls.get('A')?.entries).toHaveLength(1024);
  });
});

describe('ASA semantics', () => {
  it('`no sysopt connection permit-vpn` turns the ASA default off', () => {
    expect(asa('hostname a').sysoptPermitIpsec).toBe(true);
    expect(asa('no sysopt connection permit-vpn\nsysopt connection tcpmss 1350')).toMatchObject({
      sysoptPermitIpsec: false,
      tcpMss: 1350,
    });
  });

  it('DefaultL2LGroup is the wildcard key; named L2L and remote-access groups bind no address', () => {
    const d = asa(
      [
        'tunnel-group DefaultL2LGroup ipsec-attributes',
        ' ikev1 pre-shared-key W1ldcard',
        'tunnel-group SITE-X type ipsec-l2l',
        'tunnel-group SITE-X ipsec-attributes',
        ' ikev1 pre-shared-key Aggr3ssive',
        'tunnel-group VPNCLIENT type remote-access',
        'tunnel-group VPNCLIENT ipsec-attributes',
        ' ikev1 pre-shared-key Gr0up',
      ].join('\n'),
    );
    expect(d.keys.map((k) => [k.address, k.mask, k.container, k.secret])).toEqual([
      ['0.0.0.0', '0.0.0.0', 'DefaultL2LGroup', 'W1ldcard'],
    ]);
    // Its split tunnelling lives in the policy every group falls back to.
    expect(d.clientGroups.map((g) => g.name)).toEqual(['DfltGrpPolicy']);
  });

  it('ASA 7.0 one-line `isakmp policy` and `isakmp enable`; `set pfs` alone is group 2', () => {
    const d = asa(
      [
        'isakmp enable outside',
        'isakmp policy 10 authentication pre-share',
        'isakmp policy 10 encryption aes-192',
        'crypto isakmp policy 20 encryption 3des',
        'crypto map M 10 set pfs',
      ].join('\n'),
    );
    expect(d.problems).toEqual([]);
    expect(d.isakmpEnabled).toEqual(['outside']);
    expect(d.ikePolicies.map((p) => [p.priority, p.encryption, p.authentication])).toEqual([
      [10, 'aes-192', 'pre-share'],
      [20, '3des', 'rsa-sig'],
    ]);
    expect(d.cryptoMaps[0]?.entries[0]?.pfsGroup).toBe(2);
  });

  it('twice NAT: dynamic PAT of any, a real translation, an inactive rule; after-auto goes last', () => {
    const d = asa(
      [
        'object network A',
        ' subnet 10.1.0.0 255.255.0.0',
        'object network B',
        ' subnet 10.2.0.0 255.255.0.0',
        'object network A-COPY',
        ' subnet 10.1.0.0 255.255.0.0',
        'nat (inside,outside) after-auto source dynamic any interface',
        'nat (inside,outside) source static A B',
        'nat (inside,outside) source static A A-COPY destination static B B inactive',
        'nat (inside,outside) 1 source static A A-COPY destination static B B description identity by value',
      ].join('\n'),
    );
    expect(d.problems).toEqual([]);
    expect(d.nat.map((n) => [n.kind, n.ref.line])).toEqual([
      ['translate', 8],
      ['exempt', 10],
      ['translate', 7],
    ]);
    expect(d.acls.get('nat-translate@7')?.entries).toEqual([expect.objectContaining({ src: ANY, dst: ANY })]);
    expect(d.acls.get('nat-exempt@10')?.entries).toEqual([
      expect.objectContaining({ src: net('10.1.0.0', '255.255.0.0'), dst: net('10.2.0.0', '255.255.0.0') }),
    ]);
  });

  it('8.2 statics: static PAT translates only the real port, policy static its ACL, identity exempts', () => {
    const d = asa(
      [
        'static (inside,outside) tcp interface www 10.1.1.5 www netmask 255.255.255.255',
        'static (inside,outside) 192.0.2.9 access-list POLICY-NAT',
        'static (dmz,outside) 10.9.0.0 10.9.0.0 netmask 255.255.0.0 0 0',
        'static (inside,outside) udp interface 5060 10.1.1.6',
      ].join('\n'),
    );
    expect(d.problems.map((p) => p.reason)).toEqual(['static PAT without a real port']);
    expect(d.nat.map((n) => [n.kind, n.acl, n.src])).toEqual([
      ['translate', 'nat-translate@1', undefined],
      ['translate', 'POLICY-NAT', undefined],
      ['exempt', undefined, net('10.9.0.0', '255.255.0.0')],
    ]);
    expect(d.acls.get('nat-translate@1')?.entries).toEqual([
      expect.objectContaining({
        protocol: 6,
        src: net('10.1.1.5', '255.255.255.255'),
        srcPorts: { lo: 80, hi: 80 },
      }),
    ]);
  });

  it('group policies inherit split tunnelling from DfltGrpPolicy; `tunnelall` has no split ACL', () => {
    const d = asa(
      [
        'group-policy DfltGrpPolicy attributes',
        ' split-tunnel-policy excludespecified',
        ' split-tunnel-network-list value LOCAL-LAN',
        'group-policy INHERITS attributes',
        ' address-pools value P1 P2',
        'group-policy ALL attributes',
        ' split-tunnel-policy tunnelall',
        ' split-tunnel-network-list value IGNORED',
        'tunnel-group T1 type remote-access',
        'tunnel-group T1 general-attributes',
        ' default-group-policy INHERITS',
        'tunnel-group T2 type remote-access',
        'tunnel-group T2 general-attributes',
        ' address-pool (outside) P9',
        ' default-group-policy ALL',
      ].join('\n'),
    );
    expect(d.clientGroups.map((g) => [g.name, g.splitTunnelAcl, g.pool])).toEqual([
      ['INHERITS', 'LOCAL-LAN', 'P1'],
      ['ALL', undefined, 'P9'],
    ]);
  });

  it('names, `interface IF` and `host` in ACLs; IPv6 and ICMP types; `line N`', () => {
    const d = asa(
      [
        'name 192.0.2.50 web-srv',
        'interface GigabitEthernet0/0',
        ' nameif outside',
        ' ip address 192.0.2.1 255.255.255.0',
        'access-list A line 1 extended permit tcp any host web-srv eq https',
        'access-list A extended permit udp any interface outside eq isakmp',
        'access-list A extended permit icmp any4 any4 time-exceeded 0 log 6 interval 300',
        'access-list A extended permit ip host 2001:db8::1 any6',
        'access-list A extended permit tcp web-srv 255.255.255.255 neq telnet any time-range WORK',
      ].join('\n'),
    );
    expect(d.problems).toEqual([]);
    expect(
      d.acls.get('A')?.entries.map((e) => [fromUint(e.dst.addr), e.protocol, e.srcPorts, e.dstPorts]),
    ).toEqual([
      ['192.0.2.50', 6, undefined, { lo: 443, hi: 443 }],
      ['192.0.2.1', 17, undefined, { lo: 500, hi: 500 }],
      ['0.0.0.0', 1, undefined, undefined],
      ['0.0.0.0', 6, { lo: 0, hi: 22 }, undefined],
      ['0.0.0.0', 6, { lo: 24, hi: 65535 }, undefined],
    ]);
  });
});

describe('address ranges become the minimal set of prefixes', () => {
  it('covers exactly the range, with aligned prefixes no two of which could merge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff - 600 }), fc.nat(300), fc.nat(300), (base, a, b) => {
        const lo = base + Math.min(a, b);
        const hi = base + Math.max(a, b);
        const matches = rangeMatches(lo, hi);
        for (let x = Math.max(0, base - 2); x <= base + 302; x++) {
          const hits = matches.filter((m) => contains(m, x)).length;
          expect(hits).toBe(x >= lo && x <= hi ? 1 : 0);
        }
        const key = (m: { addr: number; wildcard: number }) => `${m.addr}/${m.wildcard}`;
        const present = new Set(matches.map(key));
        for (const m of matches) {
          expect((m.wildcard & (m.wildcard + 1)) === 0 && (m.addr & m.wildcard) === 0).toBe(true);
          const size = m.wildcard + 1;
          const sibling = { addr: (m.addr ^ size) >>> 0, wildcard: m.wildcard };
          expect(present.has(key(sibling))).toBe(false);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('the whole address space is one match', () => {
    expect(rangeMatches(0, 0xffffffff)).toEqual([ANY]);
  });
});
