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

/**
 * Variables i18next would read as options (they select another text or change how it is built):
 * a text looked up with one of them is not taken from the cache of plain texts.
 */
const OPTION_NAMES = new Set([
  'lng',
  'lngs',
  'ns',
  'count',
  'context',
  'ordinal',
  'defaultValue',
  'replace',
  'postProcess',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'keySeparator',
  'nsSeparator',
  'interpolation',
  'skipInterpolation',
  'nest',
]);

/**
 * Whether the text (or list of texts) at `key` reads the same whatever the variables: in the
 * language and in the English it falls back to, it is absent or made of strings without
 * interpolation (`{{…}}`) or nesting (`$t(…)`), and no plural or context variant (`key_…`) stands
 * beside it.
 */
function isPlain(inst: i18n, lang: Language, key: string, shape: 'text' | 'list'): boolean {
  const dot = key.lastIndexOf('.');
  const leaf = key.slice(dot + 1);
  for (const lng of lang === 'en' ? ['en'] : [lang, 'en']) {
    const parent: unknown =
      dot < 0
        ? inst.getResourceBundle(lng, 'translation')
        : inst.getResource(lng, 'translation', key.slice(0, dot));
    if (parent === undefined || parent === null) continue;
    if (typeof parent !== 'object') return false;
    const siblings = parent as Record<string, unknown>;
    const value = siblings[leaf];
    if (value !== undefined) {
      const plain =
        shape === 'list' ? Array.isArray(value) && value.every(isPlainString) : isPlainString(value);
      if (!plain) return false;
    }
    for (const k of Object.keys(siblings)) if (k.startsWith(`${leaf}_`)) return false;
  }
  return true;
}

function isPlainString(value: unknown): boolean {
  return typeof value === 'string' && !value.includes('{{') && !value.includes('$t(');
}

function hasOptionName(vars: Record<string, unknown>): boolean {
  for (const k in vars) if (OPTION_NAMES.has(k)) return true;
  return false;
}

export function translator(lang: Language): Translator {
  const inst = instance();
  // Not getFixedT: its wrapper copies every i18next option on each call (a third of the time spent
  // localising a large report's findings).
  const t = (key: string, vars: Record<string, unknown> = {}) => inst.t(key, { ...vars, lng: lang });
  // Titles and explanations are mostly plain texts: each goes through i18next once, not once per
  // finding (a report of thousands of findings repeats a handful of codes).
  const plainTexts = new Map<string, string | null>();
  const plainLists = new Map<string, string[] | null>();
  /** The text or list at `key` made once when it is plain (null when it is not), then remembered. */
  const plain = <T>(cache: Map<string, T | null>, key: string, shape: 'text' | 'list', make: () => T) => {
    let known = cache.get(key);
    if (known === undefined) {
      known = isPlain(inst, lang, key, shape) ? make() : null;
      cache.set(key, known);
    }
    return known;
  };
  const listOf = (key: string, vars: Record<string, unknown>): string[] => {
    const v = t(key, { ...vars, returnObjects: true }) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  };
  return {
    lang,
    text(key, vars = {}, context) {
      if (context !== undefined && inst.exists(`${key}_${context}`, { lng: lang }))
        return t(`${key}_${context}`, vars);
      const known = plain(plainTexts, key, 'text', () => t(key));
      return known === null || hasOptionName(vars) ? t(key, vars) : known;
    },
    list(key, vars = {}) {
      const known = plain(plainLists, key, 'list', () => listOf(key, {}));
      return known === null || hasOptionName(vars) ? listOf(key, vars) : [...known];
    },
    has(key) {
      return inst.exists(key, { lng: lang, fallbackLng: false } as Parameters<i18n['exists']>[1]);
    },
  };
}
