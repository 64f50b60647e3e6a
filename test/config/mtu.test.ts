import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MtuError, encapsulatedSize, espOverhead, mtuAdvice, paddingFor } from '../../src/config/mtu.js';
import { ROOT } from '../helpers.js';

/** The MtuError key a call throws, or undefined. */
function errorKey(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    if (err instanceof MtuError) return err.key;
    throw err;
  }
  return undefined;
}

describe('ESP overhead, byte for byte', () => {
  it('esp-aes 256 esp-sha-hmac, tunnel, path MTU 1500', () => {
    // Outer IP 20 + ESP header 8 + AES-CBC IV 16 + trailer 2 + HMAC-SHA-1-96 ICV 12 = 58 fixed;
    // padding 0..15 to the 16-byte AES block, so 73 at worst (Cisco's overhead table: 73).
    const o = espOverhead('esp-aes 256 esp-sha-hmac');
    expect(o).toMatchObject({ outerIp: 20, udp: 0, ah: 0, espHeader: 8, iv: 16, block: 16 });
    expect(o).toMatchObject({ paddingMax: 15, trailer: 2, icv: 12, fixed: 58, max: 73 });
    // Room for the encrypted part: 1500 - 20 - 8 - 16 - 12 = 1444 → 1440 (90 blocks) → 1438 of
    // packet + 2 trailer: `show crypto ipsec sa` reports this transform's plaintext mtu as 1438.
    const a = mtuAdvice('esp-aes 256 esp-sha-hmac');
    expect(a).toMatchObject({ pathMtu: 1500, largestPacket: 1438, padding: 0, encapsulated: 1496 });
    expect(a).toMatchObject({ ipMtu: 1438, tcpMss: 1398 });
    // A full 1500-byte packet: 1500 + 2 = 1502 → 1504 (pad 2), + 20 + 8 + 16 + 12 = 1560.
    expect(a.fullSizeEncapsulated).toBe(1560);
    expect(a.commands.ios).toBe(
      'interface <tunnel-or-inside-interface>\n ip mtu 1438\n ip tcp adjust-mss 1398',
    );
    expect(a.commands.asa).toBe('sysopt connection tcpmss 1398');
  });

  it('esp-3des esp-md5-hmac: the 1500 → 1552 and 800 → 856 byte examples', () => {
    // 3DES: IV 8, block 8. 1500 + 2 = 1502 → 1504 (pad 2); 20 + 8 + 8 + 1504 + 12 = 1552.
    // 800 + 2 = 802 → 808 (pad 6); 20 + 8 + 8 + 808 + 12 = 856.
    const o = espOverhead('esp-3des esp-md5-hmac');
    expect([paddingFor(o, 1500), encapsulatedSize(o, 1500)]).toEqual([2, 1552]);
    expect([paddingFor(o, 800), encapsulatedSize(o, 800)]).toEqual([6, 856]);
    // 1500 - 20 - 8 - 8 - 12 = 1452 → 1448 (181 blocks) → 1446.
    expect(mtuAdvice('esp-3des esp-md5-hmac')).toMatchObject({
      largestPacket: 1446,
      tcpMss: 1406,
      encapsulated: 1496,
    });
    expect(o.max).toBe(57);
  });

  it("Cisco's published worst-case overheads (tunnel mode)", () => {
    const worst = (t: string) => espOverhead(t).max;
    expect(worst('esp-aes esp-sha-hmac')).toBe(73); // 20 + 8 + 16 + 15 + 2 + 12
    expect(worst('esp-aes')).toBe(61); // 20 + 8 + 16 + 15 + 2
    expect(worst('esp-des')).toBe(45); // 20 + 8 + 8 + 7 + 2
    expect(worst('esp-3des esp-sha-hmac')).toBe(57); // 20 + 8 + 8 + 7 + 2 + 12
    expect(worst('esp-null esp-md5-hmac')).toBe(45); // 20 + 8 + 0 + 3 + 2 + 12
    expect(worst('ah-sha-hmac')).toBe(44); // 20 + 12 AH header + 12 ICV
  });

  it('esp-gcm 256: IV 8, ICV 16, 4-byte alignment', () => {
    // 1500 - 20 - 8 - 8 - 16 = 1448, already a multiple of 4 → 1446; encrypted exactly 1500.
    const o = espOverhead('esp-gcm 256');
    expect(o).toMatchObject({ iv: 8, icv: 16, block: 4, paddingMax: 3, fixed: 54, max: 57 });
    expect(mtuAdvice('esp-gcm 256')).toMatchObject({ largestPacket: 1446, encapsulated: 1500 });
    expect(espOverhead('esp-gmac 128')).toMatchObject({ iv: 8, icv: 16, block: 4 });
  });

  it('NAT-T adds the 8-byte UDP header', () => {
    // 1500 - 20 - 8 (UDP) - 8 - 16 - 12 = 1436 → 1424 → 1422; worst 20+8+8+16+15+2+12 = 81.
    const a = mtuAdvice('esp-aes esp-sha-hmac', { natT: true });
    expect(a.overhead).toMatchObject({ udp: 8, max: 81 });
    expect(a).toMatchObject({ largestPacket: 1422, tcpMss: 1382, encapsulated: 1488 });
  });

  it('transport mode keeps the original header: no outer IP header', () => {
    // ESP protects the packet minus its 20-byte header. 1500 - 20 - 8 - 16 - 12 = 1444 → 1440
    // → 1438 protected + 20 header = 1458; overhead 8 + 16 + 2 + 12 = 38 (53 worst).
    const a = mtuAdvice('esp-aes esp-sha-hmac', { mode: 'transport' });
    expect(a.overhead).toMatchObject({ outerIp: 0, fixed: 38, max: 53 });
    expect(a).toMatchObject({ largestPacket: 1458, padding: 0, encapsulated: 1496 });
    // 1500 in transport: 1480 + 2 = 1482 → 1488 (pad 6); 1500 + 38 + 6 = 1544.
    expect(a.fullSizeEncapsulated).toBe(1544);
  });

  it('AH with ESP, and AH alone', () => {
    // 1500 - 20 - 24 (AH) - 8 - 16 - 12 = 1420 → 1408 → 1406; worst 20+24+8+16+15+2+12 = 97.
    const both = mtuAdvice('ah-sha-hmac esp-aes esp-sha-hmac');
    expect(both.overhead).toMatchObject({ ah: 24, max: 97 });
    expect(both.largestPacket).toBe(1406);
    // AH alone: no ESP header, trailer or padding; 1500 - 20 - 24 = 1456.
    const ah = mtuAdvice('ah-md5-hmac');
    expect(ah.overhead).toMatchObject({ espHeader: 0, trailer: 0, paddingMax: 0, fixed: 44 });
    expect(ah).toMatchObject({ largestPacket: 1456, encapsulated: 1500 });
  });

  it('SHA-2 ICVs: 16, 24 and 32 bytes', () => {
    expect(espOverhead('esp-aes esp-sha256-hmac').icv).toBe(16);
    expect(espOverhead('esp-aes esp-sha384-hmac').icv).toBe(24);
    expect(espOverhead('esp-aes esp-sha512-hmac').icv).toBe(32);
    // 1500 - 20 - 8 - 16 - 32 = 1424 (89 blocks) → 1422.
    expect(mtuAdvice('esp-aes 256 esp-sha512-hmac').largestPacket).toBe(1422);
  });

  it('ESP authentication alone is ESP with NULL encryption; SEAL sends no IV', () => {
    // 1500 - 20 - 8 - 12 = 1460, a multiple of 4 → 1458.
    expect(mtuAdvice('esp-sha-hmac').largestPacket).toBe(1458);
    expect(mtuAdvice('esp-null esp-sha-hmac').largestPacket).toBe(1458);
    expect(espOverhead('esp-seal esp-sha-hmac')).toMatchObject({ iv: 0, block: 4, max: 45 });
  });

  it('reads IOS, ASA and config-model spellings alike', () => {
    const ios = espOverhead('esp-aes 256 esp-sha-hmac');
    expect(espOverhead(['esp-aes-256', 'esp-sha-hmac'])).toEqual(ios);
    expect(espOverhead('ESP-SHA-HMAC   esp-aes 256')).toEqual(ios);
    expect(ios.transforms).toEqual(['esp-aes 256', 'esp-sha-hmac']);
    expect(espOverhead('esp-3des esp-none')).toMatchObject({ icv: 0, max: 45 });
  });

  it('a small path MTU: IOS cannot clamp the MSS below 500, ASA can', () => {
    // 576 - 20 - 8 - 16 - 12 = 520 → 512 → 510; MSS 470.
    const a = mtuAdvice('esp-aes esp-sha-hmac', { pathMtu: 576 });
    expect(a).toMatchObject({ largestPacket: 510, tcpMss: 470 });
    expect(a.commands.ios).toBe('interface <tunnel-or-inside-interface>\n ip mtu 510');
    expect(a.commands.asa).toBe('sysopt connection tcpmss 470');
    expect(a.mss.find((m) => m.platform === 'ios')).toEqual({ platform: 'ios', min: 500 });
  });

  it('a jumbo path: the IOS MSS stops at its 1460 maximum', () => {
    // 9000 - 20 - 8 - 16 - 12 = 8944 (559 blocks) → 8942; MSS 8902.
    const a = mtuAdvice('esp-aes esp-sha-hmac', { pathMtu: 9000 });
    expect(a).toMatchObject({ largestPacket: 8942, tcpMss: 8902 });
    expect(a.commands.ios).toContain('ip tcp adjust-mss 1460');
    expect(a.commands.asa).toBe('sysopt connection tcpmss 8902');
  });

  it('refuses what IOS refuses, naming the problem', () => {
    expect(errorKey(() => espOverhead('esp-aes esp-sha1-hmac'))).toBe('unknown');
    expect(errorKey(() => espOverhead('esp-aes 512'))).toBe('unknown');
    expect(errorKey(() => espOverhead('esp-3des 256'))).toBe('unknown');
    expect(errorKey(() => espOverhead('esp-des esp-3des'))).toBe('twice');
    expect(errorKey(() => espOverhead('esp-gcm 256 esp-sha-hmac'))).toBe('combined');
    expect(errorKey(() => espOverhead('esp-seal'))).toBe('needsAuth');
    expect(errorKey(() => espOverhead('ah-sha-hmac esp-aes', { natT: true }))).toBe('ahNat');
    expect(errorKey(() => espOverhead('  '))).toBe('empty');
    expect(errorKey(() => mtuAdvice('esp-aes', { pathMtu: 67 }))).toBe('pathMtu');
    expect(errorKey(() => mtuAdvice('esp-aes', { pathMtu: 1500.5 }))).toBe('pathMtu');
    expect(errorKey(() => mtuAdvice('ah-sha-hmac esp-aes esp-sha512-hmac', { pathMtu: 150 }))).toBe(
      'tooSmall',
    );
  });

  it('the unknown-word error lists the valid words and keeps the word printable', () => {
    try {
      espOverhead('esp-aes \x1b[31mbogus\x07');
      expect.unreachable();
    } catch (err) {
      const e = err as MtuError;
      expect(e.vars['word']).toBe('?[31mbogus?');
      expect(String(e.vars['valid'])).toContain('esp-aes [128|192|256]');
      expect(String(e.vars['valid'])).toContain('ah-sha-hmac');
    }
  });
});

