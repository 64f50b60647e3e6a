/**
 * A generated fleet log read back by `diagnose`: every injected fault is found on the tunnel it
 * was injected into, and healthy tunnels (data-plane noise included) raise no error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Finding, diagnose } from '../../src/index.js';
import { FAULT_CODES, FleetLogGenerator, HEALTHY, type ManifestTunnel } from '../../src/generate/index.js';
import { faultMix } from '../../src/generate/options.js';

const START = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
const TUNNELS = 2_000;

function generate(tunnels: number, bytes: number, seed: number) {
  const g = new FleetLogGenerator({
    tunnels,
    mix: faultMix(undefined, '0.3'),
    limit: { bytes },
    seed,
    start: START,
  });
  const chunks: Buffer[] = [];
  for (let c = g.nextChunk(); c !== undefined; c = g.nextChunk()) chunks.push(c);
  return { text: Buffer.concat(chunks).toString('latin1'), manifest: g.manifest };
}

describe('generate → diagnose', () => {
  // 40 MB: about eight minutes of fleet time, so every tunnel's first attempt (both directions
  // when they differ, a minute apart) is in the log.
  let manifest: ManifestTunnel[];
  let findings: Finding[];
  let errors: Finding[];
  const byDevice = new Map<string, ManifestTunnel>();
  beforeAll(() => {
    const generated = generate(TUNNELS, 40e6, 7);
    manifest = generated.manifest;
    findings = diagnose([{ name: 'fleet.log', text: generated.text }]).findings;
    errors = findings.filter((f) => f.severity === 'error');
    for (const t of manifest) for (const side of [t.a, t.b]) byDevice.set(side.device, t);
  }, 300_000);

  it('injects every fault code and gives each tunnel its own devices', () => {
    expect(manifest).toHaveLength(TUNNELS);
    expect(new Set(manifest.map((t) => t.code))).toEqual(new Set([...FAULT_CODES, HEALTHY]));
    expect(byDevice.size).toBe(TUNNELS * 2);
  });

  it('finds every injected fault on its tunnel, naming the other side as the peer', () => {
    const found = new Map<number, Set<string>>();
    for (const f of errors) {
      const t = f.device === undefined ? undefined : byDevice.get(f.device);
      expect(t, `${f.code} on ${f.device}`).toBeDefined();
      const other = f.device === t!.a.device ? t!.b : t!.a;
      if (f.peer !== undefined) expect(f.peer, `${f.code} on ${f.device}`).toBe(other.address);
      found.set(t!.index, (found.get(t!.index) ?? new Set()).add(f.code));
    }
    const missed = manifest
      .filter((t) => t.code !== HEALTHY)
      .filter((t) => !found.get(t.index)?.has(t.code))
      .map((t) => `${t.index} ${t.pair} ${t.code}`);
    expect(missed).toEqual([]);
    const wrong = [...found].filter(([i, codes]) => [...codes].some((c) => c !== manifest[i]!.code));
    expect(
      wrong.map(([i, codes]) => `${manifest[i]!.pair} ${manifest[i]!.code}: ${[...codes].join(',')}`),
    ).toEqual([]);
  });

  it('raises no error for healthy tunnels, and their noise only as warnings', () => {
    const healthyDevices = new Set(
      manifest.filter((t) => t.code === HEALTHY).flatMap((t) => [t.a.device, t.b.device]),
    );
    expect(errors.filter((f) => healthyDevices.has(f.device!))).toEqual([]);
    const noisy = manifest.filter((t) => t.noise !== undefined);
    expect(noisy.length).toBeGreaterThan(0);
    const warned = new Set(
      findings
        .filter((f) => f.severity === 'warning')
        .map((f) => `${byDevice.get(f.device!)?.index} ${f.code}`),
    );
    const heard = noisy.filter((t) => warned.has(`${t.index} ${t.noise}`));
    expect(heard.length).toBeGreaterThan(noisy.length / 2);
  });
});
