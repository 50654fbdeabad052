// Pieces shared by the back-office publication pages: labels, deadlines, form values.
import { Select } from '../../../../ui/components.js';
import type { StaffNavItem } from '../../../../ui/layout.js';
import type { Art26Deadline } from '../../publications.deadlines.js';
import { LINK_KIND_LABELS, type LinkKind } from '../../publications.schemas.js';
import { ACTION_LABELS, type Action, STATE_LABELS, STATES, type State } from '../../publications.workflow.js';

export type Nav = StaffNavItem[];
export const PUBLICATIONS_HREF = '/staff/publications';
export const itemHref = (id: number) => `${PUBLICATIONS_HREF}/${id}`;

export const stateLabel = (s: string) => ((STATES as readonly string[]).includes(s) ? STATE_LABELS[s as State] : s);

const EVENT_LABELS: Record<string, string> = {
  ...ACTION_LABELS,
  create: '创建草稿',
  edit: '修改内容',
  repealed: '被新文件废止',
  replaced: '被新文件替代',
};
export const eventLabel = (a: string) => (Object.hasOwn(EVENT_LABELS, a) ? EVENT_LABELS[a] : undefined) ?? a;

export const linkLabel = (k: LinkKind) => LINK_KIND_LABELS[k];

/** Art 26: the working days left (or how it ended), with a text flag when at risk or overdue. */
export function DeadlineText({ d }: { d: Art26Deadline }) {
  switch (d.status) {
    case 'open':
      return (
        <>
          剩余 {d.remaining} 个工作日（{d.dueOn} 前）
        </>
      );
    case 'at_risk':
      return (
        <>
          <strong class="tag">即将逾期</strong> 剩余 {d.remaining} 个工作日（{d.dueOn} 前）
        </>
      );
    case 'overdue':
      return (
        <>
          <strong class="tag">已逾期</strong> 超过 {-d.remaining} 个工作日（应于 {d.dueOn} 前公开）
        </>
      );
    case 'met':
      return <>已按期公开（期限 {d.dueOn}）</>;
    case 'late':
      return (
        <>
          <strong class="tag">逾期公开</strong> 期限为 {d.dueOn}
        </>
      );
    default:
      return <span class="hint">不适用（非主动公开）</span>;
  }
}

// ── the metadata form ─────────────────────────────────────────────────────────────────────

/** The metadata of a publication as typed: every value a string. */
export interface PublicationValues {
  columnId: string;
  unitId: string;
  title: string;
  summary: string;
  issuingOrgan: string;
  createdOn: string;
  docNumber: string;
  theme: string;
  genre: string;
  keywords: string;
  disclosure: string;
  withheldReason: string;
  validity: string;
  validityDate: string;
  docKind: string;
  bodyHtml: string;
  interprets: string;
  corrects: string;
  replaces: string;
  repeals: string;
}

export const FIELD_LABELS: Record<keyof PublicationValues, string> = {
  columnId: '栏目',
  unitId: '所属处室',
  title: '标题',
  summary: '内容概述',
  issuingOrgan: '发布机构',
  createdOn: '成文日期',
  docNumber: '文号',
  theme: '主题分类',
  genre: '体裁',
  keywords: '主题词',
  disclosure: '公开方式',
  withheldReason: '不予公开的理由及依据',
  validity: '有效性',
  validityDate: '失效或废止日期',
  docKind: '文件类型',
  bodyHtml: '正文',
  interprets: '解读的政策文件',
  corrects: '澄清更正的信息',
  replaces: '替代的文件',
  repeals: '废止的文件',
};

export const emptyValues = (today: string): PublicationValues => ({
  columnId: '',
  unitId: '',
  title: '',
  summary: '',
  issuingOrgan: '',
  createdOn: today,
  docNumber: '',
  theme: '',
  genre: '',
  keywords: '',
  disclosure: 'proactive',
  withheldReason: '',
  validity: 'valid',
  validityDate: '',
  docKind: 'other',
  bodyHtml: '',
  interprets: '',
  corrects: '',
  replaces: '',
  repeals: '',
});

export interface ColumnOption {
  id: number;
  name: string;
  parentId: number | null;
}

export interface UnitOption {
  id: number;
  name: string;
}

/** The catalogue as a select: columns with sub-columns become groups (only leaves can be chosen). */
export function ColumnSelect(props: {
  name: string;
  label: string;
  columns: readonly ColumnOption[];
  value: string;
  error?: string | undefined;
  required?: boolean;
  any?: string;
}) {
  const parents = new Set(props.columns.map((c) => c.parentId).filter((p): p is number => p !== null));
  const top = props.columns.filter((c) => c.parentId === null);
  const opt = (c: ColumnOption) => (
    <option value={String(c.id)} selected={props.value === String(c.id)}>
      {c.name}
    </option>
  );
  return (
    <Select name={props.name} label={props.label} value={props.value} error={props.error} required={props.required}>
      <option value="" selected={props.value === ''}>
        {props.any ?? '请选择'}
      </option>
      {top.map((c) =>
        parents.has(c.id) ? (
          <optgroup label={c.name}>{props.columns.filter((k) => k.parentId === c.id).map(opt)}</optgroup>
        ) : (
          opt(c)
        ),
      )}
    </Select>
  );
}

export const actionLabel = (a: Action) => ACTION_LABELS[a];
