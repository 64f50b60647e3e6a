/** Which verbs the built CLI offers: workloads for verbs still being built report "missing". */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';

export function cliHasVerb(dist, verb) {
  const r = spawnSync(process.execPath, [join(dist, 'cli/main.js'), 'help', verb], { encoding: 'utf8' });
  return r.status === 0 && new RegExp(`^Usage: ipsec-doctor ${verb}\\b`, 'm').test(r.stdout);
}
