import { ConflictNotice, Csrf, differences, EmptyState, ErrorSummary } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import {
  detailValuesOf,
  type Nav,
  ORGAN_FIELD_LABELS,
  ORGANS_HREF,
  OrganDetailFields,
  type OrganDetailValues,
  type OrganView,
  organKindLabel,
  unitKindLabel,
} from './common.js';

export interface UnitListItem {
  id: number;
  name: string;
  kind: string;
  liaisonName: string | null;
}

export interface ChildOrgan {
  id: number;
  code: string;
  name: string;
  kind: string;
  readable: boolean;
}

/** The edit form's state when it is shown again: what was typed (422) or what lost a race (409). */
export interface OrganEditState {
  values: OrganDetailValues;
  version: string;
  message?: string | undefined;
  errors?: Record<string, string>;
  conflict?: { message: string; typed: OrganDetailValues };
}

const DETAIL_LABELS: Record<keyof OrganDetailValues, string> = {
  name: ORGAN_FIELD_LABELS.name,
  shortName: ORGAN_FIELD_LABELS.shortName,
  kind: ORGAN_FIELD_LABELS.kind,
  creditCode: ORGAN_FIELD_LABELS.creditCode,
  address: ORGAN_FIELD_LABELS.address,
  phone: ORGAN_FIELD_LABELS.phone,
};

const orDash = (v: string | null) => (v === null || v === '' ? <span class="hint">未填写</span> : v);

export function OrganPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: OrganView;
  parent: { id: number; name: string; readable: boolean } | null;
  units: readonly UnitListItem[];
  children: readonly ChildOrgan[];
  can: { update: boolean; manageUnits: boolean; createChild: boolean };
  edit?: OrganEditState | undefined;
  /** The page of the organ's 公开指南 settings, for those who may change them. */
  settingsHref?: string | undefined;
}) {
  const { organ, can } = props;
  const href = `${ORGANS_HREF}/${organ.id}`;
  const edit: OrganEditState = props.edit ?? { values: detailValuesOf(organ), version: String(organ.version) };
  const errors = edit.errors ?? {};
  return (
    <StaffLayout ctx={props.ctx} title={organ.name} nav={props.nav} current={ORGANS_HREF}>
      <p>
        <a href={ORGANS_HREF}>返回机关列表</a>
      </p>
      <h1>{organ.name}</h1>
      {edit.conflict ? (
        <ConflictNotice
          message={edit.conflict.message}
          typed={differences(DETAIL_LABELS, edit.values, edit.conflict.typed, (k, v) => (k === 'kind' ? organKindLabel(v) : v))}
        />
      ) : null}
      <ErrorSummary message={edit.message} fields={errors} />
      <dl class="meta">
        <dt>{ORGAN_FIELD_LABELS.code}</dt>
        <dd>
          <code>{organ.code}</code>
        </dd>
        <dt>{ORGAN_FIELD_LABELS.shortName}</dt>
        <dd>{orDash(organ.shortName)}</dd>
        <dt>{ORGAN_FIELD_LABELS.kind}</dt>
        <dd>{organKindLabel(organ.kind)}</dd>
        <dt>{ORGAN_FIELD_LABELS.parentCode}</dt>
        <dd>
          {props.parent === null ? (
            <span class="hint">无（顶层机关）</span>
          ) : props.parent.readable ? (
            <a href={`${ORGANS_HREF}/${props.parent.id}`}>{props.parent.name}</a>
          ) : (
            props.parent.name
          )}
        </dd>
        <dt>{ORGAN_FIELD_LABELS.creditCode}</dt>
        <dd>{orDash(organ.creditCode)}</dd>
        <dt>{ORGAN_FIELD_LABELS.address}</dt>
        <dd>{orDash(organ.address)}</dd>
        <dt>{ORGAN_FIELD_LABELS.phone}</dt>
        <dd>{orDash(organ.phone)}</dd>
      </dl>
      {can.update ? null : <p class="hint">您可以查阅本机关的信息；如需修改，请联系系统管理员。</p>}
      {props.settingsHref ? (
        <p>
          <a href={props.settingsHref}>政府信息公开指南设置（受理机构、办公地址、办公时间、联系方式）</a>
        </p>
      ) : null}

      <h2 id="units">内设处室</h2>
      {can.manageUnits ? (
        <div class="actions">
          <a class="button" href={`${href}/units/new`}>
            新增处室
          </a>
        </div>
      ) : null}
      {props.units.length === 0 ? (
        <EmptyState title="本机关还没有登记处室。" hint={can.manageUnits ? '点击“新增处室”登记第一个处室。' : undefined} />
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="hint">
              共 {props.units.length} 个处室{can.manageUnits ? '。点击处室名称可修改处室信息、指定信息联络员。' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">处室名称</th>
                <th scope="col">类别</th>
                <th scope="col">信息联络员</th>
              </tr>
            </thead>
            <tbody>
              {props.units.map((u) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/units/${u.id}`}>{u.name}</a>
                  </th>
                  <td>{unitKindLabel(u.kind)}</td>
                  <td>{u.liaisonName ?? <span class="hint">未指定</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="children">下级机关</h2>
      {can.createChild ? (
        <div class="actions">
          <a class="button" href={`${ORGANS_HREF}/new?parent=${organ.id}`}>
            新增下级机关
          </a>
        </div>
      ) : null}
      {props.children.length === 0 ? (
        <EmptyState title="没有下级机关。" />
      ) : (
        <ul>
          {props.children.map((c) => (
            <li>
              {c.readable ? <a href={`${ORGANS_HREF}/${c.id}`}>{c.name}</a> : c.name}{' '}
              <span class="tag">{organKindLabel(c.kind)}</span> <code>{c.code}</code>
            </li>
          ))}
        </ul>
      )}

      {can.update ? (
        <>
          <h2 id="edit">修改机关信息</h2>
          <p class="hint">机关代码和上级机关创建后不能修改。</p>
          <form method="post" action={href} class="stack" novalidate>
            <Csrf token={props.ctx.csrf} />
            <input type="hidden" name="version" value={edit.version} />
            <OrganDetailFields values={edit.values} errors={errors} />
            <div class="actions">
              <button type="submit">保存修改</button>
            </div>
          </form>
        </>
      ) : null}
    </StaffLayout>
  );
}
