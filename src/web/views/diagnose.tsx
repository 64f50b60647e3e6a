import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Input } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import { FileDrop, readFiles } from '../components/file-drop.js';
import { FindingCard } from '../components/finding-card.js';
import { LineView } from '../components/line-view.js';
import { VerdictBanner } from '../components/verdict-banner.js';
import { useLocale } from '../context.js';
import { useKept } from '../kept.js';
import { evidenceKeys } from '../lines.js';
import { scrollToLine } from '../scroll.js';
import { uniqueNames, useAnalysis } from '../use-analysis.js';
import { verdictOf } from '../verdict.js';

const PASTED = 'pasted.log';

/** Paste or drop logs and show output: the verdict, finding cards, and the input with its evidence. */
export function DiagnoseView({ params }: { params: URLSearchParams }) {
  const { t } = useLocale();
  const [text, setText] = useKept('diagnose.text', '');
  const [files, setFiles] = useKept<Input[]>('diagnose.files', []);
  const [selected, setSelected] = useKept<number | undefined>('diagnose.selected', undefined);
  const [empty, setEmpty] = useState(false);
  const { result, busy, error, run, open } = useAnalysis('diagnose');

  const historyId = Number(params.get('h'));
  useEffect(() => {
    if (!historyId) return;
    void open(historyId).then((inputs) => {
      if (!inputs) return;
      setText(inputs.find((i) => i.name === PASTED)?.text ?? '');
      setFiles(inputs.filter((i) => i.name !== PASTED));
    });
  }, [historyId]);

  const submit = () => {
    const inputs = uniqueNames([...(text.trim() !== '' ? [{ name: PASTED, text }] : []), ...files]);
    setEmpty(inputs.length === 0);
    if (inputs.length === 0) return;
    setSelected(undefined);
    void run(inputs, true);
  };

  const marked = useMemo(
    () => new Set(result?.report.findings.flatMap((f) => evidenceKeys(f.evidence)) ?? []),
    [result],
  );
  const names = useMemo(() => result?.inputs.map((i) => i.name) ?? [], [result]);
  const idOf = (input: string, line: number) => `d-${names.indexOf(input)}-${line}`;
  const focused = selected === undefined ? undefined : result?.report.findings[selected];
  const chosen = useMemo(() => new Set(focused ? evidenceKeys(focused.evidence) : []), [focused]);

  useEffect(() => {
    const first = focused?.evidence[0];
    if (first) scrollToLine(idOf(first.input, first.line));
  }, [selected]);

  const verdict = result && verdictOf(result.report, t);
  return (
    <section aria-labelledby="diagnose-heading">
      <h2 id="diagnose-heading">{t('diagnose.heading')}</h2>
      <p class="intro">{t('diagnose.intro')}</p>
      <FileDrop onFiles={(f) => setFiles((old) => [...old, ...f])}>
        <form
          class="input-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label for="diagnose-text">{t('diagnose.paste')}</label>
          <textarea
            id="diagnose-text"
            rows={10}
            spellcheck={false}
            placeholder={t('diagnose.placeholder')}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              }
            }}
          />
          <div class="form-row">
            <span class="hint">
              {t('diagnose.drop')}{' '}
              <label class="file-button">
                {t('diagnose.addFiles')}
                <input
                  type="file"
                  multiple
                  onChange={(e) => {
                    const input = e.currentTarget;
                    void readFiles(input.files).then((f) => {
                      setFiles((old) => [...old, ...f]);
                      input.value = '';
                    });
                  }}
                />
              </label>
            </span>
            <ul class="files">
              {files.map((f, i) => (
                <li key={`${f.name}-${i}`}>
                  {f.name}
                  <button
                    type="button"
                    class="remove"
                    aria-label={t('diagnose.remove', { name: f.name })}
                    onClick={() => setFiles((old) => old.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
              {t('diagnose.run')}
            </button>
            <kbd class="shortcut">{t('diagnose.shortcut')}</kbd>
          </div>
          {empty && <p class="hint">{t('diagnose.empty')}</p>}
        </form>
      </FileDrop>
      {error !== undefined && <ErrorNote error={error} onRetry={submit} />}
      {result && verdict && (
        <div class="results" aria-busy={busy}>
          <VerdictBanner {...verdict} />
          {result.report.findings.length > 0 && (
            <section aria-label={t('finding.list')} class="findings">
              {result.report.findings.map((f, i) => (
                <FindingCard
                  key={`${f.code}-${i}`}
                  id={`finding-${i}`}
                  finding={f}
                  selected={selected === i}
                  onSelect={() => setSelected(i)}
                />
              ))}
            </section>
          )}
          <section class="input-view" aria-labelledby="input-heading">
            <h3 id="input-heading">{t('input.heading')}</h3>
            <p class="hint">
              {t('input.summary', {
                lines: result.report.stats?.lines ?? result.lines.length,
                recognised: result.report.stats?.recognised ?? 0,
              })}
            </p>
            {names.map((name) => (
              <section key={name} class="input">
                <h4>{name}</h4>
                <LineView
                  lines={result.lines.filter((l) => l.input === name)}
                  marked={marked}
                  selected={chosen}
                  idOf={idOf}
                />
              </section>
            ))}
          </section>
        </div>
      )}
    </section>
  );
}
