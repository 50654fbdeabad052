// The consistency checks (勾稽) of an annual report's tables (PURE), run on every generated report
// and by the report checker on reports the system did not produce. norms.md §2.4.5:
//   1. table 3, every column: 一 + 二 = 三（七） + 四 (printed in the table's corner cell);
//   2. table 3, every row: 总计 = the six applicant columns;
//   3. table 3, every column: （七）总计 = the sum of the outcome rows;
//   4. table 4, every group: 总计 = 维持 + 纠正 + 其他 + 尚未审结;
//   5. across years: this year's 二、上年结转 = last year's 四、结转下年度继续办理;
// and Art 49's publication deadline (departments 31 January, governments 31 March).
import {
  APPLICANT_COLUMNS,
  OUTCOME_ROWS,
  publicationDeadline,
  TABLE3_ROW_CODES,
  TABLE3_ROWS,
  TABLE4_GROUPS,
  type Table3Row,
} from './reports.codes.js';
import type { CheckEvidence, ReportCheck, Table3, Table4 } from './reports.types.js';

const COLUMN_LABEL = Object.fromEntries(APPLICANT_COLUMNS) as Record<string, string>;
const ROW_LABEL = Object.fromEntries(TABLE3_ROWS) as Record<string, string>;
const GROUP_LABEL = Object.fromEntries(TABLE4_GROUPS) as Record<string, string>;
const TOTAL = 6;

type Cell = NonNullable<CheckEvidence['cells']>[number];

function check(code: string, failures: string[], passMessage: string, cells: Cell[] = []): ReportCheck {
  const ok = failures.length === 0;
  return {
    code,
    ok,
    state: ok ? 'pass' : 'fail',
    message: ok ? passMessage : failures.join('；'),
    ...(cells.length ? { evidence: { cells } } : {}),
  };
}

const cell = (row: Table3Row, col: number, t: Table3): Cell => ({
  ref: `table3.${row}.${t.columns[col]}`,
  value: t.rows[row]?.[col] ?? null,
});
const at = (t: Table3, row: Table3Row, col: number): number => t.rows[row]?.[col] ?? 0;

/** 一 + 二 = 三（七） + 四, for every column. */
export function checkTable3Balance(t: Table3): ReportCheck {
  const failures: string[] = [];
  const cells: Cell[] = [];
  t.columns.forEach((c, i) => {
    const left = at(t, 'received', i) + at(t, 'carried_in', i);
    const right = at(t, 'results_total', i) + at(t, 'carried_over', i);
    if (left !== right) {
      failures.push(
        `表三“${COLUMN_LABEL[c] ?? c}”列不平衡：本年新收${at(t, 'received', i)}＋上年结转${at(t, 'carried_in', i)}＝${left}，` +
          `而办理结果总计${at(t, 'results_total', i)}＋结转下年度${at(t, 'carried_over', i)}＝${right}`,
      );
      for (const r of ['received', 'carried_in', 'results_total', 'carried_over'] as const) cells.push(cell(r, i, t));
    }
  });
  return check('table3.balance', failures, '表三各列均满足：第一项加第二项之和等于第三项加第四项之和', cells);
}

/** 总计 = the six applicant columns, for every row. */
export function checkTable3RowTotals(t: Table3): ReportCheck {
  const failures: string[] = [];
  const cells: Cell[] = [];
  for (const row of TABLE3_ROW_CODES) {
    const v = t.rows[row];
    if (!v) continue;
    const sum = v.slice(0, TOTAL).reduce((a, b) => a + b, 0);
    if (sum !== v[TOTAL]) {
      failures.push(`表三“${ROW_LABEL[row]}”行总计为${v[TOTAL]}，而六类申请人之和为${sum}`);
      cells.push(cell(row, TOTAL, t));
    }
  }
  return check('table3.row_totals', failures, '表三各行总计均等于六类申请人之和', cells);
}

/** （七）总计 = the sum of the outcome rows, for every column. */
export function checkTable3ResultsTotal(t: Table3): ReportCheck {
  const failures: string[] = [];
  const cells: Cell[] = [];
  t.columns.forEach((c, i) => {
    const sum = OUTCOME_ROWS.reduce((a, r) => a + at(t, r, i), 0);
    if (sum !== at(t, 'results_total', i)) {
      failures.push(`表三“${COLUMN_LABEL[c] ?? c}”列（七）总计为${at(t, 'results_total', i)}，而各办理结果之和为${sum}`);
      cells.push(cell('results_total', i, t));
    }
  });
  return check('table3.results_total', failures, '表三（七）总计均等于各项办理结果之和', cells);
}

