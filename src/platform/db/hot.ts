// Hot reads (ADR 0016): a read statement written out by hand for a path that runs on every public
// page view, prepared once and run without the query builder. On SQLite it runs synchronously on
// the connection, as one step of the event loop, when no transaction is open on it (otherwise it
// waits its turn through Kysely, which serialises the connection: a read never sees another
// request's uncommitted writes). On PostgreSQL it is a named prepared statement on the pool (parsed
// and planned once per connection); inside a transaction it runs in that transaction.
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type { DialectName } from './dialect.js';

/** What a hot read needs of a connection: the SQLite database or the PostgreSQL pool. */
export interface HotHandle {
  sqlite?: SQLite.Database | undefined;
  pool?: pg.Pool | undefined;
}

const handles = new WeakMap<object, HotHandle>();

/** connect(): the database's own connection or pool, reached from its Kysely instance. */
export function registerHot(db: object, handle: HotHandle): void {
  handles.set(db, handle);
}

/** A statement for both databases: written once with `?` placeholders, numbered for PostgreSQL. */
export interface HotStatement {
  /** Unique per text: the name of the PostgreSQL prepared statement. */
  name: string;
  sqlite: string;
  postgres: string;
}

const names = new Set<string>();

/**
 * A hot statement. Its text must not hold a `?` other than the placeholders (no string literal or
 * operator with one): they are numbered `$1`, `$2`… for PostgreSQL in order.
 */
export function hotStatement(name: string, text: string, postgresText?: string): HotStatement {
  if (!/^gk_[a-z0-9_]+$/.test(name) || names.has(name)) throw new Error(`热点语句名称无效或重复：${name}`);
  names.add(name);
  let n = 0;
  return { name, sqlite: text, postgres: postgresText ?? text.replace(/\?/g, () => `$${++n}`) };
}

const prepared = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function sqliteStatement(db: SQLite.Database, st: HotStatement): SQLite.Statement {
  let kept = prepared.get(db);
  if (!kept) {
    kept = new Map();
    prepared.set(db, kept);
  }
  let s = kept.get(st.name);
  if (!s) {
    s = db.prepare(st.sqlite);
    kept.set(st.name, s);
  }
  return s;
}

export async function hotRead<R>(
  // biome-ignore lint/suspicious/noExplicitAny: works on any database type
  db: Kysely<any>,
  dialect: DialectName,
  st: HotStatement,
  params: readonly unknown[],
): Promise<R[]> {
  const h = db.isTransaction ? undefined : handles.get(db);
  // (a streamed query open on the connection does not stand in the way of a read: tested)
  if (h?.sqlite && !h.sqlite.inTransaction) return sqliteStatement(h.sqlite, st).all(...params) as R[];
  if (h?.pool) return (await h.pool.query({ name: st.name, text: st.postgres, values: [...params] })).rows as R[];
  // a transaction (or a handle this module was not told about): through Kysely, in its turn
  const text = dialect === 'postgres' ? st.postgres : st.sqlite;
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows as R[];
}
