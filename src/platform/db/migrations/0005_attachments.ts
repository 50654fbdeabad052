// Attachments of publications (modules/attachments): metadata here, the files on disk.
import type { Kysely } from 'kysely';
import { type DialectName, idColumn, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);
  await idColumn(d, db.schema.createTable('attachments'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('publication_id', ref, (c) => c.references('publications.id'))
    .addColumn('original_name', 'varchar(300)', (c) => c.notNull())
    .addColumn('stored_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('media_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('text_extract', 'text')
    .addColumn('created_by', ref, (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_publication').on('attachments').columns(['publication_id', 'id']).execute();
  await db.schema.createIndex('attachments_stored_name').on('attachments').column('stored_name').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
