// The draft's metadata form: new (起草) and edit (修改, draft or returned items only).
import { ConflictNotice, Csrf, differences, ErrorSummary } from '../../../../ui/components.js';
import { StaffLayout } from '../../../../ui/layout.js';
import type { ViewCtx } from '../../../../ui/view.js';
import {
  type ColumnOption,
  FIELD_LABELS,
  itemHref,
  type Nav,
  PUBLICATIONS_HREF,
  type PublicationValues,
  type UnitOption,
} from './common.js';
import { PublicationFields } from './fields.js';

export interface FormState {
  values: PublicationValues;
  message?: string | undefined;
  errors?: Record<string, string>;
}

export function NewPublicationPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  columns: readonly ColumnOption[];
  units: readonly UnitOption[];
  form: FormState;
}) {
  const errors = props.form.errors ?? {};
  return (
    <StaffLayout ctx={props.ctx} title="起草新信息" nav={props.nav} current={PUBLICATIONS_HREF}>
      <p>
        <a href={PUBLICATIONS_HREF}>返回信息列表</a>
      </p>
      <h1>起草新信息</h1>
      <ErrorSummary message={props.form.message} fields={errors} />
      <form method="post" action={PUBLICATIONS_HREF} class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <PublicationFields values={props.form.values} errors={errors} columns={props.columns} units={props.units} />
        <div class="actions">
          <button type="submit">保存草稿</button>
          <a class="button secondary" href={PUBLICATIONS_HREF}>
            取消
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}

export interface EditState extends FormState {
  version: string;
  /** The save lost a race: the form holds the latest values, these were typed. */
  conflict?: { message: string; typed: PublicationValues };
}

export function EditPublicationPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  item: { id: number; title: string };
  columns: readonly ColumnOption[];
  units: readonly UnitOption[];
  /** Why the item cannot be edited now (then no form). */
  blocked?: string | undefined;
  form: EditState;
}) {
  const { item, form } = props;
  const errors = form.errors ?? {};
  const href = itemHref(item.id);
  return (
    <StaffLayout ctx={props.ctx} title={`修改：${item.title}`} nav={props.nav} current={PUBLICATIONS_HREF}>
      <p>
        <a href={href}>返回信息页面</a>
      </p>
      <h1>修改：{item.title}</h1>
      {props.blocked ? (
        <div class="warning" role="alert">
          <p>{props.blocked}</p>
        </div>
      ) : (
        <>
          {form.conflict ? (
            <ConflictNotice message={form.conflict.message} typed={differences(FIELD_LABELS, form.values, form.conflict.typed)} />
          ) : null}
          <ErrorSummary message={form.message} fields={errors} />
          <form method="post" action={`${href}/edit`} class="stack" novalidate>
            <Csrf token={props.ctx.csrf} />
            <input type="hidden" name="version" value={form.version} />
            <PublicationFields values={form.values} errors={errors} columns={props.columns} units={props.units} />
            <div class="actions">
              <button type="submit">保存修改</button>
              <a class="button secondary" href={href}>
                取消
              </a>
            </div>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
