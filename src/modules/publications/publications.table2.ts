// Table 2 of the annual report, rows 规章 and 行政规范性文件, counted from the catalogue records
// (report-format.md "Table 2"): for year Y,
//   issued    本年制发件数: documents of the kind whose 成文日期 falls in Y;
//   repealed  本年废止件数: documents of the kind repealed (废止) with a date in Y;
//   in_force  现行有效件数: documents of the kind made on or before 31 December Y and not, by that
//             day, repealed or expired (失效).
// A document is counted once, however many editions it has: its current edition (published, or
// withdrawn if it was taken down) carries the dates, since a new edition keeps the 成文日期.
// Withdrawn documents are counted as issued (they were made and published) but not as in force
// from the day they were withdrawn.
import { chinaDate } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import type { DocKind } from './publications.schemas.js';

export interface DocumentCounts {
  issued: number;
  repealed: number;
  in_force: number;
}

export interface Table2Documents {
  rules: DocumentCounts;
  normative_documents: DocumentCounts;
}

const ROWS: ReadonlyArray<readonly [keyof Table2Documents, DocKind]> = [
  ['rules', 'regulation'],
  ['normative_documents', 'normative'],
];

/** The columns of table 2 a document (its current edition) counts in for year Y. */
export function documentCells(
  r: { created_on: string; validity: string; validity_date: string | null; state: string; withdrawn_at: string | null },
  year: number,
): Record<keyof DocumentCounts, boolean> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (r.created_on > last) return { issued: false, repealed: false, in_force: false };
  // withdrawn after the year ended: it was still in force on 31 December
  const onlineAtEnd = r.state === 'published' || (r.withdrawn_at !== null && chinaDate(new Date(r.withdrawn_at)) > last);
  const endedBy = r.validity !== 'valid' && (r.validity_date === null || r.validity_date <= last);
  return {
    issued: r.created_on >= first,
    repealed: r.validity === 'repealed' && r.validity_date !== null && r.validity_date >= first && r.validity_date <= last,
    in_force: onlineAtEnd && !endedBy,
  };
}

/** The doc kind each table 2 row counts. */
export const TABLE2_DOC_KINDS = ROWS;

export async function table2Documents(db: Executor, organId: number, year: number): Promise<Table2Documents> {
  const last = `${year}-12-31`;
  const rows = await db
    .selectFrom('publications')
    .select(['doc_kind', 'created_on', 'validity', 'validity_date', 'state', 'withdrawn_at'])
    .where('organ_id', '=', organId)
    .where(
      'doc_kind',
      'in',
      ROWS.map(([, k]) => k),
    )
    // the current edition of each document: published, or withdrawn (no newer edition took over)
    .where('state', 'in', ['published', 'withdrawn'])
    .where('created_on', '<=', last)
    .execute();
  const out = {} as Table2Documents;
  for (const [row, kind] of ROWS) {
    const counts: DocumentCounts = { issued: 0, repealed: 0, in_force: 0 };
    for (const r of rows) {
      if (r.doc_kind !== kind) continue;
      const c = documentCells(r, year);
      for (const k of ['issued', 'repealed', 'in_force'] as const) if (c[k]) counts[k]++;
    }
    out[row] = counts;
  }
  return out;
}

/** The documents behind one cell of table 2's rows 规章 / 行政规范性文件 (the drill-down). */
export async function table2Records(
  db: Executor,
  organId: number,
  year: number,
  row: keyof Table2Documents,
  column: keyof DocumentCounts,
): Promise<
  Array<{
    id: number;
    title: string;
    index_no: string | null;
    created_on: string;
    validity: string;
    validity_date: string | null;
  }>
> {
  const kind = ROWS.find(([r]) => r === row)?.[1];
  if (!kind) return [];
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'title', 'index_no', 'doc_kind', 'created_on', 'validity', 'validity_date', 'state', 'withdrawn_at'])
    .where('organ_id', '=', organId)
    .where('doc_kind', '=', kind)
    .where('state', 'in', ['published', 'withdrawn'])
    .where('created_on', '<=', `${year}-12-31`)
    .orderBy('created_on')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => documentCells(r, year)[column])
    .map((r) => ({
      id: Number(r.id),
      title: r.title,
      index_no: r.index_no,
      created_on: r.created_on,
      validity: r.validity,
      validity_date: r.validity_date,
    }));
}
