import { useEffect, useMemo, useState } from 'preact/hooks';
import { LocaleContext } from './context.js';
import { LANGUAGES, type Language, initialLanguage, rememberLanguage, translator } from './i18n.js';
import { VIEWS, routeOf } from './routes.js';

/** Header (views, language), then the view the address names. */
export function App() {
  const [lang, setLang] = useState<Language>(initialLanguage);
  const [route, setRoute] = useState(() => routeOf(location.hash));
  const locale = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const { t } = locale;

  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang]);

  const View = route.view.component;
  return (
    <LocaleContext.Provider value={locale}>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <header class="top">
        <h1>
          <span class="logo" aria-hidden="true" />
          {t('app.title')}
        </h1>
        <nav aria-label={t('nav.label')}>
          <ul>
            {VIEWS.map((v) => (
              <li key={v.id}>
                <a href={`#/${v.id}`} aria-current={v.id === route.view.id ? 'page' : undefined}>
                  {t(`nav.${v.id}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <label class="lang">
          <span>{t('app.language')}</span>{' '}
          <select
            value={lang}
            onChange={(e) => {
              const next = e.currentTarget.value as Language;
              rememberLanguage(next);
              setLang(next);
            }}
          >
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      <p class="tagline">{t('app.tagline')}</p>
      <main id="main" tabIndex={-1}>
        <View key={route.key} params={route.params} />
      </main>
    </LocaleContext.Provider>
  );
}
