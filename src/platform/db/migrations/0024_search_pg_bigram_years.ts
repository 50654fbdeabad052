// Search on PostgreSQL, how many documents hold each two-character term, year by year (docs/adr/
// 0022): rows of `search_char_years` (migration 0022) with tier 'a' for the terms of exactly two
// characters of `search_terms` (the bigram lexemes, `台风`: a document's title and body, each term in
// one row of its document, so a row per document), kept by statement triggers on `search_terms` like
// those of 0022 (the same switch, `gongkai.search_char_years`). A two-character query's capped count
// is then a sum over a few rows instead of up to 1,001 matches found in the GIN index year by year
// (with a heap visit each). Unigram lexemes (`~灾`) are of two characters too and the year lexemes
// start with `#`: neither is in `search_terms`, and both are left out here by name as well.
// Existing rows are counted here. SQLite: nothing to do.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/** The year of a search document's id (migration 0022). */
const year = (id: string) =>
  `CAST(extract(year FROM DATE '1970-01-01' + CAST(floor(CAST(${id} AS numeric) / 2097152) AS integer)) AS integer)`;

/** A term of `search_terms` that is a bigram. */
const BIGRAM = `char_length(u.lexeme) = 2 AND u.lexeme NOT LIKE '~%' AND u.lexeme NOT LIKE '#%'`;

/** Per statement: the rows' bigram terms counted by (lexeme, year), added (sign 1) or taken away (-1). */
const change = (rows: string, sign: '' | '-') => `INSERT INTO search_char_years AS c (lexeme, tier, year, docs)
      SELECT u.lexeme, 'a', ${year('r.doc_id')}, ${sign}count(*) FROM ${rows} r, unnest(CAST(r.terms AS tsvector)) u
      WHERE ${BIGRAM} GROUP BY u.lexeme, 3 ORDER BY u.lexeme, 3
    ON CONFLICT (lexeme, tier, year) DO UPDATE SET docs = c.docs + excluded.docs;`;

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  // (rows in lexeme order, as 0022's: two writers lock shared rows in the same order)
  await sql
    .raw(`CREATE FUNCTION search_bigram_years_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('gongkai.search_char_years', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    ${change('old_rows', '-')}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    ${change('new_rows', '')}
  END IF;
  RETURN NULL;
END $$`)
    .execute(db);
  const fn = 'EXECUTE FUNCTION search_bigram_years_count()';
  await sql
    .raw(`CREATE TRIGGER search_terms_years_insert AFTER INSERT ON search_terms REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT ${fn}`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER search_terms_years_delete AFTER DELETE ON search_terms REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT ${fn}`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER search_terms_years_update AFTER UPDATE ON search_terms REFERENCING OLD TABLE AS old_rows
      NEW TABLE AS new_rows FOR EACH STATEMENT ${fn}`)
    .execute(db);
  await sql
    .raw(`INSERT INTO search_char_years (lexeme, tier, year, docs) SELECT u.lexeme, 'a', ${year('r.doc_id')}, count(*)
      FROM search_terms r, unnest(CAST(r.terms AS tsvector)) u WHERE ${BIGRAM} GROUP BY u.lexeme, 3`)
    .execute(db);
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  for (const op of ['insert', 'delete', 'update'])
    await sql.raw(`DROP TRIGGER search_terms_years_${op} ON search_terms`).execute(db);
  await sql`DROP FUNCTION search_bigram_years_count()`.execute(db);
  await sql`DELETE FROM search_char_years WHERE tier = 'a' AND char_length(lexeme) = 2 AND lexeme NOT LIKE '~%'`.execute(db);
}
