// Reading an import file (report-format.md "Import formats"): CSV, UTF-8 (a BOM is tolerated),
// a header row, one record a line. Every record and every problem carries the line number it
// starts on, counted as an editor counts them (1 = the header). Blank lines, and lines with
// nothing but commas (spreadsheets add them), are skipped. Never throws.
import { type CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  line: number;
  fields: string[];
}
export interface CsvProblem {
  line: number;
  reason: string;
}
export interface CsvFile {
  records: CsvRecord[];
  problems: CsvProblem[];
  /** The number of lines of the file. */
  lines: number;
}

/** A record longer than this is refused (a runaway quote, or not a CSV file at all). */
export const MAX_RECORD_CHARS = 64 * 1024;

const CSV_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号未闭合（从此行起到文件末尾都在一对引号之内）',
  INVALID_OPENING_QUOTE: '引号位置不对：含有引号的内容须整体用双引号括起，其中的双引号写作两个双引号',
  CSV_INVALID_CLOSING_QUOTE: '引号位置不对：右引号之后须紧接逗号或换行',
  CSV_MAX_RECORD_SIZE: `这一行过长（超过 ${MAX_RECORD_CHARS} 个字符），可能是引号未闭合`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号位置不对：右引号之后须紧接逗号或换行',
};

const leadingNewlines = (raw: string | undefined) => (raw ? (/^\n*/.exec(raw)?.[0].length ?? 0) : 0);

/** The lines (1-based) that hold bytes which are not UTF-8. */
function badUtf8Lines(buf: Uint8Array): number[] {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    strict.decode(buf);
    return [];
  } catch {
    const bad: number[] = [];
    let start = 0;
    let line = 1;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        try {
          strict.decode(buf.subarray(start, i));
        } catch {
          bad.push(line);
        }
        start = i + 1;
        line++;
      }
    }
    return bad;
  }
}

export function readCsv(input: Uint8Array | string): CsvFile {
  const problems: CsvProblem[] = [];
  let text: string;
  let badLines = new Set<number>();
  if (typeof input === 'string') text = input;
  else {
    const bad = badUtf8Lines(input);
    badLines = new Set(bad);
    for (const line of bad) problems.push({ line, reason: '含有不是 UTF-8 编码的字符（请将文件另存为 UTF-8 编码）' });
    text = new TextDecoder('utf-8').decode(input); // a leading BOM is dropped here
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const clamp = (n: number) => Math.max(1, Math.min(Math.max(lines, 1), n));
  const records: CsvRecord[] = [];
  let lastEnd = 0;
  const skipped = (err: CsvError | undefined, raw: string | undefined) => {
    const end = typeof err?.lines === 'number' ? err.lines : lastEnd + 1;
    const start = clamp(raw === undefined ? end : lastEnd + 1 + leadingNewlines(raw));
    const reason = (err && CSV_REASONS[err.code]) ?? `无法按 CSV 格式读取（${err?.code ?? '未知错误'}）`;
    problems.push({ line: start, reason });
    lastEnd = Math.max(lastEnd, end);
  };
  const accept = (r: { record: string[]; info: { lines: number }; raw: string }) => {
    const line = clamp(lastEnd + 1 + leadingNewlines(r.raw));
    lastEnd = Math.max(lastEnd, r.info.lines);
    const fields = r.record.map((f) => f.trim());
    if (fields.every((f) => f === '')) return;
    for (let l = line; l <= Math.max(line, r.info.lines); l++) if (badLines.has(l)) return;
    records.push({ line, fields });
  };
  try {
    // records and skipped errors arrive in file order through the two callbacks
    parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_CHARS,
      on_record: (r) => {
        accept(r as unknown as { record: string[]; info: { lines: number }; raw: string });
        return null;
      },
      on_skip: (err, raw) => {
        skipped(err, raw);
        return undefined;
      },
    });
  } catch (err) {
    // csv-parse stops on errors it cannot skip: what was read before stays, the rest is refused
    const e = err as Partial<CsvError>;
    problems.push({
      line: clamp(typeof e.lines === 'number' ? e.lines : lastEnd + 1),
      reason: `无法按 CSV 格式读取，此行及以后的内容未读入（${(e.code as string | undefined) ?? '未知错误'}）`,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { records, problems, lines };
}
