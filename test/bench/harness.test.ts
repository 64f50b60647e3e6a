import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { afterAll, describe, expect, it } from 'vitest';
import { planFleet } from '../../bench/fleet/plan.mjs';
import { renderFleet, writeFleet } from '../../bench/generate-fleet.mjs';
import { BEGIN, END, writeResults } from '../../bench/lib/report.mjs';
import { growthExponent, median, ratio, summarise } from '../../bench/lib/stats.mjs';
import { LOG_SHAPE, logChunks } from '../../bench/logs/generate-log.mjs';
import { castFleet } from '../../bench/logs/fleet-log.mjs';
import { diagnose } from '../../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'ipsec-bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fleetText = (options: Parameters<typeof planFleet>[0]) => new Map([...renderFleet(planFleet(options))]);

describe('bench arithmetic', () => {
  it('takes the median of odd and even counts of runs, whatever their order', () => {
    expect(median([3.2, 1.1, 2.5])).toBe(2.5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it('gives no ratio against a missing or zero baseline', () => {
    expect(ratio(9, 3)).toBe(3);
    expect(ratio(1, 0)).toBeUndefined();
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(ratio(2, undefined)).toBeUndefined();
  });

  it('summarises runs, leaving out a measure that one run lacks', () => {
    const s = summarise([
      { seconds: 3, cpuSeconds: 2, rssKb: 100 },
      { seconds: 1, cpuSeconds: 1 },
      { seconds: 2, cpuSeconds: 4, rssKb: 300 },
    ]);
    expect(s).toEqual({ seconds: 2, cpuSeconds: 2, rssKb: undefined });
  });

  it('fits linear growth to 1 and quadratic growth to 2', () => {
    expect(
      growthExponent([
        { size: 1000, seconds: 10 },
        { size: 100, seconds: 1 },
      ]),
    ).toBeCloseTo(1, 6);
    expect(
      growthExponent([
        { size: 10, seconds: 1 },
        { size: 100, seconds: 100 },
      ]),
    ).toBeCloseTo(2, 6);
    expect(growthExponent([{ size: 10, seconds: 1 }])).toBeUndefined();
  });

  it('rewrites only the results between the markers of BENCHMARKS.md', () => {
    const path = join(scratch, 'BENCHMARKS.md');
    writeFileSync(path, `# Benchmarks\n\nHand-written.\n\n${BEGIN}\nold table\n${END}\n\nHistory.\n`);
    writeResults(path, 'new table\n');
    expect(readFileSync(path, 'utf8')).toBe(
      `# Benchmarks\n\nHand-written.\n\n${BEGIN}\nnew table\n${END}\n\nHistory.\n`,
    );
  });
});

describe('fleet generator', () => {
  const options = { spokes: 60, hubs: 3, faults: 0.2, seed: 11 };

  it('writes the same configurations for the same seed, other ones for another seed', () => {
    expect(fleetText(options)).toEqual(fleetText(options));
    expect(fleetText({ ...options, seed: 12 })).not.toEqual(fleetText(options));
  });

  it('has one ASA hub among IOS hubs, and every spoke peers with one or two hubs', () => {
    const plan = planFleet(options);
    expect(plan.hubs.map((h) => h.platform)).toEqual(['ios', 'ios', 'asa']);
    for (const spoke of plan.spokes) expect([1, 2]).toContain(spoke.peerings.length);
    const texts = fleetText(options);
    expect(texts.get('hub-03-asa.cfg')).toMatch(/^tunnel-group 100\.64\.0\.\d+ type ipsec-l2l$/m);
    expect(texts.get('hub-01.cfg')).toMatch(/^crypto map VPN 1 ipsec-isakmp$/m);
  });

  it('mirrors the crypto ACLs of a healthy peering', () => {
    const texts = fleetText({ ...options, faults: 0 });
    expect(texts.get('spoke-00001.cfg')).toContain('permit ip 10.0.0.0 0.0.0.255 172.16.1.0 0.0.0.255');
    expect(texts.get('hub-01.cfg')).toContain('permit ip 172.16.1.0 0.0.0.255 10.0.0.0 0.0.0.255');
    expect(planFleet({ ...options, faults: 0 }).faults).toEqual([]);
  });

  it('injects each kind of fault into the spoke it names', () => {
    const plan = planFleet({ ...options, faults: 1 });
    const texts = new Map([...renderFleet(plan)]);
    expect(new Set(plan.faults.map((f) => f.kind))).toEqual(
      new Set(['psk', 'acl', 'transform-set', 'policy']),
    );
    for (const fault of plan.faults) {
      const spoke = texts.get(`${fault.spoke}.cfg`)!;
      if (fault.kind === 'acl') expect(spoke).toMatch(/ 0\.0\.0\.127 172\.16\./);
      if (fault.kind === 'transform-set') expect(spoke).toContain('set transform-set TS-AES128-SHA');
      if (fault.kind === 'policy') expect(spoke).toContain(' hash md5');
      if (fault.kind === 'psk') {
        const key = new RegExp(
          `crypto isakmp key (\\S+) address ${fault.hubAddress.replace(/\./g, '\\.')}$`,
          'm',
        );
        const hub = texts.get(`${fault.hub}.cfg`)!;
        const hubKey = hub.includes('tunnel-group')
          ? new RegExp(
              `tunnel-group ${fault.spokeAddress} ipsec-attributes\\n ikev1 pre-shared-key (\\S+)`,
            ).exec(hub)
          : new RegExp(`crypto isakmp key (\\S+) address ${fault.spokeAddress}$`, 'm').exec(hub);
        expect(key.exec(spoke)?.[1]).toBeDefined();
        expect(key.exec(spoke)?.[1]).not.toBe(hubKey?.[1]);
      }
    }
  });

  it('writes one file per device and a manifest of the faults', () => {
    const dir = join(scratch, 'fleet');
    const result = writeFleet(dir, options);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cfg'))).toHaveLength(63);
    const manifest = JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8'));
    expect(manifest.faults).toEqual(result.faults);
    expect(manifest.peerings).toBe(result.peerings);
  });
});

describe('fleet log generator', () => {
  const log = (bytes: number, seed: number) => [...logChunks(bytes, seed)].join('');

  it('writes the same log for the same seed and about the size asked for', () => {
    const a = log(300_000, 7);
    expect(a).toBe(log(300_000, 7));
    expect(a).not.toBe(log(300_000, 8));
    expect(a.length).toBeGreaterThanOrEqual(300_000);
    expect(a.length).toBeLessThan(310_000);
  });

  it('mixes debug, IOS and ASA syslog and show output that ipsec-doctor diagnoses', () => {
    const text = log(1_500_000, 3);
    expect(text).toMatch(/^\*\w{3} \d\d [\d:.]+: ISAKMP/m);
    expect(text).toMatch(/^<\d+>\w{3} \d\d [\d:]+ asa-\d\d : %ASA-/m);
    expect(text).toMatch(/^rtr-\d\d#show crypto ipsec sa peer /m);
    const codes = new Set(diagnose([{ name: 'fleet.log', text }]).findings.map((f) => f.code));
    for (const code of ['IKE_SA_ESTABLISHED', 'PSK_MISMATCH', 'IKE_POLICY_MISMATCH', 'PROXY_ID_MISMATCH'])
      expect(codes).toContain(code);
  });

  it('gives each negotiation the device’s next connection id, so only faulty peers are blamed', () => {
    const seed = 3;
    const text = log(1_500_000, seed);
    const ids = new Map<string, number[]>();
    let device = '';
    for (const line of text.split('\n')) {
      const prompt = /^(rtr-\d\d)#debug/.exec(line);
      if (prompt) device = prompt[1]!;
      const id = /^\*.*?ISAKMP:\((\d+)\)/.exec(line);
      if (id && id[1] !== '0') {
        const seen = ids.get(device) ?? [];
        if (seen.at(-1) !== Number(id[1])) seen.push(Number(id[1]));
        ids.set(device, seen);
      }
    }
    expect(ids.size).toBeGreaterThan(10);
    for (const seen of ids.values()) expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const psk = new Set(
      castFleet({ ...LOG_SHAPE, seed: seed + 1 }).flatMap((d) =>
        d.pairs.filter((p) => p.fault === 'psk').map((p) => `${d.name} ${p.peer}`),
      ),
    );
    const blamed = diagnose([{ name: 'fleet.log', text }])
      .findings.filter((f) => f.code === 'PSK_MISMATCH')
      .map((f) => `${f.device} ${f.peer}`);
    expect(blamed.length).toBeGreaterThan(0);
    for (const pair of blamed) expect(psk).toContain(pair);
  });
});

describe('child scripts of the bench', () => {
  const run = (script: string, ...args: string[]) =>
    execFileSync(process.execPath, [join('bench', script), ...args], { encoding: 'utf8' });

  it('floor.mjs runs the build’s reader alone, then with the read stage (prefixes off, keys masked)', () => {
    const file = join(scratch, 'floor.log');
    const lines = [
      '<189>Nov 23 08:41:10 rtr-01 1001: *Nov 23 08:41:10.393 UTC: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP',
      '*Nov 23 08:41:11.001: ISAKMP:(1001):found peer pre-shared key matching 100.64.0.1',
      ' crypto isakmp key Sup3rSecret address 100.64.0.1',
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const raw = lines.reduce((n, l) => n + l.length, 0);
    expect(run('floor.mjs', 'lines', file)).toBe(`3 lines, ${raw} characters\n`);
    const read = /^3 lines, (\d+) characters\n$/.exec(run('floor.mjs', 'read', file));
    const masked = lines[2]!.replace('Sup3rSecret', '*****');
    const bodies = [
      lines[0]!.slice(lines[0]!.indexOf('%')),
      lines[1]!.slice(lines[1]!.indexOf('ISAKMP')),
      masked,
    ];
    expect(Number(read?.[1])).toBe(bodies.reduce((n, b) => n + b.length, 0));
  });

  it('ours-parse.mjs counts the records the build’s show parsers read', () => {
    const file = join(scratch, 'isakmp.txt');
    writeFileSync(
      file,
      [
        'rtr-01#show crypto isakmp sa',
        'dst             src             state          conn-id slot',
        '100.64.0.1      192.0.2.1       QM_IDLE              1    0',
        '100.64.0.2      192.0.2.1       MM_NO_STATE          2    0',
        '',
      ].join('\n'),
    );
    expect(run('show/ours-parse.mjs', 'isakmp', file)).toBe('2\n');
  });
});
