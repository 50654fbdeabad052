// The report checker, step 4 (PURE): findings on a report read from its file. Each ends in a state
// — pass, fail, uncertain, not assessable — with its evidence (cells and sentences) and a stable key
// (staff confirm or dismiss findings by key). The table checks are reports.checks.ts's (勾稽, norms.md
// §2.4.5); the rest ties the text to the tables: figures, percentages, the report's year (the
// statistical period), section 五 not empty, section 六 on fees, missing tables and sections.

import type { ReadTables } from './checker.tables.js';
import type { FigureKind, ReportText, Sentence, TextFigure } from './checker.text.js';
import {
  checkCarriedIn,
  checkTable3Balance,
  checkTable3ResultsTotal,
  checkTable3RowTotals,
  checkTable4Totals,
  type PreviousYear,
} from './reports.checks.js';
import { SECTIONS, TABLE3_ROWS, type Table3Row } from './reports.codes.js';
import type { CheckEvidence, ReportCheck, Table2_2021, Table3, Table4 } from './reports.types.js';

export interface Finding extends ReportCheck {
  /** Stable within a run: the code and what it names. */
  key: string;
}

/** What the checker read from a report file. */
export interface ReadReport {
  title: string;
  /** The report's year: given, else the title's, else the statistical period's. */
  year: number | null;
  tables: ReadTables;
  text: ReportText;
}

type Cell = NonNullable<CheckEvidence['cells']>[number];
const TOTAL = 6;
const ROW_LABEL = Object.fromEntries(TABLE3_ROWS) as Record<Table3Row, string>;
const SECTION_NAMES = Object.fromEntries(SECTIONS.map(([, h], i) => [i + 1, h])) as Record<number, string>;

const finding = (key: string, code: string, state: Finding['state'], message: string, evidence?: CheckEvidence): Finding => ({
  key,
  code,
  ok: state !== 'fail',
  state,
  message,
  ...(evidence && (evidence.cells?.length || evidence.sentences?.length) ? { evidence } : {}),
});
const keyed = (c: ReportCheck): Finding => ({ key: c.code, ...c });
const quote = (s: Sentence) => `“${s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text}”`;

/** The table figure a text figure states: the rows it sums and its printed name. */
const FIGURE_ROWS: Record<FigureKind, { rows: Table3Row[] | null; groups?: Array<keyof Table4>; label: string }> = {
  received: { rows: ['received'], label: '表三“一、本年新收政府信息公开申请数量”总计' },
  carried_in: { rows: ['carried_in'], label: '表三“二、上年结转政府信息公开申请数量”总计' },
  carried_over: { rows: ['carried_over'], label: '表三“四、结转下年度继续办理”总计' },
  granted: { rows: ['granted'], label: '表三“（一）予以公开”总计' },
  partial: { rows: ['partial'], label: '表三“（二）部分公开”总计' },
  withheld: { rows: rowsOf('withheld.'), label: '表三“（三）不予公开”各项总计之和' },
  unable: { rows: rowsOf('unable.'), label: '表三“（四）无法提供”各项总计之和' },
  declined: { rows: rowsOf('declined.'), label: '表三“（五）不予处理”各项总计之和' },
  other: { rows: rowsOf('other.'), label: '表三“（六）其他处理”总计' },
  results_total: { rows: ['results_total'], label: '表三“（七）总计”' },
  reconsideration: { rows: null, groups: ['reconsideration'], label: '表四“行政复议”总计' },
  litigation: {
    rows: null,
    groups: ['litigation_direct', 'litigation_after_reconsideration'],
    label: '表四“行政诉讼”（未经复议直接起诉与复议后起诉）总计之和',
  },
};
function rowsOf(prefix: string): Table3Row[] {
  return TABLE3_ROWS.map(([c]) => c).filter((c) => c.startsWith(prefix));
}

/** A row's total as meant: the printed 总计, or the sum of the six columns when 总计 was left blank. */
function rowTotal(t: ReadTables, t3: Table3, row: Table3Row): number {
  const v = t3.rows[row];
  return t.blanks.includes(`table3.${row}.total`) ? v.slice(0, TOTAL).reduce((a, b) => a + b, 0) : (v[TOTAL] ?? 0);
}

