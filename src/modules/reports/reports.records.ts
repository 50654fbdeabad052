// The records behind a figure of the annual report (drill-down, for staff): each cell of tables
// 2–4 names the requests, appeals or documents it counts, by the same rules that counted it
// (reports.table3.ts episodes, appeals.table4.ts, publications.table2.ts); a figure entered by
// staff shows who entered it, when and why.
import type { Ctx } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import { kindLabel, resultLabel } from '../appeals/appeals.codes.js';
import type { AppealService } from '../appeals/appeals.service.js';
import { appealCell } from '../appeals/appeals.table4.js';
import type { PublicationService } from '../publications/publications.service.js';
import { APPLICANT_TYPES, labelOf, OUTCOME_LABELS } from '../requests/requests.codes.js';
import {
  APPLICANT_COLUMNS,
  OUTCOME_ROWS,
  TABLE2_2019,
  TABLE2_2021,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
} from './reports.codes.js';
import { reportPublishingPolicy } from './reports.publishing.js';
import { reportsRepo } from './reports.repository.js';
import type { ReportsService } from './reports.service.js';
import { bucketOf, episodesOf, reopeningOf } from './reports.table3.js';

export interface RecordLine {
  href: string | null;
  /** e.g. the request's reference, the case number, the index number. */
  label: string;
  detail: string;
}

export interface CellRecords {
  /** What the cell is, in words: 表三 · （一）予以公开 · 自然人. */
  title: string;
  lines: RecordLine[];
  /** For a figure entered by staff: who, when, the value and the note. */
  entered?: string | undefined;
}

const ROW_LABEL = new Map<string, string>([...TABLE3_ROWS, ['other', '（六）其他处理']]);
const COLUMN_LABEL = new Map<string, string>(APPLICANT_COLUMNS);
const GROUP_LABEL = new Map<string, string>(TABLE4_GROUPS);
const T4_COLUMN_LABEL = new Map<string, string>(TABLE4_COLUMNS);

/** Does an episode's buckets fall in table 3's row? */
function inRow(row: string, b: { start: string; end: string }): boolean {
  if (row === 'received' || row === 'carried_in') return b.start === row;
  if (row === 'carried_over') return b.end === 'carried_over';
  if (row === 'results_total') return b.end !== 'carried_over';
  if (row === 'other') return b.end.startsWith('other.');
  return b.end === row;
}

