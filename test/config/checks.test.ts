import { describe, expect, it } from 'vitest';
import { check, lint } from '../../src/config/index.js';
import type { Finding } from '../../src/model/findings.js';

import { FAULTS, PAIRS, apply, read } from './faults.js';

const problems = (fs: readonly Finding[]) =>
  [...new Set(fs.filter((f) => f.severity !== 'info').map((f) => f.code))].sort();

describe('healthy pairs of every platform combination', () => {
  it.each(Object.entries(PAIRS))('%s: established both ways, no error or warning', (_name, [a, b]) => {
    const r = check(read(a), read(b));
    expect(problems(r.findings)).toEqual([]);
    expect(r.outcome).toMatchObject({ established: true });
    expect(r.outcome.directions).toBeUndefined();
  });
});

describe('each code: the faulty pair fails, the corrected pair passes', () => {
  it.each(FAULTS.map((f) => [`${f.code} (${f.pair}, ${f.edits[0]![0].trim().slice(0, 40)})`, f] as const))(
    '%s',
    (_n, f) => {
      const files = PAIRS[f.pair];
      const inputs = files.map(read);
      inputs[f.side] = { ...inputs[f.side]!, text: apply(inputs[f.side]!.text, f.edits) };
      const broken = check(inputs[0]!, inputs[1]!);
      expect(problems(broken.findings)).toEqual([...new Set([f.code, ...(f.also ?? [])])].sort());
      const finding = broken.findings.find((x) => x.code === f.code)!;
      expect(finding.source).toBe('config');
      expect(finding.evidence.length).toBeGreaterThan(0);
      for (const e of finding.evidence) expect(e.line).toBeGreaterThan(0);
      if (f.fixOn) expect(finding.device).toBe(f.fixOn);
      if (f.failedPhase) {
        expect(broken.outcome.established).toBe(false);
        expect(broken.outcome.failedPhase).toBe(f.failedPhase);
      }
      expect(broken.outcome.directions !== undefined).toBe(f.dependsOnInitiator ?? false);
      const fixed = check(read(files[0]), read(files[1]));
      expect(fixed.findings.map((x) => x.code)).not.toContain(f.code);
    },
  );
});

describe("predicted states and the note's wording", () => {
  it('a key mismatch leaves both IOS ends in MM_KEY_EXCH and shows fingerprints, never the keys', () => {
    const [a, b] = PAIRS['ios-ios'].map(read);
    const r = check(a!, { ...b!, text: b!.text.replace('key 0 Mirr0r-Me', 'key 0 Not-The-Same') });
    expect(r.outcome.states).toEqual({ a: 'MM_KEY_EXCH', b: 'MM_KEY_EXCH' });
    const json = JSON.stringify(r);
    expect(json).not.toContain('Mirr0r-Me');
    expect(json).not.toContain('Not-The-Same');
    const fp = r.findings[0]!.details['fingerprints'] as Record<string, string>;
    expect(fp['a']).toMatch(/^[0-9a-f]{8}$/);
    expect(fp['a']).not.toBe(fp['b']);
  });

  it('a lifetime difference fails only when the longer-lifetime side initiates, and says which value wins when it works', () => {
    const [a, b] = PAIRS['ios-ios'].map(read);
    const r = check(a!, { ...b!, text: b!.text.replace(' group 14', ' group 14\n lifetime 28800') });
    expect(r.outcome.directions).toMatchObject({
      aInitiates: { established: false, failedPhase: 'ike-phase1' },
      bInitiates: { established: true },
    });
    expect(r.findings[0]!.summary).toContain('when PeerA initiates');
  });

  it('phase-2 lifetimes that differ are a warning naming the shorter as the winner', () => {
    const [a, b] = PAIRS['ios-ios'].map(read);
    const r = check(a!, {
      ...b!,
      text: b!.text.replace(
        ' match address 150',
        ' match address 150\n set security-association lifetime seconds 1800',
      ),
    });
    const f = r.findings.find((x) => x.code === 'LIFETIME_MISMATCH')!;
    expect(f.severity).toBe('warning');
    expect(f.details).toMatchObject({ phase: 2, winner: 1800 });
    expect(r.outcome.established).toBe(true);
  });

  it("fix commands are in the side's own syntax", () => {
    const [a, b] = PAIRS['ios-asa'].map(read);
    const r = check(
      { ...a!, text: a!.text.replace('esp-aes 256 esp-sha-hmac', 'esp-aes 256 esp-md5-hmac') },
      b!,
    );
    const f = r.findings.find((x) => x.code === 'TRANSFORM_SET_MISMATCH')!;
    expect(f.remedy.join('\n')).toMatch(/crypto ipsec (ikev1 )?transform-set/);
  });

  it('a key shown masked (`*`) is present but not compared: no false PSK_MISMATCH', () => {
    const [a, b] = PAIRS['ios-asa'].map(read);
    const r = check(a!, {
      ...b!,
      text: b!.text.replace('ikev1 pre-shared-key Br4nchA-s3cret!', 'ikev1 pre-shared-key *'),
    });
    expect(problems(r.findings)).toEqual([]);
    expect(r.outcome.established).toBe(true);
  });

  it('an ASA hub with no tunnel-group key for the branch: PSK_MISSING on the hub, not a policy mismatch', () => {
    const [a, b] = PAIRS['ios-asa'].map(read);
    const hub = b!.text.replace(
      'tunnel-group 198.51.100.2 ipsec-attributes\n ikev1 pre-shared-key Br4nchA-s3cret!\n',
      '',
    );
    expect(hub).not.toContain('Br4nchA');
    const r = check(a!, { ...b!, text: hub });
    expect(problems(r.findings)).toEqual(['PSK_MISSING']);
    expect(r.findings.find((f) => f.code === 'PSK_MISSING')!.device).toBe('hq-asa');
  });

  it('ASA before 8.3 gets a nat 0 exemption, ASA 9 twice NAT with objects', () => {
    const old = read('asa/branch-asa82.cfg');
    const text = old.text.replace(/^nat \(inside\) 0 access-list .*\n/m, '');
    const f = lint([{ ...old, text }]).findings.find((x) => x.code === 'NAT_EXEMPTION_MISSING');
    expect(f?.remedy.at(-1)).toBe('nat (inside) 0 access-list NONAT');
  });

  it('two unrelated configurations are said to be unrelated', () => {
    const r = check(read(PAIRS['ios-ios'][0]), read(PAIRS['ios-asa'][0]));
    expect(r.findings.map((f) => f.code)).toContain('PEER_ADDRESS_MISMATCH');
    expect(r.outcome.established).toBe(false);
  });
});

