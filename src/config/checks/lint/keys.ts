import { keyFor } from '../../negotiate/keys.js';
import { keyCommand } from '../commands.js';
import { type ConfigHit, type LintRule, lines } from '../hit.js';

/** A static crypto-map peer with pre-shared-key policies but no key (or tunnel-group) for it. */
const missingKey: LintRule = {
  code: 'PSK_MISSING',
  check(d) {
    if (!d.ikePolicies.some((p) => p.authentication === 'pre-share')) return [];
    const hits: ConfigHit[] = [];
    const seen = new Set<string>();
    for (const m of d.cryptoMaps)
      for (const e of m.entries)
        for (const peer of e.peers) {
          if (seen.has(peer) || keyFor(d, peer)) continue;
          seen.add(peer);
          hits.push({
            code: 'PSK_MISSING',
            device: d,
            peer,
            refs: lines(e.lines.find((l) => l.text.includes(peer)) ?? e.ref),
            details: { missingOn: d.hostname ?? d.file, forPeer: peer },
            commands: [keyCommand(d, peer, '<the-key-configured-on-' + peer + '>')],
          });
        }
    return hits;
  },
};

export const keyRules: readonly LintRule[] = [missingKey];
