/** Which verbs the built CLI offers: workloads for verbs still being built report "missing". */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function cliHasVerb(root, verb) {
  const r = spawnSync(join(root, 'bin/ipsec-doctor'), ['help', verb], { encoding: 'utf8' });
  return r.status === 0 && new RegExp(`^Usage: ipsec-doctor ${verb}\\b`, 'm').test(r.stdout);
}
