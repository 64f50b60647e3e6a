import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Severity } from '../model/findings.js';
import type { InputText } from '../pipeline/analysis.js';
import type { Report } from '../pipeline/report.js';
import { maskInput } from './mask.js';
import { MIGRATIONS } from './schema.js';

/** One past analysis as listed: what was run, when, on what, and what it found. */
export interface HistorySummary {
  id: number;
  createdAt: string;
  verb: string;
  lang: string;
  /** Headline of the report (the first error's or warning's summary), in the analysis' language. */
  verdict: string;
  worst?: Severity;
  names: string[];
  peers: string[];
  codes: string[];
}

/** One past analysis in full: the inputs (secrets masked) and the report. */
export interface HistoryEntry extends HistorySummary {
  inputs: InputText[];
  report: Report;
}

export interface HistoryFilter {
  /** Part of a peer address. */
  peer?: string;
  /** Start of a finding code (case-insensitive). */
  code?: string;
  limit?: number;
}

export interface NewAnalysis {
  verb: string;
  lang: string;
  inputs: readonly InputText[];
  report: Report;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const MAX_LIST = 200;

interface Row {
  id: number;
  created_at: string;
  verb: string;
  lang: string;
  verdict: string;
  worst: Severity | null;
  names: string;
  peers: string | null;
  codes: string | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Past analyses in an embedded SQLite database (better-sqlite3). Inputs are masked before they are
 * written; the oldest entries go once `keep` is exceeded, so the file cannot grow without bound.
 */
export class HistoryStore {
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly keep = 1000,
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  save(a: NewAnalysis): number {
    const findings = a.report.findings;
    const headline = SEVERITY_ORDER.map((s) => findings.find((f) => f.severity === s)).find(
      (f) => f !== undefined,
    );
    const inputs = a.inputs.map(maskInput);
    const insert = this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO analyses (created_at, verb, lang, verdict, worst, names, inputs, report)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            new Date().toISOString(),
            a.verb,
            a.lang,
            headline?.summary ?? '',
            headline?.severity ?? null,
            JSON.stringify(inputs.map((i) => i.name)),
            JSON.stringify(inputs),
            JSON.stringify(a.report),
          ).lastInsertRowid,
      );
      const key = this.db.prepare(
        'INSERT OR IGNORE INTO analysis_keys (analysis_id, kind, value) VALUES (?, ?, ?)',
      );
      for (const f of findings) {
        key.run(id, 'code', f.code);
        if (f.peer) key.run(id, 'peer', f.peer);
      }
      this.db
        .prepare(
          'DELETE FROM analyses WHERE id <= (SELECT id FROM analyses ORDER BY id DESC LIMIT 1 OFFSET ?)',
        )
        .run(this.keep);
      return id;
    });
    return insert();
  }

  list(filter: HistoryFilter = {}): HistorySummary[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.peer) {
      where.push(
        `EXISTS (SELECT 1 FROM analysis_keys k WHERE k.analysis_id = a.id AND k.kind = 'peer' AND k.value LIKE ? ESCAPE '\\')`,
      );
      args.push(`%${likeEscape(filter.peer)}%`);
    }
    if (filter.code) {
      where.push(
        `EXISTS (SELECT 1 FROM analysis_keys k WHERE k.analysis_id = a.id AND k.kind = 'code' AND k.value LIKE ? ESCAPE '\\')`,
      );
      args.push(`${likeEscape(filter.code.toUpperCase())}%`);
    }
    const limit = Math.min(Math.max(1, filter.limit ?? 50), MAX_LIST);
    const rows = this.db
      .prepare(
        `SELECT ${this.columns()} FROM analyses a
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.id DESC LIMIT ?`,
      )
      .all(...args, limit) as Row[];
    return rows.map((r) => this.summary(r));
  }

  get(id: number): HistoryEntry | undefined {
    const row = this.db
      .prepare(`SELECT ${this.columns()}, a.inputs, a.report FROM analyses a WHERE a.id = ?`)
      .get(id) as (Row & { inputs: string; report: string }) | undefined;
    if (!row) return undefined;
    return {
      ...this.summary(row),
      inputs: JSON.parse(row.inputs) as InputText[],
      report: JSON.parse(row.report) as Report,
    };
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM analyses WHERE id = ?').run(id).changes > 0;
  }

  close(): void {
    this.db.close();
  }

  private columns(): string {
    const keys = (kind: string) =>
      `(SELECT group_concat(value, ' ') FROM analysis_keys k WHERE k.analysis_id = a.id AND k.kind = '${kind}')`;
    return `a.id, a.created_at, a.verb, a.lang, a.verdict, a.worst, a.names, ${keys('peer')} AS peers, ${keys('code')} AS codes`;
  }

  private summary(r: Row): HistorySummary {
    return {
      id: r.id,
      createdAt: r.created_at,
      verb: r.verb,
      lang: r.lang,
      verdict: r.verdict,
      ...(r.worst !== null && { worst: r.worst }),
      names: JSON.parse(r.names) as string[],
      peers: r.peers ? r.peers.split(' ') : [],
      codes: r.codes ? r.codes.split(' ') : [],
    };
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }
}
