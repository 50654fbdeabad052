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

export async function table2Documents(db: Executor, organId: number, year: number): Promise<Table2Documents> {
  const first = `${year}-01-01`;
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
    const docs = rows.filter((r) => r.doc_kind === kind);
    // withdrawn after the year ended: it was still in force on 31 December
    const onlineAtEnd = (r: (typeof docs)[number]) =>
      r.state === 'published' || (r.withdrawn_at !== null && chinaDate(new Date(r.withdrawn_at)) > last);
    const endedBy = (r: (typeof docs)[number]) => r.validity !== 'valid' && (r.validity_date === null || r.validity_date <= last);
    out[row] = {
      issued: docs.filter((r) => r.created_on >= first).length,
      repealed: docs.filter(
        (r) => r.validity === 'repealed' && r.validity_date !== null && r.validity_date >= first && r.validity_date <= last,
      ).length,
      in_force: docs.filter((r) => onlineAtEnd(r) && !endedBy(r)).length,
    };
  }
  return out;
}
