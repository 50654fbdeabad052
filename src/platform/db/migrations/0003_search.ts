// Full-text search (modules/search): what the index returns, plus dialect-specific token storage.
import type { Kysely } from 'kysely';
import { createSearchTokens, type DialectName, dropSearchTokens, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);
  // id is assigned by the index (a sort key, see search.tables.ts), not by the database
  await db.schema
    .createTable('search_documents')
    .addColumn('id', ref, (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('doc_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('organ_id', ref, (c) => c.notNull())
    .addColumn('column_code', 'varchar(64)')
    .addColumn('genre', 'varchar(32)')
    .addColumn('published_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'varchar(500)', (c) => c.notNull())
    .addColumn('indexed_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('search_documents_kind_doc', ['kind', 'doc_id'])
    .execute();
  // the filters, looked up per match without reading the (long) row
  await db.schema
    .createIndex('search_documents_filter')
    .on('search_documents')
    .columns(['id', 'organ_id', 'column_code', 'genre'])
    .execute();
  await createSearchTokens(db, d);
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  await dropSearchTokens(db, d);
  await db.schema.dropTable('search_documents').execute();
}
