// The appeal form: new (登记案件) and edit (修改案件).
import { ConflictNotice, Csrf, differences, ErrorSummary, Field, Select, TextArea } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { KINDS, RESULTS } from '../appeals.codes.js';
import { APPEALS_HREF, type AppealValues, appealHref, FIELD_LABELS, type Nav } from './common.js';

export interface AppealFormState {
  values: AppealValues;
  message?: string | undefined;
  errors?: Record<string, string>;
  /** Edit only. */
  version?: string;
  /** The save lost a race: the form holds the latest values, these were typed. */
  conflict?: { message: string; typed: AppealValues };
}

function Fields({ v, e }: { v: AppealValues; e: Record<string, string> }) {
  return (
    <>
      <Field
        name="reference"
        label={FIELD_LABELS.reference}
        value={v.reference}
        error={e.reference}
        required
        hint="如：桂建复〔2025〕12号、（2025）桂0103行初45号。"
      />
      <Select name="kind" label={FIELD_LABELS.kind} options={[['', '请选择'], ...KINDS]} value={v.kind} error={e.kind} required />
      <Field
        name="filedOn"
        label={FIELD_LABELS.filedOn}
        type="date"
        value={v.filedOn}
        error={e.filedOn}
        required
        hint="格式 YYYY-MM-DD。案件计入立案当年的年度报告。"
      />
      <Field name="body" label={FIELD_LABELS.body} value={v.body} error={e.body} />
      <Select
        name="result"
        label={FIELD_LABELS.result}
        options={[['', '尚未审结'], ...RESULTS]}
        value={v.result}
        error={e.result}
      />
      <Field
        name="decidedOn"
        label={FIELD_LABELS.decidedOn}
        type="date"
        value={v.decidedOn}
        error={e.decidedOn}
        hint="有审理结果时必填，不得早于立案日期。"
      />
      <Field
        name="requestReference"
        label={FIELD_LABELS.requestReference}
        value={v.requestReference}
        error={e.requestReference}
        hint="本机关依申请公开的申请编号，如 gx-2025-00012；可不填。"
      />
      <div class={`field${e.jointDefendant ? ' field-error' : ''}`}>
        <div class="check">
          <input type="checkbox" id="f-jointDefendant" name="jointDefendant" value="1" checked={v.jointDefendant === '1'} />
          <label for="f-jointDefendant">{FIELD_LABELS.jointDefendant}</label>
        </div>
        <p class="hint">复议机关作共同被告的行政诉讼，只计入原行政行为机关的年度报告；勾选后本案不计入本机关的统计。</p>
      </div>
      <TextArea name="note" label={FIELD_LABELS.note} value={v.note} error={e.note} rows={3} />
    </>
  );
}

export function AppealFormPage(props: { ctx: ViewCtx; nav: Nav; id?: number | undefined; form: AppealFormState }) {
  const { form, id } = props;
  const errors = form.errors ?? {};
  const title = id === undefined ? '登记复议、诉讼案件' : `修改案件：${form.values.reference}`;
  const action = id === undefined ? APPEALS_HREF : `${appealHref(id)}/edit`;
  return (
    <StaffLayout ctx={props.ctx} title={title} nav={props.nav} current={APPEALS_HREF}>
      <p>
        <a href={APPEALS_HREF}>返回案件登记簿</a>
      </p>
      <h1>{title}</h1>
      {form.conflict ? (
        <ConflictNotice message={form.conflict.message} typed={differences(FIELD_LABELS, form.values, form.conflict.typed)} />
      ) : null}
      <ErrorSummary message={form.message} fields={errors} />
      <form method="post" action={action} class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        {form.version !== undefined ? <input type="hidden" name="version" value={form.version} /> : null}
        <Fields v={form.values} e={errors} />
        <div class="actions">
          <button type="submit">保存</button>
          <a class="button secondary" href={APPEALS_HREF}>
            取消
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}
