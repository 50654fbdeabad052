// Casework of requests: issued letters (stored as issued), released files, the non-disclosure
// register and fees.
import { type Kysely, sql } from 'kysely';
import { type DialectName, idColumn, makeAppendOnly, refType } from '../dialect.js';

/** Columns of request_letters that may change after issue (the delivery record). */
const FIXED = ['request_id', 'kind', 'letter', 'note', 'issued_on', 'issued_at', 'issued_by', 'issued_by_name'];

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);

  await idColumn(d, db.schema.createTable('request_letters'))
    .addColumn('request_id', ref, (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('letter', 'text')
    .addColumn('note', 'text')
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('issued_by', ref, (c) => c.references('users.id'))
    .addColumn('issued_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('delivery_method', 'varchar(16)')
    .addColumn('delivered_on', 'varchar(10)')
    .addColumn('delivery_proof', 'text')
    .execute();
  await db.schema.createIndex('request_letters_request').on('request_letters').columns(['request_id', 'id']).execute();
  const changed = FIXED.map((c) => (d === 'sqlite' ? `NEW.${c} IS NOT OLD.${c}` : `NEW.${c} IS DISTINCT FROM OLD.${c}`)).join(
    ' OR ',
  );
  if (d === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER request_letters_fixed BEFORE UPDATE ON request_letters WHEN ${changed} ` +
          `BEGIN SELECT RAISE(ABORT, 'request_letters: an issued letter cannot change'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER request_letters_no_delete BEFORE DELETE ON request_letters ` +
          `BEGIN SELECT RAISE(ABORT, 'request_letters is append-only'); END`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION request_letters_fixed() RETURNS trigger AS $$ BEGIN ` +
          `IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'request_letters is append-only'; END IF; ` +
          `IF ${changed} THEN RAISE EXCEPTION 'request_letters: an issued letter cannot change'; END IF; ` +
          `RETURN NEW; END $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql
      .raw(
        'CREATE TRIGGER request_letters_fixed BEFORE UPDATE OR DELETE ON request_letters ' +
          'FOR EACH ROW EXECUTE FUNCTION request_letters_fixed()',
      )
      .execute(db);
  }

  await idColumn(d, db.schema.createTable('request_nondisclosure'))
    .addColumn('request_id', ref, (c) => c.notNull().references('requests.id'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('reference', 'varchar(60)', (c) => c.notNull())
    .addColumn('information', 'text', (c) => c.notNull())
    .addColumn('ground', 'varchar(40)', (c) => c.notNull())
    .addColumn('legal_ground', 'text', (c) => c.notNull())
    .addColumn('withheld_parts', 'text')
    .addColumn('approved_by', ref, (c) => c.references('users.id'))
    .addColumn('approver_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('decided_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_nondisclosure_organ_year')
    .on('request_nondisclosure')
    .columns(['organ_id', 'year'])
    .execute();
  await makeAppendOnly(db, d, 'request_nondisclosure');

  await idColumn(d, db.schema.createTable('request_fees'))
    .addColumn('request_id', ref, (c) => c.notNull().references('requests.id'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('prior_items', 'integer', (c) => c.notNull())
    .addColumn('computed_yuan', 'integer', (c) => c.notNull())
    .addColumn('amount_yuan', 'integer', (c) => c.notNull())
    .addColumn('waived_reason', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('how_to_pay', 'text')
    .addColumn('assessed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('paid_on', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', ref, (c) => c.references('users.id'))
    .execute();
  await idColumn(d, db.schema.createTable('request_files'))
    .addColumn('request_id', ref, (c) => c.notNull().references('requests.id'))
    .addColumn('original_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('stored_name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('media_type', 'varchar(120)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('uploaded_by', ref, (c) => c.references('users.id'))
    .addColumn('uploaded_by_name', 'varchar(100)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_files_request').on('request_files').columns(['request_id', 'id']).execute();
  await makeAppendOnly(db, d, 'request_files');

  await db.schema.createIndex('request_fees_request').on('request_fees').columns(['request_id']).execute();
  await db.schema.createIndex('request_fees_organ_paid').on('request_fees').columns(['organ_id', 'paid_on']).execute();
}

export async function down(db: Kysely<unknown>, d: DialectName): Promise<void> {
  for (const t of ['request_files', 'request_fees', 'request_nondisclosure', 'request_letters'])
    await db.schema.dropTable(t).execute();
  if (d === 'postgres') {
    await sql`DROP FUNCTION IF EXISTS request_letters_fixed()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS request_nondisclosure_append_only()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS request_files_append_only()`.execute(db);
  }
}
