// Table 3 of the annual report (收到和处理政府信息公开申请情况) counted from the requests (PURE).
// Regulation (2019) Art 50 item (三); report-format.md "Counting rules for table 3".
//
// The unit counted is the *episode*: a request is one episode from its date of receipt (Art 31) to
// its closing (`closed_on`, the date it was 办结 or withdrawn). A request that was closed and then
// handled again (reopened, e.g. because a reconsideration decision ordered a new reply) starts a
// new episode on the reopening date; that episode counts as 本年新收 in the year it starts, and
// the earlier episode keeps its closing date and outcome (recorded on the `reopen` event). Every
// year then balances on its own (一 + 二 = 三（七） + 四, per column) and a year already reported
// does not change when a case is reopened later.
//
// For year Y (China dates, YYYY-MM-DD):
//   received      episodes starting in Y;
//   carried_in    episodes started before 1 January Y and not closed before 1 January Y;
//   outcome rows  episodes closed in Y, by outcome, whatever year they started in;
//   results_total their sum;
//   carried_over  episodes started on or before 31 December Y and not closed by then.
// A closed episode without an outcome (a withdrawal recorded without one) counts under
// `other.other`; the workflow records a withdrawal with `closed_on` = the day it was recorded and
// outcome `other.other`. A partial disclosure has the single outcome `partial`: counted once.
// Unknown applicant types count under `other_org` (其他).
import { OUTCOME_ROWS, TABLE3_COLUMNS, TABLE3_ROW_CODES, type Table3Row } from './reports.codes.js';
import type { Table3 } from './reports.types.js';

/** The event action that reopens a closed request; its data holds the episode it ended. */
export const REOPEN_ACTION = 'reopen';

/** What a `reopen` event records of the episode it ends. */
export interface ReopenData {
  closedOn: string;
  outcome: string | null;
}

/** One span of handling of a request. `end` null: not closed (yet). */
export interface Episode {
  applicantType: string;
  start: string;
  end: string | null;
  outcome: string | null;
}

/** The minimal columns of a request. */
export interface CountedRequest {
  applicant_type: string;
  received_on: string;
  closed_on: string | null;
  outcome: string | null;
}

/** A reopening: its date and the episode it ended. */
export interface Reopening {
  on: string;
  closedOn: string;
  outcome: string | null;
}

/** The episodes of a request, given its reopenings (any order). */
export function episodesOf(r: CountedRequest, reopenings: readonly Reopening[] = []): Episode[] {
  const sorted = [...reopenings].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const out: Episode[] = [];
  let start = r.received_on;
  for (const x of sorted) {
    out.push({ applicantType: r.applicant_type, start, end: x.closedOn, outcome: x.outcome });
    start = x.on;
  }
  out.push({ applicantType: r.applicant_type, start, end: r.closed_on, outcome: r.outcome });
  return out;
}

/** Reads a reopen event's data (JSON text or object); null when it does not hold a closing date. */
export function reopeningOf(onDate: string, data: unknown): Reopening | null {
  let d: unknown = data;
  if (typeof d === 'string') {
    try {
      d = JSON.parse(d);
    } catch {
      return null;
    }
  }
  if (!d || typeof d !== 'object') return null;
  const { closedOn, outcome } = d as Partial<ReopenData>;
  if (typeof closedOn !== 'string') return null;
  return { on: onDate, closedOn, outcome: typeof outcome === 'string' ? outcome : null };
}

export type StartBucket = 'received' | 'carried_in';
export type EndBucket = Table3Row;

const OUTCOME_SET = new Set<string>(OUTCOME_ROWS);
const COLUMN_INDEX = new Map<string, number>(TABLE3_COLUMNS.slice(0, 6).map((c, i) => [c, i]));

/** The outcome row of a closed episode (`other.other` when none or unknown). */
export const outcomeRow = (outcome: string | null): Table3Row =>
  outcome !== null && OUTCOME_SET.has(outcome) ? (outcome as Table3Row) : 'other.other';

