export interface FleetOptions {
  spokes: number;
  hubs: number;
  faults: number;
  seed: number;
}
export interface InjectedFault {
  kind: 'psk' | 'acl' | 'transform-set' | 'policy';
  code: string;
  spoke: string;
  hub: string;
  spokeAddress: string;
  hubAddress: string;
}
export interface FleetPlan {
  hubs: Array<{ name: string; platform: 'ios' | 'asa'; publicIp: string; lan: string }>;
  spokes: Array<{ name: string; publicIp: string; lan: string; peerings: Array<{ hub: number }> }>;
  faults: InjectedFault[];
}
export function renderFleet(plan: FleetPlan): Generator<[string, string]>;
export function writeFleet(
  outDir: string,
  options: FleetOptions,
): { devices: number; peerings: number; faults: InjectedFault[]; bytes: number };
