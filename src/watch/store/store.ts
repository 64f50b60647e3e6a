import type { FleetFilter, FleetFinding, FleetSource, FleetTunnel } from '../../model/fleet.js';
import type { StoredLine } from '../track/tracker.js';
import { type RateWindow, emptyRate } from '../track/rate.js';
import { type TunnelRecord, byAttention, fleetTunnel, matches } from '../track/tunnel.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import type { Query, Row, Sql } from './sql.js';
import { openSqlite } from './sqlite.js';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at five per line. */
const BATCH = 500;
/** Lines per transaction (tunnel rows, larger, a quarter of that): a few milliseconds of SQLite. */
const ROWS_PER_TRANSACTION = 2_000;

const yieldToReceivers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The fleet's memory beyond one process: every tunnel row and the raw lines of the retention
 * period, in SQLite (one monitor) or PostgreSQL (several monitors, one fleet). Same schema,
 * same statements on both.
 */
export class FleetStore implements FleetSource {
  private constructor(private readonly sql: Sql) {}

  /** `postgres://…` (or `postgresql://…`) is PostgreSQL; anything else is a SQLite file path. */
  static async open(target: string): Promise<FleetStore> {
    const sql = /^postgres(?:ql)?:\/\//.test(target) ? await openPostgres(target) : openSqlite(target);
    try {
      await migrate(sql);
    } catch (err) {
      await sql.close();
      throw err;
    }
    return new FleetStore(sql);
  }

  /**
   * A flush in transactions of a few thousand rows, the event loop served between them: SQLite
   * writes synchronously, and a busy second's lines in one go would stall the receivers (UDP
   * datagrams are dropped by the kernel meanwhile). A crash loses at most the flush under way.
   */
  async write(batch: {
    lines: readonly StoredLine[];
    tunnels: readonly TunnelRecord[];
    removed?: ReadonlyArray<{ device: string; peer: string }>;
  }): Promise<void> {
    for (let i = 0; i < batch.lines.length; i += ROWS_PER_TRANSACTION) {
      const part = batch.lines.slice(i, i + ROWS_PER_TRANSACTION);
      await this.sql.transaction(async (q) => {
        for (let j = 0; j < part.length; j += BATCH) await insertLines(q, part.slice(j, j + BATCH));
      });
      await yieldToReceivers();
    }
    for (let i = 0; i < batch.tunnels.length; i += ROWS_PER_TRANSACTION / 4) {
      const part = batch.tunnels.slice(i, i + ROWS_PER_TRANSACTION / 4);
      await this.sql.transaction(async (q) => {
        for (const t of part) await upsertTunnel(q, t);
      });
      await yieldToReceivers();
    }
    if (batch.removed?.length)
      await this.sql.transaction(async (q) => {
        for (const r of batch.removed ?? [])
          await q('DELETE FROM tunnels WHERE device = ? AND peer = ?', [r.device, r.peer]);
      });
  }

  async tunnel(device: string, peer: string): Promise<TunnelRecord | undefined> {
    const rows = await this.sql.query('SELECT * FROM tunnels WHERE device = ? AND peer = ?', [device, peer]);
    return rows[0] ? recordFrom(rows[0]) : undefined;
  }

  async records(): Promise<TunnelRecord[]> {
    return (await this.sql.query('SELECT * FROM tunnels')).map(recordFrom);
  }

  async tunnels(filter?: FleetFilter): Promise<FleetTunnel[]> {
    const now = Date.now();
    return (await this.records())
      .map((r) => fleetTunnel(r, now))
      .filter((t) => matches(t, filter))
      .sort(byAttention);
  }

  /** The last line number stored per input, so a restarted monitor numbers on. */
  async lastLines(): Promise<Map<string, number>> {
    const rows = await this.sql.query('SELECT input, MAX(line) AS n FROM lines GROUP BY input');
    return new Map(rows.map((r) => [String(r['input']), Number(r['n'])]));
  }

  /** Lines `from`..`to` of one input (an evidence line and its neighbours). */
  async lines(input: string, from: number, to: number): Promise<StoredLine[]> {
    const rows = await this.sql.query(
      'SELECT input, line, device, received_at, text FROM lines WHERE input = ? AND line >= ? AND line <= ? ORDER BY line',
      [input, from, to],
    );
    return rows.map((r) => ({
      input: String(r['input']),
      line: Number(r['line']),
      device: String(r['device']),
      at: Number(r['received_at']),
      text: String(r['text']),
    }));
  }

  async lineCount(): Promise<number> {
    const rows = await this.sql.query('SELECT COUNT(*) AS n FROM lines');
    return Number(rows[0]?.['n'] ?? 0);
  }

  /** Drops raw lines received before `before` (ms since the epoch): the retention period. */
  async prune(before: number): Promise<void> {
    await this.sql.query('DELETE FROM lines WHERE received_at < ?', [before]);
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

async function insertLines(q: Query, lines: readonly StoredLine[]): Promise<void> {
  if (lines.length === 0) return;
  const values = lines.map(() => '(?, ?, ?, ?, ?)').join(', ');
  const params = lines.flatMap((l) => [l.input, l.line, l.device, l.at, l.text]);
  await q(
    `INSERT INTO lines (input, line, device, received_at, text) VALUES ${values} ON CONFLICT (input, line) DO NOTHING`,
    params,
  );
}

/**
 * The newer view of a tunnel wins: a monitor that no longer owns a device (the shards changed)
 * cannot overwrite what the new owner wrote since.
 */
async function upsertTunnel(q: Query, t: TunnelRecord): Promise<void> {
  await q(
    `INSERT INTO tunnels (device, peer, phase1, phase2, last_change, last_seen, findings, error_rate)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (device, peer) DO UPDATE SET phase1 = excluded.phase1, phase2 = excluded.phase2,
       last_change = excluded.last_change, last_seen = excluded.last_seen,
       findings = excluded.findings, error_rate = excluded.error_rate
     WHERE excluded.last_seen >= tunnels.last_seen`,
    [
      t.device,
      t.peer,
      t.phase1,
      t.phase2,
      t.lastChange,
      t.lastSeen,
      JSON.stringify(t.findings),
      JSON.stringify(t.rate),
    ],
  );
}

function recordFrom(r: Row): TunnelRecord {
  return {
    device: String(r['device']),
    peer: String(r['peer']),
    phase1: String(r['phase1']),
    phase2: String(r['phase2']),
    lastChange: String(r['last_change']),
    lastSeen: String(r['last_seen']),
    findings: parseJson<FleetFinding[]>(r['findings'], []),
    rate: parseJson<RateWindow>(r['error_rate'], emptyRate(Date.now())),
  };
}

function parseJson<T>(v: unknown, fallback: T): T {
  try {
    return typeof v === 'string' ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}