/** The figure the tables give for a kind of text figure, with its cells; null when the table is missing. */
export function tableFigure(t: ReadTables, kind: FigureKind): { value: number; cells: Cell[]; label: string } | null {
  const def = FIGURE_ROWS[kind];
  if (def.rows) {
    if (!t.table3) return null;
    const t3 = t.table3;
    const cells = def.rows.map((r) => ({ ref: `table3.${r}.total`, value: rowTotal(t, t3, r) }));
    return { value: cells.reduce((a, c) => a + c.value, 0), cells, label: def.label };
  }
  if (!t.table4) return null;
  const t4 = t.table4;
  const cells = (def.groups ?? []).map((g) => ({ ref: `table4.${g}.total`, value: t4[g].total }));
  return { value: cells.reduce((a, c) => a + c.value, 0), cells, label: def.label };
}

function tableFindings(r: ReadReport, previous: PreviousYear | null, noPrevious: string): Finding[] {
  const t = r.tables;
  const out: Finding[] = [];
  const names: Array<[keyof Pick<ReadTables, 'table2' | 'table3' | 'table4'>, string]> = [
    ['table2', '表二（主动公开政府信息情况）'],
    ['table3', '表三（收到和处理政府信息公开申请情况）'],
    ['table4', '表四（政府信息公开行政复议、行政诉讼情况）'],
  ];
  for (const [k, name] of names) {
    if (!t[k]) out.push(finding(`${k}.missing`, `${k}.missing`, 'not_assessable', `报告中未找到${name}，无法核对其数字`));
  }
  if (t.problems.length) {
    out.push(
      finding(
        'tables.unreadable',
        'tables.unreadable',
        'uncertain',
        `以下单元格无法读作数字，已按零计：${t.problems.map((p) => `${p.ref}${p.text ? `（${p.text}）` : ''}：${p.message}`).join('；')}`,
        { cells: t.problems.map((p) => ({ ref: p.ref, value: null })) },
      ),
    );
  }
  if (t.table3 && t.missingRows.length) {
    out.push(
      finding(
        'table3.rows',
        'table3.rows',
        'uncertain',
        `表三缺少以下行，已按零计：${t.missingRows.map((c) => ROW_LABEL[c]).join('；')}`,
      ),
    );
  }
  if (t.table3) {
    const t3 = t.table3;
    // a 总计 left blank is a gap, not a contradiction: say so once, and check the rest as meant
    const blankTotals = Object.keys(t3.rows).filter((row) => {
      const v = t3.rows[row as Table3Row];
      return t.blanks.includes(`table3.${row}.total`) && v.slice(0, TOTAL).some((x) => x !== 0);
    }) as Table3Row[];
    if (blankTotals.length) {
      out.push(
        finding(
          'table3.blank_totals',
          'table3.blank_totals',
          'uncertain',
          `表三以下行的“总计”栏空白，而六类申请人之和不为零（核对时按六类之和计）：${blankTotals
            .map((row) => `${ROW_LABEL[row]}（${rowTotal(t, t3, row)}）`)
            .join('；')}`,
          { cells: blankTotals.map((row) => ({ ref: `table3.${row}.total`, value: null })) },
        ),
      );
    }
    const filled: Table3 = {
      columns: t3.columns,
      rows: Object.fromEntries(
        Object.entries(t3.rows).map(([row, v]) => [row, [...v.slice(0, TOTAL), rowTotal(t, t3, row as Table3Row)]]),
      ) as Table3['rows'],
    };
    out.push(keyed(checkTable3Balance(filled)), keyed(checkTable3RowTotals(filled)), keyed(checkTable3ResultsTotal(filled)));
    const carried = keyed(checkCarriedIn(filled, previous));
    out.push(previous ? carried : { ...carried, message: noPrevious });
  } else {
    for (const code of ['table3.balance', 'table3.row_totals', 'table3.results_total', 'table3.carried_in']) {
      out.push(finding(code, code, 'not_assessable', '报告中未找到表三，无法核对'));
    }
  }
  out.push(
    t.table4
      ? keyed(checkTable4Totals(t.table4))
      : finding('table4.totals', 'table4.totals', 'not_assessable', '报告中未找到表四，无法核对'),
  );
  return out;
}

