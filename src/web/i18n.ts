import i18next from 'i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ja from './locales/ja.json';
import ko from './locales/ko.json';
import zh from './locales/zh.json';

/** The workbench's own texts; findings come localised from the API in the same language. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'zh', name: '中文' },
  { code: 'ja', name: '日本語' },
  { code: 'ko', name: '한국어' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export type T = (key: string, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'ipsec-doctor.lang';

void i18next.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  resources: {
    en: { translation: en },
    fr: { translation: fr },
    zh: { translation: zh },
    ja: { translation: ja },
    ko: { translation: ko },
  },
  // Preact escapes every text it renders; escaping here too would show `&lt;` literally.
  interpolation: { escapeValue: false },
  showSupportNotice: false,
} as Parameters<typeof i18next.init>[0]);

export function translator(lang: Language): T {
  const t = i18next.getFixedT(lang);
  return (key, vars) => t(key, vars ?? {});
}

const isLanguage = (s: string | null | undefined): s is Language => LANGUAGES.some((l) => l.code === s);

/** The remembered choice, else the browser's language, else English. */
export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled; the choice then lasts for the page only.
  }
  if (isLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2).toLowerCase();
  return isLanguage(browser) ? browser : 'en';
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // See initialLanguage.
  }
}
