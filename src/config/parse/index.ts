import type { DeviceConfig, Platform } from '../model.js';
import { parseAsa } from './asa.js';
import { isHiddenSecret } from './device.js';
import { parsePix } from './pix.js';
import { parseIos } from './ios.js';
import { type ConfigLine, readConfig } from './source.js';

/**
 * Which syntax a configuration is written in. The banner decides when present (`PIX Version`,
 * `ASA Version`); otherwise commands only one platform has (PIX `nameif ethernet0 …` and
 * `isakmp policy` at top level; ASA `crypto ikev1`, `tunnel-group`, ` nameif` under an interface).
 */
export function detectPlatform(lines: readonly ConfigLine[]): Platform {
  let asa = 0;
  let pix = 0;
  for (const { words, indent } of lines.slice(0, 20_000)) {
    const [a, b] = [words[0]?.toLowerCase(), words[1]?.toLowerCase()];
    if (a === 'pix' && b === 'version') return 'pix';
    if (a === 'asa' && b === 'version') return 'asa';
    if (a === 'nameif') {
      if (indent > 0) asa++;
      else pix++;
    } else if (indent === 0 && (a === 'isakmp' || a === 'vpngroup' || (a === 'sysopt' && b === 'connection')))
      pix++;
    else if (
      indent === 0 &&
      (a === 'tunnel-group' || a === 'group-policy' || (a === 'crypto' && b === 'ikev1'))
    )
      asa++;
    else if (indent === 0 && a === 'object-group' && b === 'network') asa++;
  }
  if (asa === 0 && pix === 0) return 'ios';
  return asa >= pix ? 'asa' : 'pix';
}

/** Parses one device's configuration into the vendor-neutral model. */
export function parseConfig(file: string, text: string, platform?: Platform): DeviceConfig {
  const lines = readConfig(file, text);
  const p = platform ?? detectPlatform(lines);
  const device =
    p === 'ios' ? parseIos(file, lines) : p === 'asa' ? parseAsa(file, lines) : parsePix(file, lines);
  for (const key of device.keys) if (isHiddenSecret(key.secret)) key.hidden = true;
  return device;
}
