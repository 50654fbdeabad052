// Back-office pages of the annual report: the list of years, one year's report (state, checks,
// downloads, the report itself with drill-down links, the actions), and the text editor.
import { Checkboxes, Csrf, ErrorSummary, Notice, TextArea } from '../../../ui/components.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { CONFIDENTIALITY_CHECKLIST } from '../../publications/publications.workflow.js';
import type { ReportCheck, ReportSection } from '../reports.types.js';
import { REPORT_STATE_LABELS, type ReportState } from '../reports.workflow.js';

export const REPORTS_HREF = '/staff/reports';
export const reportHref = (year: number) => `${REPORTS_HREF}/${year}`;

const CHECK_STATE: Record<ReportCheck['state'], string> = {
  pass: '通过',
  fail: '未通过',
  uncertain: '待核实',
  not_assessable: '无法核对',
};
/** What needs the office's attention first: failures, then what to verify, then the rest. */
const CHECK_ORDER: ReportCheck['state'][] = ['fail', 'uncertain', 'not_assessable', 'pass'];

export interface ReportYearRow {
  year: number;
  format: string;
  state: ReportState | null;
  deadline: string;
  publicationId: number | null;
  /** A report of that year already in the 年报 column, not made by this system. */
  earlier?: { id: number; title: string } | null;
}

export function ReportListPage(props: { ctx: ViewCtx; nav: StaffNavItem[]; organName: string; rows: readonly ReportYearRow[] }) {
  return (
    <StaffLayout ctx={props.ctx} title="年度报告" nav={props.nav} current={REPORTS_HREF}>
      <h1>政府信息公开工作年度报告</h1>
      <p class="hint">
        {props.organName}
        ：年报的表格和文字中的数字均由系统根据登记的记录生成；发布前系统逐项核对勾稽关系，由公开办负责人或分管领导审核后发布到“政府信息公开年报”栏目。
      </p>
      <div class="table-wrap">
        <table>
          <caption>各年度年报</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">格式</th>
              <th scope="col">状态</th>
              <th scope="col">发布期限</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={reportHref(r.year)}>{r.year}年度</a>
                </th>
                <td>{formatLabel(r.format)}</td>
                <td>
                  {r.state ? (
                    REPORT_STATE_LABELS[r.state]
                  ) : r.earlier ? (
                    <>
                      已在目录中发布（<a href={`/staff/publications/${r.earlier.id}`}>非本系统生成</a>）
                    </>
                  ) : (
                    '未起草'
                  )}
                </td>
                <td>{r.deadline}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffLayout>
  );
}

export const formatLabel = (f: string) =>
  f === '2021'
    ? '2021年格式（国办公开办函〔2021〕30号）'
    : f === '2019'
      ? '2019年试行格式（国办公开办函〔2019〕60号）'
      : '2019年以前（叙述式）';

export interface ReportPageProps {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  organName: string;
  year: number;
  format: string;
  state: ReportState;
  version: number;
  deadline: string;
  checks: readonly ReportCheck[];
  /** The report's body (tables with drill-down links and the text), rendered by the renderer. */
  bodyHtml: string;
  can: { draft: boolean; review: boolean; aggregate?: boolean };
  publicationId: number | null;
  /** Reasons the step shown cannot be taken now (preflight). */
  refused?: string[] | undefined;
  submitError?: { message: string; fields: Record<string, string>; checked: string[] } | undefined;
  returnError?: { message: string; reason: string } | undefined;
}

