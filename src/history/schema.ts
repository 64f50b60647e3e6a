/** Schema of the history database; `user_version` tells which migrations already ran. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE analyses (
     id INTEGER PRIMARY KEY,
     created_at TEXT NOT NULL,
     verb TEXT NOT NULL,
     lang TEXT NOT NULL,
     verdict TEXT NOT NULL,
     worst TEXT,
     names TEXT NOT NULL,
     inputs TEXT NOT NULL,
     report TEXT NOT NULL
   );
   CREATE TABLE analysis_keys (
     analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('peer', 'code')),
     value TEXT NOT NULL,
     PRIMARY KEY (analysis_id, kind, value)
   ) WITHOUT ROWID;
   CREATE INDEX analysis_keys_by_value ON analysis_keys (kind, value);`,
];
