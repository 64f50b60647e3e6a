import { appendFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { follow } from '../../src/watch/receive/follow.js';
import { eventually } from './support.js';

describe('--follow', () => {
  it('reads on through a rename-and-recreate rotation and a copytruncate, losing no line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-follow-'));
    const path = join(dir, 'vpn.log');
    writeFileSync(path, 'before-start 1\n');
    const got: string[] = [];
    const r = await follow(path, (origin, line) => got.push(`${origin}|${line}`), false);
    appendFileSync(path, 'line 2\nline 3 is writ');
    appendFileSync(path, 'ten in two parts\n');
    await eventually(() => expect(got).toContain('vpn.log|line 3 is written in two parts'));
    appendFileSync(path, 'line 4, last of the old file\n');
    renameSync(path, path + '.1');
    writeFileSync(path, 'line 5, first of the new file\n');
    await eventually(() => expect(got).toContain('vpn.log|line 5, first of the new file'));
    truncateSync(path, 0);
    appendFileSync(path, 'line 6 after truncation\n');
    await eventually(() => expect(got).toContain('vpn.log|line 6 after truncation'));
    appendFileSync(path, 'line 7 without newline, read at the stop');
    await r.close();
    expect(got.map((g) => g.split('|')[1])).toEqual([
      'line 2',
      'line 3 is written in two parts',
      'line 4, last of the old file',
      'line 5, first of the new file',
      'line 6 after truncation',
      'line 7 without newline, read at the stop',
    ]);
  });

  it('--from-start reads what the file already holds, and a file that appears later is picked up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watch-follow-'));
    const path = join(dir, 'later.log');
    const got: string[] = [];
    const r = await follow(path, (_, line) => got.push(line), true);
    writeFileSync(path, 'a\nb\n');
    await eventually(() => expect(got).toEqual(['a', 'b']));
    await r.close();
  });
});
