import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Finding, Input, Report } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import {
  ConfigPair,
  type ConfigPairInputs,
  PAIR_SIDES,
  type PairSide,
  emptyPair,
  pairInputs,
} from '../components/config-pair.js';
import { FindingCard } from '../components/finding-card.js';
import { LineView } from '../components/line-view.js';
import { VerdictBanner } from '../components/verdict-banner.js';
import { useLocale } from '../context.js';
import { useKept } from '../kept.js';
import type { T } from '../i18n.js';
import { evidenceKeys } from '../lines.js';
import { scrollToLine } from '../scroll.js';
import { useAnalysis } from '../use-analysis.js';

type Outcome = NonNullable<Report['outcome']>;

function outcomeText(o: Omit<Outcome, 'directions'>, t: T): string {
  const vars = { a: o.states.a, b: o.states.b };
  return o.established
    ? t('check.up', vars)
    : t('check.down', { ...vars, phase: t(`phase.${o.failedPhase ?? 'ike-phase1'}`) });
}

const cites = (f: Finding, name: string) => f.evidence.some((e) => e.input === name);

/**
 * A configuration finding belongs to the side it fixes: its device is that side's hostname (or
 * file name). Without that (same hostnames, or no device), to every side its evidence cites.
 */
function belongs(f: Finding, n: number, file: string, outcome: Outcome | undefined): boolean {
  const devices = outcome?.names ? [outcome.names.a, outcome.names.b] : [];
  if (f.device !== undefined && devices[0] !== devices[1] && devices.includes(f.device))
    return f.device === devices[n];
  return cites(f, file);
}

/** Two configurations side by side: the predicted outcome, the fix per side, the lines at fault on both. */
export function CheckView({ params }: { params: URLSearchParams }) {
  const { t } = useLocale();
  const [sides, setSides] = useKept<ConfigPairInputs>('check.sides', emptyPair());
  const [selected, setSelected] = useKept<number | undefined>('check.selected', undefined);
  const [empty, setEmpty] = useState(false);
  const { result, busy, error, run, open } = useAnalysis('check');
  const setSide = (side: PairSide, patch: Partial<Input>) =>
    setSides((s) => ({ ...s, [side]: { ...s[side], ...patch } }));

  const historyId = Number(params.get('h'));
  useEffect(() => {
    if (!historyId) return;
    void open(historyId).then((inputs) => {
      if (inputs?.length === 2) setSides({ A: inputs[0]!, B: inputs[1]! });
    });
  }, [historyId]);

  const submit = () => {
    const inputs = pairInputs(sides);
    setEmpty(inputs === undefined);
    if (!inputs) return;
    setSelected(undefined);
    void run(inputs, true);
  };

  const findings = result?.report.findings ?? [];
  const marked = useMemo(() => new Set(findings.flatMap((f) => evidenceKeys(f.evidence))), [result]);
  const focused = selected === undefined ? undefined : findings[selected];
  const chosen = useMemo(() => new Set(focused ? evidenceKeys(focused.evidence) : []), [focused]);
  const names = result?.inputs.map((i) => i.name) ?? [];
  const idOf = (input: string, line: number) => `c-${names.indexOf(input)}-${line}`;

  useEffect(() => {
    for (const name of names) {
      const first = focused?.evidence.find((e) => e.input === name);
      if (first) scrollToLine(idOf(first.input, first.line));
    }
  }, [selected]);

  const outcome = result?.report.outcome;
  return (
    <section aria-labelledby="check-heading">
      <h2 id="check-heading">{t('check.heading')}</h2>
      <p class="intro">{t('check.intro')}</p>
      <form
        class="sides"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <ConfigPair sides={sides} onChange={setSide} onSubmit={submit} />
        <div class="form-row">
          <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
            {t('check.run')}
          </button>
          <kbd class="shortcut">{t('diagnose.shortcut')}</kbd>
          {empty && <span class="hint">{t('check.empty')}</span>}
        </div>
      </form>
      {error !== undefined && <ErrorNote error={error} onRetry={submit} />}
      {result && (
        <div class="results" aria-busy={busy}>
          {outcome && (
            <VerdictBanner
              headline={outcomeText(outcome, t)}
              {...(findings.length === 0 && { detail: t('check.noFinding') })}
              tone={outcome.established ? (findings.length > 0 ? 'warning' : 'ok') : 'error'}
            />
          )}
          {outcome?.directions && (
            <ul class="directions">
              {PAIR_SIDES.map((side) => (
                <li key={side}>
                  {t('check.direction', { side })}{' '}
                  {outcomeText(
                    side === 'A' ? outcome.directions!.aInitiates : outcome.directions!.bInitiates,
                    t,
                  )}
                </li>
              ))}
            </ul>
          )}
          <div class="side-results">
            {names.map((name, n) => {
              const side = PAIR_SIDES[n]!;
              const own = findings
                .map((f, i) => [f, i] as const)
                .filter(([f]) => belongs(f, n, name, outcome));
              return (
                <section key={name} class="side-result" aria-labelledby={`fix-${side}`}>
                  <h3 id={`fix-${side}`}>
                    {t('check.fixOn', { side })} <span class="name">{name}</span>
                  </h3>
                  {own.length === 0 && <p class="hint">{t('check.nothingOn', { side })}</p>}
                  {own.map(([f, i]) => (
                    <FindingCard
                      key={i}
                      id={`check-${side}-finding-${i}`}
                      finding={f}
                      selected={selected === i}
                      onSelect={() => setSelected(i)}
                    />
                  ))}
                  <LineView
                    lines={result.lines.filter((l) => l.input === name)}
                    marked={marked}
                    selected={chosen}
                    idOf={idOf}
                  />
                </section>
              );
            })}
          </div>
          {findings.some((f) => !names.some((name, n) => belongs(f, n, name, outcome))) && (
            <section class="findings">
              {findings.map((f, i) =>
                names.some((name, n) => belongs(f, n, name, outcome)) ? null : (
                  <FindingCard
                    key={i}
                    id={`check-finding-${i}`}
                    finding={f}
                    selected={selected === i}
                    onSelect={() => setSelected(i)}
                  />
                ),
              )}
            </section>
          )}
        </div>
      )}
    </section>
  );
}
