import i18next, { type i18n } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };
import zh from './locales/zh.json' with { type: 'json' };

export const LANGUAGES = ['en', 'fr', 'zh', 'ja', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, unknown> = { en, fr, zh, ja, ko };

/** Localised texts for one language; English fills any gap so output never shows a raw key. */
export interface Translator {
  readonly lang: Language;
  text(key: string, vars?: Record<string, string | number>, context?: string): string;
  list(key: string, vars?: Record<string, string | number>): string[];
  has(key: string): boolean;
}

let shared: i18n | undefined;

function instance(): i18n {
  if (shared) return shared;
  const inst = i18next.createInstance();
  void inst.init({
    initAsync: false,
    lng: 'en',
    fallbackLng: 'en',
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  shared = inst;
  return inst;
}

export function isLanguage(s: string | undefined): s is Language {
  return s !== undefined && (LANGUAGES as readonly string[]).includes(s);
}

/** `--lang`, else the locale environment (`LC_ALL`, `LC_MESSAGES`, `LANG`: `ja_JP.UTF-8` → ja), else en. */
export function pickLanguage(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (isLanguage(flag)) return flag;
  for (const v of [env['LC_ALL'], env['LC_MESSAGES'], env['LANG'], env['LANGUAGE']]) {
    const code = v?.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'en';
}

export function translator(lang: Language): Translator {
  const inst = instance();
  // Not getFixedT: its wrapper copies every i18next option on each call (a third of the time spent
  // localising a large report's findings).
  const t = (key: string, vars: Record<string, unknown> = {}) => inst.t(key, { ...vars, lng: lang });
  return {
    lang,
    text(key, vars = {}, context) {
      if (context !== undefined && inst.exists(`${key}_${context}`, { lng: lang }))
        return t(`${key}_${context}`, vars);
      return t(key, vars);
    },
    list(key, vars = {}) {
      const v = t(key, { ...vars, returnObjects: true }) as unknown;
      return Array.isArray(v) ? v.map(String) : [];
    },
    has(key) {
      return inst.exists(key, { lng: lang, fallbackLng: false } as Parameters<i18n['exists']>[1]);
    },
  };
}
