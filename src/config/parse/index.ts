import type { DeviceConfig, Platform } from '../model.js';
import { parseAsa } from './asa.js';
import { parsePix } from './pix.js';
import { parseIos } from './ios.js';
import { type ConfigLine, readConfig } from './source.js';

/** Commands (first two words, top level) that only one platform's configurations contain. */
const SIGNALS: Record<string, Platform> = {
  'isakmp policy': 'pix',
  'isakmp key': 'pix',
  'isakmp enable': 'pix',
  vpngroup: 'pix',
  'sysopt connection': 'pix',
  'tunnel-group': 'asa',
  'group-policy': 'asa',
  'crypto ikev1': 'asa',
  'object-group network': 'asa',
  'ip access-list': 'ios',
  'crypto keyring': 'ios',
  'ip route': 'ios',
  'ip nat': 'ios',
  'crypto pki': 'ios',
  'ip local': 'ios',
};

/**
 * Which syntax a configuration is written in. The banner decides when present (`PIX Version`,
 * `ASA Version`); otherwise the platform whose own commands are most frequent: PIX `nameif
 * ethernet0 …` and top-level `isakmp …`; ASA `crypto ikev1`, `tunnel-group`, ` nameif` under an
 * interface; IOS named ACLs, keyrings, `ip route`, and sub-mode lines under a crypto map entry.
 */
export function detectPlatform(lines: readonly ConfigLine[]): Platform {
  const score: Record<Platform, number> = { ios: 0, asa: 0, pix: 0 };
  let underMapEntry = false;
  for (const { words, indent } of lines.slice(0, 20_000)) {
    const [a, b] = [words[0]?.toLowerCase(), words[1]?.toLowerCase()];
    if (a === 'pix' && b === 'version') return 'pix';
    if (a === 'asa' && b === 'version') return 'asa';
    if (a === 'nameif') score[indent > 0 ? 'asa' : 'pix']++;
    else if (indent > 0 && underMapEntry) score.ios++;
    else if (indent === 0) {
      const signal = SIGNALS[`${a} ${b}`] ?? SIGNALS[a ?? ''];
      if (signal) score[signal]++;
      // One-line crypto map commands (`crypto map M 10 set peer A`, `crypto map M interface X`)
      // and IKEv1 transform sets are how ASA (and PIX) write what IOS puts in sub-modes.
      const third = words[2]?.toLowerCase();
      const fifth = words[4]?.toLowerCase();
      if (a === 'crypto' && b === 'ipsec' && third === 'ikev1') score.asa++;
      if (
        a === 'crypto' &&
        (b === 'map' || b === 'dynamic-map') &&
        (fifth === 'set' || fifth === 'match' || words[3]?.toLowerCase() === 'interface')
      )
        score.asa++;
    }
    // `crypto map M 10 ipsec-isakmp` followed by indented lines: an IOS sub-mode.
    if (indent === 0)
      underMapEntry = a === 'crypto' && (b === 'map' || b === 'dynamic-map') && words.length <= 5;
  }
  const best = (['ios', 'asa', 'pix'] as const).reduce((x, y) => (score[y] > score[x] ? y : x));
  return score[best] === 0 ? 'ios' : best;
}

/** Parses one device's configuration into the vendor-neutral model. */
export function parseConfig(file: string, text: string, platform?: Platform): DeviceConfig {
  const lines = readConfig(file, text);
  const p = platform ?? detectPlatform(lines);
  return p === 'ios' ? parseIos(file, lines) : p === 'asa' ? parseAsa(file, lines) : parsePix(file, lines);
}
