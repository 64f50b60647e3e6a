import pg from 'pg';
import { type Query, type Row, type Sql, numbered } from './sql.js';

/** Any constant: the advisory lock that serialises schema migrations between monitors. */
const MIGRATION_LOCK = 0x1b5ec;

/** PostgreSQL through a small pool: several monitors share one database (one fleet, many shards). */
export async function openPostgres(url: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client's error (server restart) must not bring the monitor down; the next query reconnects.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();
  const query: Query = async (sql, params = []) =>
    (await pool.query(numbered(sql), [...params])).rows as Row[];
  return {
    dialect: 'postgres',
    query,
    async transaction(fn, exclusive = false) {
      const c = await pool.connect();
      const q: Query = async (sql, params = []) => (await c.query(numbered(sql), [...params])).rows as Row[];
      try {
        await c.query('BEGIN');
        if (exclusive) await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const out = await fn(q);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