function figureFindings(r: ReadReport): Finding[] {
  const out: Finding[] = [];
  const agreeing: TextFigure[] = [];
  const cells: Cell[] = [];
  for (const f of r.text.figures) {
    const tf = tableFigure(r.tables, f.kind);
    const key = `text.figure:${f.kind}:${f.sentence.index}`;
    if (!tf) {
      out.push(
        finding(key, 'text.figure', 'uncertain', `正文${quote(f.sentence)}中的${f.value}无法与表格对应：报告中未找到该表`, {
          sentences: [f.sentence.text],
        }),
      );
    } else if (tf.value !== f.value) {
      out.push(
        finding(key, 'text.figure', 'fail', `正文${quote(f.sentence)}写${f.value}，而${tf.label}为${tf.value}`, {
          cells: tf.cells,
          sentences: [f.sentence.text],
        }),
      );
    } else {
      agreeing.push(f);
      cells.push(...tf.cells);
    }
  }
  if (agreeing.length) {
    out.push(
      finding('text.figures', 'text.figures', 'pass', `正文中${agreeing.length}处数字与表格一致`, {
        cells,
        sentences: [...new Set(agreeing.map((f) => f.sentence.text))],
      }),
    );
  }
  const bySentence = new Map<number, ReportText['untied']>();
  for (const u of r.text.untied) bySentence.set(u.sentence.index, [...(bySentence.get(u.sentence.index) ?? []), u]);
  for (const [index, list] of bySentence) {
    const s = (list[0] as ReportText['untied'][number]).sentence;
    out.push(
      finding(
        `text.untied:${index}`,
        'text.untied',
        'uncertain',
        `正文${quote(s)}中的${list.map((u) => u.match).join('、')}无法与表格中的数字对应，请人工核对`,
        { sentences: [s.text] },
      ),
    );
  }
  return out;
}

const fmt = (n: number, d: number) => n.toFixed(d);

function percentFindings(r: ReadReport): Finding[] {
  return r.text.percents.map((p, i) => {
    const key = `text.percent:${p.sentence.index}:${i}`;
    const named = p.denominatorKind ? tableFigure(r.tables, p.denominatorKind) : null;
    const den = p.denominator ?? named?.value ?? null;
    if (p.numerator === null || den === null) {
      return finding(key, 'text.percent', 'uncertain', `正文${quote(p.sentence)}中的${p.value}%无法核对：未能确定其分子或分母`, {
        sentences: [p.sentence.text],
      });
    }
    const exact = den === 0 ? Number.NaN : (p.numerator / den) * 100;
    const unit = 10 ** -p.decimals;
    const ok =
      Number.isFinite(exact) &&
      (Math.abs(Number(fmt(exact, p.decimals)) - p.value) < unit / 2 || (p.value <= exact + 1e-9 && exact < p.value + unit));
    const evidence = { sentences: [p.sentence.text], ...(named ? { cells: named.cells } : {}) };
    return ok
      ? finding(key, 'text.percent', 'pass', `${p.numerator}÷${den}＝${fmt(exact, p.decimals)}%，与正文${p.value}%一致`, evidence)
      : finding(
          key,
          'text.percent',
          'fail',
          `正文${quote(p.sentence)}写${p.value}%，而${p.numerator}÷${den}${den === 0 ? '无意义（分母为零）' : `＝${fmt(exact, Math.max(p.decimals, 1))}%`}`,
          evidence,
        );
  });
}

function yearFindings(r: ReadReport): Finding[] {
  const year = r.year;
  if (year === null) {
    return [
      finding('text.year', 'text.year', 'not_assessable', '无法确定报告的年度（标题和统计期限均未写明），未核对正文中的年份'),
    ];
  }
  const out: Finding[] = [];
  const period = r.text.years.filter((y) => y.statPeriod);
  const wrong = period.filter((y) => y.year !== year);
  if (!period.length)
    out.push(finding('text.period', 'text.period', 'uncertain', `正文未写明统计期限（应为${year}年1月1日至12月31日）`));
  else if (wrong.length) {
    out.push(
      finding('text.period', 'text.period', 'fail', `统计期限写的是${wrong[0]?.year}年，而报告年度为${year}年`, {
        sentences: [(wrong[0] as (typeof wrong)[number]).sentence.text],
      }),
    );
  } else
    out.push(
      finding('text.period', 'text.period', 'pass', `统计期限为${year}年`, { sentences: [period[0]?.sentence.text ?? ''] }),
    );
  const seen = new Set<number>();
  for (const y of r.text.years) {
    if (y.statPeriod || y.year === year || seen.has(y.sentence.index)) continue;
    if (y.year === year + 1 && y.context === 'plan') continue;
    if (y.year < year && y.context === 'comparison') continue;
    seen.add(y.sentence.index);
    out.push(
      finding(
        `text.year:${y.sentence.index}`,
        'text.year',
        'uncertain',
        `正文${quote(y.sentence)}提到${y.year}年，不是报告年度${year}年，请核对是否沿用了其他年度的内容`,
        { sentences: [y.sentence.text] },
      ),
    );
  }
  return out;
}

