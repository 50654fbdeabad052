// Hot reads (ADR 0016): a read statement written out by hand for a path that runs on every public
// page view, prepared once and run without the query builder. On SQLite it runs synchronously on
// the connection, as one step of the event loop, when no transaction is open on it (otherwise it
// waits its turn through Kysely, which serialises the connection: a read never sees another
// request's uncommitted writes). On PostgreSQL it is a named prepared statement on the pool (parsed
// and planned once per connection); inside a transaction it runs in that transaction. A statement
// of one key may also be read for many keys at once on PostgreSQL (`batchKey`): the reads asked for
// in the same turn of the event loop go to the server as one statement, one round trip (ADR 0020).
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type { DialectName } from './dialect.js';

/** What a hot read needs of a connection: the SQLite database or the PostgreSQL pool. */
export interface HotHandle {
  sqlite?: SQLite.Database | undefined;
  pool?: pg.Pool | undefined;
  /** PostgreSQL: false to send each read alone, never in a batch (GONGKAI_DB_BATCH=off). */
  batch?: boolean | undefined;
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
  /**
   * PostgreSQL, for a statement of one parameter: the statement run for an array of keys, each
   * key's rows tagged with its position (`gk_ord`, from 1).
   */
  batch?: { name: string; text: string } | undefined;
}

/** At most this many keys in one batched statement. */
export const HOT_BATCH_MAX = 64;

const names = new Set<string>();

/**
 * A hot statement. Its text must not hold a `?` other than the placeholders (no string literal or
 * operator with one): they are numbered `$1`, `$2`… for PostgreSQL in order.
 */
export function hotStatement(
  name: string,
  text: string,
  postgresText?: string,
  options: { batchKey?: 'text' | 'bigint' } = {},
): HotStatement {
  if (!/^gk_[a-z0-9_]+$/.test(name) || names.has(name)) throw new Error(`热点语句名称无效或重复：${name}`);
  names.add(name);
  let n = 0;
  const postgres = postgresText ?? text.replace(/\?/g, () => `$${++n}`);
  let batch: HotStatement['batch'];
  if (options.batchKey) {
    if (!/\$1(?!\d)/.test(postgres) || /\$(?!1(?!\d))\d/.test(postgres))
      throw new Error(`热点语句须恰有一个参数方可成批：${name}`);
    // the statement, its key taken from each element of the array in turn (a correlated subquery)
    const inner = postgres.replace(/\$1(?!\d)/g, 'gk_k.key');
    batch = {
      name: `${name}_batch`,
      text: `SELECT gk_k.ord AS gk_ord, gk_q.* FROM unnest($1::${options.batchKey}[]) WITH ORDINALITY AS gk_k(key, ord)
CROSS JOIN LATERAL (${inner}) gk_q`,
    };
  }
  return { name, sqlite: text, postgres, batch };
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
  if (h?.pool) {
    if (st.batch && h.batch !== false && params.length === 1) return batched<R>(h.pool, st, params[0]);
    return (await h.pool.query({ name: st.name, text: st.postgres, values: [...params] })).rows as R[];
  }
  // a transaction (or a handle this module was not told about): through Kysely, in its turn
  const text = dialect === 'postgres' ? st.postgres : st.sqlite;
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows as R[];
}

// --- batches (PostgreSQL) --------------------------------------------------------------------------

interface Waiting {
  key: unknown;
  resolve: (rows: unknown[]) => void;
  reject: (err: unknown) => void;
}

/** Per pool, per statement: the reads asked for since the last batch left. */
const waiting = new WeakMap<pg.Pool, Map<string, Waiting[]>>();

/**
 * A read of one key, sent with the others asked for in the same turn of the event loop: under load
 * the requests a server reads from its sockets in one turn make one round trip instead of one each
 * (a query's write wakes the database's backend, which on a shared machine takes the core the page
 * is rendered on). Alone, it waits one turn (setImmediate) and goes as the single statement.
 */
function batched<R>(pool: pg.Pool, st: HotStatement, key: unknown): Promise<R[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    let byName = waiting.get(pool);
    if (!byName) {
      byName = new Map();
      waiting.set(pool, byName);
    }
    let queue = byName.get(st.name);
    if (!queue) {
      const q: Waiting[] = [];
      queue = q;
      byName.set(st.name, q);
      const own = byName;
      setImmediate(() => {
        own.delete(st.name);
        for (let i = 0; i < q.length; i += HOT_BATCH_MAX) void send(pool, st, q.slice(i, i + HOT_BATCH_MAX));
      });
    }
    queue.push({ key, resolve, reject });
  }) as Promise<R[]>;
}

/** The single statement for one key, answering every read of that key. */
async function single(pool: pg.Pool, st: HotStatement, ws: Waiting[]): Promise<void> {
  try {
    const rows = (await pool.query({ name: st.name, text: st.postgres, values: [ws[0]!.key] })).rows;
    for (const w of ws) w.resolve(rows.slice());
  } catch (err) {
    for (const w of ws) w.reject(err);
  }
}

async function send(pool: pg.Pool, st: HotStatement, ws: Waiting[]): Promise<void> {
  // the reads by key, in the order their keys were first asked for
  const byKey = new Map<unknown, Waiting[]>();
  for (const w of ws) {
    const same = byKey.get(w.key);
    if (same) same.push(w);
    else byKey.set(w.key, [w]);
  }
  const each = () => Promise.all([...byKey.values()].map((same) => single(pool, st, same)));
  if (byKey.size === 1 || !st.batch) {
    await each();
    return;
  }
  let rows: Array<Record<string, unknown>>;
  try {
    rows = (await pool.query({ name: st.batch.name, text: st.batch.text, values: [[...byKey.keys()]] })).rows;
  } catch {
    // one key may be what failed (not a number, say): each alone, so that only its own reads fail
    await each();
    return;
  }
  const groups: unknown[][] = [...byKey.keys()].map(() => []);
  for (const r of rows) {
    const { gk_ord, ...row } = r;
    groups[Number(gk_ord) - 1]!.push(row);
  }
  let i = 0;
  for (const same of byKey.values()) {
    const rowsOfKey = groups[i++]!;
    for (const w of same) w.resolve(rowsOfKey.slice());
  }
}
