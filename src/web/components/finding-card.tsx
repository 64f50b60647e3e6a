import type { Finding } from '../api.js';
import { useLocale } from '../context.js';
import { isCommand } from '../verdict.js';

interface Props {
  finding: Finding;
  id: string;
  selected: boolean;
  onSelect: () => void;
}

/** One finding: what, where (its evidence lines, each a link into the input) and the fix. */
export function FindingCard({ finding: f, id, selected, onSelect }: Props) {
  const { t } = useLocale();
  const steps = f.remedy.filter((s) => !isCommand(s));
  const commands = f.remedy.filter(isCommand);
  return (
    <article
      id={id}
      class={`finding sev-${f.severity}${selected ? ' selected' : ''}`}
      aria-labelledby={`${id}-title`}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest('a, button, summary')) onSelect();
      }}
    >
      <header>
        <span class={`badge sev-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
        <code class="code">{f.code}</code>
        <h3 id={`${id}-title`}>
          <button type="button" class="link" aria-pressed={selected} onClick={() => onSelect()}>
            {f.title}
          </button>
        </h3>
      </header>
      <p class="summary">{f.summary}</p>
      <p class="meta">
        {[
          f.peer && t('finding.peer', { peer: f.peer }),
          f.device && t('finding.device', { device: f.device }),
          t(`phase.${f.phase}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {f.explanation !== f.summary && <p class="explanation">{f.explanation}</p>}
      {f.remedy.length > 0 && (
        <section class="remedy">
          <h4>{t('finding.fix')}</h4>
          {steps.length > 0 && (
            <ul>
              {steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          )}
          {commands.length > 0 && (
            <pre>
              <code>{commands.join('\n')}</code>
            </pre>
          )}
        </section>
      )}
      {f.evidence.length > 0 && (
        <section class="evidence">
          <h4>{t('finding.evidence')}</h4>
          <ul>
            {f.evidence.map((e) => (
              <li key={`${e.input}:${e.line}`}>
                <a
                  href={`#${encodeURIComponent(e.input)}:${e.line}`}
                  aria-label={t('finding.line', { input: e.input, line: e.line })}
                  onClick={(ev) => {
                    ev.preventDefault();
                    onSelect();
                  }}
                >
                  {e.input}:{e.line}
                </a>{' '}
                <code>{e.text}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
