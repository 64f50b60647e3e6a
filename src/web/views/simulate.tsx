import { useState } from 'preact/hooks';
import type { Dialect, RunReport, Side, SimulationReport, SimulationRequest } from '../api.js';
import {
  ConfigPair,
  type ConfigPairInputs,
  type PairSide,
  emptyPair,
  pairInputs,
} from '../components/config-pair.js';
import { ErrorNote } from '../components/error-note.js';
import { FindingCard } from '../components/finding-card.js';
import { LadderDiagram } from '../components/ladder-diagram.js';
import { RunTabs } from '../components/run-tabs.js';
import { TextPair } from '../components/text-pair.js';
import { VerdictBanner } from '../components/verdict-banner.js';
import { useLocale } from '../context.js';
import type { T } from '../i18n.js';
import { useKept } from '../kept.js';
import { useSimulation } from '../use-simulation.js';

type Initiator = 'both' | Side;
type DialectChoice = 'auto' | Dialect;

interface Options {
  initiator: Initiator;
  dialects: Record<Side, DialectChoice>;
}

const SIDES: readonly { side: Side; label: PairSide }[] = [
  { side: 'a', label: 'A' },
  { side: 'b', label: 'B' },
];

/** The debug dialects by the names engineers know them; `auto` reads it off the configuration. */
const DIALECT_NAMES: Record<Dialect, string> = {
  ios12: 'IOS 12',
  ios15: 'IOS 15 / IOS-XE',
  pix: 'PIX 6',
  asa: 'ASA 8 / 9',
};

function requestOf(inputs: SimulationRequest['inputs'], o: Options, lang: SimulationRequest['lang']) {
  const dialects = Object.fromEntries(
    SIDES.filter(({ side }) => o.dialects[side] !== 'auto').map(({ side }) => [side, o.dialects[side]]),
  );
  return {
    inputs,
    lang,
    ...(o.initiator !== 'both' && { initiator: o.initiator }),
    ...(Object.keys(dialects).length > 0 && { dialects }),
  } as SimulationRequest;
}

function runResult(run: RunReport, r: SimulationReport, t: T): string {
  return t('simulate.runResult', {
    device: r.names[run.initiator],
    result: run.established
      ? t('simulate.established')
      : t('simulate.stopped', { step: run.stoppedAt ?? '?', code: run.code ?? '' }),
  });
}

