/**
 * Working-day (工作日) calendar used for 政府信息公开条例 deadlines
 * (e.g. Art 33: reply within 20 working days of receipt; Art 30: 补正 notice within 7).
 *
 * Rules (see shared/reference/norms.md §8):
 *  - Monday–Friday is a working day unless it is an official day off
 *    (statutory holiday or 调休放假 from the State Council General Office notice
 *    国务院办公厅关于YYYY年部分节假日安排的通知, including later amendments such as
 *    国办发明电〔2020〕1号 extending the 2020 Spring Festival break);
 *  - a Saturday/Sunday officially designated 调休上班 is a working day;
 *  - every other Saturday/Sunday is a rest day.
 *  - Deadlines count from the day AFTER the start date: the start date itself is
 *    never counted ("期间开始的日不计算在期间内").
 *
 * Data precedence (highest first):
 *  1. administrator overrides (stored in the DB, e.g. next year's notice before
 *     the npm package is updated, or a local arrangement);
 *  2. the official calendars bundled in the npm package `chinese-days`
 *     (State Council notices 2004–2026, verified for 2017–2026 against
 *     norms.md §8.3 by calendar.days.test.ts);
 *  3. plain Monday–Friday (also the fallback for years without official data).
 *
 * This module is pure: no I/O, no clock, no time zone. Dates are ISO strings
 * `YYYY-MM-DD` (proleptic Gregorian, years 0000–9999) and all arithmetic is done on
 * integer day numbers (days since 1970-01-01), i.e. UTC calendar arithmetic.
 * The official data is loaded once, at module load, into integer Sets so that
 * isWorkingDay is O(1).
 */

// The package publishes this JSON as its data file (see its README: "chinese-days.json").
// Its format: { holidays: {date: "English,中文,days"}, workdays: {…}, inLieuDays: {…} }.
// Note: the package's main entry is a minified CommonJS bundle whose named exports
// Node's ESM loader cannot detect, so we read the data file rather than the functions.
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

/** An administrator-entered correction; wins over the official data. */
export interface CalendarOverride {
  date: IsoDate;
  working: boolean;
  /** Why (e.g. "国办发明电〔2026〕X号: 2027-02-06 调休上班"). */
  notice: string;
}

export interface DayReason {
  working: boolean;
  source: 'override' | 'official' | 'weekday' | 'weekend';
  /** Override notice text, or the official holiday name (e.g. "春节"). */
  note?: string;
}

// ---------------------------------------------------------------------------
// Date arithmetic on integer day numbers (days since 1970-01-01, UTC calendar).
// Algorithms: Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
// ---------------------------------------------------------------------------

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_DAY = daysFromCivil(0, 1, 1); // 0000-01-01
const MAX_DAY = daysFromCivil(9999, 12, 31); // 9999-12-31

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Day number of a valid ISO date, or undefined if `s` is not one. */
function parseDay(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.length !== 10) return undefined;
  const m = ISO_RE.exec(s);
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d);
}

function toDay(s: IsoDate, what = 'date'): number {
  const n = parseDay(s);
  if (n === undefined) throw new RangeError(`${what} must be a valid YYYY-MM-DD date, got ${JSON.stringify(s)}`);
  return n;
}

function toIso(day: number): IsoDate {
  if (day < MIN_DAY || day > MAX_DAY) throw new RangeError('date out of range (0000-01-01..9999-12-31)');
  return civilFromDays(day);
}

function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
}

/** True iff `s` is a string `YYYY-MM-DD` naming a real calendar date (years 0000–9999). */
export function isIsoDate(s: unknown): s is IsoDate {
  return parseDay(s) !== undefined;
}

/** `d` plus `n` calendar days (n may be negative). Throws RangeError on bad input. */
export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`n must be an integer, got ${String(n)}`);
  return toIso(toDay(d) + n);
}

/** Day of week of `d`: 0 = Sunday … 6 = Saturday. Throws RangeError on bad input. */
export function weekday(d: IsoDate): number {
  return weekdayOfDay(toDay(d));
}

// ---------------------------------------------------------------------------
// Official data, precomputed once at module load.
// ---------------------------------------------------------------------------

interface OfficialData {
  off: ReadonlySet<number>;
  work: ReadonlySet<number>;
  names: ReadonlyMap<number, string>;
  from: number;
  to: number;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');
}

/** "Spring Festival,春节,4" → "春节" (falls back to the raw text). */
function holidayName(raw: string): string {
  const parts = raw.split(',');
  return parts.length >= 3 ? (parts[parts.length - 2] ?? raw).trim() : raw.trim();
}

