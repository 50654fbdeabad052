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

export function connect(url: string): DbHandle {
  const handle = createDialect(url);
  const db = new Kysely<Database>({ dialect: handle.kysely });
  registerSidePools(db, handle);
  registerHot(db, handle);
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
