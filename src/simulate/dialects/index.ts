import type { DeviceConfig } from '../../config/model.js';
import type { Dialect } from '../trace.js';
import type { DialectWriter } from './dialect.js';
import { asaWriter } from './asa.js';
import { ios12Writer, ios15Writer } from './ios.js';
import { pixWriter } from './pix.js';

export const WRITERS: Record<Dialect, DialectWriter> = {
  ios12: ios12Writer,
  ios15: ios15Writer,
  pix: pixWriter,
  asa: asaWriter,
};

/** The dialect a device speaks: its platform, and for IOS its release (12.x or 15 and later). */
export function dialectOf(d: DeviceConfig): Dialect {
  if (d.platform === 'asa') return 'asa';
  if (d.platform === 'pix') return 'pix';
  const major = d.version ? Number(/^(\d+)/.exec(d.version)?.[1]) : NaN;
  return major < 15 ? 'ios12' : 'ios15';
}

export type { DialectWriter, SpeakerContext } from './dialect.js';
