import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fleetMessages from '../fixtures/watch/fleet-messages.json' with { type: 'json' };
import type { FleetTunnel } from '../../src/model/fleet.js';
import { FleetStore } from '../../src/watch/store/store.js';
import {
  PG_URL,
  eventually,
  octetFrame,
  scratchDatabase,
  sendTcp,
  skipWithout,
  startWatch,
} from './support.js';

/** Messages a fleet's devices send, `{P}` the peer (shared with the watch benchmark). */
const TEMPLATES: string[] = fleetMessages.templates;
const DEVICES = 12;
const PER_DEVICE = 60;

/** A deterministic fleet: RFC 5424 messages, the device in the header. */
function fleet(): Array<{ device: string; message: string }> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.floor(seed / 65_536) % n; // the high bits: a power-of-two LCG repeats its low ones
  };
  const out: Array<{ device: string; message: string }> = [];
  for (let i = 0; i < PER_DEVICE; i++)
    for (let d = 0; d < DEVICES; d++) {
      const device = `edge-${d}`;
      const peer = `198.51.100.${10 + next(4)}`;
      const body = TEMPLATES[next(TEMPLATES.length)]!.replaceAll('{P}', peer);
      out.push({ device, message: `<165>1 2026-11-23T08:41:10Z ${device} ipsec - - - ${body}` });
    }
  return out;
}

/** What must not depend on how the fleet was split: everything but wall-clock times. */
function table(tunnels: FleetTunnel[]) {
  return tunnels
    .map((t) => ({
      device: t.device,
      peer: t.peer,
      phase1: t.phase1,
      phase2: t.phase2,
      findings: t.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        count: f.count,
        open: f.open,
        evidence: f.evidence,
      })),
    }))
    .sort((a, b) => `${a.device} ${a.peer}`.localeCompare(`${b.device} ${b.peer}`));
}

async function feed(dbUrl: string, shards: Array<Array<{ message: string }>>): Promise<FleetTunnel[]> {
  const watchers = await Promise.all(shards.map(() => startWatch(['--db', dbUrl])));
  try {
    await Promise.all(
      shards.map((msgs, i) =>
        sendTcp(
          watchers[i]!.tcp,
          msgs.map((m) => octetFrame(m.message)),
        ),
      ),
    );
    const store = await FleetStore.open(dbUrl);
    try {
      const total = shards.reduce((n, s) => n + s.length, 0);
      await eventually(async () => expect(await store.lineCount()).toBe(total), 200);
    } finally {
      await store.close();
    }
  } finally {
    for (const w of watchers) expect((await w.stop()).code).toBe(0);
  }
  const store = await FleetStore.open(dbUrl);
  try {
    return await store.tunnels();
  } finally {
    await store.close();
  }
}

describe.skipIf(skipWithout(PG_URL !== undefined, 'PostgreSQL (IPSEC_DOCTOR_TEST_PG)'))(
  'several monitors sharing PostgreSQL',
  () => {
    const dbs: Array<{ url: string; drop(): Promise<void> }> = [];
    beforeAll(async () => {
      if (!PG_URL) throw new Error('IPSEC_DOCTOR_TEST_PG is not set: PostgreSQL is required on CI');
      dbs.push(await scratchDatabase(), await scratchDatabase());
    });
    afterAll(async () => {
      for (const d of dbs) await d.drop();
    });

    it('two watch processes, the fleet sharded by device, give the same tunnel table as one', async () => {
      const all = fleet();
      const shard = (device: string) => Number(device.split('-')[1]) % 2;
      const one = await feed(dbs[0]!.url, [all]);
      const two = await feed(dbs[1]!.url, [
        all.filter((m) => shard(m.device) === 0),
        all.filter((m) => shard(m.device) === 1),
      ]);
      const codes = new Set(one.flatMap((t) => t.findings.map((f) => f.code)));
      expect([...codes].sort()).toEqual(
        [
          'IKE_POLICY_MISMATCH',
          'INVALID_SPI',
          'PROXY_ID_MISMATCH',
          'PSK_MISMATCH',
          'REPLAY_CHECK_FAILED',
          'TRANSFORM_SET_MISMATCH',
        ].sort(),
      );
      expect(new Set(one.map((t) => t.device)).size).toBe(DEVICES);
      expect(table(two)).toEqual(table(one));
    });
  },
);
