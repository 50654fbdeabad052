// Every difference between SQLite and PostgreSQL lives here (ADR 0002).
// Column types are kept portable: ids are integers, timestamps are ISO-8601 UTC text,
// dates are YYYY-MM-DD text, booleans are 0/1 integers, JSON is text.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Dialect,
  type Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectHandle {
  name: DialectName;
  kysely: Dialect;
  /** Closes resources Kysely does not own. */
  close(): Promise<void>;
  /** The SQLite file path (undefined for PostgreSQL or in-memory). */
  sqlitePath?: string;
  sqlite?: SQLite.Database;
  /** PostgreSQL: the pool Kysely uses (hot reads prepare their statements on it, hot.ts). */
  pool?: pg.Pool;
  /** PostgreSQL: a pool of its own per key, created on first use and closed by `close` (see sidePool). */
  sidePool?: (key: string, settings: Readonly<Record<string, string>>, max: number) => pg.Pool;
}

export function dialectOf(url: string): DialectName {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new Error(`不支持的数据库地址：${url}`);
}

export function createDialect(url: string): DialectHandle {
  if (dialectOf(url) === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new SQLite(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return {
      name: 'sqlite',
      kysely: new SqliteDialect({ database: withStatementCache(db) }),
      close: async () => {},
      sqlitePath: path === ':memory:' ? undefined : path,
      sqlite: db,
    };
  }
  const pool = watchedPool(url, 10);
  const side = new Map<string, pg.Pool>();
  return {
    name: 'postgres',
    kysely: new PostgresDialect({ pool }),
    pool,
    sidePool: (key, settings, max) => {
      let p = side.get(key);
      if (!p) {
        p = watchedPool(url, max, settings);
        side.set(key, p);
      }
      return p;
    },
    close: async () => {
      const pools = [...side.values()];
      side.clear();
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    },
  };
}

/** A pg pool that survives a server restart; `settings` are session settings of every connection. */
function watchedPool(url: string, max: number, settings?: Readonly<Record<string, string>>): pg.Pool {
  const options = settings
    ? Object.entries(settings)
        .map(([k, v]) => `-c ${k}=${v}`)
        .join(' ')
    : undefined;
  const pool = new pg.Pool({ connectionString: url, max, ...(options ? { options } : {}) });
  // A server restart drops idle clients; without a listener the error would crash the process.
  pool.on('error', () => {});
  // …and so does the error of a client checked out at that moment (between two queries of a
  // transaction, say): its query fails, the pool drops the dead client on release, and the next
  // request opens a new connection (test/faults/postgres-restart.test.ts).
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

const sidePools = new WeakMap<object, NonNullable<DialectHandle['sidePool']>>();

/** connect(): the side pools of a PostgreSQL database are reached from its Kysely instance. */
export function registerSidePools(db: object, handle: DialectHandle): void {
  if (handle.sidePool) sidePools.set(db, handle.sidePool);
}

/**
 * PostgreSQL, outside any transaction: a small pool of its own for one module's reads (`key`), whose
 * connections have session settings that would not suit the rest of the application (the search's
 * planner settings, ADR 0015). Undefined for SQLite and for a transaction (use the transaction).
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any database type
export function sidePool(db: Kysely<any>, key: string, settings: Readonly<Record<string, string>>, max = 4): pg.Pool | undefined {
  return sidePools.get(db)?.(key, settings, max);
}

/** Prepared statements kept per SQLite connection (least recently used go first). */
export const SQLITE_STATEMENT_CACHE = 500;

/**
 * The database as Kysely's SQLite driver sees it, with its prepared statements kept by SQL text:
 * the driver prepares every query anew, which on a page of a dozen small queries cost as much as
 * running them (ADR 0014). better-sqlite3 statements are reusable once a call returns; streaming
 * (`iterate`) holds its statement open, so it always gets a fresh one. SQLite re-prepares a kept
 * statement by itself when the schema changes.
 */
export function withStatementCache(db: SQLite.Database, max = SQLITE_STATEMENT_CACHE) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      kept.clear();
      db.close();
    },
    prepare(text: string) {
      let stmt = kept.get(text);
      if (stmt) {
        kept.delete(text);
      } else {
        stmt = db.prepare(text);
        if (kept.size >= max) kept.delete(kept.keys().next().value as string);
      }
      kept.set(text, stmt);
      const s = stmt;
      return {
        reader: s.reader,
        all: (params: readonly unknown[]) => s.all(params as unknown[]),
        run: (params: readonly unknown[]) => s.run(params as unknown[]),
        iterate: (params: readonly unknown[]) => db.prepare(text).iterate(params as unknown[]),
      };
    },
  };
}

