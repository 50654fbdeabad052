// Queries of the annual report (Kysely only). Table 3 is read as a GROUP BY over the requests that
// year Y sees (one row per organ × applicant type × start row × end row), plus the few reopened
// requests with their `reopen` events, which the service recounts episode by episode.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { DocKind } from '../publications/publications.schemas.js';
import { REOPEN_ACTION } from './reports.table3.js';

const bounds = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });

export interface Table3Group {
  organ_id: number;
  applicant_type: string;
  start_row: 'received' | 'carried_in';
  /** An outcome code (null → `other.other`) or 'carried_over'. */
  end_row: string;
  n: number;
}

export interface ReopenRow {
  organ_id: number;
  request_id: number;
  applicant_type: string;
  received_on: string;
  closed_on: string | null;
  outcome: string | null;
  on_date: string;
  data: string | null;
}

export interface PublicationCounts2019 {
  made: number;
  published: number;
  total_public: number;
}

export const reportsRepo = {
  /** The requests year Y sees, with their reopen events (the records behind table 3's cells). */
  async table3Requests(db: Executor, organId: number, year: number) {
    const { first, last } = bounds(year);
    const rows = await db
      .selectFrom('requests')
      .select(['id', 'reference', 'applicant_type', 'applicant_name', 'received_on', 'closed_on', 'outcome', 'state'])
      .where('organ_id', '=', organId)
      .where('received_on', '<=', last)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', first)]))
      .orderBy('received_on')
      .orderBy('id')
      .execute();
    const reopen = await reportsRepo.reopenings(db, [organId], year);
    return { rows: rows.map((r) => ({ ...r, id: Number(r.id) })), reopen };
  },

  /** Requests that year Y sees, counted by organ, applicant type, start row and end row. */
  async table3Groups(db: Executor, organIds: readonly number[], year: number): Promise<Table3Group[]> {
    if (organIds.length === 0 || !Number.isInteger(year)) return [];
    const { first, last } = bounds(year);
    // literals (from an integer year), so that PostgreSQL sees the same expression in GROUP BY
    const [f, l] = [sql.lit(first), sql.lit(last)];
    const start = sql<string>`case when received_on >= ${f} then 'received' else 'carried_in' end`;
    const end = sql<string>`case when closed_on is not null and closed_on <= ${l} then coalesce(outcome, 'other.other') else 'carried_over' end`;
    const rows = await db
      .selectFrom('requests')
      .select([
        'organ_id',
        'applicant_type',
        start.as('start_row'),
        end.as('end_row'),
        (eb) => eb.fn.countAll<number | string>().as('n'),
      ])
      .where('organ_id', 'in', organIds)
      .where('received_on', '<=', last)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', first)]))
      .groupBy(['organ_id', 'applicant_type', start, end])
      .execute();
    return rows.map((r) => ({
      organ_id: Number(r.organ_id),
      applicant_type: r.applicant_type,
      start_row: r.start_row as Table3Group['start_row'],
      end_row: r.end_row,
      n: Number(r.n),
    }));
  },

  /** The reopen events of the requests year Y sees, with the request's counted columns. */
  async reopenings(db: Executor, organIds: readonly number[], year: number): Promise<ReopenRow[]> {
    if (organIds.length === 0) return [];
    const { first, last } = bounds(year);
    const rows = await db
      .selectFrom('request_events as e')
      .innerJoin('requests as r', 'r.id', 'e.request_id')
      .select([
        'r.organ_id',
        'e.request_id',
        'r.applicant_type',
        'r.received_on',
        'r.closed_on',
        'r.outcome',
        'e.on_date',
        'e.data',
      ])
      .where('e.action', '=', REOPEN_ACTION)
      .where('r.organ_id', 'in', organIds)
      .where('r.received_on', '<=', last)
      .where((eb) => eb.or([eb('r.closed_on', 'is', null), eb('r.closed_on', '>=', first)]))
      .orderBy('e.request_id')
      .orderBy('e.id')
      .execute();
    return rows.map((r) => ({ ...r, organ_id: Number(r.organ_id), request_id: Number(r.request_id) }));
  },

  /** Whether any request of these organs was received before `date`. */
  async hasRequestsBefore(db: Executor, organIds: readonly number[], date: string): Promise<boolean> {
    if (organIds.length === 0) return false;
    const r = await db
      .selectFrom('requests')
      .select('id')
      .where('organ_id', 'in', organIds)
      .where('received_on', '<', date)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  },

  /** Table 2 (2019 trial format), rows 规章 and 规范性文件, from the catalogue's current editions:
   * made = 成文日期 in Y; published = made public (published_on) in Y; total_public = made public
   * by 31 December Y and still online then (not withdrawn by that day). */
  async publications2019(db: Executor, organId: number, year: number, kind: DocKind): Promise<PublicationCounts2019> {
    const { first, last } = bounds(year);
    const rows = await db
      .selectFrom('publications')
      .select(['created_on', 'published_on', 'state', 'withdrawn_at'])
      .where('organ_id', '=', organId)
      .where('doc_kind', '=', kind)
      .where('state', 'in', ['published', 'withdrawn'])
      .where('published_on', 'is not', null)
      .where('published_on', '<=', last)
      .execute();
    // withdrawn_at is an instant; China is UTC+8: withdrawn on or before 31 December China time
    const endUtc = new Date(Date.parse(`${last}T16:00:00Z`)).toISOString();
    return {
      made: rows.filter((r) => r.created_on >= first && r.created_on <= last).length,
      published: rows.filter((r) => (r.published_on as string) >= first).length,
      total_public: rows.filter((r) => r.state === 'published' || (r.withdrawn_at !== null && r.withdrawn_at >= endUtc)).length,
    };
  },

  async figures(db: Executor, organIds: readonly number[], year: number) {
    if (organIds.length === 0) return [];
    return db
      .selectFrom('report_figures as f')
      .leftJoin('users as u', 'u.id', 'f.entered_by')
      .select(['f.id', 'f.organ_id', 'f.key', 'f.value', 'f.note', 'f.entered_at', 'u.display_name'])
      .where('f.organ_id', 'in', organIds)
      .where('f.year', '=', year)
      .orderBy('f.key')
      .execute();
  },

  figure: (db: Executor, organId: number, year: number, key: string) =>
    db
      .selectFrom('report_figures')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('year', '=', year)
      .where('key', '=', key)
      .executeTakeFirst(),

  async saveFigure(
    db: Executor,
    v: { organId: number; year: number; key: string; value: string; note: string | null; by: number | null; at: string },
  ): Promise<void> {
    const fields = { value: v.value, note: v.note, entered_by: v.by, entered_at: v.at };
    const done = await db
      .updateTable('report_figures')
      .set(fields)
      .where('organ_id', '=', v.organId)
      .where('year', '=', v.year)
      .where('key', '=', v.key)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0)
      await db
        .insertInto('report_figures')
        .values({ organ_id: v.organId, year: v.year, key: v.key, ...fields })
        .execute();
  },

  /** The report of an organ for a year as kept in the system (state, snapshot, publication). */
  /** The newest report of the organ for `year` read by the report checker from a file its own staff
   * gave it (a report published before the organ used this system), titled with the organ's name. */
  async importedReport(db: Executor, organId: number, organName: string, year: number) {
    const rows = await db
      .selectFrom('report_checks')
      .select(['result', 'subject_name'])
      .where('organ_id', '=', organId)
      .where('year', '=', year)
      .where('source_kind', 'in', ['html', 'docx'])
      .where((eb) => eb.or([eb('subject_organ_id', '=', organId), eb('subject_organ_id', 'is', null)]))
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    return rows.find((r) => (r.subject_name ?? '').includes(organName));
  },

  report: (db: Executor, organId: number, year: number) =>
    db
      .selectFrom('annual_reports')
      .select(['id', 'state', 'snapshot', 'published_at'])
      .where('organ_id', '=', organId)
      .where('year', '=', year)
      .executeTakeFirst(),
};
