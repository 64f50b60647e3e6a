import { describe, expect, it } from 'vitest';
import { connKeyOf } from '../../src/correlate/conn-ids.js';
import { evidenceOfKept } from '../../src/correlate/evidence.js';
import { Analysis } from '../../src/pipeline/analysis.js';

/** `show crypto ipsec sa` output for one peer, as IOS-XE prints it (34 lines per entry). */
function ipsecSa(peer: string, encaps: number, decaps: number): string[] {
  const sa = (spi: string, conn: number) => [
    `      spi: ${spi}(1663506116)`,
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
    `rtr-15#show crypto ipsec sa peer ${peer}`,
    '',
    'interface: GigabitEthernet0/0/0',
    '    Crypto map tag: CMAP, local addr 203.0.113.15',
    '',
    '   protected vrf: (none)',
    '   local  ident (addr/mask/prot/port): (10.14.25.0/255.255.255.0/0/0)',
    '   remote ident (addr/mask/prot/port): (10.128.25.0/255.255.255.0/0/0)',
    `   current_peer ${peer} port 500`,
    '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0',
    '    #send errors 0, #recv errors 0',
    '',
    `     local crypto endpt.: 203.0.113.15, remote crypto endpt.: ${peer}`,
    '     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0/0',
    '     current outbound spi: 0x3069C43A(812237882)',
    '     PFS (Y/N): N, DH group: none',
    '',
    '     inbound esp sas:',
    ...sa('0x632716C4', 2001),
    '     outbound esp sas:',
    ...sa('0x3069C43A', 2002),
    'rtr-15#',
  ];
}

function analyse(lines: string[]) {
  const a = new Analysis();
  a.text({ name: 'rtr-15.log', text: lines.join('\n') });
  return a.sessions();
}

describe('kept evidence records', () => {
  it('keep the lines a finding can cite and the facts rules read of a show entry', () => {
    const [session] = analyse(ipsecSa('100.64.3.98', 488788, 0));
    const kept = session?.get('show.ipsec-sa')?.kept ?? [];
    expect(kept).toHaveLength(1);
    const entry = kept[0]!;
    expect(entry.source).toBe('show');
    expect(entry.entry).toMatchObject({ encaps: 488788, decaps: 0, inbound: true, outbound: true });
    expect(entry.entry.localIdent?.addr).toBe('10.14.25.0');
    const cited = evidenceOfKept(entry);
    // The entry runs past 24 lines: a finding cites at most 24, so no more are kept.
    expect(cited).toHaveLength(24);
    expect(cited[0]).toEqual({
      input: 'rtr-15.log',
      line: 4,
      text: '    Crypto map tag: CMAP, local addr 203.0.113.15',
    });
    expect(cited.map((c) => c.line)).toEqual([...cited.map((c) => c.line)].sort((x, y) => x - y));
    expect(cited.some((c) => c.text.includes('#pkts encaps: 488788'))).toBe(true);
  });

  it('cite the same lines as the finding that quotes them', () => {
    const a = new Analysis();
    a.text({ name: 'rtr-15.log', text: ipsecSa('100.64.3.98', 488788, 0).join('\n') });
    const oneWay = a.findings('en').find((f) => f.code === 'ONE_WAY_TRAFFIC');
    expect(oneWay?.evidence.map((e) => e.text.trim())).toEqual([
      'local  ident (addr/mask/prot/port): (10.14.25.0/255.255.255.0/0/0)',
      'remote ident (addr/mask/prot/port): (10.128.25.0/255.255.255.0/0/0)',
      'current_peer 100.64.3.98 port 500',
      '#pkts encaps: 488788, #pkts encrypt: 488788, #pkts digest: 488788',
      '#pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0',
    ]);
  });
});

describe('a refused phase-1 round', () => {
  const debug = (n: number, text: string) => `*Nov 23 00:00:${String(n).padStart(2, '0')}.100: ${text}`;

  it('keeps each mismatched attribute once and at most 64 offers', () => {
    const lines = [
      debug(0, 'ISAKMP (0): received packet from 192.0.2.1 dport 500 sport 500 Global (R) MM_NO_STATE'),
    ];
    for (let i = 0; i < 70; i++) {
      lines.push(
        debug(1, `ISAKMP:(0):Checking ISAKMP transform 1 against priority ${i + 1} policy`),
        debug(1, 'ISAKMP:      encryption AES-CBC'),
        debug(1, 'ISAKMP:(0):Encryption algorithm offered does not match policy!'),
        debug(1, 'ISAKMP:(0):Encryption algorithm offered does not match policy!'),
        debug(1, 'ISAKMP:(0):atts are not acceptable. Next payload is 0'),
      );
    }
    lines.push(debug(2, 'ISAKMP:(0):no offers accepted!'));
    const [session] = analyse(lines);
    const [round] = session?.failures ?? [];
    expect(round?.offers).toHaveLength(64);
    expect(round?.offers[0]?.mismatched).toEqual(['encryption']);
    expect(round?.offers[0]?.priority).toBe(1);
    expect(round?.offers[0]?.evidence.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe('connection ids as keys', () => {
  it('are numbers when plain decimals, else the id as printed', () => {
    expect(connKeyOf('1001')).toBe(1001);
    expect(connKeyOf('7')).toBe(7);
    // Another spelling of the same number is another id, as the string keys were.
    expect(connKeyOf('01')).toBe('01');
    expect(connKeyOf('1234567890')).toBe('1234567890');
    expect(connKeyOf('C-1')).toBe('C-1');
  });
});
