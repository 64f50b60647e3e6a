import { MtuError, mtuAdvice } from '../../mtu.js';
import type { DeviceConfig, TransformSet } from '../../model.js';
import { type ConfigHit, type LintRule, lines } from '../hit.js';

/** Transform sets the device's applied crypto maps (and their dynamic maps) can use. */
function transformSetsInUse(d: DeviceConfig): TransformSet[] {
  const applied = new Set(d.interfaces.map((i) => i.cryptoMap));
  const names = new Set<string>();
  for (const m of d.cryptoMaps.filter((x) => applied.has(x.name)))
    for (const e of m.entries) {
      e.transformSets.forEach((n) => names.add(n));
      const dyn = d.dynamicMaps.find((x) => x.name === e.dynamicMap);
      dyn?.entries.forEach((de) => de.transformSets.forEach((n) => names.add(n)));
    }
  return d.transformSets.filter((t) => names.has(t.name));
}

/**
 * The note's MTU section, from the configuration's own facts: an MSS clamp (`ip tcp adjust-mss`,
 * ASA `sysopt connection tcpmss`) larger than what fits through the tunnel's ESP overhead on the
 * crypto interface's MTU lets full-size TCP segments be fragmented or dropped.
 */
const mssTooLarge: LintRule = {
  code: 'PATH_MTU_EXCEEDED',
  check(d) {
    const outside = d.interfaces.find((i) => i.cryptoMap !== undefined && !i.undeclared);
    const sets = transformSetsInUse(d);
    if (!outside || sets.length === 0) return [];
    let limit: { mss: number; set: TransformSet } | undefined;
    for (const t of sets) {
      try {
        const advice = mtuAdvice(t.transforms, { mode: t.mode, pathMtu: outside.mtu ?? 1500 });
        if (!limit || advice.tcpMss < limit.mss) limit = { mss: advice.tcpMss, set: t };
      } catch (err) {
        if (!(err instanceof MtuError)) throw err;
      }
    }
    if (!limit) return [];
    const clamps = [
      ...d.interfaces
        .filter((i) => i.tcpMss !== undefined)
        .map((i) => ({ mss: i.tcpMss!, ref: i.ref, itf: i.name })),
      ...(d.tcpMss !== undefined ? [{ mss: d.tcpMss, ref: undefined, itf: undefined }] : []),
    ];
    return clamps
      .filter((c) => c.mss > limit.mss)
      .map((c): ConfigHit => ({
        code: 'PATH_MTU_EXCEEDED',
        device: d,
        refs: lines(c.ref, limit.set.ref, outside.ref),
        details: {
          configuredMss: c.mss,
          maximumMss: limit.mss,
          transformSet: limit.set.name,
          pathMtu: outside.mtu ?? 1500,
          recommendedMss: limit.mss,
          recommendedIpMtu: limit.mss + 40,
        },
        context: 'config',
        commands: [
          c.itf !== undefined
            ? `interface ${c.itf}\n ip tcp adjust-mss ${limit.mss}`
            : `sysopt connection tcpmss ${limit.mss}`,
        ],
      }));
  },
};

export const mtuRules: readonly LintRule[] = [mssTooLarge];
