import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/validation.js';

export const ORGAN_KINDS = ['government', 'department', 'affiliated', 'other'] as const;
export const ORGAN_KIND_LABELS: Record<(typeof ORGAN_KINDS)[number], string> = {
  government: '人民政府',
  department: '政府部门',
  affiliated: '直属单位',
  other: '其他机关',
};
export const UNIT_KINDS = ['office', 'business', 'other'] as const;
export const UNIT_KIND_LABELS: Record<(typeof UNIT_KINDS)[number], string> = {
  office: '办公室（政府信息公开工作机构）',
  business: '业务处室',
  other: '其他',
};

export const OrganInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,64}$/, '机关代码只能由 2–64 位字母、数字、下划线或连字符组成。'),
  name: requiredText(200),
  shortName: optionalText(100),
  kind: z.enum(ORGAN_KINDS),
  parentCode: optionalText(64),
  creditCode: optionalText(18).refine(
    (v) => v === null || /^[0-9A-Z]{9}$|^[0-9A-Z]{18}$/.test(v),
    '组织机构代码为 9 位、统一社会信用代码为 18 位（数字或大写字母）。',
  ),
  address: optionalText(300),
  phone: optionalText(100),
});
export type OrganInput = z.infer<typeof OrganInput>;

export const OrganUpdate = OrganInput.omit({ code: true, parentCode: true }).extend({
  version: z.coerce.number().int(),
});
export type OrganUpdate = z.infer<typeof OrganUpdate>;

export const UnitInput = z.object({
  name: requiredText(100),
  kind: z.enum(UNIT_KINDS),
  sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
  liaisonUserId: z
    .union([z.literal(''), z.coerce.number().int().positive()])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
});
export type UnitInput = z.infer<typeof UnitInput>;
export const UnitUpdate = UnitInput.extend({ version: z.coerce.number().int() });
