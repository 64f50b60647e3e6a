import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeTraffic,
  type Flow,
  permittedTraffic,
  relation,
  type TrafficRelation,
  type TrafficSet,
} from '../../../src/config/traffic/index.js';
import { acl } from './acl-lines.js';
import {
  aclArb,
  mirrorAcl,
  mirrorFlow,
  oracle,
  pairArb,
  UNIVERSE,
  universeMembers,
  universeWhere,
} from './oracle.js';

/**
 * The flows of the universe where the set and the predicate disagree (none, when exact). Also
 * checks that the set's cubes are disjoint, and that contains() says the same as the cubes.
 */
function disagreements(set: TrafficSet, expected: (f: Flow) => boolean): Flow[] {
  const { members, covered } = universeMembers(set);
  expect(covered).toBe(members.reduce((n, m) => n + m, 0));
  const wanted = universeWhere(expected);
  const wrong = UNIVERSE.filter((_, i) => members[i] !== wanted[i]);
  const sampled = UNIVERSE.filter((_, i) => i % 97 === 0);
  expect(sampled.filter((f) => set.contains(f) !== expected(f))).toEqual([]);
  return wrong;
}

function oracleRelation(inA: (f: Flow) => boolean, inB: (f: Flow) => boolean): TrafficRelation {
  const aOnly = UNIVERSE.some((f) => inA(f) && !inB(f));
  const bOnly = UNIVERSE.some((f) => inB(f) && !inA(f));
  const both = UNIVERSE.some((f) => inA(f) && inB(f));
  if (!aOnly && !bOnly) return 'equal';
  if (!aOnly) return 'subset';
  if (!bOnly) return 'superset';
  return both ? 'overlap' : 'disjoint';
}

const RUNS = { numRuns: 200 };
/** Reading a description back builds an ACL of up to a few thousand lines: fewer runs. */
const DESCRIBE_RUNS = { numRuns: 80 };

describe('traffic sets agree with brute force over a small universe', () => {
  it('permittedTraffic holds exactly the flows first-match permits', () => {
    fc.assert(
      fc.property(aclArb, (a) => {
        expect(disagreements(permittedTraffic(a), oracle(a))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('union, intersect and subtract are the boolean operations', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const [sa, sb] = [permittedTraffic(a), permittedTraffic(b)];
        const [inA, inB] = [oracle(a), oracle(b)];
        expect(disagreements(sa.union(sb), (f) => inA(f) || inB(f))).toEqual([]);
        expect(disagreements(sa.intersect(sb), (f) => inA(f) && inB(f))).toEqual([]);
        expect(disagreements(sa.subtract(sb), (f) => inA(f) && !inB(f))).toEqual([]);
        expect(disagreements(sa.subtract(sb).normalized(), (f) => inA(f) && !inB(f))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('relation, equals, isSubsetOf, overlaps and isEmpty match the enumeration', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const [sa, sb] = [permittedTraffic(a), permittedTraffic(b)];
        const [inA, inB] = [oracle(a), oracle(b)];
        const expected = oracleRelation(inA, inB);
        expect(relation(sa, sb)).toBe(expected);
        expect(sa.equals(sb)).toBe(expected === 'equal');
        expect(sa.isSubsetOf(sb)).toBe(expected === 'equal' || expected === 'subset');
        expect(sa.overlaps(sb)).toBe(UNIVERSE.some((f) => inA(f) && inB(f)));
        expect(sa.isEmpty()).toBe(!UNIVERSE.some(inA));
      }),
      RUNS,
    );
  });

  it('mirror swaps ends, and a mirrored ACL gives the mirrored set', () => {
    fc.assert(
      fc.property(aclArb, (a) => {
        const mirrored = permittedTraffic(a).mirror();
        const inA = oracle(a);
        expect(disagreements(mirrored, (f) => inA(mirrorFlow(f)))).toEqual([]);
        expect(relation(mirrored, permittedTraffic(mirrorAcl(a)))).toBe('equal');
      }),
      RUNS,
    );
  });

  it('sample is a flow of the set, whatever its protocol or ports', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const difference = permittedTraffic(a).subtract(permittedTraffic(b));
        const sample = difference.sample();
        if (difference.isEmpty()) expect(sample).toBeUndefined();
        else expect(sample && oracle(a)(sample) && !oracle(b)(sample)).toBe(true);
      }),
      RUNS,
    );
  });

  it('describeTraffic lines, read back as an ACL, permit exactly the set', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const difference = permittedTraffic(a).subtract(permittedTraffic(b));
        const { lines, omitted } = describeTraffic(difference, { maxLines: 10_000 });
        expect(omitted).toBe(0);
        expect(disagreements(permittedTraffic(acl(...lines)), (f) => difference.contains(f))).toEqual([]);
        expect(relation(permittedTraffic(acl(...lines)), difference)).toBe('equal');
      }),
      DESCRIBE_RUNS,
    );
  });
});
