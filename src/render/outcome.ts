import type { Translator } from '../i18n/index.js';
import type { Outcome } from '../pipeline/report.js';

type Single = Omit<Outcome, 'directions' | 'names'>;

function sentence(o: Single, t: Translator, names: { a: string; b: string }): string {
  const states = { a: names.a, b: names.b, stateA: o.states.a, stateB: o.states.b };
  if (o.established) return t.text('outcome.up', states);
  return t.text('outcome.down', {
    ...states,
    phase: t.text(`outcome.phase.${o.failedPhase ?? 'ike-phase1'}`),
  });
}

/** The predicted (check) or simulated (simulate) end of the negotiation, per direction when they differ. */
export function outcomeLines(o: Outcome, t: Translator): string[] {
  const names = o.names ?? { a: 'A', b: 'B' };
  const [single, depends] = o.simulated
    ? ['simulate.outcome', 'simulate.dependsOnInitiator']
    : ['outcome.predicted', 'outcome.dependsOnInitiator'];
  if (!o.directions) return [t.text(single, { result: sentence(o, t, names) })];
  return [
    t.text(depends),
    ...(['a', 'b'] as const).map(
      (side) =>
        '  ' +
        t.text('outcome.direction', {
          when: t.text('label.whenInitiates', { device: names[side] }),
          result: sentence(side === 'a' ? o.directions!.aInitiates : o.directions!.bInitiates, t, names),
        }),
    ),
  ];
}
