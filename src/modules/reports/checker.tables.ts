// The report checker, step 2 (PURE): grids → tables 2–4 of the national formats (norms.md §2.4),
// as in the report JSON (report-format.md). Tables are found by their labels, not their position;
// labels match whatever their spacing, full-width digits, brackets and punctuation (、 or ，, “” or
// none); a blank cell, “–”, “—” or “/” reads as 0 (norms.md §2.4.5 rule 8) and is remembered as blank.
// The 2019 trial format is told from the 2021 one by table 2's labels and table 3's single （六） row.

import type { Grid, GridCell } from './checker.parse.js';
import {
  TABLE2_2019,
  TABLE2_2021,
  TABLE3_COLUMNS,
  TABLE3_ROW_CODES,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type Table3Row,
} from './reports.codes.js';
import type { Table2_2019, Table2_2021, Table3, Table4 } from './reports.types.js';

/** A label reduced to its letters and digits (NFKC: full-width digits and brackets folded). */
export function normalizeLabel(s: string): string {
  return s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
}

/** The label without its leading ordinal (一、 （三） 1.). */
export const withoutOrdinal = (normalized: string) => normalized.replace(/^(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?=\D)/u, '');

export interface CellValue {
  value: number;
  /** Blank, “–”, “—”, “/” or “无”: read as 0. */
  blank: boolean;
}

/** A printed figure: digits (full-width too), a decimal, a sign, thousands separators, a unit. Null when not a figure. */
export function readNumber(text: string): CellValue | null {
  const t = text
    .normalize('NFKC')
    .replace(/[\s\u00a0]/g, '')
    .replace(/(\d),(?=\d{3}(?:\D|$))/g, '$1');
  if (t === '' || /^[-–—―‐‑~/\\…]+$/.test(t) || t === '无') return { value: 0, blank: true };
  const m = /^([+-]?\d+(?:\.\d+)?)(?:件|个|项|次|起|宗|条|元|万元|人次)?$/.exec(t);
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, blank: false } : null;
}

export type TableFormat = '2019' | '2021';

export interface TableProblem {
  ref: string;
  text: string;
  message: string;
}

export interface ReadTables {
  /** From table 2's labels, else table 3's （六） rows; null when neither tells. */
  format: TableFormat | null;
  table2: Table2_2021 | Table2_2019 | null;
  table3: Table3 | null;
  table4: Table4 | null;
  /** The printed text of every cell read, by ref (`table3.received.total`). */
  cells: Record<string, string>;
  /** Refs of cells left blank (read as 0). */
  blanks: string[];
  /** Cells whose text is not a figure (read as 0). */
  problems: TableProblem[];
  /** Table 3 rows not found in the table (read as zeros). */
  missingRows: Table3Row[];
}

/** The distinct cells of a row, in order (a merged cell once). */
function distinct(line: ReadonlyArray<GridCell | null>): GridCell[] {
  const out: GridCell[] = [];
  for (const c of line) if (c && out[out.length - 1] !== c && !out.includes(c)) out.push(c);
  return out;
}

const gridHas = (g: Grid, test: (n: string) => boolean) =>
  g.some((line) => line.some((c) => c !== null && test(normalizeLabel(c.text))));

class Reader {
  cells: Record<string, string> = {};
  blanks: string[] = [];
  problems: TableProblem[] = [];
  value(ref: string, cell: GridCell | null | undefined): number {
    const text = cell?.text ?? '';
    this.cells[ref] = text;
    const n = readNumber(text);
    if (!n) {
      this.problems.push({ ref, text, message: `“${text}”不是数字` });
      return 0;
    }
    if (n.blank) this.blanks.push(ref);
    return n.value;
  }
}

// ── table 3 ─────────────────────────────────────────────────────────────────────────────────

