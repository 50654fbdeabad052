// The annual report's tables 2–4 as grids of cells with their spans (PURE), laid out exactly as the
// national formats (国办公开办函〔2021〕30号; the 2019 trial format 国办公开办函〔2019〕60号;
// norms.md §2.4), and the section texts as blocks. The HTML and the .docx renderers both draw
// these grids, so the two can never differ in structure. Labels come from reports.codes.ts.
import {
  type ReportFormat,
  SECTIONS,
  TABLE2_2019,
  TABLE2_2021,
  TABLE2_CONTENT_LABEL,
  TABLE3_COLUMNS,
  TABLE3_CORNER,
  TABLE3_GROUPS,
  TABLE3_OTHER_2019_LABEL,
  TABLE3_RESULTS_LABEL,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_GROUPS,
  type Table3Column,
  type Table3Row,
} from './reports.codes.js';
import type { AnnualReport, ReportSection, Table2_2019, Table2_2021, Table3 } from './reports.types.js';

/** One cell. `header` makes it a <th> (with that scope) or a Word header cell; `ref` names the
 * figure a number cell shows (`table3.received.total`), for drill-down links. */
export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  header?: 'col' | 'colgroup' | 'row' | 'rowgroup';
  ref?: string;
}

/** A table: its caption, width in columns, head rows (repeated on each printed page) and bodies
 * (row groups: each of table 2's blocks is one, headed by its 第二十条 item). */
export interface ReportGrid {
  key: 'table2' | 'table3' | 'table4';
  caption: string;
  columns: number;
  head: GridCell[][];
  bodies: GridCell[][][];
}

/** A table's caption: its section heading without the number, as a table (统计表). */
const tableCaption = (i: 1 | 2 | 3) => `${SECTIONS[i][1].replace(/^[一二三四五六]、/, '')}统计表`;

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** A figure as printed: zeros as 0, decimals as given (2.02), without floating-point noise. */
export function formatFigure(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return String(round(n)); // 0.1 + 0.2 prints 0.3
}

const num = (value: number, ref: string, colSpan?: number): GridCell =>
  colSpan && colSpan > 1 ? { text: formatFigure(value), ref, colSpan } : { text: formatFigure(value), ref };

type Table2Layout = typeof TABLE2_2021 | typeof TABLE2_2019;

/** Table 2 (二、主动公开政府信息情况): four columns; each block a row group headed by its item, the
 * last column of a block with fewer than three figures spanning the rest of the width. */
export function table2Grid(table2: Table2_2021 | Table2_2019, format: ReportFormat): ReportGrid {
  const layout: Table2Layout = format === '2019' ? TABLE2_2019 : TABLE2_2021;
  const figures = table2 as unknown as Record<string, Record<string, number>>;
  const width = 4;
  const bodies = layout.map((block) => {
    const cols = block.columns as ReadonlyArray<readonly [string, string]>;
    const lastSpan = width - cols.length; // label column + the others take one each
    const spanOf = (i: number) => (i === cols.length - 1 ? lastSpan : 1);
    const rows: GridCell[][] = [
      [{ text: block.item, colSpan: width, header: 'rowgroup' }],
      [
        { text: TABLE2_CONTENT_LABEL, header: 'col' },
        ...cols.map(([, label], i) => withSpan({ text: label, header: 'col' }, spanOf(i))),
      ],
    ];
    for (const [row, label] of block.rows as ReadonlyArray<readonly [string, string]>) {
      rows.push([
        { text: label, header: 'row' },
        ...cols.map(([col], i) => num(figures[row]?.[col] ?? 0, `table2.${row}.${col}`, spanOf(i))),
      ]);
    }
    return rows;
  });
  return { key: 'table2', caption: tableCaption(1), columns: width, head: [], bodies };
}

function withSpan(cell: GridCell, colSpan: number): GridCell {
  return colSpan > 1 ? { ...cell, colSpan } : cell;
}

const TABLE3_LABEL = Object.fromEntries(TABLE3_ROWS) as Record<Table3Row, string>;
const TABLE3_GROUP_LABEL = Object.fromEntries(TABLE3_GROUPS) as Record<string, string>;
const TABLE3_COLUMN_COUNT = TABLE3_COLUMNS.length;

/** The figures of a table 3 row in the order of TABLE3_COLUMNS, whatever order `table3.columns` has. */
function table3Values(t: Table3, row: Table3Row): number[] {
  const values = t.rows[row] ?? [];
  return TABLE3_COLUMNS.map((c) => {
    const i = t.columns.indexOf(c);
    return i >= 0 ? (values[i] ?? 0) : 0;
  });
}

/** The single （六）其他处理 row of the 2019 trial format: the sum of the three `other.*` rows. */
export function table3Other2019(t: Table3): number[] {
  const sum = TABLE3_COLUMNS.map(() => 0);
  for (const row of ['other.no_correction', 'other.fee_unpaid', 'other.other'] as const)
    table3Values(t, row).forEach((v, i) => {
      sum[i] = round((sum[i] ?? 0) + v);
    });
  return sum;
}

const numbers = (values: number[], refRow: string): GridCell[] =>
  values.map((v, i) => num(v, `table3.${refRow}.${TABLE3_COLUMNS[i] as Table3Column}`));

/** Table 3 (三、收到和处理政府信息公开申请情况): three head rows, then 25 data rows (2021) or 23
 * (2019, where （六） is one row holding the sum of `other.*`, ref `table3.other.<column>`). */
