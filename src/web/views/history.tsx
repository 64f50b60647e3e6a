import { useEffect, useState } from 'preact/hooks';
import { type HistorySummary, api } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import { useLocale } from '../context.js';
import { formatTime } from '../time.js';

/** Views that reopen a past analysis of each verb. */
const OPENS_IN: Record<string, string> = { diagnose: 'diagnose', check: 'check' };

/** Past analyses, searchable by peer and finding code; each can be reopened or deleted. */
export function HistoryView() {
  const { t, lang } = useLocale();
  const [peer, setPeer] = useState('');
  const [code, setCode] = useState('');
  const [entries, setEntries] = useState<HistorySummary[]>();
  const [error, setError] = useState<unknown>();

  const search = () =>
    api.history({ peer, code }).then(
      (e) => {
        setEntries(e);
        setError(undefined);
      },
      (err: unknown) => setError(err),
    );
  useEffect(() => void search(), []);

  const forget = async (id: number) => {
    if (!confirm(t('history.confirm', { id }))) return;
    try {
      await api.forget(id);
      await search();
    } catch (err) {
      setError(err);
    }
  };

  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <p class="intro">{t('history.intro')}</p>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label>
          {t('history.peer')}{' '}
          <input type="search" value={peer} maxLength={100} onInput={(e) => setPeer(e.currentTarget.value)} />
        </label>
        <label>
          {t('history.code')}{' '}
          <input type="search" value={code} maxLength={100} onInput={(e) => setCode(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('history.search')}</button>
      </form>
      {error !== undefined && <ErrorNote error={error} onRetry={() => void search()} />}
      {entries && entries.length === 0 && <p class="hint">{t('history.empty')}</p>}
      {entries && entries.length > 0 && (
        <div class="table-wrap">
          <table class="history">
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.what')}</th>
                <th scope="col">{t('history.inputs')}</th>
                <th scope="col">{t('history.peers')}</th>
                <th scope="col">{t('history.codes')}</th>
                <th scope="col">{t('history.verdict')}</th>
                <th scope="col">{t('history.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} class={e.worst ? `sev-${e.worst}` : ''}>
                  <td>
                    <time dateTime={e.createdAt}>{formatTime(when, e.createdAt)}</time>
                  </td>
                  <td>{t(`history.verb.${e.verb}`)}</td>
                  <td>{e.names.join(', ')}</td>
                  <td>{e.peers.join(', ')}</td>
                  <td>
                    {e.codes.map((c) => (
                      <code key={c}>{c} </code>
                    ))}
                  </td>
                  <td class="verdict-cell">{e.verdict}</td>
                  <td class="actions">
                    {OPENS_IN[e.verb] && <a href={`#/${OPENS_IN[e.verb]}?h=${e.id}`}>{t('history.open')}</a>}{' '}
                    <button type="button" class="danger" onClick={() => void forget(e.id)}>
                      {t('history.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
