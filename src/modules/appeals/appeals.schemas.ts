import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/validation.js';
import { isIsoDate } from '../calendar/calendar.days.js';
import { KIND_CODES, RESULT_CODES } from './appeals.codes.js';

const date = z
  .string({ required_error: '此项为必填项。' })
  .trim()
  .min(1)
  .refine(isIsoDate, '日期格式应为 YYYY-MM-DD，且须为真实日期。');
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isIsoDate(v), '日期格式应为 YYYY-MM-DD，且须为真实日期。');

/** The appeal form (also the service input); the rules across fields give Chinese messages. */
export const AppealInput = z
  .object({
    reference: requiredText(60).refine((v) => !/\s/.test(v), '案号不能含有空格。'),
    kind: z.enum(KIND_CODES as [string, ...string[]], { required_error: '请选择案件类型。' }),
    filedOn: date,
    body: optionalText(200),
    result: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || (RESULT_CODES as readonly string[]).includes(v), '请从给定选项中选择。'),
    decidedOn: optionalDate,
    requestReference: optionalText(60),
    jointDefendant: z
      .union([z.literal('1'), z.literal('0'), z.literal(''), z.boolean()])
      .optional()
      .transform((v) => v === '1' || v === true),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.decidedOn !== null && v.decidedOn < v.filedOn)
      ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: `审结日期不能早于立案日期（${v.filedOn}）。` });
    if (v.result !== null && v.decidedOn === null)
      ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: '已有审理结果的，请填写审结日期。' });
    if (v.result === null && v.decidedOn !== null)
      ctx.addIssue({ code: 'custom', path: ['result'], message: '填写了审结日期的，请选择审理结果。' });
  });
export type AppealInput = z.infer<typeof AppealInput>;

export const VersionField = z.coerce.number({ invalid_type_error: '格式不正确。' }).int().positive();

export const YearTotalInput = z.object({
  year: z.coerce.number({ invalid_type_error: '年度应为四位数字。' }).int().min(1990, '年度不能早于 1990 年。').max(2200),
  total: z
    .string({ required_error: '此项为必填项。' })
    .trim()
    .regex(/^\d{1,6}$/, '请填写非负整数。')
    .transform(Number),
});