export function ReportPage(p: ReportPageProps) {
  const href = reportHref(p.year);
  const failing = p.checks.filter((c) => c.state === 'fail');
  return (
    <StaffLayout ctx={p.ctx} title={`${p.year}年度报告`} nav={p.nav} current={REPORTS_HREF} styles={['/assets/report.css']}>
      <p>
        <a href={REPORTS_HREF}>← 各年度年报</a>
      </p>
      <h1>
        {p.organName}
        {p.year}年政府信息公开工作年度报告
      </h1>
      <dl class="meta">
        <dt>状态</dt>
        <dd>{REPORT_STATE_LABELS[p.state]}</dd>
        <dt>格式</dt>
        <dd>{formatLabel(p.format)}</dd>
        <dt>发布期限</dt>
        <dd>{p.deadline}</dd>
      </dl>
      {p.refused?.length ? (
        <div class="error-summary" role="alert">
          <h2>无法执行该操作</h2>
          <ul>
            {p.refused.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="checks-h">
        <h2 id="checks-h">发布前核对（{failing.length ? `${failing.length}项未通过` : '全部通过或无需处理'}）</h2>
        <ul class="checks report-checks">
          {[...p.checks]
            .sort((a, b) => CHECK_ORDER.indexOf(a.state) - CHECK_ORDER.indexOf(b.state))
            .map((c) => (
              <li class={`check-${c.state}`}>
                <strong>{CHECK_STATE[c.state]}</strong>：{c.message}
              </li>
            ))}
        </ul>
      </section>
      {p.can.aggregate ? (
        <p>
          <a href={`${href}/aggregate`}>查看所属下级机关本年度数据汇总</a>
        </p>
      ) : null}
      <section aria-labelledby="dl-h">
        <h2 id="dl-h">下载</h2>
        <ul class="inline-list">
          <li>
            <a href={`${href}/report.html`}>网页版</a>
          </li>
          <li>
            <a href={`${href}/report.docx`}>Word 文档（.docx）</a>
          </li>
          <li>
            <a href={`${href}/report.pdf`}>PDF</a>
          </li>
          <li>
            <a href={`${href}/report.json`}>数据（JSON）</a>
          </li>
        </ul>
      </section>
      {p.state === 'draft' && p.can.draft ? (
        <section aria-labelledby="act-h">
          <h2 id="act-h">起草</h2>
          <p>
            <a class="button" href={`${href}/edit`}>
              修改文字
            </a>{' '}
            <a class="button secondary" href={`${href}/figures`}>
              填报无登记记录的数据
            </a>
          </p>
          <form method="post" action={`${href}/submit`} class="stack">
            <Csrf token={p.ctx.csrf} />
            <input type="hidden" name="version" value={String(p.version)} />
            <ErrorSummary message={p.submitError?.message} fields={p.submitError?.fields} />
            <Checkboxes
              name="checklist"
              legend="保密审查（提交前逐项确认）"
              options={CONFIDENTIALITY_CHECKLIST}
              checked={p.submitError?.checked ?? []}
              error={p.submitError?.fields.checklist}
            />
            <button type="submit">提交审核</button>
          </form>
        </section>
      ) : null}
      {p.state === 'submitted' && p.can.review ? (
        <section aria-labelledby="rev-h">
          <h2 id="rev-h">审核</h2>
          <form method="post" action={`${href}/approve`}>
            <Csrf token={p.ctx.csrf} />
            <input type="hidden" name="version" value={String(p.version)} />
            <button type="submit">审核通过并发布</button>
          </form>
          <form method="post" action={`${href}/return`} class="stack">
            <Csrf token={p.ctx.csrf} />
            <input type="hidden" name="version" value={String(p.version)} />
            <ErrorSummary message={p.returnError?.message} fields={p.returnError ? { reason: '请填写退回理由。' } : {}} />
            <TextArea name="reason" label="退回理由" value={p.returnError?.reason ?? ''} required />
            <button type="submit" class="secondary">
              退回修改
            </button>
          </form>
        </section>
      ) : null}
      {p.state === 'published' && p.publicationId ? (
        <Notice>
          年报已发布到“政府信息公开年报”栏目（<a href={`/staff/publications/${p.publicationId}`}>查看该信息</a>）。
        </Notice>
      ) : null}
      <section aria-labelledby="body-h" class="report-preview">
        <h2 id="body-h">年报内容{p.state === 'draft' ? '（数字随记录实时更新）' : '（提交时的数字）'}</h2>
        {/* the renderer escapes every text and figure */}
        <div dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
      </section>
    </StaffLayout>
  );
}

export function ReportEditPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  version: number;
  sections: readonly ReportSection[];
  /** The figures a placeholder may name, with their values now. */
  figures: ReadonlyArray<readonly [string, string]>;
  error?: { message: string; fields: Record<string, string> } | undefined;
}) {
  const href = reportHref(props.year);
  return (
    <StaffLayout ctx={props.ctx} title={`修改${props.year}年度报告文字`} nav={props.nav} current={REPORTS_HREF}>
      <p>
        <a href={href}>← 返回年报</a>
      </p>
      <h1>修改{props.year}年度报告文字</h1>
      <p class="hint">
        文字中的数字请用“{'{{'}数据项{'}}'}”引用（如 {'{{requests.received}}'}
        ），发布时自动填入登记记录中的数字，文字与表格始终一致。某项数据没有登记记录时，含该数据项的句子不显示。段落之间空一行。
      </p>
      <form method="post" action={`${href}/edit`} class="stack">
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="version" value={String(props.version)} />
        <ErrorSummary message={props.error?.message} fields={props.error?.fields} />
        {props.sections.map((s) => (
          <>
            <input type="hidden" name="key" value={s.key} />
            <TextArea
              name={`text.${s.key}`}
              label={s.heading}
              value={s.text}
              rows={10}
              error={props.error?.fields[`text.${s.key}`]}
              {...(s.key.startsWith('table')
                ? { hint: '本部分的表格由系统根据记录生成；此处可填写表格前的说明文字，也可留空。' }
                : {})}
            />
          </>
        ))}
        <button type="submit">保存</button>
      </form>
      <details>
        <summary>可引用的数据项（{props.figures.length}项）</summary>
        <div class="table-wrap">
          <table>
            <caption>数据项及其当前数值</caption>
            <thead>
              <tr>
                <th scope="col">数据项</th>
                <th scope="col">当前数值</th>
              </tr>
            </thead>
            <tbody>
              {props.figures.map(([k, v]) => (
                <tr>
                  <td>
                    <code>{`{{${k}}}`}</code>
                  </td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </StaffLayout>
  );
}

export function ReportRecordsPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  title: string;
  lines: ReadonlyArray<{ href: string | null; label: string; detail: string }>;
  entered?: string | undefined;
}) {
  return (
    <StaffLayout ctx={props.ctx} title={`${props.year}年度报告 · 数据来源`} nav={props.nav} current={REPORTS_HREF}>
      <p>
        <a href={reportHref(props.year)}>← 返回年报</a>
      </p>
      <h1>{props.title}</h1>
      {props.entered !== undefined ? (
        <p>{props.entered}</p>
      ) : (
        <>
          <p>共 {props.lines.length} 条记录。</p>
          <ol class="records">
            {props.lines.map((l) => (
              <li>
                {l.href ? <a href={l.href}>{l.label}</a> : l.label}：{l.detail}
              </li>
            ))}
          </ol>
        </>
      )}
    </StaffLayout>
  );
}

export interface FigureField {
  key: string;
  label: string;
  value: string;
  note: string;
  /** Who entered it and when (empty when not entered). */
  by: string;
}

export function ReportFiguresPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  fields: readonly FigureField[];
  error?: { message: string; fields: Record<string, string> } | undefined;
}) {
  const href = reportHref(props.year);
  return (
    <StaffLayout ctx={props.ctx} title={`${props.year}年度报告 · 填报数据`} nav={props.nav} current={REPORTS_HREF}>
      <p>
        <a href={href}>← 返回年报</a>
      </p>
      <h1>填报没有登记记录的数据（{props.year}年度）</h1>
      <p class="hint">
        以下数据本系统尚无对应的登记簿，由公开办根据业务处室提供的数字填报，并在年报核对中注明“人工填报”。每次填报都记入审计日志。
      </p>
      <ErrorSummary message={props.error?.message} fields={props.error?.fields} />
      {props.fields.map((f) => (
        <form method="post" action={`${href}/figures`} class="stack figure-form">
          <Csrf token={props.ctx.csrf} />
          <input type="hidden" name="key" value={f.key} />
          <fieldset>
            <legend>{f.label}</legend>
            <div class={`field${props.error?.fields[f.key] ? ' field-error' : ''}`}>
              <label for={`f-${f.key}`}>数值</label>
              {props.error?.fields[f.key] ? (
                <p class="error-message" id={`f-${f.key}-error`}>
                  {props.error.fields[f.key]}
                </p>
              ) : null}
              <input
                id={`f-${f.key}`}
                name="value"
                inputMode="decimal"
                value={f.value}
                aria-invalid={props.error?.fields[f.key] ? 'true' : undefined}
                aria-describedby={props.error?.fields[f.key] ? `f-${f.key}-error` : undefined}
              />
            </div>
            <div class="field">
              <label for={`f-${f.key}-note`}>说明（来源）</label>
              <input id={`f-${f.key}-note`} name="note" value={f.note} />
            </div>
            {f.by ? <p class="hint">{f.by}</p> : null}
            <button type="submit">保存</button>
          </fieldset>
        </form>
      ))}
    </StaffLayout>
  );
}

