/**
 * The heart of the simulator's contract: for every single fault injected into a healthy pair of
 * every platform combination, `diagnose` reading the simulated transcripts and show output of
 * both sides names the same code `check` names for the configurations.
 */
import { describe, expect, it } from 'vitest';
import { check, diagnose, parseConfig } from '../../src/index.js';
import { simulate } from '../../src/simulate/index.js';
import type { Dialect } from '../../src/simulate/trace.js';
import { FAULTS, PAIRS, apply, read } from '../config/faults.js';
import { CANONICAL_TUNNEL, tunnelValues } from '../../src/generate/addressing.js';
import { pairConfigs } from '../../src/generate/episodes.js';
import { FAULT_TABLE } from '../../src/generate/faults.js';
import { PAIR_TEMPLATES } from '../../src/generate/templates.js';

/**
 * Configuration faults a negotiation cannot show: they concern traffic once the tunnel is up,
 * or they are a device's own hygiene whose effect `check` already names (a crypto map applied
 * nowhere is the INVALID_LOCAL_ADDRESS it causes; an undefined extra transform set is unused).
 */
const NO_NEGOTIATION_SYMPTOM = new Set([
  'NAT_EXEMPTION_MISSING',
  'SYSOPT_PERMIT_IPSEC_MISSING',
  'ACL_REUSED',
  'SPLIT_TUNNEL_MISSING',
  'POOL_ROUTE_MISSING',
  'CRYPTO_ACL_OVERLAP',
  'WEAK_CRYPTO',
  'CRYPTO_MAP_NOT_APPLIED',
  'UNDEFINED_REFERENCE',
]);

/**
 * What a device's debug can tell of a fault whose cause is only in a configuration: a peer that
 * never answers because ISAKMP is off there looks like any silent peer; a responder whose
 * matching entry names another peer says `peer address X not found` whether a wrong `set peer`
 * or the entry order is to blame.
 */
const SYMPTOM_OF: Record<string, { code: string; phase?: string }> = {
  ISAKMP_NOT_ENABLED: { code: 'IKE_PEER_NOT_RESPONDING' },
  PEER_ADDRESS_MISMATCH: { code: 'PEER_NOT_FOUND_ENTRY_ORDER', phase: 'ipsec-phase2' },
};

const errors = (fs: readonly { code: string; severity: string }[]) =>
  [...new Set(fs.filter((f) => f.severity === 'error').map((f) => f.code))].sort();

/** IOS sides are played in both IOS dialects; PIX and ASA speak their own. */
const IOS_DIALECTS: Dialect[] = ['ios12', 'ios15'];

const cases = FAULTS.flatMap((f) =>
  IOS_DIALECTS.map(
    (ios) => [`${f.code} (${f.pair}, IOS as ${ios}, ${f.edits[0]![0].trim().slice(0, 30)})`, f, ios] as const,
  ),
);

/** The codes `check` names, as a device's log can show them, and the codes `diagnose` sees in the simulated logs. */
function roundTrip(
  a: { name: string; text: string },
  b: { name: string; text: string },
  dialects: { a?: Dialect } = {},
) {
  const checked = check(a, b);
  const symptom = (code: string) => {
    const s = SYMPTOM_OF[code];
    return s && (s.phase === undefined || s.phase === checked.outcome.failedPhase) ? s.code : code;
  };
  // A lint finding about a third peer (an entry for another site without a key) is no part of this negotiation.
  const ours = new Set(
    [a, b].flatMap((i) =>
      parseConfig(i.name, i.text).interfaces.flatMap((x) => (x.address ? [x.address] : [])),
    ),
  );
  const predicted = errors(checked.findings.filter((f) => f.peer === undefined || ours.has(f.peer)))
    .filter((c) => !NO_NEGOTIATION_SYMPTOM.has(c))
    .map(symptom);
  const sim = simulate(a, b, { dialects });
  expect(sim.outcome).toMatchObject({
    established: checked.outcome.established,
    states: checked.outcome.states,
  });
  const logs = (['a', 'b'] as const).map((side) => ({
    name: `${side}.log`,
    text: `${sim.transcripts[side]}\n${sim.show[side]}`,
  }));
  return { predicted: [...new Set(predicted)].sort(), seen: errors(diagnose(logs).findings) };
}

describe('round trip: diagnose on the simulated transcripts names what check names', () => {
  it.each(cases)('%s', (_name, fault, ios) => {
    const inputs = PAIRS[fault.pair].map(read);
    inputs[fault.side] = { ...inputs[fault.side]!, text: apply(inputs[fault.side]!.text, fault.edits) };
    const { predicted, seen } = roundTrip(inputs[0]!, inputs[1]!, { a: ios });
    expect(seen).toEqual([...new Set([...predicted, ...(fault.logsAlsoShow ?? [])])].sort());
  });
});

/**
 * The generator's templates add the combinations the fixtures lack (ASA↔ASA, IOS 12↔IOS 15,
 * IOS 12.3↔PIX 6.3 with DH group 5) and its own fault edits.
 */
const templateCases = PAIR_TEMPLATES.flatMap((pair) =>
  [undefined, ...FAULT_TABLE.filter((f) => f.edits[pair[f.side].platform] !== undefined)].map(
    (fault) => [`${pair.name}: ${fault?.code ?? 'healthy'}`, pair, fault] as const,
  ),
);

describe('round trip on every platform combination of the generator', () => {
  it.each(templateCases)('%s', (_name, pair, fault) => {
    const values = tunnelValues(CANONICAL_TUNNEL, { a: pair.a.platform, b: pair.b.platform });
    const configs = pairConfigs(pair, fault, values, 'round-Trip-1');
    const { predicted, seen } = roundTrip(
      { name: `${values.a.host}.cfg`, text: configs.a },
      { name: `${values.b.host}.cfg`, text: configs.b },
    );
    expect(seen).toEqual(predicted);
    if (fault) expect(predicted.length).toBeGreaterThan(0);
  });
});