export function createReportRecords(
  deps: Deps,
  s: { reports: ReportsService; appeals: AppealService; publications: PublicationService },
) {
  const { db } = deps;

  async function table3(organId: number, year: number, row: string, column: string): Promise<CellRecords> {
    if (!ROW_LABEL.has(row) || !COLUMN_LABEL.has(column)) throw notFound('没有这一项数据。');
    const { rows, reopen } = await reportsRepo.table3Requests(db, organId, year);
    const byRequest = new Map<number, ReturnType<typeof reopeningOf>[]>();
    for (const r of reopen) byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), reopeningOf(r.on_date, r.data)]);
    const lines: RecordLine[] = [];
    for (const r of rows) {
      if (column !== 'total' && r.applicant_type !== column) continue;
      const reopenings = (byRequest.get(r.id) ?? []).filter((x) => x !== null);
      for (const e of episodesOf(r, reopenings)) {
        const b = bucketOf(e, year);
        if (!b || !inRow(row, b)) continue;
        const outcome = e.outcome && e.end ? (OUTCOME_LABELS as Record<string, string>)[e.outcome] : null;
        lines.push({
          href: `/staff/requests/${r.id}`,
          label: r.reference,
          detail: [
            labelOf(APPLICANT_TYPES, r.applicant_type),
            `${e.start === r.received_on ? '收到' : '重新办理'}于${e.start}`,
            e.end && e.end <= `${year}-12-31` ? `办结于${e.end}${outcome ? `（${outcome}）` : ''}` : '本年末尚未办结',
          ].join('，'),
        });
      }
    }
    const kind = OUTCOME_ROWS.includes(row as never) ? '（按办结日期计入本年度）' : '';
    return { title: `表三 · ${ROW_LABEL.get(row)} · ${COLUMN_LABEL.get(column)}${kind}`, lines };
  }

  async function table4(ctx: Ctx, organId: number, year: number, group: string, column: string): Promise<CellRecords> {
    if (!GROUP_LABEL.has(group) || !T4_COLUMN_LABEL.has(column)) throw notFound('没有这一项数据。');
    const views = await s.appeals.list(ctx, organId, { year });
    const lines: RecordLine[] = [];
    for (const { row: a, requestReference } of views) {
      const c = appealCell(a, year);
      if (!c || c.kind !== group || (column !== 'total' && c.column !== column)) continue;
      lines.push({
        href: `/staff/appeals/${a.id}/edit`,
        label: a.reference,
        detail: [
          kindLabel(a.kind),
          `立案于${a.filed_on}`,
          c.column === 'pending' ? '本年末尚未审结' : `${resultLabel(a.result)}（${a.decided_on}）`,
          requestReference ? `涉及申请${requestReference}` : '',
        ]
          .filter(Boolean)
          .join('，'),
      });
    }
    return { title: `表四 · ${GROUP_LABEL.get(group)} · ${T4_COLUMN_LABEL.get(column)}`, lines };
  }

  async function table2(ctx: Ctx, organId: number, year: number, row: string, column: string): Promise<CellRecords> {
    const layout = year >= 2021 ? TABLE2_2021 : TABLE2_2019;
    const block = layout.find((b) => b.rows.some(([r]) => r === row));
    const rowLabel = block?.rows.find(([r]) => r === row)?.[1];
    const colLabel = (block?.columns as ReadonlyArray<readonly [string, string]> | undefined)?.find(([c]) => c === column)?.[1];
    if (!rowLabel || !colLabel) throw notFound('没有这一项数据。');
    const title = `表二 · ${rowLabel} · ${colLabel}`;
    const computed = year >= 2021 && (row === 'rules' || row === 'normative_documents');
    if (computed) {
      const docs = await s.publications.table2Records(ctx, organId, year, row, column as 'issued' | 'repealed' | 'in_force');
      return {
        title,
        lines: docs.map((d) => ({
          href: `/staff/publications/${d.id}`,
          label: d.index_no ?? '（未编索引号）',
          detail: `${d.title}，成文日期${d.created_on}${d.validity_date ? `，${d.validity === 'repealed' ? '废止' : '失效'}于${d.validity_date}` : ''}`,
        })),
      };
    }
    const entered = (await s.reports.figures(ctx, organId, year)).find((f) => f.key === `table2.${row}.${column}`);
    return {
      title,
      lines: [],
      entered: entered
        ? `由${entered.enteredBy}于${entered.enteredAt.slice(0, 10)}填报：${entered.value}${entered.note ? `（${entered.note}）` : ''}`
        : '没有登记记录，也尚未填报：表中按 0 计。',
    };
  }

  return {
    /** The records behind `ref` (`table3.granted.natural_person`, `table4.reconsideration.pending`, …). */
    async records(caller: Ctx, organId: number, year: number, ref: string): Promise<CellRecords> {
      if (caller.actor !== 'system') reportPublishingPolicy.authorize(caller.actor, 'report.read', { organId });
      // whoever may read the report may see the records it counts: read them for the caller
      const ctx: Ctx = { actor: 'system', audit: caller.audit };
      if (!ref) return { title: '请在年报的表格中点选一个数字，查看它所统计的记录', lines: [] };
      const parts = ref.split('.');
      const [table] = parts;
      const column = parts[parts.length - 1] ?? '';
      const row = parts.slice(1, -1).join('.');
      if (table === 'table3') return table3(organId, year, row, column);
      if (table === 'table4') return table4(ctx, organId, year, row, column);
      if (table === 'table2') return table2(ctx, organId, year, row, column);
      throw notFound('没有这一项数据。');
    },
  };
}
export type ReportRecords = ReturnType<typeof createReportRecords>;
