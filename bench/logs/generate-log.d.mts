export function logChunks(bytes: number, seed: number): Generator<string>;
export function writeLog(path: string, bytes: number, seed: number): { bytes: number; lines: number };
export const LOG_SHAPE: { routers: number; asas: number; peersPerDevice: number; faultRate: number };
