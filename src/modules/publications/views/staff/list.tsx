// 信息发布: the organ's work list with filters, items at risk of the Art 26 deadline, and "三同步" flags.
import { EmptyState, Select } from '../../../../ui/components.js';
import { chinaDateTime } from '../../../../ui/format.js';
import { StaffLayout } from '../../../../ui/layout.js';
import type { ViewCtx } from '../../../../ui/view.js';
import type { Art26Deadline, InterpretationStatus } from '../../publications.deadlines.js';
import { STATE_LABELS, STATES } from '../../publications.workflow.js';
import { type ColumnOption, ColumnSelect, DeadlineText, itemHref, type Nav, PUBLICATIONS_HREF, stateLabel } from './common.js';

export interface ListRow {
  id: number;
  title: string;
  columnName: string;
  state: string;
  indexNo: string | null;
  updatedAt: string;
  deadline: Art26Deadline;
}

export interface FlagRow {
  id: number;
  title: string;
  publishedOn: string;
  dueOn: string;
  status: InterpretationStatus;
  flagged: boolean;
  interpretation: { id: number; title: string } | null;
}

const FLAG_TEXT: Record<InterpretationStatus, string> = {
  on_time: '已同步解读',
  late: '解读滞后',
  pending: '待解读',
  missing: '未解读',
};

function DeadlineTable(props: { caption: string; rows: readonly ListRow[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="hint">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">标题</th>
            <th scope="col">状态</th>
            <th scope="col">公开期限（第二十六条）</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={itemHref(r.id)}>{r.title}</a>
              </th>
              <td>{stateLabel(r.state)}</td>
              <td>
                <DeadlineText d={r.deadline} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PublicationListPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  columns: readonly ColumnOption[];
  filter: { columnId: string; state: string };
  rows: readonly ListRow[];
  total: number;
  page: number;
  pageSize: number;
  atRisk: readonly ListRow[];
  overdue: readonly ListRow[];
  flags: readonly FlagRow[];
  canCreate: boolean;
}) {
  const { filter } = props;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const pageHref = (p: number) => {
    const q = new URLSearchParams();
    if (filter.columnId) q.set('column', filter.columnId);
    if (filter.state) q.set('state', filter.state);
    q.set('page', String(p));
    return `${PUBLICATIONS_HREF}?${q.toString()}`;
  };
  const flags = props.flags.filter((f) => f.status !== 'on_time');
  return (
    <StaffLayout ctx={props.ctx} title="信息发布" nav={props.nav} current={PUBLICATIONS_HREF}>
      <h1>信息发布</h1>
      {props.canCreate ? (
        <div class="actions">
          <a class="button" href={`${PUBLICATIONS_HREF}/new`}>
            起草新信息
          </a>
        </div>
      ) : null}

      <section aria-labelledby="deadlines">
        <h2 id="deadlines">即将逾期与已逾期</h2>
        <p class="hint">
          依照《政府信息公开条例》第二十六条，主动公开的信息应当自形成或者变更之日起 20 个工作日内公开；剩余 5
          个工作日以内的列为“即将逾期”。
        </p>
        {props.overdue.length === 0 && props.atRisk.length === 0 ? (
          <EmptyState title="没有即将逾期或已逾期的信息。" />
        ) : (
          <>
            {props.overdue.length ? <DeadlineTable caption={`已逾期 ${props.overdue.length} 条`} rows={props.overdue} /> : null}
            {props.atRisk.length ? <DeadlineTable caption={`即将逾期 ${props.atRisk.length} 条`} rows={props.atRisk} /> : null}
          </>
        )}
      </section>

      <section aria-labelledby="sync">
        <h2 id="sync">政策文件未同步解读（三同步）</h2>
        <p class="hint">政策文件发布后，其解读应当同步发布，最迟不超过 3 个工作日。</p>
        {flags.length === 0 ? (
          <EmptyState title="所有已发布的政策文件都已按时解读。" />
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">政策文件</th>
                  <th scope="col">发布日期</th>
                  <th scope="col">解读期限</th>
                  <th scope="col">情况</th>
                </tr>
              </thead>
              <tbody>
                {flags.map((f) => (
                  <tr>
                    <th scope="row">
                      <a href={itemHref(f.id)}>{f.title}</a>
                    </th>
                    <td>{f.publishedOn}</td>
                    <td>{f.dueOn}</td>
                    <td>
                      {f.flagged ? <strong class="tag">{FLAG_TEXT[f.status]}</strong> : FLAG_TEXT[f.status]}
                      {f.interpretation ? (
                        <>
                          {' '}
                          <a href={itemHref(f.interpretation.id)}>{f.interpretation.title}</a>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="all">
        <h2 id="all">全部信息</h2>
        <form method="get" action={PUBLICATIONS_HREF} class="stack">
          <ColumnSelect name="column" label="栏目" columns={props.columns} value={filter.columnId} any="全部栏目" />
          <Select
            name="state"
            label="状态"
            options={[['', '全部状态'], ...STATES.map((s) => [s, STATE_LABELS[s]] as const)]}
            value={filter.state}
          />
          <div class="actions">
            <button type="submit">筛选</button>
            <a class="button secondary" href={PUBLICATIONS_HREF}>
              清除筛选
            </a>
          </div>
        </form>
        {props.rows.length === 0 ? (
          <EmptyState title="没有符合条件的信息。" hint={props.canCreate ? '点击“起草新信息”开始。' : undefined} />
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="hint">
                共 {props.total} 条，第 {props.page}/{pages} 页
              </caption>
              <thead>
                <tr>
                  <th scope="col">标题</th>
                  <th scope="col">栏目</th>
                  <th scope="col">状态</th>
                  <th scope="col">索引号</th>
                  <th scope="col">更新时间</th>
                  <th scope="col">公开期限</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={itemHref(r.id)}>{r.title}</a>
                    </th>
                    <td>{r.columnName}</td>
                    <td>
                      <span class="tag">{stateLabel(r.state)}</span>
                    </td>
                    <td>{r.indexNo ? <code>{r.indexNo}</code> : <span class="hint">发布时生成</span>}</td>
                    <td>{chinaDateTime(r.updatedAt)}</td>
                    <td>
                      <DeadlineText d={r.deadline} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav aria-label="分页" class="actions">
            {props.page > 1 ? <a href={pageHref(props.page - 1)}>上一页</a> : null}
            {props.page < pages ? <a href={pageHref(props.page + 1)}>下一页</a> : null}
          </nav>
        ) : null}
      </section>
    </StaffLayout>
  );
}
