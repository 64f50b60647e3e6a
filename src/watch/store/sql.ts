/** Rows as both drivers return them. */
export type Row = Record<string, unknown>;
export type Query = (sql: string, params?: readonly unknown[]) => Promise<Row[]>;

/**
 * The little the store needs of a database, so one store (and one schema) serves SQLite and
 * PostgreSQL. SQL is written with `?` placeholders; the PostgreSQL driver numbers them.
 */
export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  query: Query;
  /** Runs `fn` in one transaction; `exclusive` also keeps other writers out (migrations). */
  transaction<T>(fn: (q: Query) => Promise<T>, exclusive?: boolean): Promise<T>;
  close(): Promise<void>;
}

/** `?` → `$1`, `$2`, … (the store's SQL has no `?` inside literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
