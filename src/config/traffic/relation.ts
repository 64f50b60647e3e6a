import type { TrafficSet } from './set.js';

/** How two sets of traffic compare; `subset` and `superset` are strict. */
export type TrafficRelation = 'equal' | 'subset' | 'superset' | 'overlap' | 'disjoint';

/**
 * `a` against `b`. An empty set is `equal` to another empty set and a `subset` of any non-empty
 * one; callers that treat "protects nothing" specially check isEmpty() first.
 */
export function relation(a: TrafficSet, b: TrafficSet): TrafficRelation {
  const aInB = a.isSubsetOf(b);
  const bInA = b.isSubsetOf(a);
  if (aInB && bInA) return 'equal';
  if (aInB) return 'subset';
  if (bInA) return 'superset';
  return a.overlaps(b) ? 'overlap' : 'disjoint';
}
