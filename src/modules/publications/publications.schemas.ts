// Inputs of the publishing workflow: the catalogue metadata (norms.md §7.2–7.3) and the body.
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { optionalText, requiredText, stringList } from '../../platform/validation.js';
import { isoDate } from '../calendar/calendar.schemas.js';

/** 体裁分类 (公文种类). */
export const GENRES = [
  'notice',
  'decision',
  'opinion',
  'measures',
  'provisions',
  'announcement',
  'circular',
  'report',
  'reply',
  'letter',
  'minutes',
  'other',
] as const;
export type Genre = (typeof GENRES)[number];
export const GENRE_LABELS: Record<Genre, string> = {
  notice: '通知',
  decision: '决定',
  opinion: '意见',
  measures: '办法',
  provisions: '规定',
  announcement: '公告',
  circular: '通告',
  report: '报告',
  reply: '批复',
  letter: '函',
  minutes: '纪要',
  other: '其他',
};

/** 公开方式. */
export const DISCLOSURES = ['proactive', 'on_request', 'withheld'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
export const DISCLOSURE_LABELS: Record<Disclosure, string> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

/** 有效性. */
export const VALIDITIES = ['valid', 'expired', 'repealed'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', expired: '失效', repealed: '废止' };

/** Document kinds counted in table 2 of the annual report. */
export const DOC_KINDS = ['regulation', 'normative', 'other'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const DOC_KIND_LABELS: Record<DocKind, string> = { regulation: '规章', normative: '行政规范性文件', other: '其他' };

export const LINK_KINDS = ['interprets', 'corrects', 'replaces', 'repeals'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  interprets: '解读',
  corrects: '澄清更正',
  replaces: '替代',
  repeals: '废止',
};

/** The allow-list of the body: structure, emphasis, tables, links and images over http(s). */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'hr',
    'pre',
    'code',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'a',
    'img',
    'figure',
    'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** The body as stored and shown: only the allow-list survives; scripts and event handlers never do. */
/** Whether a body was written as HTML (a tag or a comment), not as plain text. */
const LOOKS_LIKE_HTML = /<\/?[a-z][^>]*>|<!--/i;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text as paragraphs: a blank line starts a paragraph, a single line break stays one. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(
      (p) =>
        `<p>${p
          .split('\n')
          .map((l) => escapeText(l.trim()))
          .join('<br />')}</p>`,
    )
    .join('\n');
}

/** The body as stored and shown: plain text becomes paragraphs; HTML keeps only the allow-list. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(LOOKS_LIKE_HTML.test(html) ? html : textToHtml(html), SANITIZE).trim();
}

const optionalId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  z.coerce.number({ invalid_type_error: '格式不正确。' }).int().positive().nullable(),
);
const idList = stringList.transform((l, ctx) => {
  const out: number[] = [];
  for (const s of l) {
    if (s.trim() === '') continue;
    const n = Number(s);
    if (!Number.isSafeInteger(n) || n <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: '格式不正确。' });
      return z.NEVER;
    }
    if (!out.includes(n)) out.push(n);
  }
  return out;
});
const optionalDate = z.preprocess((v) => (v === '' || v === undefined ? null : v), isoDate.nullable());

/** 主题词: separated by commas, 、, semicolons or spaces; at most 10 of up to 20 characters. */
const keywords = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v, ctx) => {
    const raw = v === undefined ? [] : Array.isArray(v) ? v : v.split(/[,，、;；\s]+/);
    const words = [...new Set(raw.map((w) => w.trim()).filter(Boolean))];
    if (words.length > 10) ctx.addIssue({ code: z.ZodIssueCode.custom, message: '主题词最多 10 个。' });
    if (words.some((w) => w.length > 20)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: '每个主题词不超过 20 个字符。' });
    return words;
  });

const fields = {
  columnId: z.coerce.number({ invalid_type_error: '请选择栏目。' }).int().positive('请选择栏目。'),
  unitId: optionalId,
  title: requiredText(300),
  summary: optionalText(2000),
  /** 发布机构; the organ's name when left empty. */
  issuingOrgan: optionalText(200),
  /** 成文日期 (生成日期): Art 26 counts from it. */
  createdOn: isoDate,
  docNumber: optionalText(100),
  theme: requiredText(100),
  genre: z.enum(GENRES, { errorMap: () => ({ message: '请选择体裁。' }) }),
  keywords,
  disclosure: z.enum(DISCLOSURES, { errorMap: () => ({ message: '请选择公开方式。' }) }).default('proactive'),
  withheldReason: optionalText(500),
  validity: z.enum(VALIDITIES, { errorMap: () => ({ message: '请选择有效性。' }) }).default('valid'),
  validityDate: optionalDate,
  docKind: z.enum(DOC_KINDS, { errorMap: () => ({ message: '请选择文件类别。' }) }).default('other'),
  bodyHtml: z
    .string()
    .max(2_000_000, '正文过长。')
    .optional()
    .transform((v) => sanitizeBody(v ?? '')),
  interprets: optionalId,
  corrects: optionalId,
  replaces: idList,
  repeals: idList,
};

type Shape = { disclosure: Disclosure; withheldReason: string | null; validity: Validity; validityDate: string | null };
function checkConditional(v: Shape, ctx: z.RefinementCtx) {
  if (v.disclosure === 'withheld' && !v.withheldReason) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['withheldReason'], message: '不予公开的，须填写理由及依据。' });
  }
  if (v.validity !== 'valid' && !v.validityDate) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['validityDate'], message: '失效或废止的，须填写日期。' });
  }
}

export const PublicationInput = z.object(fields).superRefine(checkConditional);
export type PublicationInput = z.infer<typeof PublicationInput>;

const version = z.coerce.number({ invalid_type_error: '格式不正确。' }).int().positive();

export const PublicationUpdate = z.object({ ...fields, version }).superRefine(checkConditional);
export type PublicationUpdate = z.infer<typeof PublicationUpdate>;

export const VersionInput = z.object({ version });
export const SubmitInput = z.object({ version, checklist: stringList });
export const ReasonInput = z.object({ version, reason: requiredText(1000) });
/** An instant (ISO-8601, or a datetime-local value read as China time, UTC+8). */
export const ScheduleInput = z.object({
  version,
  publishAt: z
    .string({ required_error: '请填写定时发布的时间。' })
    .trim()
    .transform((s, ctx) => {
      const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s);
      const t = Date.parse(local ? `${s}+08:00` : s);
      if (Number.isNaN(t)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: '时间格式不正确。' });
        return z.NEVER;
      }
      return new Date(t).toISOString();
    }),
});
export const ColumnEmptyInput = z.object({ version, emptyReason: optionalText(300) });
