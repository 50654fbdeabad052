// zod with Chinese messages; parse() turns failures into a 422 with field errors.
import { z } from 'zod';
import { invalid } from './http/errors.js';

const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null') return { message: '此项为必填项。' };
      return { message: '格式不正确。' };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string')
        return { message: issue.minimum === 1 ? '此项为必填项。' : `至少需要 ${issue.minimum} 个字符。` };
      if (issue.type === 'array') return { message: `至少选择 ${issue.minimum} 项。` };
      return { message: `不能小于 ${issue.minimum}。` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过 ${issue.maximum} 个字符。` };
      return { message: `不能大于 ${issue.maximum}。` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: '请从给定选项中选择。' };
    case z.ZodIssueCode.invalid_string:
      return { message: '格式不正确。' };
    default:
      return { message: ctx.defaultError === 'Required' ? '此项为必填项。' : '填写的内容不正确。' };
  }
};
z.setErrorMap(zhErrorMap);

export function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  throw invalid('请检查标出的项目。', fields);
}

/** A trimmed text field; empty strings become undefined (optional form fields). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));

export const requiredText = (max: number) => z.string({ required_error: '此项为必填项。' }).trim().min(1).max(max);

/** Checkbox lists arrive as a string (one checked) or an array (several). */
export const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
