/**
 * The built CLI streams: memory does not grow with the size written, the manifest lists every
 * tunnel, and a terminal is refused megabytes. Runs `bin/ipsec-doctor` (dist/, built by `npm test`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'bin/ipsec-doctor');
const CLI = join(ROOT, 'dist/cli/main.js');

/**
 * Peak RSS (KB) of the CLI writing `size` to /dev/null: the CLI runs in a child Node process
 * that reports its own peak when it exits.
 */
function peakRssKb(size: string): number {
  const script = `process.on('exit', () => process.stderr.write('RSS ' + process.resourceUsage().maxRSS + '\\n'));
process.argv = [process.argv[0], ${JSON.stringify(CLI)}, 'generate', '--tunnels', '2000', '--size', ${JSON.stringify(size)}, '--output', '/dev/null'];
await import(${JSON.stringify(CLI)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return Number(/RSS (\d+)/.exec(r.stderr)?.[1]);
}

describe('generate CLI', () => {
  it('memory does not depend on the size written', () => {
    const small = peakRssKb('5MB');
    const large = peakRssKb('50MB');
    expect(large).toBeLessThan(200 * 1024);
    expect(large - small).toBeLessThan(40 * 1024);
  });

  it('writes the file and a manifest of every tunnel', () => {
    const dir = mkdtempSync(join(tmpdir(), 'generate-'));
    const [log, manifest] = [join(dir, 'fleet.log'), join(dir, 'manifest.json')];
    const r = spawnSync(
      BIN,
      [
        'generate',
        '--tunnels',
        '40',
        '--lines',
        '5000',
        '--faults',
        'PSK_MISMATCH=1,healthy=1',
        '--seed',
        '9',
        '-o',
        log,
        '--manifest',
        manifest,
      ],
      { encoding: 'utf8', env: { ...process.env, LANG: 'C' } },
    );
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as {
      lines: number;
      bytes: number;
      tunnels: { code: string }[];
    };
    expect(m.lines).toBe(5000);
    expect(m.bytes).toBe(statSync(log).size);
    expect(m.tunnels).toHaveLength(40);
    expect(new Set(m.tunnels.map((t) => t.code))).toEqual(new Set(['PSK_MISMATCH', 'healthy']));
    expect(r.stderr).toContain('5000 lines, 40 tunnels');
  });

  it('says what is wrong with a flag, in the language asked for', () => {
    const r = spawnSync(BIN, ['generate', '--size', '10XB', '--lang', 'fr'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('indiquez une taille');
  });
});