const ROW_ALIASES: Partial<Record<Table3Row | 'other_2019', string[]>> = {
  received: ['本年新收政府信息公开申请', '本年新收申请数量', '本年新收申请'],
  carried_in: ['上年结转政府信息公开申请', '上年结转申请数量', '上年结转申请'],
  partial: ['部分公开'],
  results_total: ['总计', '合计'],
  carried_over: ['结转下年度', '结转下年度继续办理申请数量'],
  'other.other': ['其他'],
  other_2019: ['其他处理'],
};
const ROW_PATTERNS: Array<[Table3Row | 'other_2019', string]> = [
  ...TABLE3_ROWS.map(([code, label]) => [code, withoutOrdinal(normalizeLabel(label))] as [Table3Row, string]),
  ...Object.entries(ROW_ALIASES).flatMap(([code, alts]) => alts.map((a) => [code, a] as [Table3Row | 'other_2019', string])),
];

/** The table 3 row a row's label cells name (the longest label they end with). */
export function table3RowOf(labelText: string): Table3Row | 'other_2019' | null {
  const l = normalizeLabel(labelText);
  let best: [Table3Row | 'other_2019', number] | null = null;
  for (const [code, alt] of ROW_PATTERNS)
    if (alt && l.endsWith(alt) && (!best || alt.length > best[1])) best = [code, alt.length];
  return best ? best[0] : null;
}

const APPLICANT_LABELS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

function readTable3(g: Grid, rd: Reader): { table: Table3; missing: Table3Row[]; format: TableFormat | null } {
  const width = g[0]?.length ?? 0;
  const firstData = g.findIndex((line) => {
    const labels = distinct(line).map((c) => normalizeLabel(c.text));
    return labels.some((l) => l.endsWith('本年新收政府信息公开申请数量') || l.endsWith('本年新收政府信息公开申请'));
  });
  const headerEnd = firstData < 0 ? g.length : firstData;
  let cols = APPLICANT_LABELS.map((label) => {
    for (let r = 0; r < headerEnd; r++) {
      const i = (g[r] ?? []).findIndex((c) => c !== null && normalizeLabel(c.text) === label);
      if (i >= 0) return i;
    }
    return -1;
  });
  if (cols.some((c) => c < 0) || new Set(cols).size !== 7) cols = [0, 1, 2, 3, 4, 5, 6].map((i) => width - 7 + i);
  const firstCol = Math.min(...cols);
  const rows = Object.fromEntries(TABLE3_ROW_CODES.map((c) => [c, [0, 0, 0, 0, 0, 0, 0]])) as Record<Table3Row, number[]>;
  const found = new Set<string>();
  for (let r = Math.max(0, firstData); r < g.length && firstCol > 0; r++) {
    const line = g[r] ?? [];
    const label = distinct(line.slice(0, firstCol))
      .map((c) => c.text)
      .join(' ');
    const code = table3RowOf(label);
    if (!code || found.has(code)) continue;
    found.add(code);
    const target = code === 'other_2019' ? 'other.other' : code;
    rows[target] = cols.map((c, i) => rd.value(`table3.${target}.${TABLE3_COLUMNS[i]}`, line[c]));
  }
  const has2021 = found.has('other.no_correction') || found.has('other.fee_unpaid');
  const format: TableFormat | null = has2021 ? '2021' : found.has('other_2019') ? '2019' : null;
  if (format === '2019') found.add('other.no_correction').add('other.fee_unpaid').add('other.other');
  const missing = TABLE3_ROW_CODES.filter((c) => !found.has(c));
  return { table: { columns: [...TABLE3_COLUMNS], rows }, missing, format };
}

// ── table 4 ─────────────────────────────────────────────────────────────────────────────────

function readTable4(g: Grid, rd: Reader): Table4 | null {
  const head = g.findIndex((line) => line.some((c) => c !== null && normalizeLabel(c.text) === '结果维持'));
  for (let r = Math.max(0, head + 1); r < g.length; r++) {
    const cells = distinct(g[r] ?? []);
    const figures = cells.filter((c) => readNumber(c.text) !== null);
    if (figures.length < 15) continue;
    const labelled = cells.slice(0, cells.length - 15);
    if (labelled.some((c) => readNumber(c.text) !== null && readNumber(c.text)?.blank === false)) continue;
    const values = cells.slice(cells.length - 15);
    const t = {} as Table4;
    TABLE4_GROUPS.forEach(([group], gi) => {
      t[group] = Object.fromEntries(
        TABLE4_COLUMNS.map(([col], ci) => [col, rd.value(`table4.${group}.${col}`, values[gi * 5 + ci])]),
      ) as Table4[typeof group];
    });
    return t;
  }
  return null;
}

