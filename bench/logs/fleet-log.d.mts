export const FAULTS: string[];
export interface LogPair {
  peer: string;
  fault: string | undefined;
  localNet: string;
  remoteNet: string;
  conn?: number;
}
export interface LogDevice {
  platform: 'ios' | 'asa';
  name: string;
  local: string;
  pairs: LogPair[];
  seq: number;
  conn: number;
}
export function castFleet(shape: {
  routers: number;
  asas: number;
  peersPerDevice: number;
  faultRate: number;
  seed: number;
}): LogDevice[];
