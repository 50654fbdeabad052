// Title matches on SQLite (docs/adr/0019): relevance order puts the documents whose title matches
// first, and FTS5 answered `title : (…)` from the lists of titles and bodies together, checking each
// document's columns — every document holding the phrase when few titles do (工作情况统计 at 100,000
// documents: 17 ms for no title match). A contentless FTS5 table of the titles alone (the same
// tokens, the same rowid) answers it from the titles' lists (0.1 ms). Its tokens are written here
// from `search_documents`. PostgreSQL: nothing to do (its titles have their own table since 0003).
import { type Kysely, sql } from 'kysely';
import { rewriteFtsTokens } from '../../../modules/search/search.index.js';
import type { DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d !== 'sqlite') return;
  await sql
    .raw(
      `CREATE VIRTUAL TABLE search_fts_titles USING fts5(title, content='', contentless_delete=1, ` +
        `tokenize='ascii', detail=full, prefix='1')`,
    )
    .execute(db);
  await rewriteFtsTokens(db, 'search_fts_titles');
  await sql`INSERT INTO search_fts_titles (search_fts_titles) VALUES ('optimize')`.execute(db);
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d !== 'sqlite') return;
  await sql`DROP TABLE search_fts_titles`.execute(db);
}