// ── table 2 ─────────────────────────────────────────────────────────────────────────────────

const T2_MARKERS: Record<TableFormat, string[]> = {
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额单位万元', '行政规范性文件', '本年处理决定数量'],
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '其他对外管理服务事项', '政府集中采购'],
};

function table2Format(g: Grid): TableFormat | null {
  const score = (f: TableFormat) => T2_MARKERS[f].filter((m) => gridHas(g, (n) => n === m)).length;
  const a = score('2021');
  const b = score('2019');
  return a === b ? null : a > b ? '2021' : '2019';
}

function readTable2(g: Grid, format: TableFormat, rd: Reader): Table2_2021 | Table2_2019 {
  const blocks = format === '2021' ? TABLE2_2021 : TABLE2_2019;
  const defs = blocks.flatMap((b) => b.rows.map(([code, label]) => ({ code, label, columns: b.columns.map(([c]) => c) })));
  const byLabel = new Map<string, (typeof defs)[number]>();
  for (const d of defs) byLabel.set(normalizeLabel(d.label), d);
  if (format === '2021') byLabel.set('规范性文件', defs.find((d) => d.code === 'normative_documents') as (typeof defs)[number]);
  else byLabel.set('行政规范性文件', defs.find((d) => d.code === 'normative_documents') as (typeof defs)[number]);
  const out: Record<string, Record<string, number>> = {};
  const seen = new Set<string>();
  for (const line of g) {
    const cells = distinct(line);
    for (let i = 0; i < cells.length; i++) {
      const def = byLabel.get(withoutOrdinal(normalizeLabel((cells[i] as GridCell).text)));
      if (!def || seen.has(def.code)) continue;
      seen.add(def.code);
      out[def.code] = Object.fromEntries(def.columns.map((c, j) => [c, rd.value(`table2.${def.code}.${c}`, cells[i + 1 + j])]));
    }
  }
  for (const d of defs) {
    if (seen.has(d.code)) continue;
    out[d.code] = Object.fromEntries(d.columns.map((c) => [c, 0]));
    rd.problems.push({ ref: `table2.${d.code}`, text: '', message: `表二缺少“${d.label}”行` });
  }
  return out as unknown as Table2_2021 | Table2_2019;
}

// ── all three ───────────────────────────────────────────────────────────────────────────────

const isTable3 = (g: Grid) =>
  gridHas(g, (n) => n.endsWith('本年新收政府信息公开申请数量') || n.endsWith('本年新收政府信息公开申请'));
const isTable4 = (g: Grid) => gridHas(g, (n) => n === '行政复议') && gridHas(g, (n) => n === '结果维持');
const isTable2 = (g: Grid) => gridHas(g, (n) => n.startsWith('第二十条第')) || table2Format(g) !== null;

/** Tables 2–4 read from a document's grids. A table not found is null. Never throws. */
export function readTables(grids: readonly Grid[]): ReadTables {
  const rd = new Reader();
  const g3 = grids.find(isTable3);
  const g4 = grids.find((g) => g !== g3 && isTable4(g));
  const g2 = grids.find((g) => g !== g3 && g !== g4 && isTable2(g));
  const t3 = g3 ? readTable3(g3, rd) : null;
  const f2 = g2 ? table2Format(g2) : null;
  const format = f2 ?? t3?.format ?? null;
  return {
    format,
    table2: g2 && format ? readTable2(g2, format, rd) : null,
    table3: t3?.table ?? null,
    table4: g4 ? readTable4(g4, rd) : null,
    cells: rd.cells,
    blanks: rd.blanks,
    problems: rd.problems,
    missingRows: t3?.missing ?? [],
  };
}
