import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/watch/store/migrations.js';
import { FleetStore } from '../../src/watch/store/store.js';
import { DEFAULT_TRACKER, Tracker } from '../../src/watch/track/tracker.js';
import { PG_URL, asSyslog, fixtureLines, scratchDatabase, skipWithout } from './support.js';

/** The same behaviour from both stores: one schema, one set of statements. */
function storeSuite(name: string, target: () => string) {
  describe(`${name} store`, () => {
    let store: FleetStore;
    beforeAll(async () => {
      store = await FleetStore.open(target());
    });
    afterAll(async () => store?.close());

    it('keeps tunnel rows and raw lines as the tracker hands them over', async () => {
      const t = new Tracker({ ...DEFAULT_TRACKER, lang: 'en' });
      const lines = fixtureLines('core/asa-syslog-mixed/input.log');
      for (const l of lines) t.receive('192.0.2.1', asSyslog(l));
      t.tick();
      const batch = t.drain();
      await store.write(batch);
      await store.write(batch); // a retried flush does not duplicate lines
      expect(await store.lineCount()).toBe(lines.length);
      const fromStore = await store.tunnels();
      expect(fromStore.map((x) => [x.device, x.peer, x.phase1, x.phase2]).sort()).toEqual(
        t
          .snapshot()
          .map((x) => [x.device, x.peer, x.phase1, x.phase2])
          .sort(),
      );
      expect((await store.tunnels({ code: 'TRANSFORM_SET_MISMATCH' }))[0]).toMatchObject({
        peer: '198.51.100.7',
        findings: [{ code: 'TRANSFORM_SET_MISMATCH', open: true, count: 1 }],
      });
      expect((await store.tunnels())[0]!.errorRate).toHaveLength(60);
      // Evidence stays clickable: its input and line lead back to the raw line.
      const ev = (await store.tunnels({ code: 'PROXY_ID_MISMATCH' }))[0]!.findings[0]!.evidence[0]!;
      expect((await store.lines(ev.input, ev.line, ev.line))[0]!.text).toBe(ev.text);
      expect((await store.lastLines()).get('192.0.2.1')).toBe(lines.length - 1);
    });

    it('a second open of the same store (nothing left to migrate) reads what the first wrote', async () => {
      const again = await FleetStore.open(target());
      expect((await again.tunnels()).length).toBe((await store.tunnels()).length);
      expect(await again.lineCount()).toBe(await store.lineCount());
      await again.close();
    });

    it('keeps the newer view of a tunnel when two writers disagree (a shard that moved)', async () => {
      const row = (lastSeen: string, phase1: string) => ({
        device: 'moved-rtr',
        peer: '198.51.100.99',
        phase1,
        phase2: 'unknown',
        lastChange: lastSeen,
        lastSeen,
        findings: [],
        rate: { end: 0, counts: [] },
      });
      await store.write({ lines: [], tunnels: [row('2026-11-23T10:00:00.000Z', 'QM_IDLE')] });
      await store.write({ lines: [], tunnels: [row('2026-11-23T09:00:00.000Z', 'MM_NO_STATE')] });
      expect((await store.tunnel('moved-rtr', '198.51.100.99'))?.phase1).toBe('QM_IDLE');
      await store.write({ lines: [], tunnels: [row('2026-11-23T11:00:00.000Z', 'MM_KEY_EXCH')] });
      expect((await store.tunnel('moved-rtr', '198.51.100.99'))?.phase1).toBe('MM_KEY_EXCH');
      await store.write({
        lines: [],
        tunnels: [],
        removed: [{ device: 'moved-rtr', peer: '198.51.100.99' }],
      });
      expect(await store.tunnel('moved-rtr', '198.51.100.99')).toBeUndefined();
    });

    it('drops raw lines older than the retention period', async () => {
      await store.write({
        lines: [{ input: 'old-rtr', line: 1, device: 'old-rtr', at: Date.now() - 8 * 86_400_000, text: 'x' }],
        tunnels: [],
      });
      const before = await store.lineCount();
      await store.prune(Date.now() - 7 * 86_400_000);
      expect(await store.lineCount()).toBe(before - 1);
    });
  });
}

const SQLITE_PATH = join(mkdtempSync(join(tmpdir(), 'watch-store-')), 'fleet.sqlite');
storeSuite('SQLite', () => SQLITE_PATH);

describe.skipIf(skipWithout(PG_URL !== undefined, 'PostgreSQL (IPSEC_DOCTOR_TEST_PG)'))(
  'with PostgreSQL',
  () => {
    let db: { url: string; drop(): Promise<void> } | undefined;
    beforeAll(async () => {
      if (!PG_URL) throw new Error('IPSEC_DOCTOR_TEST_PG is not set: PostgreSQL is required on CI');
      db = await scratchDatabase();
    });
    afterAll(async () => db?.drop());
    storeSuite('PostgreSQL', () => db!.url);

    it('several monitors starting at once migrate the schema exactly once', async () => {
      const stores = await Promise.all([1, 2, 3].map(() => FleetStore.open(db!.url)));
      await Promise.all(stores.map((s) => s.close()));
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: db!.url });
      await c.connect();
      const r = await c.query('SELECT COUNT(*)::int AS n FROM schema_migrations');
      await c.end();
      expect(r.rows[0].n).toBe(MIGRATIONS.length);
    });
  },
);
