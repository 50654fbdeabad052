// Keywords of published items (modules/search/search.keywords.ts), kept for related items.
import type { Kysely } from 'kysely';
import { type DialectName, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  await db.schema
    .createTable('publication_keywords')
    .addColumn('publication_id', refType(d), (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('keyword', 'varchar(64)', (c) => c.notNull())
    // 1 for the most telling keyword of the item, then less
    .addColumn('weight', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_keywords_pk', ['publication_id', 'keyword'])
    .execute();
  await db.schema
    .createIndex('publication_keywords_keyword')
    .on('publication_keywords')
    .columns(['keyword', 'publication_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('publication_keywords').execute();
}
