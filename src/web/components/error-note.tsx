import { useState } from 'preact/hooks';
import { ApiFailure, setToken } from '../api.js';
import { useLocale } from '../context.js';

/** A failed request in the user's language (by the API's error code); asks for the token when that was it. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useLocale();
  const [token, setTokenText] = useState('');
  const code = error instanceof ApiFailure ? error.code : 'internal';
  const message = error instanceof ApiFailure ? error.message : '';
  const key = `error.${code}`;
  const text = t(key, { message });
  return (
    <div class="error-note" role="alert">
      <p>{text === key ? t('error.internal') : text}</p>
      {code === 'unauthorized' && (
        <form
          class="token-form"
          onSubmit={(e) => {
            e.preventDefault();
            setToken(token.trim());
            onRetry?.();
          }}
        >
          <label>
            {t('token.label')}{' '}
            <input
              type="password"
              autoComplete="off"
              value={token}
              onInput={(e) => setTokenText(e.currentTarget.value)}
            />
          </label>
          <button type="submit">{t('token.submit')}</button>
        </form>
      )}
    </div>
  );
}