export interface AggregateChildRow {
  name: string;
  organs: number;
  received: number;
  carriedIn: number;
  resultsTotal: number;
  carriedOver: number;
  appeals: number;
}

/** The sum of the subordinate organs' tables (汇总), with each direct child's own branch. */
export function ReportAggregatePage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  organName: string;
  organs: number;
  children: readonly AggregateChildRow[];
  checks: readonly ReportCheck[];
  bodyHtml: string;
}) {
  return (
    <StaffLayout
      ctx={props.ctx}
      title={`${props.year}年度下级机关年报汇总`}
      nav={props.nav}
      current={REPORTS_HREF}
      styles={['/assets/report.css']}
    >
      <p>
        <a href={reportHref(props.year)}>← 返回本机关年报</a>
      </p>
      <h1>
        {props.organName}所属{props.organs}个下级机关{props.year}年度政府信息公开数据汇总
      </h1>
      <div class="table-wrap">
        <table>
          <caption>各直属下级机关（含其下级）的合计</caption>
          <thead>
            <tr>
              <th scope="col">机关</th>
              <th scope="col">机关数</th>
              <th scope="col">本年新收</th>
              <th scope="col">上年结转</th>
              <th scope="col">办理结果总计</th>
              <th scope="col">结转下年度</th>
              <th scope="col">复议诉讼</th>
            </tr>
          </thead>
          <tbody>
            {props.children.map((c) => (
              <tr>
                <th scope="row">{c.name}</th>
                <td>{c.organs}</td>
                <td>{c.received}</td>
                <td>{c.carriedIn}</td>
                <td>{c.resultsTotal}</td>
                <td>{c.carriedOver}</td>
                <td>{c.appeals}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="agg-checks-h">
        <h2 id="agg-checks-h">汇总表的核对</h2>
        <ul class="checks">
          {props.checks.map((c) => (
            <li class={`check-${c.state}`}>
              <strong>{CHECK_STATE[c.state]}</strong>：{c.message}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="agg-body-h" class="report-preview">
        <h2 id="agg-body-h">汇总表</h2>
        <div dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      </section>
    </StaffLayout>
  );
}
