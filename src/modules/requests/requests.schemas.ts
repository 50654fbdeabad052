// Inputs of requests: the Art 29 form, staff intake (Art 31 channels) and the case actions.
import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/validation.js';
import { isoDate } from '../calendar/calendar.schemas.js';
import { APPLICANT_TYPES, DELIVERIES, FORMS_WANTED, ID_TYPES, OUTCOMES } from './requests.codes.js';

const codes = <T extends ReadonlyArray<readonly [string, string]>>(list: T) =>
  list.map(([c]) => c) as unknown as [T[number][0], ...Array<T[number][0]>];
const choice = <T extends ReadonlyArray<readonly [string, string]>>(list: T) =>
  z.enum(codes(list), { errorMap: () => ({ message: '请从给定选项中选择。' }) });

const email = optionalText(200).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '电子邮箱格式不正确。');
const phone = optionalText(40).refine((v) => v === null || /^[0-9+\-() ]{5,40}$/.test(v), '联系电话只能包含数字、空格和 +-()。');

/** Art 29 ¶2: who applies (with proof of identity and contact), what is sought, in which form. */
export const ApplicationInput = z
  .object({
    applicantType: choice(APPLICANT_TYPES),
    applicantName: requiredText(200),
    contactPerson: optionalText(100),
    idType: choice(ID_TYPES),
    idNumber: requiredText(60).refine((v) => /^[0-9A-Za-z\-()（） ]{4,60}$/.test(v.normalize('NFKC')), '证件号码格式不正确。'),
    phone,
    email,
    address: optionalText(300),
    infoTitle: optionalText(300),
    infoDocNumber: optionalText(100),
    infoDescription: requiredText(4000),
    formWanted: choice(FORMS_WANTED),
    delivery: choice(DELIVERIES),
  })
  .superRefine((v, ctx) => {
    if (!v.phone && !v.email && !v.address)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: '请至少填写一种联系方式（电话、电子邮箱或通信地址）。' });
    if (v.delivery === 'email' && !v.email)
      ctx.addIssue({ code: 'custom', path: ['email'], message: '选择电子邮件获取的，请填写电子邮箱。' });
    if (v.delivery === 'mail' && !v.address)
      ctx.addIssue({ code: 'custom', path: ['address'], message: '选择邮寄的，请填写通信地址。' });
    if (v.applicantType !== 'natural_person' && !v.contactPerson)
      ctx.addIssue({ code: 'custom', path: ['contactPerson'], message: '法人或其他组织申请的，请填写联系人。' });
  });
export type ApplicationInput = z.infer<typeof ApplicationInput>;

/** Staff intake: the channel and the date that channel's rule of Art 31 makes the date of receipt. */
export const StaffIntakeInput = z.object({
  channel: z.enum(['in_person', 'post', 'registered_post', 'fax', 'email'], {
    errorMap: () => ({ message: '请选择收到申请的渠道。' }),
  }),
  receivedDate: isoDate,
});

export const VersionInput = z.object({ version: z.coerce.number().int() });

export const AssignInput = VersionInput.extend({
  unitId: z.coerce.number({ invalid_type_error: '请选择承办处室。' }).int().positive('请选择承办处室。'),
  note: optionalText(1000),
});

/** A dated step with a text (correction notice, consultation letter, fee notice…). */
export const DatedInput = VersionInput.extend({
  on: isoDate,
  reason: optionalText(2000),
  /** For correction requests: the deadline the notice gives. */
  deadline: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), '日期格式应为 YYYY-MM-DD。'),
  party: z.enum(['third_party', 'organ']).optional(),
});

export const ExtendInput = VersionInput.extend({
  on: isoDate,
  workingDays: z.coerce.number({ invalid_type_error: '请填写工作日数。' }).int('请填写整数。'),
  reason: optionalText(2000),
});

export const DeferInput = VersionInput.extend({ on: isoDate, until: isoDate, reason: optionalText(2000) });

export const DecideInput = VersionInput.extend({
  outcome: z.enum(OUTCOMES as [string, ...string[]], { errorMap: () => ({ message: '请选择处理结果。' }) }),
  legalGround: optionalText(2000),
  releasedParts: optionalText(4000),
  withheldParts: optionalText(4000),
  decisionNote: optionalText(4000),
});

export const ReasonInput = VersionInput.extend({ reason: optionalText(2000) });

export const ReplyInput = VersionInput.extend({
  repliedOn: isoDate,
  method: requiredText(200),
  message: optionalText(4000),
});

export const NoteInput = z.object({
  kind: z.enum(['note', 'message'], { errorMap: () => ({ message: '请选择内部备注或致申请人的消息。' }) }),
  body: requiredText(4000),
});

/** The 信息处理费 of a case: one method, its quantity, how to pay, an optional waiver. */
export const FeeInput = VersionInput.extend({
  on: isoDate,
  method: z.enum(['per_request', 'per_page'], { errorMap: () => ({ message: '请选择计费方式：按件计收或按量计收。' }) }),
  quantity: z.coerce.number({ invalid_type_error: '请填写整数。' }).int('请填写整数。').min(0, '不能小于 0。').max(100000),
  howToPay: optionalText(500),
  waiverReason: optionalText(500),
});
