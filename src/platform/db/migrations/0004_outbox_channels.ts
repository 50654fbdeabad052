// The transactional outbox (platform/outbox), the channels a publication went out on, and the
// registers of deliveries to reading venues and of press conferences (modules/channels).
import type { Kysely } from 'kysely';
import { type DialectName, idColumn, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);

  await idColumn(d, db.schema.createTable('outbox'))
    .addColumn('topic', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(200)', (c) => c.unique())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('locked_by', 'varchar(100)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('done_at', 'varchar(30)')
    .addColumn('result', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();

  await idColumn(d, db.schema.createTable('publication_channels'))
    .addColumn('publication_id', ref, (c) => c.notNull().references('publications.id'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)')
    .addColumn('sent_on', 'varchar(10)')
    .addColumn('external_id', 'varchar(200)')
    .addColumn('note', 'varchar(500)')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('recorded_by', ref, (c) => c.references('users.id'))
    .addUniqueConstraint('publication_channels_one', ['publication_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('publication_channels_organ_year')
    .on('publication_channels')
    .columns(['organ_id', 'channel', 'sent_on'])
    .execute();

  await idColumn(d, db.schema.createTable('venue_deliveries'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('delivered_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('venue', 'varchar(16)', (c) => c.notNull())
    .addColumn('venue_name', 'varchar(200)')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('publication_ids', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', ref, (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('venue_deliveries_organ_date')
    .on('venue_deliveries')
    .columns(['organ_id', 'delivered_on'])
    .execute();

  await idColumn(d, db.schema.createTable('press_conferences'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('topic', 'varchar(300)', (c) => c.notNull())
    .addColumn('speakers', 'varchar(500)', (c) => c.notNull())
    .addColumn('organiser', 'varchar(200)', (c) => c.notNull())
    .addColumn('transcript_publication_id', ref, (c) => c.references('publications.id'))
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', ref, (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('press_conferences_organ_date').on('press_conferences').columns(['organ_id', 'held_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['press_conferences', 'venue_deliveries', 'publication_channels', 'outbox']) {
    await db.schema.dropTable(t).execute();
  }
}
