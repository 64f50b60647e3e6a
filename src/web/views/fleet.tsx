import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, type FleetTunnel, api } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import { Sparkline } from '../components/sparkline.js';
import { useLocale } from '../context.js';
import { formatTime } from '../time.js';

const STATES = ['up', 'down', 'negotiating', 'unknown'] as const;
/** The live monitor moves on: the page follows it this often. */
const REFRESH_MS = 15_000;

/** Every tunnel the live monitor follows, filtered by state, finding code and device. */
export function FleetView() {
  const { t, lang } = useLocale();
  const [state, setState] = useState('');
  const [code, setCode] = useState('');
  const [device, setDevice] = useState('');
  const [tunnels, setTunnels] = useState<FleetTunnel[]>();
  const [error, setError] = useState<unknown>();

  const load = () =>
    api.fleet({ state, code, device }).then(
      (r) => {
        setTunnels(r);
        setError(undefined);
      },
      (err: unknown) => setError(err),
    );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [state, code, device]);

  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  const notConfigured = error instanceof ApiFailure && error.code === 'fleet_not_configured';
  return (
    <section aria-labelledby="fleet-heading">
      <h2 id="fleet-heading">{t('fleet.heading')}</h2>
      <p class="intro">{t('fleet.intro')}</p>
      {notConfigured ? (
        <div class="notice" role="status">
          <p>{t('fleet.notConfigured')}</p>
          <p>{t('fleet.howTo')}</p>
          <pre>
            <code>ipsec-doctor watch --http 127.0.0.1:8470</code>
          </pre>
        </div>
      ) : (
        <>
          <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('fleet.state')}{' '}
              <select value={state} onChange={(e) => setState(e.currentTarget.value)}>
                <option value="">{t('fleet.all')}</option>
                {STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`fleet.states.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('fleet.code')}{' '}
              <input
                type="search"
                value={code}
                maxLength={60}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
            </label>
            <label>
              {t('fleet.device')}{' '}
              <input
                type="search"
                value={device}
                maxLength={200}
                onChange={(e) => setDevice(e.currentTarget.value)}
              />
            </label>
          </form>
          {error !== undefined && <ErrorNote error={error} onRetry={() => void load()} />}
          {tunnels && tunnels.length === 0 && <p class="hint">{t('fleet.empty')}</p>}
          {tunnels && tunnels.length > 0 && (
            <div class="table-wrap">
              <table class="fleet">
                <thead>
                  <tr>
                    <th scope="col">{t('fleet.device')}</th>
                    <th scope="col">{t('fleet.peer')}</th>
                    <th scope="col">{t('fleet.phase1')}</th>
                    <th scope="col">{t('fleet.phase2')}</th>
                    <th scope="col">{t('fleet.findings')}</th>
                    <th scope="col">{t('fleet.rate')}</th>
                    <th scope="col">{t('fleet.lastChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tunnels.map((tu) => (
                    <tr key={`${tu.device}|${tu.peer}`} class={`state-${tu.phase2}`}>
                      <td>{tu.device}</td>
                      <td>{tu.peer}</td>
                      <td>
                        <code>{tu.phase1}</code>
                      </td>
                      <td>
                        <span class={`pill state-${tu.phase2}`}>
                          {(STATES as readonly string[]).includes(tu.phase2)
                            ? t(`fleet.states.${tu.phase2}`)
                            : tu.phase2}
                        </span>
                      </td>
                      <td>
                        <ul class="fleet-findings">
                          {tu.findings
                            .filter((f) => f.open)
                            .map((f) => (
                              <li key={f.code} class={`sev-${f.severity}`} title={f.summary}>
                                <code>{f.code}</code> ×{f.count}
                              </li>
                            ))}
                        </ul>
                      </td>
                      <td>
                        <Sparkline values={tu.errorRate} />
                      </td>
                      <td>
                        <time dateTime={tu.lastChange}>{formatTime(when, tu.lastChange)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
