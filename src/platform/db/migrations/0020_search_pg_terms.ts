// Search on PostgreSQL, terms (docs/adr/0018; search.grams.ts `termRows`): a table `search_terms` of
// each document's runs of 2 to 5 CJK characters, each once, without positions. A query of such a run
// is then one lexeme, answered by the GIN index exactly, one row per matching document: no phrase to
// check row by row against the positions of a segment of search_grams (4 and 5 characters), no
// earlier segment of the same document to rule out (2 and 3 characters). The terms are kept as the
// text of a tsvector and indexed as `CAST(terms AS tsvector)`: a single lexeme needs no recheck, so
// no search reads them, and as text they compress to a third (a tsvector's offsets first defeat
// pglz); the table's own rows are narrow, so a count reads few pages. Documents indexed before this
// migration are tokenised here from their stored title and body. SQLite: nothing to do.
import { type Kysely, sql } from 'kysely';
import { termRows } from '../../../modules/search/search.grams.js';
import { MAX_TITLE_TOKENS } from '../../../modules/search/search.index.js';
import { normalise, normalisedTokens } from '../../../modules/search/search.normalise.js';
import type { DialectName } from '../dialect.js';

const BATCH = 500;

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  await sql`CREATE TABLE search_terms (doc_id bigint NOT NULL REFERENCES search_documents(id) ON DELETE CASCADE,
    part integer NOT NULL, terms text NOT NULL, PRIMARY KEY (doc_id, part))`.execute(db);
  let after = -1;
  for (;;) {
    const docs = await sql<{ id: string; title: string; body: string; published_on: string }>`SELECT id, title, body,
      published_on FROM search_documents WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (docs.rows.length === 0) break;
    const rows: ReturnType<typeof sql>[] = [];
    for (const doc of docs.rows) {
      const title = normalisedTokens(normalise(doc.title)).slice(0, MAX_TITLE_TOKENS);
      const body = normalisedTokens(normalise(doc.body));
      for (const t of termRows([title, body], Number(doc.published_on.slice(0, 4)))) {
        rows.push(sql`(${doc.id}::bigint, ${t.part}::integer, ${t.tsv})`);
      }
    }
    for (let i = 0; i < rows.length; i += 200) {
      await sql`INSERT INTO search_terms (doc_id, part, terms) VALUES ${sql.join(rows.slice(i, i + 200))}`.execute(db);
    }
    after = Number(docs.rows[docs.rows.length - 1]!.id);
  }
  await sql`CREATE INDEX search_terms_tsv ON search_terms USING gin (CAST(terms AS tsvector))`.execute(db);
  await sql`ANALYZE search_terms`.execute(db);
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  await sql`DROP TABLE search_terms`.execute(db);
}
