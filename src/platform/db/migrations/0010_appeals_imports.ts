// The appeals register (reconsideration and litigation, table 4) and the per-year total of an
// organ's reconsideration cases (modules/appeals). Imports (modules/imports) add no table.
import type { Kysely } from 'kysely';
import { type DialectName, idColumn, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);
  await idColumn(d, db.schema.createTable('appeals'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('reference', 'varchar(60)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('filed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('body', 'varchar(200)')
    .addColumn('result', 'varchar(16)')
    .addColumn('decided_on', 'varchar(10)')
    .addColumn('request_id', ref, (c) => c.references('requests.id'))
    .addColumn('joint_defendant', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('appeals_organ_reference', ['organ_id', 'reference'])
    .execute();
  await db.schema.createIndex('appeals_organ_filed').on('appeals').columns(['organ_id', 'filed_on']).execute();
  await db.schema.createIndex('appeals_request').on('appeals').columns(['request_id']).execute();

  await db.schema
    .createTable('appeal_year_totals')
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reconsideration_total', 'integer', (c) => c.notNull())
    .addColumn('updated_by', ref, (c) => c.references('users.id'))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('appeal_year_totals_pk', ['organ_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appeal_year_totals').execute();
  await db.schema.dropTable('appeals').execute();
}
