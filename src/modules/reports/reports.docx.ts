// The annual report as a Word document (.docx): A4 with the margins of GB/T 9704, title 宋体 二号,
// section headings 黑体 三号, body 仿宋 三号 with a two-character indent, and tables 2–4 as REAL
// Word tables drawn from the same grids as the HTML (reports.grid.ts): merged cells by gridSpan
// (columnSpan) and vertical merge (rowSpan), head rows repeated on each page. Charts are for the
// HTML only. The `docx` package escapes all text.
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { type GridCell, type ReportGrid, reportGrids, reportSections, reportTitle, textBlocks } from './reports.grid.js';
import type { ReportStatistic } from './reports.tables.html.js';
import type { AnnualReport } from './reports.types.js';

const MM = 56.6929; // twips per millimetre
const TEXT_WIDTH_MM = 210 - 28 - 26;
const BODY_PT = 16;
const TABLE_PT = 10;
const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const; // 28 pt
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const FANGSONG = font('仿宋');
const SONG = font('宋体');
const HEI = font('黑体');
const KAI = font('楷体');

export interface ReportDocxOptions {
  /** The named figures of a pre-2019 report, printed as the annex table 附表 after the sections. */
  statistics?: ReportStatistic[];
}

/** Column widths (mm) of each table, summing to the text width (156 mm). */
const COLUMN_MM: Record<ReportGrid['key'], number[]> = {
  table2: [48, 36, 36, 36],
  table3: [10, 18, 44, 12, 12, 12, 12, 12, 12, 12],
  table4: Array.from({ length: 15 }, () => TEXT_WIDTH_MM / 15),
};

function run(text: string, opts: { size?: number; font?: ReturnType<typeof font>; bold?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: opts.font ?? FANGSONG,
    size: (opts.size ?? BODY_PT) * 2, // half-points
    bold: !!opts.bold,
    language: { eastAsia: 'zh-CN' },
  });
}

const bodyParagraph = (text: string) =>
  new Paragraph({ children: [run(text)], spacing: LINE, indent: { firstLine: BODY_PT * 2 * 20 } });

const heading = (text: string, level: 1 | 2) =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [run(text, level === 1 ? { font: HEI } : { font: KAI, bold: true })],
    spacing: LINE,
    keepNext: true,
    ...(level === 2 ? { indent: { firstLine: BODY_PT * 2 * 20 } } : {}),
  });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function gridCell(cell: GridCell, widthsMm: number[], at: number): TableCell {
  const span = cell.colSpan ?? 1;
  const widthMm = widthsMm.slice(at, at + span).reduce((s, w) => s + w, 0);
  const left = cell.header === 'row' || (cell.header === 'rowgroup' && span > 1) || (!cell.header && !cell.ref);
  return new TableCell({
    children: [
      new Paragraph({
        children: [run(cell.text, { size: TABLE_PT, font: SONG, bold: cell.header === 'rowgroup' && span > 1 })],
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
      }),
    ],
    ...(span > 1 ? { columnSpan: span } : {}),
    ...((cell.rowSpan ?? 1) > 1 ? { rowSpan: cell.rowSpan } : {}),
    width: { size: Math.round(widthMm * MM), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    ...(cell.header ? { shading: { fill: 'F3F4F6' } } : {}),
  });
}

/** Word rows of a grid; `rowSpan` cells occupy the columns below them, which the next rows skip. */
function gridRows(rows: GridCell[][], widthsMm: number[], header: boolean): TableRow[] {
  const covered: number[] = []; // per column: how many more rows a cell from above still covers
  return rows.map((cells) => {
    let col = 0;
    const children = cells.map((cell) => {
      while ((covered[col] ?? 0) > 0) col++;
      const c = gridCell(cell, widthsMm, col);
      const span = cell.colSpan ?? 1;
      for (let i = col; i < col + span; i++) covered[i] = cell.rowSpan ?? 1;
      col += span;
      return c;
    });
    for (let i = 0; i < widthsMm.length; i++) covered[i] = Math.max(0, (covered[i] ?? 0) - 1);
    return new TableRow({ children, cantSplit: true, ...(header ? { tableHeader: true } : {}) });
  });
}

/** A grid of reports.grid.ts as a Word table with the same spans. */
export function gridTable(grid: ReportGrid): Table {
  const widthsMm = COLUMN_MM[grid.key];
  const rows = [...gridRows(grid.head, widthsMm, true), ...gridRows(grid.bodies.flat(), widthsMm, false)];
  return wordTable(rows, widthsMm);
}

function wordTable(rows: TableRow[], widthsMm: number[]): Table {
  return new Table({
    rows,
    width: { size: Math.round(TEXT_WIDTH_MM * MM), type: WidthType.DXA },
    columnWidths: widthsMm.map((w) => Math.round(w * MM)),
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
  });
}

/** 附表 of a pre-2019 report: one row per named figure (no value printed as —). */
function statisticsTable(rows: ReportStatistic[]): Table {
  const widths = [116, 40];
  const cells: GridCell[][] = [
    [
      { text: '统计指标', header: 'col' },
      { text: '数值', header: 'col' },
    ],
    ...rows.map((r): GridCell[] => [
      { text: r.label, header: 'row' },
      { text: r.value === null || r.value === '' ? '—' : String(r.value), ref: r.label },
    ]),
  ];
  return wordTable([...gridRows(cells.slice(0, 1), widths, true), ...gridRows(cells.slice(1), widths, false)], widths);
}

const spacer = () => new Paragraph({ children: [run('', { size: TABLE_PT })] });

/** The report as the bytes of a .docx file. */
export async function renderReportDocx(report: AnnualReport, opts: ReportDocxOptions = {}): Promise<Buffer> {
  const title = reportTitle(report);
  const grids = reportGrids(report) as Record<string, ReportGrid | undefined>;
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [run(title, { font: SONG, size: 22, bold: true })],
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 },
    }),
  ];
  for (const section of reportSections(report)) {
    children.push(heading(section.heading, 1));
    for (const b of textBlocks(section.text)) children.push(b.kind === 'heading' ? heading(b.text, 2) : bodyParagraph(b.text));
    const grid = grids[section.key];
    if (grid) children.push(gridTable(grid), spacer());
  }
  if (report.format === 'pre2019' && opts.statistics?.length)
    children.push(heading('附表', 1), statisticsTable(opts.statistics), spacer());

  const doc = new Document({
    creator: report.organ.name,
    title,
    styles: {
      default: {
        document: { run: { font: FANGSONG, size: BODY_PT * 2 } },
        title: { run: { font: SONG, size: 44, bold: true, color: '000000' } },
        heading1: { run: { font: HEI, size: BODY_PT * 2, color: '000000' }, paragraph: { spacing: LINE } },
        heading2: { run: { font: KAI, size: BODY_PT * 2, color: '000000' }, paragraph: { spacing: LINE } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
