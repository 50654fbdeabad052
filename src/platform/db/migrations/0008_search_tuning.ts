// Search tuning (docs/performance.md, "Chinese search against Xapian"): on PostgreSQL every tsvector
// of a document also holds the lexeme of its year ('#2017', no position; search.index.ts yearLexeme),
// so that a capped count can ask the GIN index one year at a time. Rows indexed before this migration
// get theirs here (adding a lexeme twice keeps one). SQLite: nothing to do.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

/** '#' and the year of the document's id (day of publication × 2^21 + a serial). */
const YEAR = sql`'#' || extract(year FROM DATE '1970-01-01' + CAST(floor(CAST(doc_id AS numeric) / 2097152) AS integer))`;
const TABLES = ['search_titles', 'search_segments'];

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  for (const t of TABLES) await sql`UPDATE ${sql.table(t)} SET tsv = tsv || CAST(quote_literal(${YEAR}) AS tsvector)`.execute(db);
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  for (const t of TABLES) await sql`UPDATE ${sql.table(t)} SET tsv = ts_delete(tsv, ${YEAR})`.execute(db);
}
