import type { DeviceConfig, Platform } from '../model.js';
import { emptyDevice, resolvePolicies } from './device.js';
import { type Command, newContext, runTable } from './firewall-context.js';
import { finishCryptoMaps } from './firewall-crypto.js';
import { finishNat } from './firewall-nat.js';
import { emptyObjects } from './firewall-objects.js';
import { finishRemoteAccess } from './firewall-remote-access.js';
import { type ConfigLine, sections } from './source.js';

/** One pass of a PIX or ASA configuration through its platform's command table. */
export function parseFirewall(
  file: string,
  lines: readonly ConfigLine[],
  platform: Exclude<Platform, 'ios'>,
  table: readonly Command[],
  sysoptDefault: boolean,
): DeviceConfig {
  const device = emptyDevice(file, platform);
  device.sysoptPermitIpsec = sysoptDefault;
  const ctx = newContext(device, emptyObjects());
  runTable(ctx, table, sections(lines));
  finishNat(ctx);
  finishCryptoMaps(ctx);
  finishRemoteAccess(ctx);
  device.ikePolicies = resolvePolicies(device, [...ctx.policies.values()]);
  return device;
}
