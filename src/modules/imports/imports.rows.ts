// The rows of the two import formats (report-format.md), checked one by one (PURE): every bad row
// gets its line number and every reason, in Chinese. What needs the database (a reference used by
// another organ, an unknown request_reference) is checked by the service.

import { isKind, isResult, KIND_CODES, type Kind, RESULT_CODES, type Result } from '../appeals/appeals.codes.js';
import { isIsoDate } from '../calendar/calendar.days.js';
import {
  APPLICANT_TYPES,
  type ApplicantType,
  CHANNELS,
  type Channel,
  OUTCOMES,
  type Outcome,
} from '../requests/requests.codes.js';
import type { CsvFile, CsvProblem } from './imports.csv.js';

export const REQUEST_COLUMNS = ['reference', 'received_on', 'applicant_type', 'channel', 'closed_on', 'outcome'] as const;
export const APPEAL_COLUMNS = ['reference', 'kind', 'filed_on', 'result', 'decided_on', 'request_reference'] as const;

export interface RequestImportRow {
  line: number;
  reference: string;
  receivedOn: string;
  applicantType: ApplicantType;
  channel: Channel;
  closedOn: string | null;
  outcome: Outcome | null;
}

export interface AppealImportLine {
  line: number;
  reference: string;
  kind: Kind;
  filedOn: string;
  result: Result | null;
  decidedOn: string | null;
  requestReference: string | null;
}

export interface Checked<R> {
  rows: R[];
  /** One entry per bad line, every reason joined, in line order. */
  problems: CsvProblem[];
  /** Data lines read (the header excluded). */
  total: number;
}

const APPLICANT_CODES = APPLICANT_TYPES.map(([c]) => c) as readonly string[];
const CHANNEL_CODES = CHANNELS.map(([c]) => c) as readonly string[];
const MAX_REFERENCE = 60;
const show = (v: string) => `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`;

/** Merges the reasons of each line into one problem, in line order. */
export function mergeProblems(problems: readonly CsvProblem[]): CsvProblem[] {
  const by = new Map<number, string[]>();
  for (const p of problems) by.set(p.line, [...(by.get(p.line) ?? []), p.reason]);
  return [...by].sort((a, b) => a[0] - b[0]).map(([line, reasons]) => ({ line, reason: [...new Set(reasons)].join('；') }));
}

/** The header's column positions, or the problem with it (then no row can be read). */
function header(file: CsvFile, columns: readonly string[]): { index: Map<string, number> } | { problem: CsvProblem } {
  const first = file.records[0];
  if (!first) return { problem: { line: 1, reason: `文件没有表头行：第一行应为 ${columns.join(',')}` } };
  const names = first.fields.map((f) => f.trim());
  const index = new Map<string, number>();
  const reasons: string[] = [];
  names.forEach((n, i) => {
    if (index.has(n)) reasons.push(`表头的列 ${n} 重复`);
    index.set(n, i);
  });
  const missing = columns.filter((c) => !index.has(c));
  const unknown = names.filter((n) => !columns.includes(n));
  if (missing.length) reasons.push(`表头缺少列：${missing.join('、')}`);
  if (unknown.length) reasons.push(`表头含有不认识的列：${unknown.map(show).join('、')}`);
  if (reasons.length) return { problem: { line: first.line, reason: `${reasons.join('；')}（表头应为 ${columns.join(',')}）` } };
  return { index };
}

type Get = (column: string) => string;

function checkRows<R>(
  file: CsvFile,
  columns: readonly string[],
  today: string,
  one: (get: Get, line: number, bad: (reason: string) => void) => R | undefined,
): Checked<R> {
  const problems: CsvProblem[] = [...file.problems];
  const h = header(file, columns);
  const data = file.records.slice(1);
  if ('problem' in h) {
    problems.push(h.problem);
    return { rows: [], problems: mergeProblems(problems), total: data.length };
  }
  const rows: R[] = [];
  const seen = new Map<string, number>();
  for (const rec of data) {
    const reasons: string[] = [];
    const bad = (reason: string) => reasons.push(reason);
    if (rec.fields.length !== columns.length) {
      problems.push({ line: rec.line, reason: `应有 ${columns.length} 列，实有 ${rec.fields.length} 列` });
      continue;
    }
    const get: Get = (c) => rec.fields[h.index.get(c) as number] ?? '';
    const reference = get('reference');
    if (reference === '') bad('编号（reference）为空');
    else if (reference.length > MAX_REFERENCE) bad(`编号（reference）超过 ${MAX_REFERENCE} 个字符`);
    else if (/\s/.test(reference)) bad(`编号（reference）${show(reference)}含有空白字符`);
    else {
      const first = seen.get(reference);
      if (first !== undefined) bad(`编号 ${show(reference)} 与第 ${first} 行重复`);
      else seen.set(reference, rec.line);
    }
    const row = one(get, rec.line, bad);
    for (const c of columns) {
      const v = get(c);
      if (/^\d{4}-\d{2}-\d{2}$/.test(v) && isIsoDate(v) && v > today && c.endsWith('_on'))
        bad(`${c} ${show(v)} 晚于今天（${today}）`);
    }
    if (reasons.length) problems.push({ line: rec.line, reason: reasons.join('；') });
    else if (row) rows.push(row);
  }
  return { rows, problems: mergeProblems(problems), total: data.length };
}

