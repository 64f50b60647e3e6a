import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/config/index.js';
import { parseConfig } from '../../../src/config/parse/index.js';

const ROOT = new URL('../../../../shared/peers/batfish/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : name.endsWith('.md') || name === 'LICENSE' ? [] : [p];
  });
}

const CONFIGS = files(ROOT);
const parse = (p: string) => parseConfig(p, readFileSync(p, 'utf8'));

describe('batfish IOS crypto configurations (peer test data)', () => {
  it('finds the peer configurations', () => {
    expect(CONFIGS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(CONFIGS.map((p) => [p.slice(ROOT.length), p]))('%s parses with no misunderstood line', (_n, p) => {
    const d = parse(p);
    expect(d.problems.map((x) => `${x.ref.line}: ${x.ref.text} — ${x.reason}`)).toEqual([]);
  });

  it('r1 of the three-router network: policy, keyrings, maps on interfaces, ACL', () => {
    const d = parse(CONFIGS.find((p) => p.endsWith('ios-crypto-ipsec/configs/r1'))!);
    expect(d.hostname).toBe('r1');
    expect(d.ikePolicies[0]).toMatchObject({
      priority: 12,
      encryption: 'aes',
      hash: 'sha',
      group: 2,
      lifetime: 28800,
    });
    expect(d.ikePolicies[0]?.defaulted).toEqual(['hash']);
    expect(d.ikePolicies.at(-1)).toMatchObject({ priority: 65535, implicit: true });
    expect(d.keys.map((k) => [k.address, k.container, k.localAddress])).toEqual([
      ['2.3.4.8', 'KEYRING', '2.3.4.6'],
      ['2.3.4.11', 'KEYRING_FOR_R3', undefined],
    ]);
    expect(d.transformSets.map((t) => [t.name, t.transforms])).toEqual([
      ['ts1', ['esp-aes-256', 'esp-md5-hmac']],
      ['ts2', ['esp-aes-256', 'esp-sha-hmac']],
    ]);
    expect(d.cryptoMaps[0]?.entries[0]).toMatchObject({
      seq: 20,
      peers: ['2.3.4.8'],
      transformSets: ['ts1', 'ts2'],
      matchAddress: 'ACL',
      pfsGroup: 2,
    });
    expect(d.interfaces.find((i) => i.cryptoMap === 'mymap')?.address).toBe('2.3.4.6');
    expect(d.acls.get('ACL')?.entries).toMatchObject([
      { action: 'permit', src: { wildcard: 0 }, dst: { wildcard: 0 } },
    ]);
    expect(d.ipsecProfiles[0]).toMatchObject({ name: 'ipsec-profile', transformSets: ['ts1'], pfsGroup: 2 });
  });

  it('never keeps a pre-shared key in evidence text', () => {
    for (const p of CONFIGS) {
      const d = parse(p);
      for (const k of d.keys) {
        expect(k.ref.text).not.toContain(` ${k.secret}`);
      }
    }
  });
});

describe("check on the batfish three-router network, next to batfish's verdict", () => {
  const rig = (name: string) => {
    const p = CONFIGS.find((x) => x.endsWith(`ios-crypto-ipsec/configs/${name}`))!;
    return { name, text: readFileSync(p, 'utf8') };
  };

  it('r1/r2: phase 1 would come up, quick mode would not: the crypto ACLs are identical, not mirrored', () => {
    const r = check(rig('r1'), rig('r2'));
    expect(r.outcome).toMatchObject({
      established: false,
      failedPhase: 'ipsec-phase2',
      states: { a: 'QM_IDLE', b: 'QM_IDLE' },
    });
    const problems = r.findings.filter((f) => f.severity !== 'info');
    expect(problems.map((f) => f.code)).toEqual(['PROXY_ID_MISMATCH']);
    expect(problems[0]!.details).toMatchObject({ identical: true });
    expect(problems[0]!.remedy).toContain(
      'ip access-list extended ACL\n permit ip host 2.2.2.2 host 1.1.1.1',
    );
  });

  it('r2/r3: their VTI (Tunnel23) comes up both ways; the crypto-map tunnel, initiated by r2 only, fails', () => {
    const r = check(rig('r2'), rig('r3'));
    expect(r.outcome.directions).toMatchObject({
      aInitiates: { established: false, failedPhase: 'ipsec-phase2' },
      bInitiates: { established: true },
    });
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual(['PROXY_ID_MISMATCH']);
  });
});
