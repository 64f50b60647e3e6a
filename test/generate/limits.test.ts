/** `--lines` and `--size` are honoured to the line, whole lines only; the same seed writes the same bytes. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FleetLogGenerator, type GenerateLimit } from '../../src/generate/index.js';
import { GenerateOptionError, faultMix, parseSize } from '../../src/generate/options.js';

const START = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));

function generate(limit: GenerateLimit, seed = 1, tunnels = 50): Buffer {
  const g = new FleetLogGenerator({ tunnels, mix: faultMix(undefined, '0.5'), limit, seed, start: START });
  const chunks: Buffer[] = [];
  for (let c = g.nextChunk(); c !== undefined; c = g.nextChunk()) chunks.push(c);
  const out = Buffer.concat(chunks);
  expect(out.length).toBe(g.bytesWritten);
  return out;
}

const lineCount = (b: Buffer) => b.toString('latin1').split('\n').length - 1;

describe('limits', () => {
  it.each([1, 7, 12_345, 100_001])('--lines %i writes exactly that many lines', (lines) => {
    const out = generate({ lines });
    expect(lineCount(out)).toBe(lines);
    expect(out.at(-1)).toBe(10);
  });

  it.each([1_000, 123_457, 3e6])('--size %i stops within one line of it, on a line boundary', (bytes) => {
    const out = generate({ bytes });
    expect(out.length).toBeLessThanOrEqual(bytes);
    expect(out.at(-1)).toBe(10);
    const longest = Math.max(
      ...out
        .toString('latin1')
        .split('\n')
        .map((l) => l.length + 1),
    );
    expect(bytes - out.length).toBeLessThan(longest);
  });

  it('writes timestamps that never go back', () => {
    const text = generate({ lines: 50_000 }).toString('latin1');
    const clock = /^(\w{3} [ \d]\d \d\d:\d\d:\d\d) /;
    let last = '';
    for (const line of text.split('\n')) {
      const m = clock.exec(line);
      if (!m) continue;
      expect(m[1]! >= last, `${m[1]} after ${last}`).toBe(true);
      last = m[1]!;
    }
  });
});

describe('determinism', () => {
  const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('same seed, same bytes; another seed, other bytes', () => {
    const a = generate({ bytes: 2e6 }, 42, 300);
    expect(digest(generate({ bytes: 2e6 }, 42, 300))).toBe(digest(a));
    expect(digest(generate({ bytes: 2e6 }, 43, 300))).not.toBe(digest(a));
  });
});

describe('flag words', () => {
  it('reads sizes in decimal units', () => {
    expect(parseSize('100MB')).toBe(100e6);
    expect(parseSize('1.5kb')).toBe(1500);
    expect(() => parseSize('5XB')).toThrow(GenerateOptionError);
  });

  it('splits the faulty share by the weights unless healthy= is given', () => {
    expect(faultMix('PSK_MISMATCH=3,PFS_MISMATCH=1', '0.2')).toEqual([
      ['healthy', 0.8],
      ['PSK_MISMATCH', 0.15000000000000002],
      ['PFS_MISMATCH', 0.05],
    ]);
    expect(faultMix('healthy=9,psk_mismatch=1', undefined)).toEqual([
      ['healthy', 9],
      ['PSK_MISMATCH', 1],
    ]);
    expect(() => faultMix('healthy=9', '0.1')).toThrow(GenerateOptionError);
    expect(() => faultMix('NOT_A_FAULT=1', undefined)).toThrow(GenerateOptionError);
    expect(() => faultMix('PSK_MISMATCH=0', undefined)).toThrow(GenerateOptionError);
  });
});
