import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/parse/index.js';

const SHARED = new URL('../../../../shared/peers/', import.meta.url).pathname;
const FIX = new URL('../../fixtures/config/', import.meta.url).pathname;

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, keep) : keep(name) ? [p] : [];
  });
}

const parse = (p: string) => parseConfig(p, readFileSync(p, 'utf8'));

describe('the platform is detected from the configuration itself', () => {
  it.each(
    files(
      join(SHARED, 'ntc-templates/tests/cisco_asa'),
      (n) => n.startsWith('cisco_asa_show_running-config') && n.endsWith('.raw'),
    ),
  )('ASA fragment without a banner: %s', (p) => {
    const d = parse(p);
    expect(d.platform).toBe('asa');
    expect(d.problems).toEqual([]);
  });

  it.each(files(join(SHARED, 'batfish'), (n) => !n.endsWith('.md') && n !== 'LICENSE'))(
    'IOS (batfish): %s',
    (p) => {
      expect(parse(p).platform).toBe('ios');
    },
  );

  it('banners and fixtures: ASA 9, ASA 8.2, PIX 6.3, IOS', () => {
    expect(parse(FIX + 'asa/hq-asa9-hub.cfg').platform).toBe('asa');
    expect(parse(FIX + 'asa/branch-asa82.cfg').platform).toBe('asa');
    expect(parse(FIX + 'pix/pixfirewall-63.cfg').platform).toBe('pix');
    expect(parse(FIX + 'pairs/ios-ios/peer-a.cfg').platform).toBe('ios');
    expect(parse(FIX + 'seed/ezvpn-server.cfg').platform).toBe('ios');
  });
});
