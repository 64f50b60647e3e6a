import type { DeviceConfig } from '../config/model.js';
import type { Side } from './trace.js';

/** The name in the device's prompt: its hostname, else the note's RouterA / RouterB. */
export function promptName(d: DeviceConfig, side: Side): string {
  return d.hostname ?? (side === 'a' ? 'RouterA' : 'RouterB');
}
