import type { DeviceConfig } from '../../model.js';
import type { ConfigHit, LintRule } from '../hit.js';
import { aclRules } from './acls.js';
import { firewallRules } from './firewall.js';
import { keyRules } from './keys.js';
import { mtuRules } from './mtu.js';
import { problemRules } from './problems.js';
import { referenceRules } from './references.js';
import { remoteAccessRules } from './remote-access.js';
import { strengthRules } from './strength.js';

const LINT_RULES: readonly LintRule[] = [
  ...referenceRules,
  ...firewallRules,
  ...keyRules,
  ...aclRules,
  ...remoteAccessRules,
  ...strengthRules,
  ...mtuRules,
  ...problemRules,
];

export function lintDevice(d: DeviceConfig): ConfigHit[] {
  return LINT_RULES.flatMap((r) => r.check(d));
}

export { poolReturnRoutes } from './remote-access.js';
