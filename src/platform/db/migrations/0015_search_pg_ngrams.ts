// Search on PostgreSQL, trigrams and unigrams (docs/adr/0012; search.grams.ts): a table
// `search_grams` of each document's trigrams (segment by segment, at the positions of their first
// bigram), a table `search_chars` of its unigrams; titles get both in their own tsvector. A query of three or
// more CJK characters is then the phrase of its trigrams, a one-character query one unigram, in
// place of a phrase of bigrams to check row by row and of a prefix query. Documents indexed before
// this migration are tokenised again here from their stored title and body. SQLite: nothing to do.
import { type Kysely, sql } from 'kysely';
import { tokenRows } from '../../../modules/search/search.grams.js';
import { MAX_TITLE_TOKENS } from '../../../modules/search/search.index.js';
import { normalise, normalisedTokens } from '../../../modules/search/search.normalise.js';
import type { DialectName } from '../dialect.js';

const BATCH = 500;

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  // rows stay inline up to a page, as those of search_segments (migration 0014)
  await sql`CREATE TABLE search_grams (doc_id bigint NOT NULL REFERENCES search_documents(id) ON DELETE CASCADE,
    part integer NOT NULL, tsv tsvector NOT NULL, PRIMARY KEY (doc_id, part)) WITH (toast_tuple_target = 8160)`.execute(db);
  await sql`CREATE TABLE search_chars (doc_id bigint PRIMARY KEY REFERENCES search_documents(id) ON DELETE CASCADE,
    tsv tsvector NOT NULL)`.execute(db);
  let after = -1;
  for (;;) {
    const docs = await sql<{ id: string; title: string; body: string; published_on: string }>`SELECT id, title, body,
      published_on FROM search_documents WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (docs.rows.length === 0) break;
    const titles: ReturnType<typeof sql>[] = [];
    const grams: ReturnType<typeof sql>[] = [];
    const chars: ReturnType<typeof sql>[] = [];
    for (const doc of docs.rows) {
      const title = normalisedTokens(normalise(doc.title)).slice(0, MAX_TITLE_TOKENS);
      const r = tokenRows(title, normalisedTokens(normalise(doc.body)), Number(doc.published_on.slice(0, 4)));
      titles.push(sql`(${doc.id}::bigint, ${r.title}::tsvector)`);
      chars.push(sql`(${doc.id}::bigint, ${r.chars}::tsvector)`);
      for (const g of r.grams) grams.push(sql`(${doc.id}::bigint, ${g.part}::integer, ${g.tsv}::tsvector)`);
    }
    await sql`UPDATE search_titles t SET tsv = v.tsv FROM (VALUES ${sql.join(titles)}) AS v(doc_id, tsv)
      WHERE t.doc_id = v.doc_id`.execute(db);
    await sql`INSERT INTO search_chars (doc_id, tsv) VALUES ${sql.join(chars)}`.execute(db);
    for (let i = 0; i < grams.length; i += 200) {
      await sql`INSERT INTO search_grams (doc_id, part, tsv) VALUES ${sql.join(grams.slice(i, i + 200))}`.execute(db);
    }
    after = Number(docs.rows[docs.rows.length - 1]!.id);
  }
  await sql`CREATE INDEX search_grams_tsv ON search_grams USING gin (tsv)`.execute(db);
  await sql`CREATE INDEX search_chars_tsv ON search_chars USING gin (tsv)`.execute(db);
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  // the titles' extra lexemes (trigrams, '~' unigrams) never match a bigram query: they may stay
  await sql`DROP TABLE search_chars`.execute(db);
  await sql`DROP TABLE search_grams`.execute(db);
}
