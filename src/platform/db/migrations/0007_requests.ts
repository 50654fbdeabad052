// Requests for disclosure (依申请公开): cases, their append-only history, notes and messages, and
// the reference-number counters (modules/requests).
import { type Kysely, sql } from 'kysely';
import { type DialectName, idColumn, makeAppendOnly, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);

  await idColumn(d, db.schema.createTable('requests'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('reference', 'varchar(60)', (c) => c.notNull().unique())
    .addColumn('tracking_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('received_rule', 'varchar(300)', (c) => c.notNull())
    .addColumn('rules', 'varchar(4)', (c) => c.notNull())
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('applicant_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('applicant_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('contact_person', 'varchar(100)')
    .addColumn('id_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('id_number_enc', 'varchar(300)', (c) => c.notNull())
    .addColumn('id_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('id_masked', 'varchar(60)', (c) => c.notNull())
    .addColumn('phone', 'varchar(40)')
    .addColumn('email', 'varchar(200)')
    .addColumn('address', 'varchar(300)')
    .addColumn('info_title', 'varchar(300)')
    .addColumn('info_doc_number', 'varchar(100)')
    .addColumn('info_description', 'text', (c) => c.notNull())
    .addColumn('form_wanted', 'varchar(16)', (c) => c.notNull())
    .addColumn('delivery', 'varchar(16)', (c) => c.notNull())
    .addColumn('unit_id', ref, (c) => c.references('units.id'))
    .addColumn('handler_user_id', ref, (c) => c.references('users.id'))
    .addColumn('repeat_of_id', ref, (c) => c.references('requests.id'))
    .addColumn('reply_due', 'varchar(10)')
    .addColumn('correction_due', 'varchar(10)')
    .addColumn('awaiting', 'varchar(20)')
    .addColumn('outcome', 'varchar(40)')
    .addColumn('legal_ground', 'text')
    .addColumn('released_parts', 'text')
    .addColumn('withheld_parts', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', ref, (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('approved_by', ref, (c) => c.references('users.id'))
    .addColumn('approved_at', 'varchar(30)')
    .addColumn('replied_on', 'varchar(10)')
    .addColumn('reply_method', 'varchar(200)')
    .addColumn('closed_on', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('requests_organ_state_due').on('requests').columns(['organ_id', 'state', 'reply_due']).execute();
  await db.schema.createIndex('requests_state').on('requests').columns(['state']).execute();
  await db.schema.createIndex('requests_id_hash').on('requests').columns(['id_hash']).execute();

  await idColumn(d, db.schema.createTable('request_events'))
    .addColumn('request_id', ref, (c) => c.notNull().references('requests.id'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('on_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('actor_user_id', ref)
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(24)')
    .addColumn('to_state', 'varchar(24)', (c) => c.notNull())
    .addColumn('clock', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('request_events_request').on('request_events').columns(['request_id', 'id']).execute();
  await makeAppendOnly(db, d, 'request_events');

  await idColumn(d, db.schema.createTable('request_notes'))
    .addColumn('request_id', ref, (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('author_user_id', ref)
    .addColumn('author_name', 'varchar(100)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_notes_request').on('request_notes').columns(['request_id', 'id']).execute();
  await makeAppendOnly(db, d, 'request_notes');

  await db.schema
    .createTable('request_counters')
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_counters_pk', ['organ_id', 'year'])
    .execute();
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  for (const t of ['request_counters', 'request_notes', 'request_events', 'requests']) {
    await db.schema.dropTable(t).execute();
  }
  if (d === 'postgres') {
    await sql`DROP FUNCTION IF EXISTS request_events_append_only()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS request_notes_append_only()`.execute(db);
  }
}
