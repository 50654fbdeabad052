// 数据导入: paste a CSV file of requests or appeals; the result lists every bad line.
import { Csrf, ErrorSummary, Field, Select, TextArea } from '../../../ui/components.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';

export const IMPORTS_HREF = '/staff/imports';

export interface ImportValues {
  kind: string;
  fileName: string;
  content: string;
  skipBadRows: string;
}

export interface ImportOutcome {
  summary: string;
  written: boolean;
  bad: ReadonlyArray<{ line: number; reason: string }>;
}

const KINDS = [
  ['requests', '政府信息公开申请（reference,received_on,applicant_type,channel,closed_on,outcome）'],
  ['appeals', '行政复议、行政诉讼案件（reference,kind,filed_on,result,decided_on,request_reference）'],
] as const;

export function ImportPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  values: ImportValues;
  message?: string | undefined;
  errors?: Record<string, string>;
  outcome?: ImportOutcome | undefined;
}) {
  const { values: v, outcome } = props;
  const errors = props.errors ?? {};
  return (
    <StaffLayout ctx={props.ctx} title="数据导入" nav={props.nav} current={IMPORTS_HREF}>
      <h1>数据导入</h1>
      <p class="hint">
        把 CSV 文件（UTF-8 编码，首行为表头，每行一条记录）的内容粘贴到下面。按编号导入：已有的记录会被更新，不会重复新增。
        默认只要有一行有误就全部不导入；较大的文件请由系统管理员用命令 <code>gongkai import</code> 导入。
      </p>
      {outcome ? (
        <section aria-labelledby="result" class={outcome.written ? 'notice' : 'warning'} role="status">
          <h2 id="result">导入结果</h2>
          <p>{outcome.summary}</p>
          {outcome.bad.length ? (
            <div class="table-wrap">
              <table>
                <caption class="hint">有误的行（共 {outcome.bad.length} 行）</caption>
                <thead>
                  <tr>
                    <th scope="col">行号</th>
                    <th scope="col">原因</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.bad.map((b) => (
                    <tr>
                      <th scope="row">第 {b.line} 行</th>
                      <td>{b.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
      <ErrorSummary message={props.message} fields={errors} />
      <form method="post" action={IMPORTS_HREF} class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <Select name="kind" label="导入的内容" options={KINDS} value={v.kind} error={errors.kind} required />
        <Field name="fileName" label="文件名（记入审计日志）" value={v.fileName} error={errors.fileName} />
        <TextArea
          name="content"
          label="CSV 内容"
          value={v.content}
          error={errors.content}
          rows={14}
          required
          spellcheck={false}
        />
        <div class="check">
          <input type="checkbox" id="f-skipBadRows" name="skipBadRows" value="1" checked={v.skipBadRows === '1'} />
          <label for="f-skipBadRows">跳过有误的行，只导入无误的行</label>
        </div>
        <div class="actions">
          <button type="submit">导入</button>
        </div>
      </form>
    </StaffLayout>
  );
}
