import { ConflictNotice, Csrf, differences, ErrorSummary } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import {
  type LiaisonOption,
  liaisonLabel,
  type Nav,
  ORGANS_HREF,
  UNIT_FIELD_LABELS,
  UnitFields,
  type UnitValues,
  unitKindLabel,
} from './common.js';

interface OrganRef {
  id: number;
  name: string;
}

function BackToOrgan({ organ }: { organ: OrganRef }) {
  return (
    <p>
      <a href={`${ORGANS_HREF}/${organ.id}#units`}>返回{organ.name}</a>
    </p>
  );
}

export function NewUnitPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: OrganRef;
  liaisons: readonly LiaisonOption[];
  values: UnitValues;
  message?: string | undefined;
  errors?: Record<string, string>;
}) {
  const { organ } = props;
  const errors = props.errors ?? {};
  return (
    <StaffLayout ctx={props.ctx} title={`新增处室 - ${organ.name}`} nav={props.nav} current={ORGANS_HREF}>
      <BackToOrgan organ={organ} />
      <h1>新增处室</h1>
      <p class="lead">所属机关：{organ.name}</p>
      <ErrorSummary message={props.message} fields={errors} />
      <form method="post" action={`${ORGANS_HREF}/${organ.id}/units`} class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <UnitFields values={props.values} errors={errors} liaisons={props.liaisons} />
        <div class="actions">
          <button type="submit">创建处室</button>
          <a class="button secondary" href={`${ORGANS_HREF}/${organ.id}`}>
            取消
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}

/** The unit as saved. */
export interface UnitView {
  id: number;
  name: string;
  kind: string;
  sortOrder: number;
  liaisonUserId: number | null;
  version: number;
}

export const unitValuesOf = (u: UnitView): UnitValues => ({
  name: u.name,
  kind: u.kind,
  sortOrder: String(u.sortOrder),
  liaisonUserId: u.liaisonUserId === null ? '' : String(u.liaisonUserId),
});

/** The edit form's state when it is shown again: what was typed (422) or what lost a race (409). */
export interface UnitEditState {
  values: UnitValues;
  version: string;
  message?: string | undefined;
  errors?: Record<string, string>;
  conflict?: { message: string; typed: UnitValues };
}

export function UnitPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: OrganRef;
  unit: UnitView;
  liaisons: readonly LiaisonOption[];
  canManage: boolean;
  edit?: UnitEditState | undefined;
}) {
  const { organ, unit } = props;
  const edit: UnitEditState = props.edit ?? { values: unitValuesOf(unit), version: String(unit.version) };
  const errors = edit.errors ?? {};
  const liaisonName = (id: string) => {
    const u = props.liaisons.find((l) => String(l.id) === id);
    return u ? liaisonLabel(u) : id === '' ? '（暂不指定）' : id;
  };
  const show = (k: keyof UnitValues, v: string) => (k === 'kind' ? unitKindLabel(v) : k === 'liaisonUserId' ? liaisonName(v) : v);
  return (
    <StaffLayout ctx={props.ctx} title={`${unit.name} - ${organ.name}`} nav={props.nav} current={ORGANS_HREF}>
      <BackToOrgan organ={organ} />
      <h1>{unit.name}</h1>
      <p class="lead">所属机关：{organ.name}</p>
      {edit.conflict ? (
        <ConflictNotice
          message={edit.conflict.message}
          typed={differences(UNIT_FIELD_LABELS, edit.values, edit.conflict.typed, show)}
        />
      ) : null}
      <ErrorSummary message={edit.message} fields={errors} />
      {props.canManage ? (
        <form method="post" action={`/staff/units/${unit.id}`} class="stack" novalidate>
          <Csrf token={props.ctx.csrf} />
          <input type="hidden" name="version" value={edit.version} />
          <UnitFields values={edit.values} errors={errors} liaisons={props.liaisons} />
          <div class="actions">
            <button type="submit">保存修改</button>
            <a class="button secondary" href={`${ORGANS_HREF}/${organ.id}`}>
              取消
            </a>
          </div>
        </form>
      ) : (
        <>
          <dl class="meta">
            <dt>{UNIT_FIELD_LABELS.kind}</dt>
            <dd>{unitKindLabel(unit.kind)}</dd>
            <dt>{UNIT_FIELD_LABELS.sortOrder}</dt>
            <dd>{unit.sortOrder}</dd>
            <dt>{UNIT_FIELD_LABELS.liaisonUserId}</dt>
            <dd>{unit.liaisonUserId === null ? <span class="hint">未指定</span> : liaisonName(String(unit.liaisonUserId))}</dd>
          </dl>
          <p class="hint">如需修改处室信息，请联系系统管理员。</p>
        </>
      )}
    </StaffLayout>
  );
}