function sectionFindings(r: ReadReport): Finding[] {
  const out: Finding[] = [];
  const numbers = new Set(r.text.sections.map((s) => s.number));
  const missing = [1, 2, 3, 4, 6].filter((n) => !numbers.has(n));
  if (missing.length) {
    out.push(
      finding(
        'text.sections',
        'text.sections',
        'not_assessable',
        `未找到以下部分的标题，相关核对无法进行：${missing.map((n) => SECTION_NAMES[n]).join('；')}`,
      ),
    );
  }
  const five = r.text.sections.find((s) => s.number === 5);
  const body = (five?.body ?? '').replace(/[\s。.、：:；;，,]/g, '');
  if (!five) out.push(finding('text.section5', 'text.section5', 'fail', '报告缺少“五、存在的主要问题及改进情况”部分'));
  else if (body.length < 6 || /^(无|暂无|没有|无此项|无问题)$/.test(body)) {
    out.push(
      finding(
        'text.section5',
        'text.section5',
        'fail',
        `“五、存在的主要问题及改进情况”部分为空${body ? `（仅写“${body}”）` : ''}`,
        {
          sentences: [five.heading],
        },
      ),
    );
  } else out.push(finding('text.section5', 'text.section5', 'pass', '“五、存在的主要问题及改进情况”部分有内容'));
  return out;
}

function feeFindings(r: ReadReport): Finding[] {
  const six = r.text.fees.filter((f) => f.sentence.section === 6);
  const charged = r.text.fees.filter((f) => f.kind === 'charged');
  const none = r.text.fees.filter((f) => f.kind === 'none');
  if (!r.text.sections.some((s) => s.number === 6)) {
    return [finding('text.fees', 'text.fees', 'not_assessable', '未找到“六、其他需要报告的事项”部分，无法核对收费情况')];
  }
  if (!six.length) return [finding('text.fees', 'text.fees', 'uncertain', '“六、其他需要报告的事项”未说明收取信息处理费的情况')];
  const sixNone = six.find((f) => f.kind === 'none');
  const sixCharged = six.find((f) => f.kind === 'charged');
  if (sixNone && charged.length) {
    const c = charged[0] as (typeof charged)[number];
    return [
      finding('text.fees', 'text.fees', 'fail', `第六部分称未收取费用，而正文${quote(c.sentence)}写收取了${c.amountYuan}元`, {
        sentences: [sixNone.sentence.text, c.sentence.text],
      }),
    ];
  }
  if (sixCharged && none.length) {
    const n = none[0] as (typeof none)[number];
    return [
      finding(
        'text.fees',
        'text.fees',
        'fail',
        `第六部分称收取费用${sixCharged.amountYuan}元，而正文${quote(n.sentence)}称未收费`,
        {
          sentences: [sixCharged.sentence.text, n.sentence.text],
        },
      ),
    ];
  }
  const t2 = r.tables.format === '2021' ? (r.tables.table2 as Table2_2021 | null) : null;
  if (sixNone && !sixNone.processingFee && t2 && t2.fees.amount_wan_yuan > 0) {
    return [
      finding(
        'text.fees',
        'text.fees',
        'uncertain',
        `第六部分称未收取费用，而表二“行政事业性收费”为${t2.fees.amount_wan_yuan}万元；若所指为信息处理费，请写明`,
        { cells: [{ ref: 'table2.fees.amount_wan_yuan', value: t2.fees.amount_wan_yuan }], sentences: [sixNone.sentence.text] },
      ),
    ];
  }
  const s = (sixCharged ?? sixNone) as (typeof six)[number];
  return [finding('text.fees', 'text.fees', 'pass', `收费情况前后一致：${quote(s.sentence)}`, { sentences: [s.sentence.text] })];
}

export interface CheckOptions {
  /** Last year's carried-over row (from a previous report file or the system); null: not assessable. */
  previous?: PreviousYear | null;
  /** Why there is no previous year, when there is none. */
  noPreviousMessage?: string;
}

/** Every finding on a report read from a file, in a fixed order. */
export function checkReadReport(r: ReadReport, opts: CheckOptions = {}): Finding[] {
  return [
    ...tableFindings(r, opts.previous ?? null, opts.noPreviousMessage ?? '未提供上一年度的报告，无法核对上年结转数'),
    ...figureFindings(r),
    ...percentFindings(r),
    ...yearFindings(r),
    ...sectionFindings(r),
    ...feeFindings(r),
  ];
}

/** Whether a run fails (any finding failed): the CLI's exit code 1. */
export const anyFailed = (fs: readonly Finding[]) => fs.some((f) => f.state === 'fail');
