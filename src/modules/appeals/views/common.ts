// Pieces shared by the back-office pages of the appeals register.
import type { StaffNavItem } from '../../../ui/layout.js';

export type Nav = StaffNavItem[];
export const APPEALS_HREF = '/staff/appeals';
export const appealHref = (id: number) => `${APPEALS_HREF}/${id}`;

/** The appeal form as typed: every value a string. */
export interface AppealValues {
  reference: string;
  kind: string;
  filedOn: string;
  body: string;
  result: string;
  decidedOn: string;
  requestReference: string;
  jointDefendant: string;
  note: string;
}

export const FIELD_LABELS: Record<keyof AppealValues, string> = {
  reference: '案号',
  kind: '案件类型',
  filedOn: '立案日期',
  body: '复议机关或法院',
  result: '审理结果',
  decidedOn: '审结日期',
  requestReference: '涉及的申请编号',
  jointDefendant: '本机关仅作为复议机关共同被告',
  note: '备注',
};

export const emptyValues = (): AppealValues => ({
  reference: '',
  kind: '',
  filedOn: '',
  body: '',
  result: '',
  decidedOn: '',
  requestReference: '',
  jointDefendant: '',
  note: '',
});
