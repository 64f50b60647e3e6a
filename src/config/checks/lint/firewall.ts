import { enableIsakmpCommand } from '../commands.js';
import { type ConfigHit, type LintRule, lines } from '../hit.js';

/** PIX/ASA answer IKE only on interfaces where it is enabled; IOS everywhere unless disabled. */
const isakmpEnabled: LintRule = {
  code: 'ISAKMP_NOT_ENABLED',
  check(d) {
    const enabled = d.isakmpEnabled;
    if (enabled === 'all') return [];
    return d.interfaces
      .filter(
        (i) => i.cryptoMap !== undefined && (enabled === 'none' || !enabled.includes(i.nameif ?? i.name)),
      )
      .map((i): ConfigHit => ({
        code: 'ISAKMP_NOT_ENABLED',
        device: d,
        refs: lines(i.ref, d.cryptoMaps.find((m) => m.name === i.cryptoMap)?.ref),
        details: { interface: i.nameif ?? i.name, map: i.cryptoMap },
        commands: [enableIsakmpCommand(d, i.nameif ?? i.name)],
      }));
  },
};

const sysopt: LintRule = {
  code: 'SYSOPT_PERMIT_IPSEC_MISSING',
  check(d) {
    if (d.platform === 'ios' || d.sysoptPermitIpsec !== false) return [];
    const applied = d.interfaces.filter((i) => i.cryptoMap !== undefined);
    if (applied.length === 0) return [];
    return [
      {
        code: 'SYSOPT_PERMIT_IPSEC_MISSING',
        device: d,
        refs: lines(...applied.map((i) => d.cryptoMaps.find((m) => m.name === i.cryptoMap)?.ref ?? i.ref)),
        details: { platform: d.platform },
        commands: [d.platform === 'pix' ? 'sysopt connection permit-ipsec' : 'sysopt connection permit-vpn'],
      },
    ];
  },
};

export const firewallRules: readonly LintRule[] = [isakmpEnabled, sysopt];
