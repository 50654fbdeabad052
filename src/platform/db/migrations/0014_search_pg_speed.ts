// Search speed on PostgreSQL (docs/performance.md, run D; docs/adr/0011): a search checks the phrase
// in the tsvector of every row the GIN index returns (about 1,001 per capped count). A segment's
// tsvector is 2–10 KB, over the 2 KB at which PostgreSQL moves a value out of line (uncompressed,
// as pglz saves too little on it): each check then read the TOAST index and two or more TOAST
// pages. `toast_tuple_target = 8160` (the largest allowed) keeps rows up to one page inline, 90% of
// them; rows already stored are rewritten here so they move in (a copy of the value, as an
// unchanged value would keep its TOAST pointer). SQLite: nothing to do.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  await sql`ALTER TABLE search_segments SET (toast_tuple_target = 8160)`.execute(db);
  await sql`UPDATE search_segments SET tsv = tsv || ''::tsvector WHERE pg_column_size(tsv) BETWEEN 2000 AND 8100`.execute(db);
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  if (d === 'sqlite') return;
  await sql`ALTER TABLE search_segments RESET (toast_tuple_target)`.execute(db);
}
