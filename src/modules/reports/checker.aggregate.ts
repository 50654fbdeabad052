// The report checker across organs (PURE): a parent organ's published tables against the sum of its
// children's (the aggregation a supervising organ produces, issue 5), one finding per differing cell.

import type { Finding } from './checker.rules.js';
import { APPLICANT_COLUMNS, TABLE3_ROW_CODES, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_GROUPS } from './reports.codes.js';
import type { AnnualReport, Table3, Table4 } from './reports.types.js';

export interface OrganReport {
  name: string;
  report: Pick<AnnualReport, 'table3' | 'table4'>;
}

const ROW_LABEL = Object.fromEntries(TABLE3_ROWS) as Record<string, string>;
const COL_LABEL = Object.fromEntries(APPLICANT_COLUMNS) as Record<string, string>;
const GROUP_LABEL = Object.fromEntries(TABLE4_GROUPS) as Record<string, string>;
const T4_COL_LABEL = Object.fromEntries(TABLE4_COLUMNS) as Record<string, string>;

/** Every cell of tables 3 and 4 by ref (`table3.granted.natural_person`, `table4.reconsideration.total`). */
export function cellsOf(t3: Table3, t4: Table4): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of TABLE3_ROW_CODES) {
    t3.columns.forEach((c, i) => {
      out.set(`table3.${row}.${c}`, t3.rows[row]?.[i] ?? 0);
    });
  }
  for (const [g] of TABLE4_GROUPS) for (const [c] of TABLE4_COLUMNS) out.set(`table4.${g}.${c}`, t4[g]?.[c] ?? 0);
  return out;
}

function labelOf(ref: string): string {
  const parts = ref.split('.');
  const [table, col] = [parts[0], parts[parts.length - 1] ?? ''];
  const row = parts.slice(1, -1).join('.');
  return table === 'table3'
    ? `表三“${ROW_LABEL[row] ?? row}”“${COL_LABEL[col] ?? col}”`
    : `表四“${GROUP_LABEL[row] ?? row}”“${T4_COL_LABEL[col] ?? col}”`;
}

/** A parent's tables 3 and 4 against the sum of its children's: a failing finding per differing cell. */
export function compareWithChildren(parent: OrganReport, children: readonly OrganReport[]): Finding[] {
  if (!children.length) {
    return [
      {
        key: 'aggregate',
        code: 'aggregate',
        ok: true,
        state: 'not_assessable',
        message: `${parent.name}的下级机关没有已发布的年度报告，无法与下级合计比较`,
      },
    ];
  }
  const mine = cellsOf(parent.report.table3, parent.report.table4);
  const theirs = children.map((c) => ({ name: c.name, cells: cellsOf(c.report.table3, c.report.table4) }));
  const out: Finding[] = [];
  for (const [ref, value] of mine) {
    const parts = theirs.map((c) => ({ name: c.name, value: c.cells.get(ref) ?? 0 }));
    const sum = parts.reduce((a, p) => a + p.value, 0);
    if (sum === value) continue;
    out.push({
      key: `aggregate:${ref}`,
      code: 'aggregate',
      ok: false,
      state: 'fail',
      message: `${labelOf(ref)}：${parent.name}为${value}，而下级机关合计为${sum}（${parts.map((p) => `${p.name}${p.value}`).join('、')}）`,
      evidence: { cells: [{ ref, value }, ...parts.map((p) => ({ ref: `${p.name}:${ref}`, value: p.value }))] },
    });
  }
  return out.length
    ? out
    : [
        {
          key: 'aggregate',
          code: 'aggregate',
          ok: true,
          state: 'pass',
          message: `${parent.name}的表三、表四与${children.length}个下级机关的合计一致`,
        },
      ];
}
