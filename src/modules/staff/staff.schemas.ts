import { z } from 'zod';
import { requiredText, stringList } from '../../platform/validation.js';

const optionalId = z
  .union([z.literal(''), z.coerce.number().int().positive()])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

export const UserInput = z.object({
  organId: z.coerce.number().int().positive(),
  unitId: optionalId,
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9._-]{2,63}$/, '用户名须以小写字母开头，由 3–64 位小写字母、数字、点、下划线或连字符组成。'),
  displayName: requiredText(100),
  password: z.string({ required_error: '此项为必填项。' }).min(1),
  roles: stringList,
});
export type UserInput = z.infer<typeof UserInput>;

export const UserUpdate = z.object({
  displayName: requiredText(100),
  unitId: optionalId,
  active: z
    .union([z.literal('1'), z.literal('0'), z.literal('on')])
    .optional()
    .transform((v) => (v === '1' || v === 'on' ? 1 : 0)),
  version: z.coerce.number().int(),
});

export const RolesInput = z.object({ roles: stringList });

export const PasswordChange = z.object({
  current: z.string({ required_error: '此项为必填项。' }).min(1),
  password: z.string({ required_error: '此项为必填项。' }).min(1),
  confirm: z.string({ required_error: '此项为必填项。' }).min(1),
});

export const PasswordReset = z.object({ password: z.string({ required_error: '此项为必填项。' }).min(1) });
