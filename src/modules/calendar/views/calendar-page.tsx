// 工作日历: the year month by month, the administrator's overrides, and the forms to enter them.
import { Csrf, EmptyState, ErrorSummary } from '../../../ui/components.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { Legend, type MonthModel, MonthTable } from './month.js';
import { BulkForm, type FormState, OverrideForm } from './override-forms.js';

export interface OverrideItem {
  date: string;
  /** 星期一 … 星期日 */
  weekday: string;
  working: boolean;
  notice: string;
  note: string | null;
}

export interface CalendarPageProps {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  /** Today in China, YYYY-MM-DD. */
  today: string;
  coverage: { from: number; to: number };
  months: MonthModel[];
  /** The overrides of `year`. */
  overrides: OverrideItem[];
  /** Other years with overrides. */
  otherYears: Array<{ year: number; count: number }>;
  canManage: boolean;
  single: FormState;
  bulk: FormState;
  /** The message of a form that failed validation. */
  error?: string | undefined;
}

export const NOT_COVERED = '该年度国务院办公厅节假日安排尚未录入，请按通知逐日录入。';

export const CALENDAR_STYLES = ['/static/calendar.css'];

function YearNav(props: { year: number; todayYear: number; otherYears: Array<{ year: number; count: number }> }) {
  const { year } = props;
  return (
    <nav aria-label="切换年度">
      <div class="actions">
        {year > 1900 ? <a href={`/staff/calendar?year=${year - 1}`}>« {year - 1}年</a> : null}
        {year !== props.todayYear ? <a href={`/staff/calendar?year=${props.todayYear}`}>今年（{props.todayYear}年）</a> : null}
        {year < 2200 ? <a href={`/staff/calendar?year=${year + 1}`}>{year + 1}年 »</a> : null}
        <a href="/staff/calendar/check">工作日推算</a>
      </div>
      {props.otherYears.length ? (
        <p class="hint">
          其他录入了调整的年度：
          {props.otherYears.map((o, i) => (
            <>
              {i > 0 ? '、' : ''}
              <a href={`/staff/calendar?year=${o.year}`}>
                {o.year}年（{o.count} 条）
              </a>
            </>
          ))}
        </p>
      ) : null}
    </nav>
  );
}

function OverrideTable(props: { year: number; items: OverrideItem[]; canManage: boolean; csrf: string }) {
  if (props.items.length === 0) {
    return <EmptyState title={`${props.year}年没有录入调整。`} hint="本年度各日按国务院办公厅通知和周一至周五的规则计算。" />;
  }
  return (
    <div class="table-wrap">
      <table class="cal-overrides">
        <caption class="hint">
          {props.year}年的调整记录，共 {props.items.length} 条；调整优先于国务院办公厅通知的数据。
        </caption>
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">类型</th>
            <th scope="col">通知文号/名称</th>
            <th scope="col">备注</th>
            {props.canManage ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.items.map((o) => (
            <tr>
              <th scope="row">
                {o.date} <span class="hint">{o.weekday}</span>
              </th>
              <td>{o.working ? '工作日（班）' : '休息日（休）'}</td>
              <td>{o.notice}</td>
              <td>{o.note ?? ''}</td>
              {props.canManage ? (
                <td>
                  <form method="post" action={`/staff/calendar/overrides/${o.date}/delete`} class="inline">
                    <Csrf token={props.csrf} />
                    <button type="submit" class="secondary" aria-label={`删除 ${o.date} 的调整`}>
                      删除
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CalendarPage(p: CalendarPageProps) {
  const covered = p.year >= p.coverage.from && p.year <= p.coverage.to;
  const fieldErrors = { ...p.single.errors, ...p.bulk.errors };
  return (
    <StaffLayout ctx={p.ctx} title={`${p.year}年工作日历`} nav={p.nav} current="/staff/calendar" styles={CALENDAR_STYLES}>
      <h1>{p.year}年工作日历</h1>
      <ErrorSummary message={p.error} fields={fieldErrors} />
      <p>
        本平台已收录国务院办公厅 {p.coverage.from}–{p.coverage.to}{' '}
        年的节假日安排。其他年度按周一至周五为工作日计算，并以管理员录入的调整为准。
      </p>
      {covered ? null : (
        <div class="warning" role="note">
          <p>{NOT_COVERED}</p>
          {p.overrides.length ? <p>本年度已录入 {p.overrides.length} 条调整。</p> : null}
        </div>
      )}
      <YearNav year={p.year} todayYear={Number(p.today.slice(0, 4))} otherYears={p.otherYears} />
      <h2>图例</h2>
      <Legend />
      <ul class="columns cal-months">
        {p.months.map((m) => (
          <li>
            <MonthTable year={p.year} m={m} today={p.today} />
          </li>
        ))}
      </ul>
      <h2 id="overrides">调整记录</h2>
      <OverrideTable year={p.year} items={p.overrides} canManage={p.canManage} csrf={p.ctx.csrf} />
      {p.canManage ? (
        <>
          <h2 id="add">录入一天的调整</h2>
          <OverrideForm csrf={p.ctx.csrf} year={p.year} state={p.single} />
          <h2 id="bulk">按通知批量录入</h2>
          <p class="hint">国务院办公厅发布新一年的节假日安排后，可把通知中的放假日期和调休上班日期一次录入。</p>
          <BulkForm csrf={p.ctx.csrf} year={p.year} state={p.bulk} />
        </>
      ) : (
        <p class="hint">工作日历由顶级机关的系统管理员维护；如发现与通知不符，请联系系统管理员。</p>
      )}
    </StaffLayout>
  );
}
