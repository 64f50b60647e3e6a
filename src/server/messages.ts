import i18next from 'i18next';
import type { Language } from '../i18n/index.js';
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };
import zh from './locales/zh.json' with { type: 'json' };

export type ServeMessage = keyof typeof en;

const catalogues = { en, fr, zh, ja, ko };

/** What `serve` tells the operator on the terminal, in the locale's language. */
export function serveMessages(
  lang: Language,
): (key: ServeMessage, vars?: Record<string, string | number>) => string {
  const inst = i18next.createInstance();
  void inst.init({
    initAsync: false,
    lng: lang,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(catalogues).map(([l, c]) => [l, { translation: c }])),
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as Parameters<typeof inst.init>[0]);
  return (key, vars = {}) => inst.t(key, vars);
}
