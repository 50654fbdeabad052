// 工作日历 in the back office: every member of staff may read it; administrators of a top-level
// organ enter overrides (one day, or a whole notice at once). The checker is read only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { type Clock, chinaDate } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { parse } from '../../platform/validation.js';
import { m } from '../../ui/messages.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { staffNav } from '../backoffice/backoffice.nav.js';
import { staffPolicy } from '../staff/staff.policy.js';
import { addDays, type DayReason, type WorkingDayCalendar, weekday } from './calendar.days.js';
import { isoDate } from './calendar.schemas.js';
import { CalendarPage, type OverrideItem } from './views/calendar-page.js';
import { CheckPage, type CheckResult } from './views/check-page.js';
import type { DayCell, DayKind, MonthModel } from './views/month.js';
import { emptyForm, type FormState } from './views/override-forms.js';

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
const MAX_CHECK_DAYS = 366;
/** 0 = Sunday, as `weekday()` counts. */
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
const weekdayName = (date: string) => WEEKDAY_NAMES[weekday(date)] ?? '';

const YearQuery = z.object({
  year: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || (/^\d{4}$/.test(v) && Number(v) >= MIN_YEAR && Number(v) <= MAX_YEAR),
      `年度应为 ${MIN_YEAR} 至 ${MAX_YEAR} 之间的四位数字。`,
    )
    .transform((v) => (v ? Number(v) : undefined)),
});

const CheckQuery = z.object({
  date: isoDate,
  days: z
    .string({ required_error: '此项为必填项。' })
    .trim()
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) <= MAX_CHECK_DAYS, `请填写 0 至 ${MAX_CHECK_DAYS} 之间的整数。`)
    .transform(Number),
});

/** Why a day is (not) a working day, in words. */
function reasonText(r: DayReason): string {
  switch (r.source) {
    case 'override':
      return `管理员录入的调整，定为${r.working ? '工作日' : '休息日'}（${r.note ?? ''}）`;
    case 'official':
      return r.working
        ? `国务院办公厅通知安排的调休上班日${r.note ? `（${r.note}）` : ''}`
        : `法定节假日或调休放假${r.note ? `（${r.note}）` : ''}`;
    case 'weekday':
      return '周一至周五的正常工作日';
    default:
      return '周末休息日';
  }
}

function cellOf(cal: WorkingDayCalendar, date: string): DayCell {
  const r = cal.reason(date);
  const dow = weekday(date);
  const weekend = dow === 0 || dow === 6;
  let kind: DayKind;
  if (r.working) kind = weekend ? 'makeup' : 'workday';
  else kind = r.source === 'weekend' || (r.source === 'override' && weekend) ? 'weekend' : 'holiday';
  let description = '';
  if (r.source === 'override') description = `调整为${r.working ? '工作日' : '休息日'}：${r.note ?? ''}`;
  else if (r.source === 'official')
    description = r.working ? `调休上班${r.note ? `（${r.note}）` : ''}` : `${r.note ?? '节假日'}放假`;
  return {
    date,
    day: Number(date.slice(8, 10)),
    kind,
    working: r.working,
    override: r.source === 'override',
    description,
  };
}

