import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Query, Row, Sql } from './sql.js';

/** Embedded SQLite (better-sqlite3, synchronous underneath): WAL, so readers never wait for the writer. */
export function openSqlite(path: string): Sql {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement>();
  const query: Query = async (sql, params = []) => {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(sql);
      statements.set(sql, st);
    }
    return st.reader ? (st.all(...params) as Row[]) : (st.run(...params), []);
  };
  return {
    dialect: 'sqlite',
    query,
    async transaction(fn, exclusive = false) {
      db.exec(exclusive ? 'BEGIN EXCLUSIVE' : 'BEGIN IMMEDIATE');
      try {
        const out = await fn(query);
        db.exec('COMMIT');
        return out;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    },
    async close() {
      db.close();
    },
  };
}
