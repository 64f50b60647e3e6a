/**
 * `generate`: a synthetic fleet log (many tunnels, a fault mix, interleaved syslog and debug
 * lines with realistic timestamps) for benchmarks and demos, and the manifest of what it holds.
 */
export { MAX_TUNNELS } from './addressing.js';
export { FAULT_CODES, HEALTHY } from './faults.js';
export type { FaultMix, ManifestTunnel, ManifestSide } from './fleet.js';
export { FleetLogGenerator, type GenerateLimit, type GenerateOptions, sharedCatalogue } from './generator.js';
export { writeFleetLog, type GenerateResult } from './stream.js';
