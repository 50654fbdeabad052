import { Kysely, type Transaction } from 'kysely';
import type { Database } from '../../schema.js';
import { createDialect, type DialectHandle, type DialectName, registerSidePools } from './dialect.js';
import { registerHot } from './hot.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction: repositories accept both. */
export type Executor = Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: DialectName;
  url: string;
  handle: DialectHandle;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL: read an item page asked for by several requests in one turn in one statement (ADR 0020); default true. */
  batchReads?: boolean | undefined;
}

export function connect(url: string, options: ConnectOptions = {}): DbHandle {
  const handle = createDialect(url);
  const db = new Kysely<Database>({ dialect: handle.kysely });
  registerSidePools(db, handle);
  registerHot(db, { sqlite: handle.sqlite, pool: handle.pool, batch: options.batchReads !== false });
  return {
    db,
    dialect: handle.name,
    url,
    handle,
    close: async () => {
      await db.destroy();
      await handle.close();
    },
  };
}
