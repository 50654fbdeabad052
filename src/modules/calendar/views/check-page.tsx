// 工作日推算: is a date a working day, and which date is N working days after it (read only).
import { ErrorSummary, Field } from '../../../ui/components.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { CALENDAR_STYLES } from './calendar-page.js';

export interface CountedDay {
  n: number;
  date: string;
  weekday: string;
  /** Set when the day is worth a word: 调休上班 or an override. */
  note: string;
}

export interface CheckResult {
  date: string;
  weekday: string;
  working: boolean;
  /** Why, in words. */
  reason: string;
  days: number;
  end: string;
  endWeekday: string;
  counted: CountedDay[];
  /** Days off passed over between the date and the end. */
  skipped: number;
  /** Years the count went through for which no State Council notice is loaded. */
  uncovered: number[];
}

export interface CheckPageProps {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  values: { date: string; days: string };
  errors: Record<string, string>;
  error?: string | undefined;
  result?: CheckResult | undefined;
}

export function CheckPage(p: CheckPageProps) {
  const r = p.result;
  return (
    <StaffLayout ctx={p.ctx} title="工作日推算" nav={p.nav} current="/staff/calendar" styles={CALENDAR_STYLES}>
      <h1>工作日推算</h1>
      <p class="hint">
        按法定工作日计算期限：起算日当天不计入，从次日起的第一个工作日为第 1 天（如《政府信息公开条例》第三十三条的 20
        个工作日）。
      </p>
      <ErrorSummary message={p.error} fields={p.errors} />
      <form method="get" action="/staff/calendar/check" class="stack">
        <Field
          name="date"
          label="起算日期"
          type="date"
          value={p.values.date}
          error={p.errors.date}
          hint="如收到申请的日期。"
          required
        />
        <Field
          name="days"
          label="工作日数"
          type="number"
          inputMode="numeric"
          value={p.values.days}
          error={p.errors.days}
          hint="0 至 366 之间的整数。"
          required
        />
        <div class="actions">
          <button type="submit">推算</button>
          <a href="/staff/calendar">返回工作日历</a>
        </div>
      </form>
      {r ? (
        <section aria-labelledby="result">
          <h2 id="result">推算结果</h2>
          {r.uncovered.length ? (
            <div class="warning" role="note">
              {r.uncovered.join('、')}
              年的国务院办公厅节假日安排尚未录入，这些年度按周一至周五推算（另加已录入的调整），结果仅供参考。
            </div>
          ) : null}
          <dl class="meta">
            <dt>{r.date}</dt>
            <dd>
              {r.weekday}，{r.working ? '是工作日' : '不是工作日'}：{r.reason}
            </dd>
            <dt>第 {r.days} 个工作日</dt>
            <dd>
              <strong>{r.end}</strong>（{r.endWeekday}）
            </dd>
            <dt>跳过的休息日</dt>
            <dd>{r.skipped} 天</dd>
          </dl>
          {r.counted.length ? (
            <>
              <h3>计入的工作日</h3>
              <ol class="cal-days">
                {r.counted.map((c) => (
                  <li>
                    {c.date} {c.weekday}
                    {c.note ? `（${c.note}）` : ''}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}
    </StaffLayout>
  );
}
