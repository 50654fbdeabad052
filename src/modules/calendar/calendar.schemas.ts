import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/validation.js';
import { isIsoDate } from './calendar.days.js';

export const isoDate = z
  .string({ required_error: '此项为必填项。' })
  .trim()
  .refine((v) => isIsoDate(v), '日期格式应为 YYYY-MM-DD，且须为真实日期。');

export const OverrideInput = z.object({
  date: isoDate,
  working: z.enum(['1', '0'], { errorMap: () => ({ message: '请选择“工作日”或“休息日”。' }) }).transform((v) => v === '1'),
  notice: requiredText(300),
  note: optionalText(500),
});
