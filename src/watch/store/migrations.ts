import type { Query, Sql } from './sql.js';

/**
 * The schema, one step per version, in SQL both SQLite and PostgreSQL run as written. A step is
 * never edited once released: a change is a new step.
 */
export const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE tunnels (
      device TEXT NOT NULL,
      peer TEXT NOT NULL,
      phase1 TEXT NOT NULL,
      phase2 TEXT NOT NULL,
      last_change TEXT NOT NULL,
      last_seen TEXT NOT NULL,
      findings TEXT NOT NULL,
      error_rate TEXT NOT NULL,
      PRIMARY KEY (device, peer)
    )`,
    `CREATE TABLE lines (
      input TEXT NOT NULL,
      line BIGINT NOT NULL,
      device TEXT NOT NULL,
      received_at BIGINT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (input, line)
    )`,
    `CREATE INDEX lines_received_at ON lines (received_at)`,
    `CREATE INDEX lines_device ON lines (device)`,
  ],
];

/** Brings the schema up to date; several processes starting at once take turns. */
export async function migrate(sql: Sql): Promise<number> {
  return sql.transaction(async (q: Query) => {
    await q(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const rows = await q('SELECT MAX(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.['v'] ?? 0);
    for (let v = current + 1; v <= MIGRATIONS.length; v++) {
      for (const statement of MIGRATIONS[v - 1]!) await q(statement);
      await q('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
        v,
        new Date().toISOString(),
      ]);
    }
    return MIGRATIONS.length;
  }, true);
}