/** Where an episode counts in year Y: its start row and its end row, or null if Y does not see it. */
export function bucketOf(e: Omit<Episode, 'applicantType'>, year: number): { start: StartBucket; end: EndBucket } | null {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (e.start > last) return null;
  if (e.end !== null && e.end < first) return null;
  return {
    start: e.start >= first ? 'received' : 'carried_in',
    end: e.end !== null && e.end <= last ? outcomeRow(e.outcome) : 'carried_over',
  };
}

/** Accumulates counts into a table 3; `toTable()` adds the totals. */
export class Table3Counter {
  private readonly rows = new Map<Table3Row, number[]>(TABLE3_ROW_CODES.map((r) => [r, [0, 0, 0, 0, 0, 0, 0]]));

  /** Adds `n` (negative to take away) episodes of an applicant type with these start and end rows. */
  add(applicantType: string, start: StartBucket, end: EndBucket, n = 1): void {
    const col = COLUMN_INDEX.get(applicantType) ?? 5;
    const s = this.rows.get(start) as number[];
    const e = this.rows.get(end) as number[];
    s[col] = (s[col] ?? 0) + n;
    e[col] = (e[col] ?? 0) + n;
  }

  /** Counts the episode in year Y, if Y sees it. */
  addEpisode(e: Episode, year: number, n = 1): void {
    const b = bucketOf(e, year);
    if (b) this.add(e.applicantType, b.start, b.end, n);
  }

  toTable(): Table3 {
    const rows = {} as Table3['rows'];
    const results = [0, 0, 0, 0, 0, 0];
    for (const r of OUTCOME_ROWS)
      for (const [i, v] of (this.rows.get(r) as number[]).slice(0, 6).entries()) results[i] = (results[i] ?? 0) + v;
    for (const r of TABLE3_ROW_CODES) {
      const six = r === 'results_total' ? results : (this.rows.get(r) as number[]).slice(0, 6);
      rows[r] = [...six, six.reduce((a, b) => a + b, 0)];
    }
    return { columns: [...TABLE3_COLUMNS], rows };
  }
}

/** Table 3 for year Y from requests and their reopenings (by the index of the request). */
export function countTable3(
  requests: readonly CountedRequest[],
  year: number,
  reopenings?: ReadonlyMap<number, Reopening[]>,
): Table3 {
  const c = new Table3Counter();
  requests.forEach((r, i) => {
    for (const e of episodesOf(r, reopenings?.get(i) ?? [])) c.addEpisode(e, year);
  });
  return c.toTable();
}

/** An empty table 3: every row present, zeros included. */
export const emptyTable3 = (): Table3 => new Table3Counter().toTable();

/** The sum of tables 3 (aggregation over organs). */
export function sumTable3(tables: readonly Table3[]): Table3 {
  const out = emptyTable3();
  for (const t of tables)
    for (const r of TABLE3_ROW_CODES) {
      const row = out.rows[r];
      for (const [i, v] of (t.rows[r] ?? []).entries()) row[i] = (row[i] ?? 0) + v;
    }
  return out;
}

/** Requests that year Y sees, already counted by applicant type, start row and end row (SQL). */
export interface CountedGroup {
  applicantType: string;
  start: StartBucket;
  /** An outcome code (unknown or null → `other.other`) or 'carried_over'. */
  end: string;
  n: number;
}

/**
 * Table 3 from grouped counts of whole requests plus the reopened requests: each reopened request
 * is taken out as the single episode the groups counted it as, and put back episode by episode.
 */
export function countFromGroups(
  groups: readonly CountedGroup[],
  reopened: ReadonlyArray<{ request: CountedRequest; reopenings: readonly Reopening[] }>,
  year: number,
): Table3 {
  const c = new Table3Counter();
  for (const g of groups) c.add(g.applicantType, g.start, g.end === 'carried_over' ? 'carried_over' : outcomeRow(g.end), g.n);
  for (const { request: r, reopenings } of reopened) {
    c.addEpisode({ applicantType: r.applicant_type, start: r.received_on, end: r.closed_on, outcome: r.outcome }, year, -1);
    for (const e of episodesOf(r, reopenings)) c.addEpisode(e, year);
  }
  return c.toTable();
}
