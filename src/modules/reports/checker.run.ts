// The report checker end to end, without a database: a report file's bytes (HTML or .docx, told
// apart by content) → format, tables 2–4 as in the report JSON, and findings. Used by
// `gongkai report check` and by the back office (checker.service.ts), which stores the result.

import { ReportReadError, readReport, type SourceKind } from './checker.parse.js';
import { checkReadReport, type Finding, type ReadReport } from './checker.rules.js';
import { readTables } from './checker.tables.js';
import { readText } from './checker.text.js';
import type { PreviousYear } from './reports.checks.js';
import { formatForYear } from './reports.codes.js';
import type { Table2_2019, Table2_2021, Table3, Table4 } from './reports.types.js';

export interface CheckResult {
  kind: SourceKind;
  title: string;
  year: number | null;
  format: '2019' | '2021' | null;
  tables: { table2: Table2_2021 | Table2_2019 | null; table3: Table3 | null; table4: Table4 | null };
  findings: Finding[];
}

/** A report file read into tables and text (no findings yet). */
export async function readReportFile(bytes: Uint8Array, year?: number): Promise<ReadReport & { kind: SourceKind }> {
  const { kind, doc } = await readReport(bytes);
  const tables = readTables(doc.tables);
  // a Word file has no <title>: its first paragraph is the title
  const title =
    doc.title || (doc.blocks.find((b) => b.kind === 'text') as { text: string } | undefined)?.text.slice(0, 200) || '';
  const text = readText(doc.blocks, title);
  const period = text.years.find((y) => y.statPeriod)?.year ?? null;
  return { kind, title, year: year ?? text.titleYear ?? period, tables, text };
}

/** Checks a report file, and this year's carried-in against a previous report file when given. */
export async function checkReportFile(
  bytes: Uint8Array,
  opts: { year?: number; previous?: Uint8Array | PreviousYear | null } = {},
): Promise<CheckResult> {
  const r = await readReportFile(bytes, opts.year);
  let previous: PreviousYear | null = null;
  let noPreviousMessage: string | undefined;
  if (opts.previous instanceof Uint8Array) {
    const p = await readReportFile(opts.previous).catch((err: unknown) => {
      throw err instanceof ReportReadError ? new ReportReadError(`上一年度的报告无法读取：${err.message}`) : err;
    });
    if (p.tables.table3) previous = { carriedOver: p.tables.table3.rows.carried_over, source: 'imported' };
    else noPreviousMessage = '上一年度的报告中未找到表三，无法核对上年结转数';
  } else if (opts.previous) previous = opts.previous;
  const format =
    r.tables.format ??
    (r.year !== null && formatForYear(r.year) !== 'pre2019' ? (formatForYear(r.year) as '2019' | '2021') : null);
  const findings = checkReadReport(
    { ...r, tables: { ...r.tables, format } },
    {
      previous,
      ...(noPreviousMessage ? { noPreviousMessage } : {}),
    },
  );
  return {
    kind: r.kind,
    title: r.title,
    year: r.year,
    format,
    tables: { table2: r.tables.table2, table3: r.tables.table3, table4: r.tables.table4 },
    findings,
  };
}
