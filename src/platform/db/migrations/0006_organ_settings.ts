// The portal (modules/portal): an organ's disclosure-office settings for the 公开指南, and the
// indexes behind the public lists (column pages and the 信息公开目录, filtered, newest first).
import type { Kysely } from 'kysely';
import { type DialectName, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);
  await db.schema
    .createTable('organ_settings')
    .addColumn('organ_id', ref, (c) => c.primaryKey().references('organs.id'))
    .addColumn('office_name', 'varchar(200)')
    .addColumn('address', 'varchar(300)')
    .addColumn('postcode', 'varchar(10)')
    .addColumn('hours', 'varchar(200)')
    .addColumn('phone', 'varchar(100)')
    .addColumn('fax', 'varchar(100)')
    .addColumn('email', 'varchar(200)')
    .addColumn('website', 'varchar(300)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // a column page: published items of some columns, newest first
  await db.schema
    .createIndex('publications_column_state_published')
    .on('publications')
    .columns(['column_id', 'state', 'published_at'])
    .execute();
  // the catalogue listing: everything an organ has published, newest first
  await db.schema
    .createIndex('publications_organ_state_published')
    .on('publications')
    .columns(['organ_id', 'state', 'published_at'])
    .execute();
  // the themes offered by the filters, read from the index alone
  await db.schema
    .createIndex('publications_column_state_theme')
    .on('publications')
    .columns(['column_id', 'state', 'theme'])
    .execute();
  await db.schema
    .createIndex('publications_organ_state_theme')
    .on('publications')
    .columns(['organ_id', 'state', 'theme'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('publications_organ_state_theme').execute();
  await db.schema.dropIndex('publications_column_state_theme').execute();
  await db.schema.dropIndex('publications_organ_state_published').execute();
  await db.schema.dropIndex('publications_column_state_published').execute();
  await db.schema.dropTable('organ_settings').execute();
}
