import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/index.js';
import { WATCH_TEXTS, watchText } from '../../src/watch/texts.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("the monitor's own texts", () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every English text, with the same placeholders',
    (lang) => {
      const en = WATCH_TEXTS.en as Record<string, string>;
      const other = WATCH_TEXTS[lang] as Record<string, string>;
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(placeholders(other[key]!), key).toEqual(placeholders(en[key]!));
        expect(other[key], key).not.toBe(en[key]);
      }
    },
  );
  it('fills placeholders', () => {
    expect(watchText('fr', 'listening', { url: 'tcp://127.0.0.1:5514' })).toBe(
      'écoute sur tcp://127.0.0.1:5514',
    );
  });
});