export function table3Grid(t: Table3, format: ReportFormat): ReportGrid {
  const is2019 = format === '2019';
  const head: GridCell[][] = [
    [
      { text: TABLE3_CORNER, colSpan: 3, rowSpan: 3 },
      { text: '申请人情况', colSpan: TABLE3_COLUMN_COUNT, header: 'colgroup' },
    ],
    [
      { text: '自然人', rowSpan: 2, header: 'col' },
      { text: '法人或其他组织', colSpan: 5, header: 'colgroup' },
      { text: '总计', rowSpan: 2, header: 'col' },
    ],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((text) => ({ text, header: 'col' as const })),
  ];
  const body: GridCell[][] = [];
  const plain = (row: Table3Row, colSpan: number): GridCell[] => [
    { text: TABLE3_LABEL[row], colSpan, header: 'row' },
    ...numbers(table3Values(t, row), row),
  ];
  body.push(plain('received', 3), plain('carried_in', 3));
  const results: GridCell = { text: TABLE3_RESULTS_LABEL, rowSpan: is2019 ? 20 : 22, header: 'rowgroup' };
  const first = plain('granted', 2);
  body.push([results, ...first], plain('partial', 2));
  for (const [group] of TABLE3_GROUPS) {
    if (group === 'other' && is2019) {
      body.push([{ text: TABLE3_OTHER_2019_LABEL, colSpan: 2, header: 'row' }, ...numbers(table3Other2019(t), 'other')]);
      continue;
    }
    const rows = TABLE3_ROWS.filter(([code]) => code.startsWith(`${group}.`)).map(([code]) => code as Table3Row);
    rows.forEach((row, i) => {
      const line = [{ text: TABLE3_LABEL[row], header: 'row' as const }, ...numbers(table3Values(t, row), row)];
      body.push(
        i === 0 ? [{ text: TABLE3_GROUP_LABEL[group] ?? group, rowSpan: rows.length, header: 'rowgroup' }, ...line] : line,
      );
    });
  }
  body.push(plain('results_total', 2), plain('carried_over', 3));
  return { key: 'table3', caption: tableCaption(2), columns: 3 + TABLE3_COLUMN_COUNT, head, bodies: [body] };
}

/** Table 4 (四、政府信息公开行政复议、行政诉讼情况): three head rows and one row of 15 figures. */
export function table4Grid(t: AnnualReport['table4']): ReportGrid {
  const labels = TABLE4_COLUMNS.map(([, label]) => label);
  const [reconsideration, direct, afterReconsideration] = TABLE4_GROUPS;
  const head: GridCell[][] = [
    [
      { text: reconsideration[1], colSpan: 5, header: 'colgroup' },
      { text: '行政诉讼', colSpan: 10, header: 'colgroup' },
    ],
    [
      ...labels.map((text) => ({ text, rowSpan: 2, header: 'col' as const })),
      { text: direct[1], colSpan: 5, header: 'colgroup' },
      { text: afterReconsideration[1], colSpan: 5, header: 'colgroup' },
    ],
    [...labels, ...labels].map((text) => ({ text, header: 'col' as const })),
  ];
  const row = TABLE4_GROUPS.flatMap(([group]) =>
    TABLE4_COLUMNS.map(([col]) => num(t[group]?.[col] ?? 0, `table4.${group}.${col}`)),
  );
  return { key: 'table4', caption: tableCaption(3), columns: 15, head, bodies: [[row]] };
}

/** The grids of a report's national tables, by section key (none for the pre-2019 style). */
export function reportGrids(report: AnnualReport): Partial<Record<ReportGrid['key'], ReportGrid>> {
  if (report.format === 'pre2019') return {};
  return {
    table2: table2Grid(report.table2, report.format),
    table3: table3Grid(report.table3, report.format),
    table4: table4Grid(report.table4),
  };
}

/** The report's title: 《{机关}{年}年政府信息公开工作年度报告》 without the book-title marks. */
export function reportTitle(report: Pick<AnnualReport, 'organ' | 'year'>): string {
  return `${report.organ.name}${report.year}年政府信息公开工作年度报告`;
}

/** The sections to print, in order. For the 2019 and 2021 formats the three table sections are
 * always there (a missing one is put back at its place in SECTIONS, with no text). */
export function reportSections(report: AnnualReport): ReportSection[] {
  const sections = [...(report.sections ?? [])];
  if (report.format === 'pre2019') return sections;
  SECTIONS.forEach(([key, heading], i) => {
    if (!key.startsWith('table') || sections.some((s) => s.key === key)) return;
    const before = SECTIONS.slice(0, i).map(([k]) => k) as string[];
    let at = 0;
    sections.forEach((s, j) => {
      if (before.includes(s.key)) at = j + 1;
    });
    sections.splice(at, 0, { key, heading, text: '' });
  });
  return sections;
}

export type TextBlock = { kind: 'heading' | 'p'; text: string };

const SUBHEADING = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)/;

/** A section's resolved text as blocks: paragraphs are separated by blank lines; a line starting
 * with （一）… or 一、… is a sub-heading (when it runs on into a sentence, the heading ends at the
 * first 。 or ：, and the rest is a paragraph). */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n[ \t\u3000]*\n/)) {
    let lines: string[] = [];
    const flush = () => {
      const joined = lines.join('').trim();
      if (joined) blocks.push({ kind: 'p', text: joined });
      lines = [];
    };
    for (const raw of para.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (!SUBHEADING.test(line)) {
        lines.push(line);
        continue;
      }
      flush();
      const stop = line.search(/[。：:]/);
      if (stop < 0 || stop === line.length - 1) blocks.push({ kind: 'heading', text: line.replace(/[。：:]$/, '') });
      else {
        blocks.push({ kind: 'heading', text: line.slice(0, stop) });
        lines.push(line.slice(stop + 1));
      }
    }
    flush();
  }
  return blocks;
}