/** Established, or the phase it fails in; per direction when the two runs end differently. */
function Outcome({ report: r }: { report: SimulationReport }) {
  const { t } = useLocale();
  const o = r.outcome;
  const serious = r.findings.some((f) => f.severity !== 'info');
  const headline = o.established
    ? t('simulate.up', { a: r.names.a, b: r.names.b })
    : t('simulate.down', { phase: t(`phase.${o.failedPhase ?? 'ike-phase1'}`) });
  const [only] = r.runs;
  return (
    <>
      <VerdictBanner
        headline={headline}
        {...(r.runs.length === 1 && only && { detail: runResult(only, r, t) })}
        tone={o.established ? (serious ? 'warning' : 'ok') : 'error'}
      />
      {r.runs.length > 1 && (
        <ul class="directions">
          {r.runs.map((run) => (
            <li key={run.initiator}>{runResult(run, r, t)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function RunPanel({ run, report: r, n }: { run: RunReport; report: SimulationReport; n: number }) {
  const { t } = useLocale();
  const titles = (key: 'simulate.transcript' | 'simulate.showOn') =>
    Object.fromEntries(
      SIDES.map(({ side }) => [
        side,
        t(key, { device: r.names[side], dialect: DIALECT_NAMES[r.dialects[side]] }),
      ]),
    ) as Record<Side, string>;
  return (
    <section class="run" aria-labelledby={`run-${n}-heading`}>
      <h3 id={`run-${n}-heading`}>
        {t('simulate.runHeading', {
          device: r.names[run.initiator],
          from: run.from,
          to: run.to,
          tunnel: run.tunnel,
        })}
      </h3>
      <LadderDiagram run={run} names={r.names} />
      <h4>{t('simulate.transcripts')}</h4>
      <TextPair
        idPrefix={`run-${n}-debug`}
        titles={titles('simulate.transcript')}
        texts={run.transcripts}
        empty={t('simulate.silent')}
      />
      <h4>{t('simulate.show')}</h4>
      <TextPair idPrefix={`run-${n}-show`} titles={titles('simulate.showOn')} texts={run.show} empty="" />
    </section>
  );
}

/**
 * Two configurations played against each other: how the negotiation ends, the findings, then per
 * run the ladder of messages, both debug transcripts and both show outputs.
 */
export function SimulateView() {
  const { lang, t } = useLocale();
  const [sides, setSides] = useKept<ConfigPairInputs>('simulate.sides', emptyPair());
  const [options, setOptions] = useKept<Options>('simulate.options', {
    initiator: 'both',
    dialects: { a: 'auto', b: 'auto' },
  });
  const [shown, setShown] = useKept('simulate.shown', 0);
  const [selected, setSelected] = useState<number>();
  const [empty, setEmpty] = useState(false);
  const { result, busy, error, run } = useSimulation();
  const setSide = (side: PairSide, patch: Partial<ConfigPairInputs[PairSide]>) =>
    setSides((s) => ({ ...s, [side]: { ...s[side], ...patch } }));

  const submit = () => {
    const inputs = pairInputs(sides);
    setEmpty(inputs === undefined);
    if (!inputs) return;
    setSelected(undefined);
    setShown(0);
    void run(requestOf(inputs, options, lang));
  };

  const report = result?.report;
  const current = report?.runs[Math.min(shown, report.runs.length - 1)];
  return (
    <section aria-labelledby="simulate-heading">
      <h2 id="simulate-heading">{t('simulate.heading')}</h2>
      <p class="intro">{t('simulate.intro')}</p>
      <form
        class="sides"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <ConfigPair sides={sides} onChange={setSide} onSubmit={submit} />
        <fieldset class="options">
          <legend>{t('simulate.options')}</legend>
          <fieldset class="choice">
            <legend>{t('simulate.initiator')}</legend>
            {(
              [
                ['both', t('simulate.initiatorBoth')],
                ['a', t('simulate.initiatorSide', { side: 'A' })],
                ['b', t('simulate.initiatorSide', { side: 'B' })],
              ] as const
            ).map(([value, text]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="initiator"
                  value={value}
                  checked={options.initiator === value}
                  onChange={() => setOptions((o) => ({ ...o, initiator: value }))}
                />{' '}
                {text}
              </label>
            ))}
          </fieldset>
          {SIDES.map(({ side, label }) => (
            <label key={side} class="dialect">
              {t('simulate.dialect', { side: label })}{' '}
              <select
                value={options.dialects[side]}
                onChange={(e) => {
                  const value = e.currentTarget.value as DialectChoice;
                  setOptions((o) => ({ ...o, dialects: { ...o.dialects, [side]: value } }));
                }}
              >
                <option value="auto">{t('simulate.dialectAuto')}</option>
                {Object.entries(DIALECT_NAMES).map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
        <div class="form-row">
          <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
            {t('simulate.run')}
          </button>
          <kbd class="shortcut">{t('diagnose.shortcut')}</kbd>
          {empty && <span class="hint">{t('check.empty')}</span>}
        </div>
      </form>
      {error !== undefined && <ErrorNote error={error} onRetry={submit} />}
      {report && (
        <div class="results" aria-busy={busy}>
          <Outcome report={report} />
          {report.findings.length === 0 ? (
            <p class="hint">{t('check.noFinding')}</p>
          ) : (
            <section class="findings" aria-label={t('finding.list')}>
              {report.findings.map((f, i) => (
                <FindingCard
                  key={i}
                  id={`simulate-finding-${i}`}
                  finding={f}
                  selected={selected === i}
                  onSelect={() => setSelected(i)}
                />
              ))}
            </section>
          )}
          {current &&
            (report.runs.length > 1 ? (
              <RunTabs
                label={t('simulate.runs')}
                idPrefix="runs"
                tabs={report.runs.map((r) => t('simulate.initiates', { device: report.names[r.initiator] }))}
                selected={report.runs.indexOf(current)}
                onSelect={setShown}
              >
                <RunPanel run={current} report={report} n={report.runs.indexOf(current)} />
              </RunTabs>
            ) : (
              <RunPanel run={current} report={report} n={0} />
            ))}
        </div>
      )}
    </section>
  );
}
