import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Language, type T, translator } from './i18n.js';

export interface Locale {
  lang: Language;
  t: T;
}

export const LocaleContext = createContext<Locale>({ lang: 'en', t: translator('en') });

export const useLocale = () => useContext(LocaleContext);