const TRANSFORM_SETS = [
  'esp-des esp-md5-hmac',
  'esp-3des esp-sha-hmac',
  'esp-aes 192 esp-sha256-hmac',
  'esp-gcm 128',
  'esp-gmac 256',
  'esp-null esp-sha384-hmac',
  'esp-seal esp-sha-hmac',
  'ah-md5-hmac esp-aes esp-sha512-hmac',
  'ah-sha-hmac',
];

describe('the largest packet is exactly the largest that fits', () => {
  it('fits the path, one byte more does not, and padding aligns the encrypted part', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSFORM_SETS),
        fc.constantFrom('tunnel' as const, 'transport' as const),
        fc.boolean(),
        fc.integer({ min: 300, max: 9216 }),
        (set, mode, natT, pathMtu) => {
          const a = mtuAdvice(set, { mode, natT: natT && !set.startsWith('ah'), pathMtu });
          const o = a.overhead;
          expect(encapsulatedSize(o, a.largestPacket)).toBeLessThanOrEqual(pathMtu);
          expect(encapsulatedSize(o, a.largestPacket + 1)).toBeGreaterThan(pathMtu);
          const size = a.largestPacket - 7;
          const encrypted = (mode === 'tunnel' ? size : size - 20) + paddingFor(o, size) + o.trailer;
          expect(encrypted % o.block).toBe(0);
          expect(paddingFor(o, size)).toBeLessThanOrEqual(o.paddingMax);
        },
      ),
    );
  });
});