/** An auto-incrementing integer primary key. */
export function idColumn<T extends string, C extends string>(
  name: DialectName,
  table: CreateTableBuilder<T, C>,
  column: C = 'id' as C,
): CreateTableBuilder<T, C> {
  return name === 'postgres'
    ? table.addColumn(column, 'bigserial', (c) => c.primaryKey())
    : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}

/** A reference to another table's integer id. */
export function refType(name: DialectName): 'bigint' | 'integer' {
  return name === 'postgres' ? 'bigint' : 'integer';
}

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** Forbid UPDATE and DELETE on a table (append-only logs). */
export async function makeAppendOnly(db: Kysely<unknown>, name: DialectName, table: string) {
  if (name === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE'] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
            `BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$ ` +
        `BEGIN RAISE EXCEPTION '${table} is append-only'; END $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} ` +
        `FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    )
    .execute(db);
}

/** Serialise writers of a hash chain across processes (PostgreSQL); SQLite has one writer at a time. */
// biome-ignore lint/suspicious/noExplicitAny: works on any database type
export async function lockChain(db: Kysely<any>, name: DialectName, key: number) {
  if (name === 'postgres') await sql`SELECT pg_advisory_xact_lock(${key})`.execute(db);
}

/** Integrity check of the database file or server. Returns problems found (empty when healthy). */
export async function integrityCheck(db: Kysely<unknown>, name: DialectName): Promise<string[]> {
  if (name === 'sqlite') {
    const r = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
    const rows = r.rows.map((x) => x.integrity_check);
    return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
  }
  await sql`SELECT 1`.execute(db);
  return [];
}

/** Case-insensitive LIKE. */
export function ilike(name: DialectName): 'like' | 'ilike' {
  return name === 'postgres' ? 'ilike' : 'like';
}

/**
 * Full-text storage for the search index (modules/search), which tokenises text itself (CJK bigrams)
 * and stores space-separated tokens. SQLite: a contentless FTS5 table `search_fts(title, body)`
 * whose rowid is `search_documents.id`, split on spaces only (`ascii` tokenizer, positions kept for
 * phrases), with an index of every token's first character (`prefix='1'`: a one-character query is
 * one list, not a merge of every bigram starting with it; migration 0019). PostgreSQL: tsvectors with GIN indexes, `search_titles(doc_id, tsv)` and
 * `search_segments(doc_id, part, tsv)`: part 1 holds the title and the start of the body, parts 2…
 * overlapping body segments (a tsvector keeps at most 16,383 positions and 256 per lexeme).
 */
export async function createSearchTokens(db: Kysely<unknown>, name: DialectName): Promise<void> {
  if (name === 'sqlite') {
    await sql
      .raw(
        `CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, ` +
          `tokenize='ascii', detail=full, prefix='1')`,
      )
      .execute(db);
    return;
  }
  const doc = 'doc_id bigint NOT NULL REFERENCES search_documents(id) ON DELETE CASCADE';
  await sql.raw(`CREATE TABLE search_titles (${doc} PRIMARY KEY, tsv tsvector NOT NULL)`).execute(db);
  await sql.raw('CREATE INDEX search_titles_tsv ON search_titles USING gin (tsv)').execute(db);
  await sql
    .raw(`CREATE TABLE search_segments (${doc}, part integer NOT NULL, tsv tsvector NOT NULL, PRIMARY KEY (doc_id, part))`)
    .execute(db);
  await sql.raw('CREATE INDEX search_segments_tsv ON search_segments USING gin (tsv)').execute(db);
}

export async function dropSearchTokens(db: Kysely<unknown>, name: DialectName): Promise<void> {
  const tables = name === 'sqlite' ? ['search_fts'] : ['search_segments', 'search_titles'];
  for (const t of tables) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
}
