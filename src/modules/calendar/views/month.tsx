// One month of the working-day calendar: a small table, Monday first, marks in text (休/班/＊).

/** How a day is shown: `holiday` 法定节假日或调休放假, `makeup` 调休上班 (a weekend made working). */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayCell {
  date: string;
  day: number;
  kind: DayKind;
  working: boolean;
  /** Entered by an administrator (wins over the official data). */
  override: boolean;
  /** Why, in words: the holiday's name, the override's notice… */
  description: string;
}

export interface MonthModel {
  month: number;
  /** Weeks of 7 cells, Monday first; null pads the first and last week. */
  weeks: Array<Array<DayCell | null>>;
  workingDays: number;
}

export const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

/** The text mark of a day: 休 for days off other than plain weekends, 班 for working weekends. */
export function markOf(c: DayCell): string {
  if (c.override) return c.working ? '班' : '休';
  if (c.kind === 'holiday') return '休';
  if (c.kind === 'makeup') return '班';
  return '';
}

function cellClass(c: DayCell): string {
  const k = [c.working ? '' : 'cal-off', c.kind === 'holiday' ? 'cal-holiday' : '', c.kind === 'makeup' ? 'cal-makeup' : ''];
  if (c.override) k.push('cal-override');
  return k.filter(Boolean).join(' ');
}

export function MonthTable(props: { year: number; m: MonthModel; today: string }) {
  const { m } = props;
  return (
    <div class="table-wrap">
      <table class="cal-month">
        <caption>
          {props.year}年{m.month}月<span class="hint">（工作日 {m.workingDays} 天）</span>
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th scope="col">
                <abbr title={w}>{w.slice(2)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.weeks.map((week) => (
            <tr>
              {week.map((c) => {
                if (c === null) return <td />;
                const mark = markOf(c);
                return (
                  <td
                    class={cellClass(c) || undefined}
                    title={c.description || undefined}
                    aria-current={c.date === props.today ? 'date' : undefined}
                  >
                    {c.day}
                    {mark ? (
                      <span class="cal-mark">
                        {mark}
                        {c.override ? '＊' : ''}
                      </span>
                    ) : null}
                    {c.description ? <span class="cal-sr">（{c.description}）</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Legend() {
  return (
    <ul class="cal-legend" aria-label="图例">
      <li>
        <span class="cal-mark">休</span> 法定节假日或调休放假
      </li>
      <li>
        <span class="cal-mark">班</span> 调休上班（周末上班）
      </li>
      <li>
        <span class="cal-mark">＊</span> 本平台录入的调整（见“调整记录”）
      </li>
      <li>周六、周日列中未加标记的日期为周末休息日；灰底为休息日</li>
    </ul>
  );
}