describe("the note's remote-access examples (lint)", () => {
  it('split tunnelling: the group with acl 150 passes, without it SPLIT_TUNNEL_MISSING', () => {
    const cfg = read('seed/ezvpn-server.cfg');
    expect(problems(lint([cfg]).findings)).toEqual([]);
    const without = lint([{ ...cfg, text: cfg.text.replace(' acl 150\n', '') }]);
    expect(problems(without.findings)).toEqual(['SPLIT_TUNNEL_MISSING']);
  });

  it("PIX routing to the inside and the inside router's route back to the pool", () => {
    const pix = read('pix/pixfirewall-63.cfg');
    const inside = read('seed/inside-router.cfg');
    expect(problems(lint([pix, inside]).findings)).toEqual([]);
    const noReturn = lint([
      pix,
      { ...inside, text: inside.text.replace('ip route 10.1.2.0 255.255.255.0 10.1.1.1\n', '') },
    ]);
    const f = noReturn.findings.find((x) => x.code === 'POOL_ROUTE_MISSING')!;
    expect(f.device).toBe('inside-router');
    expect(f.remedy.at(-1)).toBe('ip route 10.1.2.0 255.255.255.0 10.1.1.1');
  });

  it('vpngroup split-tunnel 90 counts as split tunnelling', () => {
    const pix = read('pix/pixfirewall-63.cfg');
    expect(lint([pix]).findings.map((f) => f.code)).not.toContain('SPLIT_TUNNEL_MISSING');
  });
});

describe('weak cryptography (info)', () => {
  it('3DES/MD5/group 2 on both peers: still established, WEAK_CRYPTO names each with its replacement', () => {
    const [a, b] = PAIRS['ios-ios'].map(read);
    expect(check(a!, b!).findings.map((f) => f.code)).not.toContain('WEAK_CRYPTO');
    const weaken = (t: string) =>
      t
        .replace(' encr aes 256', ' encr 3des\n hash md5')
        .replace(' group 14', ' group 2')
        .replace('esp-aes 256 esp-sha-hmac', 'esp-3des esp-md5-hmac');
    const r = check({ ...a!, text: weaken(a!.text) }, { ...b!, text: weaken(b!.text) });
    expect(r.outcome.established).toBe(true);
    const weak = r.findings.filter((f) => f.code === 'WEAK_CRYPTO');
    expect(weak.map((f) => f.device).sort()).toEqual(['PeerA', 'PeerB']);
    expect(weak[0]!.severity).toBe('info');
    expect(String(weak[0]!.details['weak'])).toContain('3des (policy 10) → aes-256');
  });
});

