// One-character searches on SQLite (docs/performance.md, "Search through the HTTP API", run 3): a
// query of one character is a prefix query over every bigram that starts with it, which FTS5
// answered by merging each bigram's list (p95 114 ms at 100,000 documents against Xapian's 6.5).
// `prefix='1'` keeps one more list per first character, so the query reads one list (0.1 ms for the
// count and the page in the FTS table alone; the index grows by about a third). The contentless
// table cannot be altered nor read back: it is made again and its tokens written anew from
// `search_documents`, which holds every indexed title and body. PostgreSQL: nothing to do (its
// one-character queries have their own table, migration 0015).
import { type Kysely, sql } from 'kysely';
import { rewriteFtsTokens } from '../../../modules/search/search.index.js';
import { createSearchTokens, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d !== 'sqlite') return;
  const table = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'search_fts'`.execute(db);
  // databases created since: 0003 already made the table with the prefix index
  if (/prefix\s*=/i.test(table.rows[0]?.sql ?? '')) return;
  await sql`DROP TABLE search_fts`.execute(db);
  await createSearchTokens(db, d);
  await rewriteFtsTokens(db);
  await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
}

export async function down(): Promise<void> {
  // the table without the prefix index answers the same; nothing to undo
}
