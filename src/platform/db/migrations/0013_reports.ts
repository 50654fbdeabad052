// The annual report (modules/reports): the report of an organ for a year (its edited text, its
// approval, the frozen figures it was published with), figures entered by staff where no register
// holds them yet, and the report checker's runs and the staff's decisions on their findings.
import type { Kysely } from 'kysely';
import { type DialectName, idColumn, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);
  await idColumn(d, db.schema.createTable('annual_reports'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('format', 'varchar(10)', (c) => c.notNull())
    /** draft → submitted → approved → published (returned goes back to draft). */
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    /** JSON: ReportSection[] as edited by staff (placeholders kept). */
    .addColumn('sections', 'text')
    /** JSON: the AnnualReport as published (figures frozen then). */
    .addColumn('snapshot', 'text')
    .addColumn('publication_id', ref, (c) => c.references('publications.id'))
    .addColumn('created_by', ref, (c) => c.references('users.id'))
    .addColumn('submitted_by', ref, (c) => c.references('users.id'))
    .addColumn('approved_by', ref, (c) => c.references('users.id'))
    .addColumn('approved_at', 'varchar(30)')
    .addColumn('published_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('annual_reports_organ_year', ['organ_id', 'year'])
    .execute();

  await idColumn(d, db.schema.createTable('report_figures'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    /** e.g. `table2.licensing.decisions`, `table2.fees.amount_wan_yuan`. */
    .addColumn('key', 'varchar(80)', (c) => c.notNull())
    /** A decimal written as text (exact). */
    .addColumn('value', 'varchar(40)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('entered_by', ref, (c) => c.references('users.id'))
    .addColumn('entered_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('report_figures_organ_year_key', ['organ_id', 'year', 'key'])
    .execute();

  await idColumn(d, db.schema.createTable('report_checks'))
    /** The organ whose staff ran the check. */
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    /** The organ whose report was checked, when it is in the system. */
    .addColumn('subject_organ_id', ref, (c) => c.references('organs.id'))
    .addColumn('subject_name', 'varchar(200)')
    .addColumn('year', 'integer')
    .addColumn('format', 'varchar(10)')
    /** 'html' | 'docx' | 'generated' */
    .addColumn('source_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('source_name', 'varchar(255)')
    /** JSON: {tables, findings}. */
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_by', ref, (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_checks_organ').on('report_checks').columns(['organ_id', 'created_at']).execute();

  await idColumn(d, db.schema.createTable('report_finding_reviews'))
    .addColumn('check_id', ref, (c) => c.notNull().references('report_checks.id'))
    /** The finding's stable key within its run (code + the cells it names). */
    .addColumn('finding_key', 'varchar(200)', (c) => c.notNull())
    /** 'confirmed' | 'dismissed' */
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', ref, (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('report_finding_reviews_key', ['check_id', 'finding_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_finding_reviews').execute();
  await db.schema.dropTable('report_checks').execute();
  await db.schema.dropTable('report_figures').execute();
  await db.schema.dropTable('annual_reports').execute();
}