const BIN = join(ROOT, 'bin/ipsec-doctor');
const run = (args: string[]) =>
  spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C', NO_COLOR: '1' } });

describe('ipsec-doctor mtu', () => {
  it('prints the breakdown and the commands, exit 0', () => {
    const r = run(['mtu', '--transform', 'esp-aes 256 esp-sha-hmac']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('esp-aes 256 esp-sha-hmac (tunnel mode), path MTU 1500');
    expect(r.stdout).toMatch(/^ +15 +0 +padding to a 16-byte boundary$/m);
    expect(r.stdout).toMatch(/^ +73 +58 +total overhead$/m);
    expect(r.stdout).toContain(
      'interface <tunnel-or-inside-interface>\n ip mtu 1438\n ip tcp adjust-mss 1398',
    );
    expect(r.stdout).toContain('sysopt connection tcpmss 1398');
  });
  it('JSON carries the numbers; NAT-T, transport and path MTU flags apply', () => {
    const r = run([
      'mtu',
      '-t',
      'esp-3des esp-sha-hmac',
      '--nat-t',
      '--transport',
      '--path-mtu',
      '1400',
      '-f',
      'json',
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { tool: string; findings: unknown[]; mtu: { largestPacket: number } };
    // 1400 - 20 - 8 (UDP) - 8 - 8 - 12 = 1344 (168 blocks) → 1342 protected + 20 header = 1362.
    expect(j).toMatchObject({ tool: 'ipsec-doctor', findings: [], mtu: { largestPacket: 1362 } });
  });
  it('Markdown and the other languages', () => {
    expect(run(['mtu', '-t', 'esp-gcm 256', '-f', 'markdown']).stdout).toContain(
      '| total overhead | 57 | 54 |',
    );
    expect(run(['mtu', '-t', 'esp-gcm 256', '--lang', 'ja']).stdout).toContain('IPsec オーバーヘッド');
    expect(run(['mtu', '-t', 'esp-gcm 256', '--lang', 'ko']).stdout).toContain('총 오버헤드');
  });
  it('usage errors: exit 2, one line on stderr, no stack trace', () => {
    for (const args of [
      ['mtu', '--transform', 'esp-aes esp-sha1-hmac'],
      ['mtu', '--transform', 'esp-aes', '--path-mtu', 'big'],
      ['mtu', '--transform', 'esp-aes', '--tunnel', '--transport'],
      ['mtu'],
    ]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const r = run(['mtu', '--transform', 'esp-aes esp-sha1-hmac']);
    expect(r.stderr).toContain('unknown transform "esp-sha1-hmac"');
    expect(r.stderr).toContain('esp-sha-hmac');
    expect(run(['mtu', '-t', 'esp-aes', '--path-mtu', '40', '--lang', 'fr']).stderr).toContain('68 à 65535');
  });
});
