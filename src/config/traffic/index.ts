/**
 * Exact arithmetic on the traffic crypto ACLs select: decide whether two peers' ACLs mirror each
 * other, nest or overlap, whether crypto-map entries overlap, and whether NAT rules catch
 * protected traffic — on sets of flows, never on the text of the ACLs.
 */
export { entryTraffic, permittedTraffic, type TrafficMatch } from './acl.js';
export { describeTraffic, type DescribeOptions, formatFlow, type TrafficDescription } from './describe.js';
export type { Flow } from './flow.js';
export { relation, type TrafficRelation } from './relation.js';
export { MAX_CUBES, TrafficSet, TrafficTooComplexError } from './set.js';