/** 总计 = 维持 + 纠正 + 其他 + 尚未审结, for every group. */
export function checkTable4Totals(t: Table4): ReportCheck {
  const failures: string[] = [];
  const cells: Cell[] = [];
  for (const [g] of TABLE4_GROUPS) {
    const v = t[g];
    if (!v) continue;
    const sum = v.upheld + v.corrected + v.other + v.pending;
    if (sum !== v.total) {
      failures.push(`表四“${GROUP_LABEL[g]}”总计为${v.total}，而维持、纠正、其他、尚未审结之和为${sum}`);
      cells.push({ ref: `table4.${g}.total`, value: v.total });
    }
  }
  return check('table4.totals', failures, '表四各组总计均等于各项结果之和', cells);
}

export interface PreviousYear {
  /** Last year's 四、结转下年度继续办理 row, in the column order of table 3. */
  carriedOver: number[];
  /** Where it comes from: the report published last year, an imported report, or the records. */
  source: 'published' | 'imported' | 'records';
}

/** This year's 二、上年结转 against last year's 四、结转下年度继续办理. */
export function checkCarriedIn(t: Table3, previous: PreviousYear | null): ReportCheck {
  if (!previous) {
    return {
      code: 'table3.carried_in',
      ok: true,
      state: 'not_assessable',
      message: '系统中没有上一年度的报告或数据，无法核对上年结转数',
    };
  }
  const source = { published: '上一年度已发布的年报', imported: '导入的上一年度年报', records: '上一年度的办理记录' }[
    previous.source
  ];
  const failures: string[] = [];
  const cells: Cell[] = [];
  t.columns.forEach((c, i) => {
    const prev = previous.carriedOver[i] ?? 0;
    if (at(t, 'carried_in', i) !== prev) {
      failures.push(`表三“${COLUMN_LABEL[c] ?? c}”列上年结转为${at(t, 'carried_in', i)}，而${source}结转下年度为${prev}`);
      cells.push(cell('carried_in', i, t), { ref: `previous.table3.carried_over.${c}`, value: prev });
    }
  });
  return check('table3.carried_in', failures, `本年上年结转数与${source}的结转下年度数一致`, cells);
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** Art 49's deadline: `today` and `publishedOn` are China dates (YYYY-MM-DD). */
export function checkDeadline(year: number, organKind: string, today: string, publishedOn: string | null): ReportCheck {
  const deadline = publicationDeadline(year, organKind);
  const who = organKind === 'government' ? '人民政府' : '部门';
  if (publishedOn) {
    const late = days(deadline, publishedOn);
    return late > 0
      ? {
          code: 'deadline',
          ok: false,
          state: 'fail',
          message: `年报于${publishedOn}发布，晚于${who}的发布期限${deadline}共${late}天`,
        }
      : { code: 'deadline', ok: true, state: 'pass', message: `年报于${publishedOn}发布，未超过发布期限${deadline}` };
  }
  const left = days(today, deadline);
  return left >= 0
    ? { code: 'deadline', ok: true, state: 'pass', message: `${who}年报应于${deadline}前发布，还有${left}天` }
    : { code: 'deadline', ok: false, state: 'fail', message: `${who}年报应于${deadline}前发布，已逾期${-left}天` };
}

export interface TableCheckOptions {
  previous?: PreviousYear | null;
  deadline?: { organKind: string; today: string; publishedOn: string | null };
  year: number;
}

/** Every table check, in a fixed order. */
export function checkTables(t3: Table3, t4: Table4, opts: TableCheckOptions): ReportCheck[] {
  const out = [checkTable3Balance(t3), checkTable3RowTotals(t3), checkTable3ResultsTotal(t3), checkTable4Totals(t4)];
  out.push(checkCarriedIn(t3, opts.previous ?? null));
  if (opts.deadline) out.push(checkDeadline(opts.year, opts.deadline.organKind, opts.deadline.today, opts.deadline.publishedOn));
  return out;
}
