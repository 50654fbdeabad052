// Search documents whose body a one-character query's snippet can be cut from where it is stored
// (docs/adr/0021; search.normalise.ts `plainForWindows`): a column `plain_length`, the body's length
// when it is so (in characters, which are then UTF-16 units), else null; computed here for the
// documents indexed before it. PostgreSQL then sends a part of such a body around the query's first
// occurrence instead of the whole body; SQLite keeps the column alike.
import { type Kysely, sql } from 'kysely';
import { plainForWindows } from '../../../modules/search/search.normalise.js';
import type { DialectName } from '../dialect.js';

const BATCH = 500;

export async function up(db: Kysely<unknown>, _d: DialectName): Promise<void> {
  await sql`ALTER TABLE search_documents ADD COLUMN plain_length integer`.execute(db);
  let after: number | undefined;
  for (;;) {
    const docs = await sql<{ id: string | number; body: string }>`SELECT id, body FROM search_documents
      ${after === undefined ? sql`` : sql`WHERE id > ${after}`} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (docs.rows.length === 0) break;
    const plain = docs.rows.filter((r) => plainForWindows(r.body));
    // one statement a batch: a CASE over the ids (both databases)
    if (plain.length > 0) {
      await sql`UPDATE search_documents SET plain_length = CASE id ${sql.join(
        plain.map((r) => sql`WHEN ${sql.lit(Number(r.id))} THEN ${sql.lit(r.body.length)}`),
        sql` `,
      )} END WHERE id IN (${sql.join(plain.map((r) => Number(r.id)))})`.execute(db);
    }
    after = Number(docs.rows[docs.rows.length - 1]!.id);
  }
}

export async function down(db: Kysely<unknown>, _d: DialectName): Promise<void> {
  await sql`ALTER TABLE search_documents DROP COLUMN plain_length`.execute(db);
}