function loadOfficial(data: unknown): OfficialData {
  const rec = data as { holidays?: unknown; workdays?: unknown };
  if (!isStringRecord(rec.holidays) || !isStringRecord(rec.workdays)) {
    throw new Error('chinese-days data file has an unexpected format (expected {holidays, workdays})');
  }
  const off = new Set<number>();
  const work = new Set<number>();
  const names = new Map<number, string>();
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const add = (table: Record<string, string>, target: Set<number>): void => {
    for (const [date, raw] of Object.entries(table)) {
      const day = toDay(date, 'chinese-days date');
      target.add(day);
      names.set(day, holidayName(raw));
      const y = Number(date.slice(0, 4));
      if (y < from) from = y;
      if (y > to) to = y;
    }
  };
  add(rec.holidays, off);
  add(rec.workdays, work); // 调休上班 wins, as in chinese-days' own isWorkday
  if (from > to) throw new Error('chinese-days data file is empty');
  return { off, work, names, from, to };
}

const OFFICIAL: OfficialData = loadOfficial(chineseDaysData as unknown);

// ---------------------------------------------------------------------------
// The calendar.
// ---------------------------------------------------------------------------

export class WorkingDayCalendar {
  readonly #overrides = new Map<number, Readonly<CalendarOverride>>();

  /**
   * @param overrides administrator corrections; they win over the official data.
   *   If the same date appears twice, the later entry wins.
   * @throws RangeError if an override has an invalid date or a non-boolean `working`.
   */
  constructor(overrides: Iterable<CalendarOverride> = []) {
    for (const o of overrides) {
      const day = toDay(o.date, 'override date');
      if (typeof o.working !== 'boolean') throw new RangeError(`override for ${o.date}: working must be a boolean`);
      this.#overrides.set(
        day,
        Object.freeze({ date: o.date, working: o.working, notice: typeof o.notice === 'string' ? o.notice : '' }),
      );
    }
  }

  #isWorking(day: number): boolean {
    const o = this.#overrides.get(day);
    if (o !== undefined) return o.working;
    if (OFFICIAL.work.has(day)) return true;
    if (OFFICIAL.off.has(day)) return false;
    const w = weekdayOfDay(day);
    return w !== 0 && w !== 6;
  }

  /** True if `d` is a working day. O(1). Throws RangeError on an invalid date. */
  isWorkingDay(d: IsoDate): boolean {
    return this.#isWorking(toDay(d));
  }

  /** Whether `d` is a working day, and why. Throws RangeError on an invalid date. */
  reason(d: IsoDate): DayReason {
    const day = toDay(d);
    const o = this.#overrides.get(day);
    if (o !== undefined) return { working: o.working, source: 'override', note: o.notice };
    const inWork = OFFICIAL.work.has(day);
    if (inWork || OFFICIAL.off.has(day)) {
      const name = OFFICIAL.names.get(day);
      return name === undefined || name === ''
        ? { working: inWork, source: 'official' }
        : { working: inWork, source: 'official', note: name };
    }
    const w = weekdayOfDay(day);
    return w === 0 || w === 6 ? { working: false, source: 'weekend' } : { working: true, source: 'weekday' };
  }

  /**
   * The n-th working day AFTER `start` (start itself is never counted; day 1 is the
   * first working day after start). n = 0 returns `start` unchanged.
   * @throws RangeError if `start` is not a valid date or n is not a non-negative integer.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    let day = toDay(start, 'start');
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
    if (n === 0) return start;
    let left = n;
    while (left > 0) {
      day += 1;
      if (day > MAX_DAY) throw new RangeError('result out of range (after 9999-12-31)');
      if (this.#isWorking(day)) left -= 1;
    }
    return civilFromDays(day);
  }

  /** Number of working days d with from < d <= to (0 if to <= from). */
  countWorkingDays(from: IsoDate, to: IsoDate): number {
    const a = toDay(from, 'from');
    const b = toDay(to, 'to');
    let count = 0;
    for (let day = a + 1; day <= b; day += 1) if (this.#isWorking(day)) count += 1;
    return count;
  }

  /** The first working day strictly after `d`. */
  nextWorkingDay(d: IsoDate): IsoDate {
    return this.addWorkingDays(d, 1);
  }

  /** Years (inclusive) covered by the bundled official data; outside it, Mon–Fri applies (plus overrides). */
  coverage(): { from: number; to: number } {
    return { from: OFFICIAL.from, to: OFFICIAL.to };
  }
}
