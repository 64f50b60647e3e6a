/**
 * The heart of the simulator's contract: for every single fault injected into a healthy pair of
 * every platform combination, `diagnose` reading the simulated transcripts and show output of
 * both sides names the same code `check` names for the configurations.
 */
import { describe, expect, it } from 'vitest';
import { check, diagnose } from '../../src/index.js';
import { simulate } from '../../src/simulate/index.js';
import type { Dialect } from '../../src/simulate/trace.js';
import { FAULTS, PAIRS, apply, read } from '../config/faults.js';

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

describe('round trip: diagnose on the simulated transcripts names what check names', () => {
  it.each(cases)('%s', (_name, fault, ios) => {
    const inputs = PAIRS[fault.pair].map(read);
    inputs[fault.side] = { ...inputs[fault.side]!, text: apply(inputs[fault.side]!.text, fault.edits) };
    const [a, b] = [inputs[0]!, inputs[1]!];
    const checked = check(a, b);
    const symptom = (code: string) => {
      const s = SYMPTOM_OF[code];
      return s && (s.phase === undefined || s.phase === checked.outcome.failedPhase) ? s.code : code;
    };
    const predicted = errors(checked.findings)
      .filter((c) => !NO_NEGOTIATION_SYMPTOM.has(c))
      .map(symptom);
    const sim = simulate(a, b, { dialects: { a: ios } });
    expect(sim.outcome).toMatchObject({
      established: checked.outcome.established,
      states: checked.outcome.states,
    });
    const logs = (['a', 'b'] as const).map((side) => ({
      name: `${side}.log`,
      text: `${sim.transcripts[side]}\n${sim.show[side]}`,
    }));
    const seen = errors(diagnose(logs).findings);
    expect(seen).toEqual([...new Set([...predicted, ...(fault.logsAlsoShow ?? [])])].sort());
  });
});
