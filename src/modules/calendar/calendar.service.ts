import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import { staffPolicy } from '../staff/staff.policy.js';
import { WorkingDayCalendar } from './calendar.days.js';
import { calendarRepo, type OverrideRow } from './calendar.repository.js';
import { isoDate, OverrideInput } from './calendar.schemas.js';

/** How long another app server may keep using its copy of the overrides. */
const CACHE_MS = 30_000;

export function createCalendarService(deps: Deps) {
  const { db, dialect, clock } = deps;
  let cached: { at: number; cal: WorkingDayCalendar } | undefined;

  async function calendar(): Promise<WorkingDayCalendar> {
    const t = Date.now();
    if (cached && t - cached.at < CACHE_MS) return cached.cal;
    const rows = await calendarRepo.all(db);
    const cal = new WorkingDayCalendar(rows.map((r) => ({ date: r.date, working: r.working, notice: r.notice })));
    cached = { at: t, cal };
    return cal;
  }

  return {
    /** The calendar with the database overrides applied. */
    calendar,
    overrides: () => calendarRepo.all(db),
    async isWorkingDay(date: string) {
      return (await calendar()).isWorkingDay(parse(isoDate, date));
    },
    async addWorkingDays(date: string, n: number) {
      return (await calendar()).addWorkingDays(parse(isoDate, date), n);
    },

    async setOverride(ctx: Ctx, input: unknown): Promise<OverrideRow> {
      authorize(staffPolicy, ctx, 'calendar.manage', {});
      const v = parse(OverrideInput, input);
      const before = await calendarRepo.get(db, v.date);
      await inTransaction(db, async (tx) => {
        await calendarRepo.upsert(tx, v, ctx.audit.userId, clock.now().toISOString());
        await recordAudit(tx, dialect, ctx.audit, clock.now(), {
          action: 'calendar.override',
          subjectType: 'calendar_day',
          subjectId: v.date,
          organId: null,
          before: before ?? null,
          after: v,
        });
      });
      cached = undefined;
      return (await calendarRepo.get(db, v.date)) as OverrideRow;
    },

    async removeOverride(ctx: Ctx, date: string): Promise<void> {
      authorize(staffPolicy, ctx, 'calendar.manage', {});
      const d = parse(isoDate, date);
      const before = await calendarRepo.get(db, d);
      if (!before) throw notFound('该日期没有调整记录。');
      await inTransaction(db, async (tx) => {
        await calendarRepo.remove(tx, d);
        await recordAudit(tx, dialect, ctx.audit, clock.now(), {
          action: 'calendar.override_remove',
          subjectType: 'calendar_day',
          subjectId: d,
          organId: null,
          before,
        });
      });
      cached = undefined;
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
