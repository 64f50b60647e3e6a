import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stampSeconds } from '../src/read/stamp-seconds.js';

describe('stampSeconds', () => {
  it('reads the stamps the read stage keeps, as seconds on one clock per format', () => {
    const day = 86_400;
    expect(stampSeconds('Nov 30 20:09:14.449 UTC')! - stampSeconds('Nov 29 20:09:14')!).toBe(day);
    expect(stampSeconds('Mar  1 00:00:00')! - stampSeconds('Feb 28 00:00:00')!).toBe(day);
    expect(stampSeconds('Jan  1 00:00:00')).toBe(day);
    expect(stampSeconds('Nov 23 2026 08:41:10')).toBe(stampSeconds('Nov 23 08:41:10'));
    expect(stampSeconds('2026-11-24T00:00:00.5Z')! - stampSeconds('2026-11-23T23:59:59Z')!).toBe(1);
    expect(stampSeconds('20:44:44.123')).toBe(20 * 3600 + 44 * 60 + 44);
    expect(stampSeconds('1d00h')).toBe(day);
    expect(stampSeconds('2w5d')).toBe(19 * day);
    expect(stampSeconds('1y2w')).toBe(365 * day + 14 * day);
  });

  it('says nothing of text that is not a stamp, whatever it is', () => {
    expect(stampSeconds('Foo 23 08:41:10')).toBeUndefined();
    expect(stampSeconds('')).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const t = stampSeconds(s);
        expect(t === undefined || Number.isFinite(t)).toBe(true);
      }),
    );
  });
});
