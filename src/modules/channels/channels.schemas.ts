// The channels a publication goes out on (seed 一(四)), and the registers of deliveries to reading
// venues and of press conferences (seed 三(二)): codes, labels, form inputs.
import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/validation.js';
import { isoDate } from '../calendar/calendar.schemas.js';
import type { ChannelCode, ChannelState, Venue } from './channels.tables.js';

export type { ChannelCode, ChannelState, Venue } from './channels.tables.js';

export const CHANNELS: readonly ChannelCode[] = ['website', 'wechat', 'weibo', 'media', 'gazette', 'yearbook'];
export const CHANNEL_LABELS: Record<ChannelCode, string> = {
  website: '网站',
  wechat: '微信公众号',
  weibo: '微博',
  media: '报刊/媒体',
  gazette: '政府公报',
  yearbook: '年鉴',
};
/** Channels staff record by hand (the website is automatic, WeChat goes through the adapter). */
export const MANUAL_CHANNELS = ['weibo', 'media', 'gazette', 'yearbook'] as const;
export const CHANNEL_STATE_LABELS: Record<ChannelState, string> = {
  recorded: '已登记',
  pending: '正在发送',
  sent: '已发布',
  failed: '发送失败',
};

export const RecordInput = z.object({
  channel: z.enum(MANUAL_CHANNELS, { errorMap: () => ({ message: '请选择发布渠道。' }) }),
  sentOn: isoDate,
  note: optionalText(500),
});
export type RecordInput = z.infer<typeof RecordInput>;

export const VENUES: readonly Venue[] = ['service_centre', 'archives', 'library'];
export const VENUE_LABELS: Record<Venue, string> = {
  service_centre: '政务服务中心',
  archives: '档案馆',
  library: '公共图书馆',
};

/** Ids typed in one field, separated by commas, spaces or 、. */
const idList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const out: number[] = [];
    for (const s of (v ?? '').split(/[,，、;；\s]+/).filter(Boolean)) {
      if (!/^\d{1,15}$/.test(s) || Number(s) <= 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `“${s}”不是有效的信息编号，请填写系统编号（数字）。` });
        return z.NEVER;
      }
      out.push(Number(s));
    }
    return [...new Set(out)];
  });

/** One title a line; blank lines are skipped. */
const lines = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  )
  .refine((l) => l.length <= 500, '一次最多登记 500 份文件。')
  .refine((l) => l.every((x) => x.length <= 300), '每份文件的标题不能超过 300 个字符。');

export const DeliveryInput = z
  .object({
    deliveredOn: isoDate,
    venue: z.enum(['service_centre', 'archives', 'library'], { errorMap: () => ({ message: '请选择送交场所。' }) }),
    venueName: optionalText(200),
    items: lines,
    publicationIds: idList,
    copies: z
      .string({ required_error: '此项为必填项。' })
      .trim()
      .refine((v) => /^\d{1,6}$/.test(v) && Number(v) >= 1, '份数应为 1 至 999999 之间的整数。')
      .transform(Number),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.items.length === 0 && v.publicationIds.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['items'], message: '请填写送交的文件标题，或在下方填写信息编号。' });
    }
  });
export type DeliveryInput = z.infer<typeof DeliveryInput>;

export const ConferenceInput = z.object({
  heldOn: isoDate,
  topic: requiredText(300),
  speakers: requiredText(500),
  organiser: requiredText(200),
  transcriptId: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (/^\d{1,15}$/.test(v) && Number(v) > 0), '请填写实录信息的系统编号（数字），或留空。')
    .transform((v) => (v ? Number(v) : null)),
  note: optionalText(500),
});
export type ConferenceInput = z.infer<typeof ConferenceInput>;