function yearModel(cal: WorkingDayCalendar, year: number): MonthModel[] {
  const months: MonthModel[] = [];
  for (let month = 1; month <= 12; month++) {
    const prefix = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-`;
    const first = `${prefix}01`;
    const cells: Array<DayCell | null> = Array.from({ length: (weekday(first) + 6) % 7 }, () => null);
    let workingDays = 0;
    for (let date = first; date.startsWith(prefix); date = addDays(date, 1)) {
      const c = cellOf(cal, date);
      if (c.working) workingDays++;
      cells.push(c);
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks: Array<Array<DayCell | null>> = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    months.push({ month, weeks, workingDays });
  }
  return months;
}

/** The string fields of a form body ('' when absent). */
function formValues(body: unknown, keys: readonly string[]): Record<string, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, typeof b[k] === 'string' ? (b[k] as string) : '']));
}

const isValidation = (err: unknown): err is AppError => err instanceof AppError && err.code === 'validation';

export function calendarRoutes(app: FastifyInstance, d: RouteDeps): void {
  const clock: Clock = d.clock;
  const today = () => chinaDate(clock.now());
  const nav = (req: FastifyRequest) => [{ href: '/staff', label: m.staff.home }, ...staffNav(req.staff?.actor.roles ?? [])];

  async function showCalendar(
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    state: { single?: FormState; bulk?: FormState; error?: string } = {},
    status = 200,
  ) {
    const [cal, rows] = await Promise.all([d.calendar.calendar(), d.calendar.overrides()]);
    const prefix = `${year}-`;
    const overrides: OverrideItem[] = rows
      .filter((r) => r.date.startsWith(prefix))
      .map((r) => ({ date: r.date, weekday: weekdayName(r.date), working: r.working, notice: r.notice, note: r.note }));
    const counts = new Map<number, number>();
    for (const r of rows) {
      const y = Number(r.date.slice(0, 4));
      if (y !== year) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    const ctx = await d.viewCtx(req, reply);
    return sendPage(
      reply,
      <CalendarPage
        ctx={ctx}
        nav={nav(req)}
        year={year}
        today={today()}
        coverage={cal.coverage()}
        months={yearModel(cal, year)}
        overrides={overrides}
        otherYears={[...counts].sort((a, b) => a[0] - b[0]).map(([y, count]) => ({ year: y, count }))}
        canManage={staffPolicy.can(req.staff?.actor, 'calendar.manage', {})}
        single={state.single ?? emptyForm()}
        bulk={state.bulk ?? emptyForm()}
        error={state.error}
      />,
      status,
    );
  }

  /** The year to show again after a failed form: the typed date's, else the page's, else this year. */
  function yearFor(date: string, pageYear: string): number {
    const fromDate = /^(\d{4})-/.exec(date.trim())?.[1];
    for (const y of [fromDate, pageYear.trim()]) {
      if (y && /^\d{4}$/.test(y) && Number(y) >= MIN_YEAR && Number(y) <= MAX_YEAR) return Number(y);
    }
    return Number(today().slice(0, 4));
  }

  app.get('/staff/calendar', { preHandler: requireStaff }, async (req, reply) => {
    const q = parse(YearQuery, req.query ?? {});
    return showCalendar(req, reply, q.year ?? Number(today().slice(0, 4)));
  });

  app.post('/staff/calendar/overrides', { preHandler: requireStaff }, async (req, reply) => {
    const v = formValues(req.body, ['date', 'working', 'notice', 'note', 'year']);
    try {
      const saved = await d.calendar.setOverride(staffCtx(req), {
        date: v.date,
        working: v.working,
        notice: v.notice,
        note: v.note,
      });
      return seeOther(reply, `/staff/calendar?year=${saved.date.slice(0, 4)}&ok=saved`);
    } catch (err) {
      if (!isValidation(err)) throw err;
      const single = { values: v, errors: err.fields };
      return showCalendar(req, reply, yearFor(v.date ?? '', v.year ?? ''), { single, error: err.message }, 422);
    }
  });

  app.post('/staff/calendar/overrides/bulk', { preHandler: requireStaff }, async (req, reply) => {
    const v = formValues(req.body, ['lines', 'bulkNotice', 'year']);
    try {
      await d.calendar.setOverrides(staffCtx(req), v.lines, v.bulkNotice);
      const first = /\d{4}-\d{2}-\d{2}/.exec((v.lines ?? '').normalize('NFKC'))?.[0] ?? '';
      return seeOther(reply, `/staff/calendar?year=${yearFor(first, v.year ?? '')}&ok=saved`);
    } catch (err) {
      if (!isValidation(err)) throw err;
      const { notice, ...rest } = err.fields;
      const bulk = { values: v, errors: notice ? { ...rest, bulkNotice: notice } : rest };
      return showCalendar(req, reply, yearFor('', v.year ?? ''), { bulk, error: err.message }, 422);
    }
  });

  app.post('/staff/calendar/overrides/:date/delete', { preHandler: requireStaff }, async (req, reply) => {
    const { date } = req.params as { date: string };
    await d.calendar.removeOverride(staffCtx(req), date);
    return seeOther(reply, `/staff/calendar?year=${date.slice(0, 4)}&ok=removed`);
  });

  app.get('/staff/calendar/check', { preHandler: requireStaff }, async (req, reply) => {
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const values = {
      date: typeof raw.date === 'string' ? raw.date : '',
      days: typeof raw.days === 'string' ? raw.days : '',
    };
    const asked = raw.date !== undefined || raw.days !== undefined;
    const page = async (props: { errors?: Record<string, string>; error?: string; result?: CheckResult }, status = 200) =>
      sendPage(
        reply,
        <CheckPage
          ctx={await d.viewCtx(req, reply)}
          nav={nav(req)}
          values={asked ? values : { date: today(), days: '20' }}
          errors={props.errors ?? {}}
          error={props.error}
          result={props.result}
        />,
        status,
      );
    if (!asked) return page({});
    let q: z.infer<typeof CheckQuery>;
    try {
      q = parse(CheckQuery, values);
    } catch (err) {
      if (!isValidation(err)) throw err;
      return page({ errors: err.fields, error: err.message }, 422);
    }
    const cal = await d.calendar.calendar();
    const counted: CheckResult['counted'] = [];
    let skipped = 0;
    let end: string;
    try {
      end = cal.addWorkingDays(q.date, q.days);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      return page({ errors: { days: '推算结果超出了可计算的日期范围。' }, error: '请检查标出的项目。' }, 422);
    }
    for (let day = q.date; day < end; ) {
      day = addDays(day, 1);
      const r = cal.reason(day);
      if (!r.working) {
        skipped++;
        continue;
      }
      const dow = weekday(day);
      const note =
        r.source === 'override' ? '管理员录入的调整' : dow === 0 || dow === 6 ? `调休上班${r.note ? `，${r.note}` : ''}` : '';
      counted.push({ n: counted.length + 1, date: day, weekday: weekdayName(day), note });
    }
    const { from, to } = cal.coverage();
    const uncovered: number[] = [];
    for (let y = Number(q.date.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) if (y < from || y > to) uncovered.push(y);
    const r = cal.reason(q.date);
    return page({
      result: {
        date: q.date,
        weekday: weekdayName(q.date),
        working: r.working,
        reason: reasonText(r),
        days: q.days,
        end,
        endWeekday: weekdayName(end),
        counted,
        skipped,
        uncovered,
      },
    });
  });
}
