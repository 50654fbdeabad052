// 复议、诉讼案件登记簿: the organ's cases filtered by year and kind, table 4 of the year, and the
// share of disclosure cases among all its reconsideration cases.
import { Csrf, EmptyState, ErrorSummary, Field, Select } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { KINDS, kindLabel, resultLabel } from '../appeals.codes.js';
import type { Table4 } from '../appeals.table4.js';
import { APPEALS_HREF, appealHref, type Nav } from './common.js';

export interface AppealListRow {
  id: number;
  reference: string;
  kind: string;
  filedOn: string;
  body: string | null;
  result: string | null;
  decidedOn: string | null;
  requestReference: string | null;
  requestId: number | null;
  jointDefendant: boolean;
}

const COLUMNS = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
] as const;

export function AppealListPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organName: string;
  organId: number;
  /** The registers the viewer may read; a choice is shown when there are several. */
  organChoices: ReadonlyArray<{ id: number; name: string }>;
  organQuery: string;
  filter: { year: string; kind: string };
  years: readonly number[];
  rows: readonly AppealListRow[];
  table4?: { year: number; table: Table4 } | undefined;
  share?: { cases: number; total: number | null; percent: number | null } | undefined;
  canWrite: boolean;
  totalForm?: { value: string; message?: string | undefined; errors?: Record<string, string> } | undefined;
}) {
  const { filter } = props;
  const q = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...(props.organQuery ? { organ: props.organQuery } : {}), ...extra });
    const s = p.toString();
    return s ? `${APPEALS_HREF}?${s}` : APPEALS_HREF;
  };
  return (
    <StaffLayout ctx={props.ctx} title="复议诉讼登记" nav={props.nav} current={APPEALS_HREF}>
      <h1>行政复议、行政诉讼案件登记簿</h1>
      <p class="hint">{props.organName}：因政府信息公开工作被申请行政复议、提起行政诉讼的案件，计入年度报告第四部分。</p>
      {props.canWrite ? (
        <div class="actions">
          <a class="button" href={`${APPEALS_HREF}/new`}>
            登记案件
          </a>
        </div>
      ) : null}

      <form method="get" action={APPEALS_HREF} class="stack">
        {props.organChoices.length > 1 ? (
          <Select
            name="organ"
            label="机关"
            options={props.organChoices.map((o) => [String(o.id), o.name] as const)}
            value={String(props.organId)}
          />
        ) : props.organQuery ? (
          <input type="hidden" name="organ" value={props.organQuery} />
        ) : null}
        <Select
          name="year"
          label="立案年度"
          options={[['', '全部年度'], ...props.years.map((y) => [String(y), `${y}年`] as const)]}
          value={filter.year}
        />
        <Select name="kind" label="案件类型" options={[['', '全部类型'], ...KINDS]} value={filter.kind} />
        <div class="actions">
          <button type="submit">筛选</button>
          <a class="button secondary" href={q({})}>
            清除筛选
          </a>
        </div>
      </form>

      {props.table4 ? (
        <section aria-labelledby="t4">
          <h2 id="t4">{props.table4.year}年度统计（年度报告表四）</h2>
          <p class="hint">按立案日期计入当年；结果以当年 12 月 31 日已知的为准，此后审结的计为“尚未审结”。</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">类型</th>
                  {COLUMNS.map(([, label]) => (
                    <th scope="col">{label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {KINDS.map(([k, label]) => (
                  <tr>
                    <th scope="row">{label}</th>
                    {COLUMNS.map(([c]) => (
                      <td>{props.table4?.table[k][c]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {props.share ? (
            <p>
              {props.share.percent === null
                ? `本年度政府信息公开行政复议案件 ${props.share.cases} 件；录入本机关全部行政复议案件数后可计算所占比例。`
                : `本年度政府信息公开行政复议案件 ${props.share.cases} 件，占本机关全部行政复议案件（${props.share.total} 件）的 ${props.share.percent.toFixed(1)}%。`}
            </p>
          ) : null}
          {props.canWrite && props.totalForm ? (
            <form method="post" action={`${APPEALS_HREF}/totals`} class="stack" novalidate>
              <ErrorSummary message={props.totalForm.message} fields={props.totalForm.errors} />
              <Csrf token={props.ctx.csrf} />
              <input type="hidden" name="year" value={String(props.table4.year)} />
              <Field
                name="total"
                label={`${props.table4.year}年本机关全部行政复议案件数（各类事项合计）`}
                value={props.totalForm.value}
                error={props.totalForm.errors?.total}
                inputMode="numeric"
              />
              <div class="actions">
                <button type="submit">保存案件总数</button>
              </div>
            </form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="all">
        <h2 id="all">案件</h2>
        {props.rows.length === 0 ? (
          <EmptyState title="没有符合条件的案件。" hint={props.canWrite ? '点击“登记案件”开始。' : undefined} />
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="hint">共 {props.rows.length} 件</caption>
              <thead>
                <tr>
                  <th scope="col">案号</th>
                  <th scope="col">类型</th>
                  <th scope="col">立案日期</th>
                  <th scope="col">复议机关或法院</th>
                  <th scope="col">结果</th>
                  <th scope="col">审结日期</th>
                  <th scope="col">涉及的申请</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr>
                    <th scope="row">
                      {props.canWrite ? <a href={`${appealHref(r.id)}/edit`}>{r.reference}</a> : r.reference}
                      {r.jointDefendant ? <span class="tag">共同被告，不计入</span> : null}
                    </th>
                    <td>{kindLabel(r.kind)}</td>
                    <td>{r.filedOn}</td>
                    <td>{r.body ?? ''}</td>
                    <td>{resultLabel(r.result)}</td>
                    <td>{r.decidedOn ?? ''}</td>
                    <td>
                      {r.requestReference && r.requestId !== null ? (
                        <a href={`/staff/requests/${r.requestId}`}>
                          <code>{r.requestReference}</code>
                        </a>
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </StaffLayout>
  );
}
