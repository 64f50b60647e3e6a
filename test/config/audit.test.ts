import { describe, expect, it } from 'vitest';
import { audit } from '../../src/config/index.js';

/** A router of a partial mesh: one crypto map entry per neighbour, mirrored ACLs, a key each. */
function router(n: number, neighbours: number[], keyFor: (a: number, b: number) => string): string {
  const wan = (i: number) => `198.51.100.${i}`;
  const lan = (i: number) => `10.${i}.0.0`;
  return [
    `hostname r${n}`,
    'crypto isakmp policy 10',
    ' encr aes 256',
    ' authentication pre-share',
    ' group 14',
    ...neighbours.map((m) => `crypto isakmp key ${keyFor(n, m)} address ${wan(m)}`),
    'crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac',
    ...neighbours.flatMap((m, i) => [
      `crypto map MESH ${(i + 1) * 10} ipsec-isakmp`,
      ` set peer ${wan(m)}`,
      ' set transform-set TS',
      ` match address VPN-TO-R${m}`,
      `ip access-list extended VPN-TO-R${m}`,
      ` permit ip ${lan(n)} 0.0.255.255 ${lan(m)} 0.0.255.255`,
    ]),
    'interface Gi0/0',
    ` ip address ${wan(n)} 255.255.255.0`,
    ' crypto map MESH',
    'interface Gi0/1',
    ` ip address ${lan(n).replace(/0$/, '1')} 255.255.0.0`,
  ].join('\n');
}

describe('audit of a partial mesh', () => {
  // r1-r2, r2-r3 and r1-r3 peer; r4 peers only with r1. The r2-r3 keys differ.
  const mesh: Record<number, number[]> = { 1: [2, 3, 4], 2: [1, 3], 3: [1, 2], 4: [1] };
  const key = (a: number, b: number) =>
    [a, b].sort().join('') === '23' && a === 3 ? 'typo-key' : `k${Math.min(a, b)}${Math.max(a, b)}`;
  const inputs = Object.entries(mesh).map(([n, ns]) => ({
    name: `r${n}.cfg`,
    text: router(Number(n), ns, key),
  }));

  it('finds every peering once and the failing one, with its code', () => {
    const r = audit(inputs);
    expect(r.peerings.map((p) => `${p.a}-${p.b}`).sort()).toEqual(['r1-r2', 'r1-r3', 'r1-r4', 'r2-r3']);
    const failing = r.peerings.filter((p) => !p.established);
    expect(failing).toEqual([
      { a: 'r2', b: 'r3', established: false, failedPhase: 'ike-phase1', codes: ['PSK_MISMATCH'] },
    ]);
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual(['PSK_MISMATCH']);
    expect(JSON.stringify(r)).not.toContain('typo-key');
  });

  it('a router alone in the folder is linted, with no peering', () => {
    const r = audit([inputs[3]!]);
    expect(r.peerings).toEqual([]);
    expect(r.devices).toBe(1);
  });

  it('a mistyped peer address is one finding in an audit too (no separate missing-key finding for the typo)', () => {
    const [a, b] = [inputs[0]!, inputs[1]!];
    const typo = { ...a, text: a.text.replace(' set peer 198.51.100.2', ' set peer 198.51.100.22') };
    const r = audit([typo, b]);
    const codes = r.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
    expect(codes).toContain('PEER_ADDRESS_MISMATCH');
    expect(codes).not.toContain('PSK_MISSING');
  });
});