function date(get: Get, column: string, label: string, bad: (r: string) => void, required: boolean): string | null {
  const v = get(column);
  if (v === '') {
    if (required) bad(`${label}（${column}）为空`);
    return null;
  }
  if (!isIsoDate(v)) {
    bad(`${label}（${column}）${show(v)}不是 YYYY-MM-DD 格式的真实日期`);
    return null;
  }
  return v;
}

function code<T extends string>(
  get: Get,
  column: string,
  label: string,
  codes: readonly string[],
  bad: (r: string) => void,
): T | null {
  const v = get(column);
  if (v === '') return null;
  if (!codes.includes(v)) {
    bad(`${label}（${column}）${show(v)}不是有效代码，应为：${codes.join('、')}`);
    return null;
  }
  return v as T;
}

/** `reference,received_on,applicant_type,channel,closed_on,outcome` */
export function checkRequestRows(file: CsvFile, today: string): Checked<RequestImportRow> {
  return checkRows(file, REQUEST_COLUMNS, today, (get, line, bad) => {
    const receivedOn = date(get, 'received_on', '收到申请日期', bad, true);
    const closedOn = date(get, 'closed_on', '办结日期', bad, false);
    const applicantType = code<ApplicantType>(get, 'applicant_type', '申请人类型', APPLICANT_CODES, bad);
    if (get('applicant_type') === '') bad('申请人类型（applicant_type）为空');
    const channel = code<Channel>(get, 'channel', '申请渠道', CHANNEL_CODES, bad);
    if (get('channel') === '') bad('申请渠道（channel）为空');
    const outcome = code<Outcome>(get, 'outcome', '办理结果', OUTCOMES, bad);
    if (receivedOn && closedOn && closedOn < receivedOn) bad(`办结日期 ${closedOn} 早于收到申请日期 ${receivedOn}`);
    if (get('outcome') !== '' && get('closed_on') === '') bad('有办理结果（outcome）但没有办结日期（closed_on）');
    if (get('outcome') === '' && get('closed_on') !== '') bad('有办结日期（closed_on）但没有办理结果（outcome）');
    if (!receivedOn || !applicantType || !channel) return undefined;
    return { line, reference: get('reference'), receivedOn, applicantType, channel, closedOn, outcome };
  });
}

/** `reference,kind,filed_on,result,decided_on,request_reference` */
export function checkAppealRows(file: CsvFile, today: string): Checked<AppealImportLine> {
  return checkRows(file, APPEAL_COLUMNS, today, (get, line, bad) => {
    const kindText = get('kind');
    if (kindText === '') bad('案件类型（kind）为空');
    else if (!isKind(kindText)) bad(`案件类型（kind）${show(kindText)}不是有效代码，应为：${KIND_CODES.join('、')}`);
    const filedOn = date(get, 'filed_on', '立案日期', bad, true);
    const decidedOn = date(get, 'decided_on', '审结日期', bad, false);
    const resultText = get('result');
    if (resultText !== '' && !isResult(resultText))
      bad(`审理结果（result）${show(resultText)}不是有效代码，应为：${RESULT_CODES.join('、')}，尚未审结的留空`);
    if (filedOn && decidedOn && decidedOn < filedOn) bad(`审结日期 ${decidedOn} 早于立案日期 ${filedOn}`);
    if (resultText !== '' && get('decided_on') === '') bad('有审理结果（result）但没有审结日期（decided_on）');
    if (resultText === '' && get('decided_on') !== '') bad('有审结日期（decided_on）但没有审理结果（result）');
    const requestReference = get('request_reference');
    if (requestReference.length > MAX_REFERENCE) bad(`申请编号（request_reference）超过 ${MAX_REFERENCE} 个字符`);
    if (!isKind(kindText) || !filedOn) return undefined;
    return {
      line,
      reference: get('reference'),
      kind: kindText,
      filedOn,
      result: isResult(resultText) ? resultText : null,
      decidedOn,
      requestReference: requestReference === '' ? null : requestReference,
    };
  });
}
