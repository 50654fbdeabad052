// 年报核查: the form (paste or upload a published report, optional previous report), the past runs,
// a supervisor's check of subordinate organs' published reports, and a run's findings with their
// evidence and staff's confirm/dismiss decisions.
import { Csrf, EmptyState, ErrorSummary, Field, TextArea } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { Finding } from '../checker.rules.js';
import type { CheckRun, FindingReview } from '../checker.service.js';

export const CHECKER_HREF = '/staff/reports/check';
export const checkHref = (id: number) => `${CHECKER_HREF}/${id}`;

export const STATE_LABELS: Record<Finding['state'], string> = {
  pass: '通过',
  fail: '不一致',
  uncertain: '待人工核对',
  not_assessable: '无法核查',
};
const DECISIONS: Record<FindingReview['decision'], string> = { confirmed: '已确认', dismissed: '已排除' };
const KINDS: Record<string, string> = { html: '网页', docx: 'Word 文件', generated: '系统内已发布的年报' };

export interface CheckFormValues {
  html: string;
  year: string;
  subYear: string;
}

const counts = (fs: readonly Finding[]) =>
  (['fail', 'uncertain', 'not_assessable', 'pass'] as const)
    .map((s) => [s, fs.filter((f) => f.state === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${STATE_LABELS[s]} ${n}`)
    .join('，');

const ACCEPT = '.html,.htm,.docx,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file input with its label and error (`f-NAME`, `f-NAME-error`). */
function FileInput(props: { name: string; label: string; error?: string | undefined }) {
  const id = `f-${props.name}`;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <input type="file" id={id} name={props.name} accept={ACCEPT} aria-describedby={props.error ? `${id}-error` : undefined} />
    </div>
  );
}

export function CheckerPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  values: CheckFormValues;
  runs: CheckRun[];
  maxBytes: number;
  supervisor: boolean;
  notice?: string | undefined;
  message?: string | undefined;
  errors?: Record<string, string>;
}) {
  const { values: v } = props;
  const errors = props.errors ?? {};
  const mb = Math.round(props.maxBytes / 1024 / 1024);
  return (
    <StaffLayout ctx={props.ctx} title="年报核查" nav={props.nav} current={CHECKER_HREF}>
      <h1>年报核查</h1>
      <p class="hint">
        核查一份已发布的政府信息公开工作年度报告（任何机关的，不限本系统生成的）：读取表二至表四和正文，核对各项勾稽关系、正文数字与表格、百分比、年份、第五、六部分，
        逐项列出不一致之处及其依据。
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary message={props.message} fields={errors} />
      <form method="post" action={CHECKER_HREF} enctype="multipart/form-data" class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <TextArea
          name="html"
          label="粘贴年报网页的 HTML 源代码"
          hint="在浏览器中打开年报页面，查看网页源代码，全选复制后粘贴到这里；也可以在下面上传文件。"
          value={v.html}
          error={errors.html}
          rows={8}
          spellcheck={false}
        />
        <FileInput name="file" label={`或上传年报文件（HTML 网页或 Word .docx，不超过 ${mb} MB）`} error={errors.file} />
        <FileInput name="previous" label="上一年度的年报文件（可选，用于核对上年结转数）" error={errors.previous} />
        <Field
          name="year"
          label="报告年度（可选）"
          hint="不填则取标题或统计期限中的年份。"
          value={v.year}
          error={errors.year}
          inputMode="numeric"
        />
        <div class="actions">
          <button type="submit">开始核查</button>
        </div>
      </form>

      {props.supervisor ? (
        <section aria-labelledby="subordinates">
          <h2 id="subordinates">核查下级机关已发布的年报</h2>
          <p class="hint">
            核查本机关及下级机关在本系统中已发布的某一年度报告，并将每个上级机关的表三、表四与其下级机关的合计比较。
          </p>
          <form method="post" action={`${CHECKER_HREF}/subordinates`} class="stack" novalidate>
            <Csrf token={props.ctx.csrf} />
            <Field name="subYear" label="年度" value={v.subYear} error={errors.subYear} required inputMode="numeric" />
            <div class="actions">
              <button type="submit">核查下级机关年报</button>
            </div>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="runs">
        <h2 id="runs">核查记录</h2>
        {props.runs.length === 0 ? (
          <EmptyState title="还没有核查记录。" />
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">报告</th>
                  <th scope="col">年度</th>
                  <th scope="col">结果</th>
                </tr>
              </thead>
              <tbody>
                {props.runs.map((r) => (
                  <tr>
                    <td>{chinaDateTime(r.createdAt)}</td>
                    <td>
                      <a href={checkHref(r.id)}>{r.subjectName || r.sourceName || `核查 ${r.id}`}</a>
                      <br />
                      <span class="hint">
                        {KINDS[r.sourceKind] ?? r.sourceKind}
                        {r.sourceName ? `：${r.sourceName}` : ''}
                      </span>
                    </td>
                    <td>{r.year ?? '—'}</td>
                    <td>{counts(r.result.findings)}</td>
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

function Evidence({ f }: { f: Finding }) {
  const cells = f.evidence?.cells ?? [];
  const sentences = f.evidence?.sentences ?? [];
  if (!cells.length && !sentences.length) return null;
  return (
    <details>
      <summary>依据</summary>
      {cells.length ? (
        <ul>
          {cells.map((c) => (
            <li>
              <code>{c.ref}</code>：{c.value === null ? '（空白或无法读取）' : c.value}
            </li>
          ))}
        </ul>
      ) : null}
      {sentences.length ? (
        <ul>
          {sentences.map((s) => (
            <li>
              <q>{s}</q>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}

export function CheckResultPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  run: CheckRun;
  reviews: Map<string, FindingReview>;
  canReview: boolean;
  notice?: string | undefined;
  error?: { key: string; message: string; note: string } | undefined;
}) {
  const { run, reviews } = props;
  const r = run.result;
  const order = { fail: 0, uncertain: 1, not_assessable: 2, pass: 3 } as const;
  const findings = [...r.findings].sort((a, b) => order[a.state] - order[b.state]);
  return (
    <StaffLayout ctx={props.ctx} title="年报核查结果" nav={props.nav} current={CHECKER_HREF}>
      <p>
        <a href={CHECKER_HREF}>返回年报核查</a>
      </p>
      <h1>年报核查结果</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <dl>
        <dt>报告</dt>
        <dd>{r.title || run.subjectName || '（未读到标题）'}</dd>
        <dt>来源</dt>
        <dd>
          {KINDS[run.sourceKind] ?? run.sourceKind}
          {run.sourceName ? `：${run.sourceName}` : ''}
          {r.previousName ? `；上一年度报告：${r.previousName}` : ''}
        </dd>
        <dt>年度与格式</dt>
        <dd>
          {r.year ? `${r.year}年` : '年度不明'}，
          {r.format === '2021' ? '2021 年版格式' : r.format === '2019' ? '2019 年试行格式' : '格式不明'}
        </dd>
        <dt>核查时间</dt>
        <dd>{chinaDateTime(run.createdAt)}</dd>
        <dt>结果</dt>
        <dd>{counts(r.findings)}</dd>
      </dl>
      <h2>核查项目</h2>
      <ol class="stack">
        {findings.map((f) => {
          const review = reviews.get(f.key);
          const err = props.error?.key === f.key ? props.error : undefined;
          const id = `finding-${encodeURIComponent(f.key).replace(/%/g, '')}`;
          return (
            <li id={id}>
              <p>
                <strong class="tag">{STATE_LABELS[f.state]}</strong> {f.message}
              </p>
              <Evidence f={f} />
              {review ? (
                <p class="hint">
                  {DECISIONS[review.decision]}（{review.decidedBy ?? '—'}，{chinaDateTime(review.decidedAt)}）
                  {review.note ? `：${review.note}` : ''}
                </p>
              ) : null}
              {props.canReview && f.state !== 'pass' ? (
                <form method="post" action={`${checkHref(run.id)}/review`} class="stack" novalidate>
                  <Csrf token={props.ctx.csrf} />
                  <input type="hidden" name="key" value={f.key} />
                  {err ? (
                    <p class="error-message" role="alert">
                      {err.message}
                    </p>
                  ) : null}
                  <div class="field">
                    <label for={`${id}-note`}>说明（排除时必填）</label>
                    <textarea id={`${id}-note`} name="note" rows={2}>
                      {err?.note ?? ''}
                    </textarea>
                  </div>
                  <div class="actions">
                    <button type="submit" name="decision" value="confirmed">
                      确认
                    </button>
                    <button type="submit" name="decision" value="dismissed" class="secondary">
                      排除
                    </button>
                  </div>
                </form>
              ) : null}
            </li>
          );
        })}
      </ol>
    </StaffLayout>
  );
}
