// Search on PostgreSQL, how many documents hold each character, year by year (docs/adr/0021): a table
// `search_char_years` of (lexeme, tier, year, documents) for the unigram lexemes (`~灾`) and the year
// lexemes (`#2025`: all the year's documents), tier 'a' for `search_chars` (a document's title and
// body) and 't' for `search_titles`, kept by statement triggers on both tables in the transaction
// that writes them. A one-character query's capped count is then a sum over a few rows instead of up
// to 1,001 matches found in the GIN index year by year (with a heap visit each); its newest matches
// come from the years that hold it, or from a walk of the newest documents when it is dense there. Rows that fall to 0 stay (a search
// reads `docs > 0`). A writer that empties the tables (SearchIndex.clear) turns the triggers off for
// its transaction (`gongkai.search_char_years` = 'off') and empties this table itself. Existing
// rows are counted here. SQLite: nothing to do (FTS5 answers these counts from its own doclists).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * The year of a search document's id (its day × 2^21 + serial; search.index.ts DAY_SHIFT), rounding
 * down: days before 1970 are negative.
 */
const year = (id: string) =>
  `CAST(extract(year FROM DATE '1970-01-01' + CAST(floor(CAST(${id} AS numeric) / 2097152) AS integer)) AS integer)`;

/** Per statement: the rows' unigram lexemes counted by (lexeme, year), added (sign 1) or taken away (-1). */
const change = (rows: string, sign: '' | '-') => `INSERT INTO search_char_years AS c (lexeme, tier, year, docs)
      SELECT u.lexeme, TG_ARGV[0], ${year('r.doc_id')}, ${sign}count(*) FROM ${rows} r, unnest(r.tsv) u
      WHERE u.lexeme LIKE '~%' OR u.lexeme LIKE '#%' GROUP BY u.lexeme, 3 ORDER BY u.lexeme, 3
    ON CONFLICT (lexeme, tier, year) DO UPDATE SET docs = c.docs + excluded.docs;`;

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  // every indexed document updates hundreds of rows: room on each page for their new versions (HOT
  // updates, pruned on the page without touching the index); SearchIndex.optimize vacuums it after
  // a bulk load, autovacuum otherwise (a small table: its default threshold is low)
  await sql`CREATE TABLE search_char_years (lexeme text NOT NULL, tier "char" NOT NULL, year integer NOT NULL,
    docs integer NOT NULL, PRIMARY KEY (lexeme, tier, year)) WITH (fillfactor = 50)`.execute(db);
  // rows in lexeme order, so that two writers lock shared rows in the same order (SearchIndex also
  // serialises its writers with an advisory lock)
  await sql
    .raw(`CREATE FUNCTION search_char_years_count() RETURNS trigger LANGUAGE plpgsql AS $$
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
  for (const [table, tier] of [
    ['search_chars', 'a'],
    ['search_titles', 't'],
  ] as const) {
    const fn = `EXECUTE FUNCTION search_char_years_count('${tier}')`;
    await sql
      .raw(`CREATE TRIGGER ${table}_years_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT ${fn}`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_years_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT ${fn}`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_years_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows
      NEW TABLE AS new_rows FOR EACH STATEMENT ${fn}`)
      .execute(db);
    await sql
      .raw(`INSERT INTO search_char_years (lexeme, tier, year, docs) SELECT u.lexeme, '${tier}', ${year('r.doc_id')},
      count(*) FROM ${table} r, unnest(r.tsv) u WHERE u.lexeme LIKE '~%' OR u.lexeme LIKE '#%' GROUP BY u.lexeme, 3`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  for (const table of ['search_chars', 'search_titles']) {
    for (const op of ['insert', 'delete', 'update']) await sql.raw(`DROP TRIGGER ${table}_years_${op} ON ${table}`).execute(db);
  }
  await sql`DROP FUNCTION search_char_years_count()`.execute(db);
  await sql`DROP TABLE search_char_years`.execute(db);
}