describe('lint with the MTU calculator and unparsed lines', () => {
  it('an MSS clamp larger than the ESP overhead allows is PATH_MTU_EXCEEDED with the exact value', () => {
    const cfg = read('pairs/ios-asa/branch-a.cfg');
    expect(lint([cfg]).findings.map((f) => f.code)).not.toContain('PATH_MTU_EXCEEDED');
    const r = lint([{ ...cfg, text: cfg.text.replace('ip tcp adjust-mss 1360', 'ip tcp adjust-mss 1452') }]);
    const f = r.findings.find((x) => x.code === 'PATH_MTU_EXCEEDED')!;
    // esp-aes 256 esp-sha-hmac on 1500 bytes: largest packet 1438, MSS 1398.
    expect(f.details).toMatchObject({ configuredMss: 1452, maximumMss: 1398 });
    expect(f.remedy.at(-1)).toBe('interface GigabitEthernet0/1\n ip tcp adjust-mss 1398');
    expect(f.remedy.join('\n')).not.toContain('{{');
  });

  it('a half-understood crypto line is reported with its line, not guessed', () => {
    const cfg = read('pairs/ios-ios/peer-a.cfg');
    const r = lint([{ ...cfg, text: cfg.text.replace(' group 14', ' group 14\n frobnicate 7') }]);
    const f = r.findings.find((x) => x.code === 'CONFIG_LINE_NOT_UNDERSTOOD')!;
    expect(f.evidence.map((e) => e.text.trim())).toEqual(['frobnicate 7']);
  });
});

describe('VTIs (tunnel protection): negotiated like a crypto map with any ↔ any proxies', () => {
  const vti = (name: string, self: string, peer: string, extraProfile = '') =>
    [
      `hostname ${name}`,
      'crypto isakmp policy 10',
      ' encr aes 256',
      ' authentication pre-share',
      ' group 14',
      `crypto isakmp key Vti-Key address ${peer}`,
      'crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac',
      ' mode tunnel',
      'crypto ipsec profile VTI-PROFILE',
      ' set transform-set TS',
      ...(extraProfile ? [extraProfile] : []),
      'interface GigabitEthernet1',
      ` ip address ${self} 255.255.255.0`,
      'interface Tunnel10',
      ' ip address 10.255.0.1 255.255.255.252',
      ' tunnel source GigabitEthernet1',
      ' tunnel mode ipsec ipv4',
      ` tunnel destination ${peer}`,
      ' tunnel protection ipsec profile VTI-PROFILE',
    ].join('\n');
  const A = { name: 'a.cfg', text: vti('vti-a', '192.0.2.1', '192.0.2.2') };
  const B = { name: 'b.cfg', text: vti('vti-b', '192.0.2.2', '192.0.2.1') };

  it('two VTIs with the same profile come up both ways', () => {
    const r = check(A, B);
    expect(problems(r.findings)).toEqual([]);
    expect(r.outcome).toMatchObject({ established: true, states: { a: 'QM_IDLE', b: 'QM_IDLE' } });
  });

  it('PFS in one profile only: fails when the other initiates, fixed in the IPsec profile', () => {
    const r = check(A, { ...B, text: vti('vti-b', '192.0.2.2', '192.0.2.1', ' set pfs group14') });
    expect(problems(r.findings)).toEqual(['PFS_MISMATCH']);
    expect(r.outcome.directions).toMatchObject({
      aInitiates: { established: false },
      bInitiates: { established: true },
    });
    expect(r.findings[0]!.remedy.at(-1)).toBe('crypto ipsec profile VTI-PROFILE\n set pfs group14');
  });

  it('a VTI facing a crypto map whose ACL is narrower: PROXY_ID_MISMATCH, the map needs permit ip any any', () => {
    const cryptoMap = [
      'hostname map-b',
      'crypto isakmp policy 10',
      ' encr aes 256',
      ' authentication pre-share',
      ' group 14',
      'crypto isakmp key Vti-Key address 192.0.2.1',
      'crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac',
      'crypto map M 10 ipsec-isakmp',
      ' set peer 192.0.2.1',
      ' set transform-set TS',
      ' match address 101',
      'interface GigabitEthernet1',
      ' ip address 192.0.2.2 255.255.255.0',
      ' crypto map M',
      'access-list 101 permit ip 10.2.0.0 0.0.255.255 10.1.0.0 0.0.255.255',
    ].join('\n');
    const r = check(A, { name: 'b.cfg', text: cryptoMap });
    expect(problems(r.findings)).toEqual(['PROXY_ID_MISMATCH']);
    const f = r.findings.find((x) => x.code === 'PROXY_ID_MISMATCH')!;
    expect(f.device).toBe('map-b');
    expect(f.remedy).toContain('access-list 101 permit ip any any');
  });
});
