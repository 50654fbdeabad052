// The public item page from fewer, cheaper reads (ADR 0014):
// - bodies are stored sanitised by every path that writes them (the repository, the demo loader)
//   and served as stored; bodies written before by other paths are sanitised here once;
// - related items are stored per item when it or its neighbours are indexed
//   (`publication_related`, search.publications.ts), not computed on every view; filled here for
//   the items already published.
import { type Kysely, sql } from 'kysely';
import { sanitizeBody } from '../../../modules/publications/publications.schemas.js';
import { storeAllRelated } from '../../../modules/search/search.publications.js';
import { type DialectName, refType } from '../dialect.js';

const BATCH = 500;

/** Sanitises every stored body that is not as `sanitizeBody` leaves it. */
export async function sanitiseStoredBodies(db: Kysely<unknown>): Promise<void> {
  let after = -1;
  for (;;) {
    const rows = await sql<{ id: number | string; body_html: string }>`SELECT id, body_html FROM publications
      WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (rows.rows.length === 0) break;
    for (const r of rows.rows) {
      const clean = sanitizeBody(r.body_html);
      if (clean !== r.body_html) await sql`UPDATE publications SET body_html = ${clean} WHERE id = ${r.id}`.execute(db);
    }
    after = Number(rows.rows[rows.rows.length - 1]?.id);
  }
}

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  await sanitiseStoredBodies(db);
  await db.schema
    .createTable('publication_related')
    .addColumn('publication_id', refType(d), (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('related_id', refType(d), (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('publication_related_pk', ['publication_id', 'rank'])
    .execute();
  await db.schema.createIndex('publication_related_related').on('publication_related').column('related_id').execute();
  const ids = (
    await sql<{
      id: number | string;
    }>`SELECT DISTINCT publication_id AS id FROM publication_keywords ORDER BY publication_id`.execute(db)
  ).rows.map((r) => Number(r.id));
  await storeAllRelated(db as never, ids);
}
