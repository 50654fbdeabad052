// The catalogue (信息公开目录) and the publishing workflow (modules/publications).
import { type Kysely, sql } from 'kysely';
import { type DialectName, idColumn, makeAppendOnly, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);

  await idColumn(d, db.schema.createTable('catalogue_columns'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('parent_id', ref, (c) => c.references('catalogue_columns.id'))
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('update_days', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('standard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'varchar(300)')
    .addColumn('empty_reason', 'varchar(300)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('catalogue_columns_organ_code', ['organ_id', 'code'])
    .execute();

  await idColumn(d, db.schema.createTable('publications'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('unit_id', ref, (c) => c.references('units.id'))
    .addColumn('column_id', ref, (c) => c.notNull().references('catalogue_columns.id'))
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('edition', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('previous_id', ref, (c) => c.references('publications.id'))
    .addColumn('superseded_by_id', ref, (c) => c.references('publications.id'))
    .addColumn('index_no', 'varchar(40)', (c) => c.unique())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('issuing_organ', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(100)')
    .addColumn('theme', 'varchar(100)', (c) => c.notNull())
    .addColumn('genre', 'varchar(16)', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('disclosure', 'varchar(16)', (c) => c.notNull())
    .addColumn('withheld_reason', 'varchar(500)')
    .addColumn('validity', 'varchar(16)', (c) => c.notNull())
    .addColumn('validity_date', 'varchar(10)')
    .addColumn('doc_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('checklist_by', ref, (c) => c.references('users.id'))
    .addColumn('checklist_at', 'varchar(30)')
    .addColumn('author_id', ref, (c) => c.references('users.id'))
    .addColumn('approver_id', ref, (c) => c.references('users.id'))
    .addColumn('approved_at', 'varchar(30)')
    .addColumn('submitted_at', 'varchar(30)')
    .addColumn('return_reason', 'varchar(1000)')
    .addColumn('publish_at', 'varchar(30)')
    .addColumn('published_at', 'varchar(30)')
    .addColumn('published_on', 'varchar(10)')
    .addColumn('withdrawn_at', 'varchar(30)')
    .addColumn('withdraw_reason', 'varchar(1000)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('publications_organ_state').on('publications').columns(['organ_id', 'state']).execute();
  await db.schema
    .createIndex('publications_column_published')
    .on('publications')
    .columns(['column_id', 'published_at'])
    .execute();
  await db.schema.createIndex('publications_state_publish_at').on('publications').columns(['state', 'publish_at']).execute();
  await db.schema.createIndex('publications_previous').on('publications').column('previous_id').execute();

  await idColumn(d, db.schema.createTable('publication_events'))
    .addColumn('publication_id', ref, (c) => c.notNull().references('publications.id'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_user_id', ref)
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(16)')
    .addColumn('to_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema
    .createIndex('publication_events_publication')
    .on('publication_events')
    .columns(['publication_id', 'id'])
    .execute();
  await makeAppendOnly(db, d, 'publication_events');

  await db.schema
    .createTable('publication_links')
    .addColumn('publication_id', ref, (c) => c.notNull().references('publications.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_id', ref, (c) => c.notNull().references('publications.id'))
    .addPrimaryKeyConstraint('publication_links_pk', ['publication_id', 'kind', 'target_id'])
    .execute();
  await db.schema.createIndex('publication_links_target').on('publication_links').columns(['target_id', 'kind']).execute();

  await db.schema
    .createTable('index_counters')
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_counters_pk', ['organ_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  for (const t of ['index_counters', 'publication_links', 'publication_events', 'publications', 'catalogue_columns']) {
    await db.schema.dropTable(t).execute();
  }
  if (d === 'postgres') await sql`DROP FUNCTION IF EXISTS publication_events_append_only()`.execute(db);
}
