import type { FleetOptions, FleetPlan } from '../generate-fleet.mjs';
export function planFleet(options: FleetOptions): FleetPlan;
