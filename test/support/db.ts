// A fresh migrated database per test file: a SQLite file by default, a new PostgreSQL database
// when TEST_DATABASE_URL is set (created with a UTF-8 locale, dropped at the end).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type DbHandle } from '../../src/platform/db/connect.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

export interface TestDb extends DbHandle {
  /** Drops the database (PostgreSQL) or deletes the file (SQLite). */
  destroy(): Promise<void>;
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export async function testDb(): Promise<TestDb> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `gk_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const h = connect(url.toString());
    await migrateToLatest(h.db, h.dialect);
    return {
      ...h,
      async destroy() {
        await h.close();
        const a = new pg.Client({ connectionString: base });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
  const h = connect(`sqlite:${join(dir, 'test.db')}`);
  await migrateToLatest(h.db, h.dialect);
  return {
    ...h,
    async destroy() {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
