// Pieces shared by the organ and unit pages: labels, the form values as typed, the shared fields.
import { Field, Select } from '../../../ui/components.js';
import type { StaffNavItem } from '../../../ui/layout.js';
import { ORGAN_KIND_LABELS, ORGAN_KINDS, UNIT_KIND_LABELS, UNIT_KINDS } from '../organs.schemas.js';

export type Nav = StaffNavItem[];
export const ORGANS_HREF = '/staff/organs';

export const organKindLabel = (k: string) =>
  (ORGAN_KINDS as readonly string[]).includes(k) ? ORGAN_KIND_LABELS[k as (typeof ORGAN_KINDS)[number]] : k;
export const unitKindLabel = (k: string) =>
  (UNIT_KINDS as readonly string[]).includes(k) ? UNIT_KIND_LABELS[k as (typeof UNIT_KINDS)[number]] : k;

const CHOOSE: readonly [string, string] = ['', '请选择'];
export const organKindOptions: ReadonlyArray<readonly [string, string]> = [
  CHOOSE,
  ...ORGAN_KINDS.map((k) => [k, ORGAN_KIND_LABELS[k]] as const),
];
export const unitKindOptions: ReadonlyArray<readonly [string, string]> = [
  CHOOSE,
  ...UNIT_KINDS.map((k) => [k, UNIT_KIND_LABELS[k]] as const),
];

/** An organ as the pages show it. */
export interface OrganView {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  creditCode: string | null;
  address: string | null;
  phone: string | null;
  version: number;
}

/** The editable details of an organ, as typed (every value a string). */
export interface OrganDetailValues {
  name: string;
  shortName: string;
  kind: string;
  creditCode: string;
  address: string;
  phone: string;
}
export interface NewOrganValues extends OrganDetailValues {
  code: string;
  parentCode: string;
}

export const ORGAN_FIELD_LABELS: Record<keyof NewOrganValues, string> = {
  parentCode: '上级机关',
  code: '机关代码',
  name: '机关名称',
  shortName: '简称',
  kind: '机关类别',
  creditCode: '统一社会信用代码',
  address: '地址',
  phone: '联系电话',
};

export const detailValuesOf = (o: OrganView): OrganDetailValues => ({
  name: o.name,
  shortName: o.shortName ?? '',
  kind: o.kind,
  creditCode: o.creditCode ?? '',
  address: o.address ?? '',
  phone: o.phone ?? '',
});

/** The fields an organ's create and edit forms share. */
export function OrganDetailFields({ values, errors }: { values: OrganDetailValues; errors: Record<string, string> }) {
  return (
    <>
      <Field name="name" label={ORGAN_FIELD_LABELS.name} value={values.name} error={errors.name} required />
      <Field
        name="shortName"
        label={ORGAN_FIELD_LABELS.shortName}
        value={values.shortName}
        error={errors.shortName}
        hint="选填，页面空间有限时使用，如“自治区住房城乡建设厅”。"
      />
      <Select
        name="kind"
        label={ORGAN_FIELD_LABELS.kind}
        options={organKindOptions}
        value={values.kind}
        error={errors.kind}
        required
      />
      <Field
        name="creditCode"
        label={ORGAN_FIELD_LABELS.creditCode}
        value={values.creditCode}
        error={errors.creditCode}
        hint="选填，18 位统一社会信用代码（或 9 位组织机构代码），用于编制信息索引号。"
        autocomplete="off"
      />
      <Field name="address" label={ORGAN_FIELD_LABELS.address} value={values.address} error={errors.address} />
      <Field name="phone" label={ORGAN_FIELD_LABELS.phone} type="tel" value={values.phone} error={errors.phone} />
    </>
  );
}

/** A member of the organ's staff who may be a unit's liaison. */
export interface LiaisonOption {
  id: number;
  displayName: string;
  username: string;
  active: boolean;
}

export interface UnitValues {
  name: string;
  kind: string;
  sortOrder: string;
  liaisonUserId: string;
}

export const UNIT_FIELD_LABELS: Record<keyof UnitValues, string> = {
  name: '处室名称',
  kind: '处室类别',
  sortOrder: '排列顺序',
  liaisonUserId: '信息联络员',
};

export const emptyUnit: UnitValues = { name: '', kind: '', sortOrder: '0', liaisonUserId: '' };

export function liaisonLabel(u: LiaisonOption): string {
  return `${u.displayName}（${u.username}）${u.active ? '' : '（已停用）'}`;
}

/** Active staff, plus the chosen liaison even if their account has since been disabled. */
export function liaisonOptions(users: readonly LiaisonOption[], chosen: string): Array<readonly [string, string]> {
  return [
    ['', '（暂不指定）'],
    ...users.filter((u) => u.active || String(u.id) === chosen).map((u) => [String(u.id), liaisonLabel(u)] as const),
  ];
}

export function UnitFields(props: { values: UnitValues; errors: Record<string, string>; liaisons: readonly LiaisonOption[] }) {
  const { values, errors } = props;
  return (
    <>
      <Field name="name" label={UNIT_FIELD_LABELS.name} value={values.name} error={errors.name} required />
      <Select
        name="kind"
        label={UNIT_FIELD_LABELS.kind}
        options={unitKindOptions}
        value={values.kind}
        error={errors.kind}
        required
      />
      <Field
        name="sortOrder"
        label={UNIT_FIELD_LABELS.sortOrder}
        type="number"
        inputMode="numeric"
        value={values.sortOrder}
        error={errors.sortOrder}
        hint="0–9999 的整数，数字小的排在前面。"
      />
      <Select
        name="liaisonUserId"
        label={UNIT_FIELD_LABELS.liaisonUserId}
        options={liaisonOptions(props.liaisons, values.liaisonUserId)}
        value={values.liaisonUserId}
        error={errors.liaisonUserId}
      />
      {props.liaisons.length === 0 ? (
        <p class="hint">本机关还没有工作人员账号，可先创建处室，待新增用户后再指定信息联络员。</p>
      ) : (
        <p class="hint">信息联络员负责起草本处室的公开信息和依申请公开答复意见，须为本机关工作人员。</p>
      )}
    </>
  );
}
