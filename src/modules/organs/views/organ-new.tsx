import { Csrf, ErrorSummary, Field, Select } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type Nav, type NewOrganValues, ORGAN_FIELD_LABELS, ORGANS_HREF, OrganDetailFields } from './common.js';

export interface ParentOption {
  code: string;
  name: string;
  depth: number;
}

export const emptyNewOrgan = (parentCode: string): NewOrganValues => ({
  parentCode,
  code: '',
  name: '',
  shortName: '',
  kind: '',
  creditCode: '',
  address: '',
  phone: '',
});

export function NewOrganPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  parents: readonly ParentOption[];
  values: NewOrganValues;
  message?: string | undefined;
  errors?: Record<string, string>;
}) {
  const { values } = props;
  const errors = props.errors ?? {};
  // full-width spaces survive in <option> text (only ASCII white space is collapsed there)
  const parents = props.parents.map((p) => [p.code, `${'　'.repeat(p.depth)}${p.name}`] as const);
  return (
    <StaffLayout ctx={props.ctx} title="新增下级机关" nav={props.nav} current={ORGANS_HREF}>
      <p>
        <a href={ORGANS_HREF}>返回机关列表</a>
      </p>
      <h1>新增下级机关</h1>
      <ErrorSummary message={props.message} fields={errors} />
      <form method="post" action={ORGANS_HREF} class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <Select
          name="parentCode"
          label={ORGAN_FIELD_LABELS.parentCode}
          options={parents}
          value={values.parentCode}
          error={errors.parentCode}
          required
        />
        <Field
          name="code"
          label={ORGAN_FIELD_LABELS.code}
          value={values.code}
          error={errors.code}
          hint="2–64 位字母、数字、下划线或连字符，在全平台唯一，创建后不能修改。"
          autocomplete="off"
          required
        />
        <OrganDetailFields values={values} errors={errors} />
        <div class="actions">
          <button type="submit">创建机关</button>
          <a class="button secondary" href={ORGANS_HREF}>
            取消
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}
