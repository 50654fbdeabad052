import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { reportError } from '../../platform/logging.js';
import { parse, requiredText } from '../../platform/validation.js';
import { staffPolicy } from '../staff/staff.policy.js';
import { isIsoDate, WorkingDayCalendar } from './calendar.days.js';
import { calendarRepo, type OverrideRow } from './calendar.repository.js';
import { isoDate, OverrideInput } from './calendar.schemas.js';

/** How long another app server may keep using its copy of the overrides. */
const CACHE_MS = 30_000;

export interface CalendarServiceExt {
  /**
   * After a committed change of the overrides, with the fresh calendar in place: what depends on
   * working days recomputes (open requests' due dates). Awaited, so the change is complete when
   * the staff member sees it; a failure is logged and repaired by the periodic job.
   */
  onChanged?: () => Promise<unknown>;
}

export function createCalendarService(deps: Deps, ext: CalendarServiceExt = {}) {
  const { db, dialect, clock } = deps;
  let cached: { at: number; cal: WorkingDayCalendar } | undefined;
  /** Bumped by every local write: a read that began before a write must not refill the cache. */
  let generation = 0;
  const invalidate = async () => {
    generation++;
    cached = undefined;
    if (ext.onChanged) {
      try {
        await ext.onChanged();
      } catch (err) {
        reportError('calendar.onChanged failed', err);
      }
    }
  };

  async function calendar(): Promise<WorkingDayCalendar> {
    // cache age is operational (real) time, not business time: the injected clock may stand still
    const t = Date.now();
    if (cached && t - cached.at < CACHE_MS) return cached.cal;
    const started = generation;
    const rows = await calendarRepo.all(db);
    const cal = new WorkingDayCalendar(rows.map((r) => ({ date: r.date, working: r.working, notice: r.notice })));
    if (started === generation) cached = { at: t, cal };
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
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'calendar.override',
          subjectType: 'calendar_day',
          subjectId: v.date,
          organId: null,
          before: before ?? null,
          after: v,
        });
      });
      await invalidate();
      return (await calendarRepo.get(db, v.date)) as OverrideRow;
    },

    /**
     * Enters a notice's dates at once: `lines` holds one `YYYY-MM-DD 休` (day off) or
     * `YYYY-MM-DD 班` (working day) a line; blank lines are skipped. All or nothing: any bad
     * line fails the whole entry, with every bad line named by its number; the dates and their
     * audit rows are written in one transaction. Returns how many dates were saved.
     */
    async setOverrides(ctx: Ctx, lines: unknown, notice: unknown): Promise<number> {
      authorize(staffPolicy, ctx, 'calendar.manage', {});
      const MAX_LINES = 400;
      const fields: Record<string, string> = {};
      const n = requiredText(300).safeParse(notice);
      if (!n.success) fields.notice = n.error.issues[0]?.message ?? '此项为必填项。';
      const text = typeof lines === 'string' ? lines : '';
      const entries: Array<{ date: string; working: boolean }> = [];
      const problems: string[] = [];
      const seen = new Map<string, number>();
      const rows = text.split(/\r\n|\r|\n/);
      if (rows.length > MAX_LINES) problems.push(`一次最多录入 ${MAX_LINES} 行。`);
      for (let i = 0; i < rows.length && rows.length <= MAX_LINES; i++) {
        const line = (rows[i] ?? '').normalize('NFKC').trim();
        if (line === '') continue;
        const no = i + 1;
        const m = /^(\S+)\s+(\S+)$/.exec(line);
        const date = m?.[1] ?? '';
        const mark = m?.[2] ?? '';
        const first = seen.get(date);
        if (!m) problems.push(`第 ${no} 行：应为“日期 休”或“日期 班”，如“2027-02-06 班”。`);
        else if (!isIsoDate(date)) problems.push(`第 ${no} 行：日期“${date}”格式应为 YYYY-MM-DD，且须为真实日期。`);
        else if (mark !== '休' && mark !== '班') problems.push(`第 ${no} 行：标记应为“休”或“班”，而不是“${mark}”。`);
        else if (first !== undefined) problems.push(`第 ${no} 行：日期 ${date} 与第 ${first} 行重复。`);
        else {
          seen.set(date, no);
          entries.push({ date, working: mark === '班' });
        }
      }
      if (problems.length === 0 && entries.length === 0) problems.push('请至少填写一行。');
      if (problems.length > 0)
        fields.lines = problems.slice(0, 20).join(' ') + (problems.length > 20 ? ` 另有 ${problems.length - 20} 行有误。` : '');
      if (Object.keys(fields).length > 0 || !n.success) throw invalid('请检查标出的项目。', fields);
      const now = clock.now();
      await inTransaction(db, async (tx) => {
        for (const e of entries) {
          const v = { date: e.date, working: e.working, notice: n.data, note: null };
          const before = await calendarRepo.get(tx, e.date);
          await calendarRepo.upsert(tx, v, ctx.audit.userId, now.toISOString());
          await recordAudit(tx, deps, ctx.audit, now, {
            action: 'calendar.override',
            subjectType: 'calendar_day',
            subjectId: e.date,
            organId: null,
            before: before ?? null,
            after: v,
          });
        }
      });
      await invalidate();
      return entries.length;
    },

    async removeOverride(ctx: Ctx, date: string): Promise<void> {
      authorize(staffPolicy, ctx, 'calendar.manage', {});
      const d = parse(isoDate, date);
      const before = await calendarRepo.get(db, d);
      if (!before) throw notFound('该日期没有调整记录。');
      await inTransaction(db, async (tx) => {
        await calendarRepo.remove(tx, d);
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'calendar.override_remove',
          subjectType: 'calendar_day',
          subjectId: d,
          organId: null,
          before,
        });
      });
      await invalidate();
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
