import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, translator } from '../../src/i18n/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const watchTexts = (lang: (typeof LANGUAGES)[number]) =>
  (CATALOGUES[lang] as { watch: Record<string, string> }).watch;

describe("the monitor's own texts (the `watch` part of the shared catalogues)", () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every English text, with the same placeholders',
    (lang) => {
      const en = watchTexts('en');
      const other = watchTexts(lang);
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(placeholders(other[key]!), key).toEqual(placeholders(en[key]!));
        expect(other[key], key).not.toBe(en[key]);
      }
    },
  );
  it('fills placeholders', () => {
    expect(translator('fr').text('watch.listening', { url: 'tcp://127.0.0.1:5514' })).toBe(
      'écoute sur tcp://127.0.0.1:5514',
    );
  });
});
