// The administrator's forms: one day, or a whole notice at once (one line a date).
import { Csrf, Field, Radios, TextArea } from '../../../ui/components.js';

/** What was typed and what was wrong with it, for a form re-rendered with 422. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm = (): FormState => ({ values: {}, errors: {} });

const WORKING_OPTIONS = [
  ['1', '工作日（班）'],
  ['0', '休息日（休）'],
] as const;

export function OverrideForm(props: { csrf: string; year: number; state: FormState }) {
  const { values: v, errors: e } = props.state;
  return (
    <form method="post" action="/staff/calendar/overrides" class="stack">
      <Csrf token={props.csrf} />
      <input type="hidden" name="year" value={String(props.year)} />
      <Field
        name="date"
        label="日期"
        type="date"
        value={v.date}
        error={e.date}
        hint="格式：YYYY-MM-DD，如 2027-02-06。已有调整的日期会被改写。"
        required
      />
      <Radios name="working" legend="这一天是" options={WORKING_OPTIONS} value={v.working} error={e.working} required />
      <Field
        name="notice"
        label="通知文号或名称"
        value={v.notice}
        error={e.notice}
        hint="如：国办发明电〔2026〕X号《国务院办公厅关于2027年部分节假日安排的通知》。"
        required
      />
      <Field name="note" label="备注" value={v.note} error={e.note} />
      <div class="actions">
        <button type="submit">保存</button>
      </div>
    </form>
  );
}

export function BulkForm(props: { csrf: string; year: number; state: FormState }) {
  const { values: v, errors: e } = props.state;
  return (
    <form method="post" action="/staff/calendar/overrides/bulk" class="stack">
      <Csrf token={props.csrf} />
      <input type="hidden" name="year" value={String(props.year)} />
      <TextArea
        name="lines"
        label="日期与标记（每行一个）"
        value={v.lines}
        error={e.lines}
        hint="每行写一个日期，空一格后写“休”（放假）或“班”（调休上班），如“2027-02-06 班”。落在放假期间的周末本就休息，可写可不写。有任何一行不正确时，全部不保存。"
        rows={10}
        class="cal-lines"
        spellcheck={false}
        required
      />
      <Field name="bulkNotice" label="通知文号或名称（适用于以上全部日期）" value={v.bulkNotice} error={e.bulkNotice} required />
      <div class="actions">
        <button type="submit">全部保存</button>
      </div>
    </form>
  );
}
