// Reply letters (答复书 / 告知书) and notices of a disclosure request, from plain facts. Pure: no I/O.
// The wording follows the 2019 Regulation (国务院令第711号, text in norms.md S1): Art 30 (补正),
// 32 (第三方意见), 33 (延期), 35–39 (the replies), 42 and 国办函〔2020〕109号 (信息处理费).
// The renderers (letters.html.tsx, letters.docx.ts) draw the same Letter, so HTML and .docx never differ.
import type { FeeResult } from './fees.js';
import { FEE_METHOD_LABEL, FEE_TARIFF } from './fees.js';
import { type ApplicantType, OUTCOME_CODES, type OutcomeCode } from './letters.outcomes.js';

/** How released information reaches the applicant (Art 40). */
export type Delivery =
  | { method: 'email'; address: string }
  | { method: 'mail'; address: string }
  | { method: 'pickup'; place: string; from?: string | undefined; until?: string | undefined }
  | { method: 'online'; where: string }
  | { method: 'attached' };

export interface LetterFacts {
  /** The organ answering, as printed (e.g. 某市生态环境局). */
  organName: string;
  /** The line above the date where the seal goes; defaults to the organ's name. */
  sealLine?: string | undefined;
  /** Date of the letter, YYYY-MM-DD. */
  letterDate: string;
  /** The letter's own number (文号), e.g. 某环公开复〔2026〕12号. */
  letterNumber?: string | undefined;
  /** The request's reference number. */
  reference: string;
  applicant: { name: string; type: ApplicantType };
  /** Date of receipt of the request (Art 31), YYYY-MM-DD. */
  receivedOn: string;
  /** The information sought, in the applicant's words. */
  informationSought: string;
  /** The decision, for reply letters. */
  outcome?: OutcomeCode | undefined;
  /** The reasons in the organ's words (the legal ground of a refusal, the law naming special rules, …). */
  legalGround?: string | undefined;
  /** Parts released (partial disclosure) or the documents provided. */
  released?: string[] | undefined;
  /** Parts withheld, each with its reason (Art 37). */
  withheld?: Array<{ part: string; reason: string }> | undefined;
  delivery?: Delivery | undefined;
  /** `granted` under Art 36(一): where the information is already published. */
  publishedAt?: string | undefined;
  /** `unable.not_held` under Art 36(五): the organ responsible, when known. Absent = Art 36(四). */
  notResponsible?: { reason: string; organ?: { name: string; contact?: string | undefined } | undefined } | undefined;
  /** `declined.duplicate` (Art 36(六)): the earlier request and the date it was answered. */
  previous?: { reference: string; repliedOn: string } | undefined;
  /** Where to obtain it (公开出版物, Art 39 ¶2) or where to apply (registers, Art 36(七)). */
  whereToObtain?: string | undefined;
  /** `declined.petition` (Art 39 ¶1): the proper channel, when the organ names it. */
  properChannel?: string | undefined;
  /** Correction (Art 30): the notice's date and items and deadline; the corrected request's date. */
  correction?:
    | {
        requestedOn?: string | undefined;
        items?: string[] | undefined;
        deadline?: string | undefined;
        receivedOn?: string | undefined;
        guidance?: string | undefined;
      }
    | undefined;
  /** `declined.excessive` (Art 35): when the applicant was asked for reasons. */
  reasonsRequestedOn?: string | undefined;
  /** Extension (Art 33 ¶2). */
  extension?: { workingDays: number; reason: string; newDueOn: string } | undefined;
  /** Third-party consultation (Art 32). */
  consultation?: { thirdParty: string; concerns: string } | undefined;
  /** Fee notice: the computed fee, how to pay; `noticeOn` for `other.fee_unpaid`. */
  fee?: { result?: FeeResult | undefined; howToPay?: string | undefined; noticeOn?: string | undefined } | undefined;
  /** Remedy bodies: reconsideration organ(s) and the court. */
  remedy?: { reconsideration: string[]; court: string } | undefined;
  /** The handling office's contact, printed under the letter. */
  contact?: { person?: string | undefined; phone?: string | undefined; address?: string | undefined } | undefined;
}

export const NOTICE_KINDS = ['correction', 'extension', 'consultation', 'fee_notice'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type LetterKind = OutcomeCode | NoticeKind;

export type Block = { kind: 'p'; text: string } | { kind: 'list'; items: string[] };

export interface Letter {
  kind: LetterKind;
  title: string;
  number?: string | undefined;
  /** `张三：` */
  addressee: string;
  body: Block[];
  /** The remedy paragraph, also part of `body` (absent on procedural notices). */
  remedy?: string | undefined;
  closing: string;
  signature: string;
  /** `2026年11月25日` */
  date: string;
  contact?: string | undefined;
  /** The articles cited, as printed (`第三十六条第（二）项`). */
  citations: string[];
}

export class LetterFactsError extends Error {
  override name = 'LetterFactsError';
}

// ---------- formatting ----------

const DIGITS = '〇一二三四五六七八九';

/** 1–99 in Chinese numerals as in article numbers: 7 → 七, 10 → 十, 36 → 三十六. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** `第三十六条第（二）项`, `第十六条第二款`, `第二十九条第二款第（二）项`. */
export function article(n: number, opts: { para?: number; item?: number } = {}): string {
  let s = `第${chineseNumber(n)}条`;
  if (opts.para) s += `第${chineseNumber(opts.para)}款`;
  if (opts.item) s += `第（${chineseNumber(opts.item)}）项`;
  return s;
}

/** `2026-11-25` → `2026年11月25日`. */
export function chineseDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) throw new LetterFactsError(`日期格式应为 YYYY-MM-DD：${ymd}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const REG = '《中华人民共和国政府信息公开条例》';
/** Art 56 of the 2019 Regulation. */
export const REG_2019_IN_FORCE = '2019-05-15';

/** Control characters other than tab and newline cannot be printed or stored in a .docx. */
function clean(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is removed
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

/** Text without its closing full stop, to be followed by one. */
function bare(s: string): string {
  return s.replace(/[。；;.，,\s]+$/u, '');
}

function need<T>(value: T | undefined | null, label: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && clean(value) === '')) {
    throw new LetterFactsError(`生成文书缺少：${label}`);
  }
  if (Array.isArray(value) && value.length === 0) throw new LetterFactsError(`生成文书缺少：${label}`);
  return value;
}

function you(f: LetterFacts): string {
  return f.applicant.type === 'natural_person' ? '您' : '你单位';
}

function deliveryText(d: Delivery, y: string): string {
  switch (d.method) {
    case 'email':
      return `相关政府信息已通过电子邮件发送至${y}提供的电子邮箱（${d.address}）`;
    case 'mail':
      return `相关政府信息随本答复书一并邮寄至${y}提供的地址（${d.address}）`;
    case 'pickup': {
      const when = d.from && d.until ? `于${chineseDate(d.from)}至${chineseDate(d.until)}工作时间内` : '在工作时间内';
      return `请${when}持本答复书和身份证明到${d.place}领取相关政府信息`;
    }
    case 'online':
      return `${y}可以通过${d.where}查看、下载相关政府信息`;
    case 'attached':
      return '相关政府信息随本答复书附送';
  }
}

// ---------- templates ----------

type Family = '答复书' | '告知书' | '通知书' | '征求意见书';

interface Draft {
  body: Block[];
  citations: string[];
}

export interface Template {
  kind: LetterKind;
  title: string;
  family: Family;
  /** Whether the letter carries the remedy notice (every decision on the request does; procedural notices do not). */
  remedy: boolean;
  /** Addressed to a third party, not the applicant (Art 32): the applicant's name is not disclosed. */
  toThirdParty?: boolean;
  draft(f: LetterFacts, y: string): Draft;
}

const p = (text: string): Block => ({ kind: 'p', text });
const list = (items: string[]): Block => ({ kind: 'list', items });

/** "本机关于…收到您提出的政府信息公开申请（申请编号：…），申请获取“…”。" */
function opening(f: LetterFacts, y: string, then: string): Block {
  return p(
    `本机关于${chineseDate(f.receivedOn)}收到${y}提出的政府信息公开申请（申请编号：${f.reference}），申请获取“${f.informationSought}”。${then}`,
  );
}

function refusal(ground: string, articles: string[]) {
  return (f: LetterFacts, y: string): Draft => ({
    body: [
      opening(f, y, '经审查，现答复如下：'),
      p(
        `${y}申请获取的政府信息${ground}。${bare(need(f.legalGround, '不予公开的理由'))}。根据${REG}${articles.join('、')}的规定，本机关决定不予公开。`,
      ),
    ],
    citations: articles,
  });
}

const A36 = (item: number) => article(36, { item });

const REPLY = '政府信息公开申请答复书';
const NOTICE = '政府信息公开申请告知书';

export const TEMPLATES: Record<LetterKind, Template> = {
  granted: {
    kind: 'granted',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      if (f.publishedAt) {
        return {
          body: [
            opening(f, y, '经审查，现答复如下：'),
            p(
              `${y}申请获取的政府信息已经主动公开。根据${REG}${A36(1)}的规定，${y}可以通过以下方式、途径获取该政府信息：${f.publishedAt}。`,
            ),
          ],
          citations: [A36(1)],
        };
      }
      const body = [
        opening(f, y, '经审查，现答复如下：'),
        p(
          `${y}申请获取的政府信息属于可以公开的政府信息。根据${REG}${A36(2)}的规定，本机关予以公开，${deliveryText(need(f.delivery, '提供方式'), y)}。`,
        ),
      ];
      if (f.released?.length) body.push(p('提供的政府信息如下：'), list(f.released));
      return { body, citations: [A36(2)] };
    },
  },
  partial: {
    kind: 'partial',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      const withheld = need(f.withheld, '不予公开的部分及理由');
      return {
        body: [
          opening(f, y, '经审查，现答复如下：'),
          p(
            `${y}申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据${REG}${article(37)}的规定，本机关向${y}提供可以公开的政府信息内容，并对不予公开的内容说明理由。`,
          ),
          p('一、予以公开的内容：'),
          list(need(f.released, '予以公开的部分')),
          p(`${deliveryText(need(f.delivery, '提供方式'), y)}。`),
          p('二、不予公开的内容及理由：'),
          list(withheld.map((w) => `${w.part}：${w.reason}`)),
        ],
        citations: [article(37)],
      };
    },
  },
  'withheld.state_secret': {
    kind: 'withheld.state_secret',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft: refusal('属于依法确定为国家秘密的政府信息', [article(14), A36(3)]),
  },
  'withheld.law_prohibits': {
    kind: 'withheld.law_prohibits',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft: refusal('属于法律、行政法规禁止公开的政府信息', [article(14), A36(3)]),
  },
  'withheld.three_safeties': {
    kind: 'withheld.three_safeties',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft: refusal('公开后可能危及国家安全、公共安全、经济安全、社会稳定', [article(14), A36(3)]),
  },
  'withheld.third_party': {
    kind: 'withheld.third_party',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      // Art 32 is cited only when the third party was consulted in writing.
      const consulted = f.consultation ? '本机关已依法书面征求第三方意见。' : '';
      const cited = f.consultation ? [article(15), article(32), A36(3)] : [article(15), A36(3)];
      const d = refusal('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害', cited)(f, y);
      if (consulted) d.body.splice(1, 0, p(consulted));
      return d;
    },
  },
  'withheld.internal_affairs': {
    kind: 'withheld.internal_affairs',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft: refusal('属于行政机关的内部事务信息', [article(16, { para: 1 }), A36(3)]),
  },
  'withheld.process_info': {
    kind: 'withheld.process_info',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft: refusal('属于行政机关在履行行政管理职能过程中形成的过程性信息', [article(16, { para: 2 }), A36(3)]),
  },
  'withheld.enforcement_file': {
    kind: 'withheld.enforcement_file',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft: refusal('属于行政执法案卷信息', [article(16, { para: 2 }), A36(3)]),
  },
  'withheld.query_matter': {
    kind: 'withheld.query_matter',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      const where = f.whereToObtain ? `，${y}可以向${f.whereToObtain}查询` : '';
      return {
        body: [
          opening(f, y, '经审查，现答复如下：'),
          p(
            `${y}申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定（${bare(need(f.legalGround, '有关法律、行政法规的特别规定'))}）。根据${REG}${A36(7)}的规定，请${y}依照有关法律、行政法规的规定办理${where}。`,
          ),
        ],
        citations: [A36(7)],
      };
    },
  },
  'unable.not_held': {
    kind: 'unable.not_held',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      if (f.notResponsible) {
        const o = f.notResponsible.organ;
        const tail = o
          ? `负责公开该政府信息的行政机关为${o.name}${o.contact ? `（联系方式：${o.contact}）` : ''}，${y}可以向其提出申请。`
          : '';
        return {
          body: [
            opening(f, y, '经审查，现答复如下：'),
            p(
              `${y}申请获取的政府信息不属于本机关负责公开。理由如下：${need(f.notResponsible.reason, '不属于本机关负责公开的理由')}。根据${REG}${A36(5)}的规定，特此告知。${tail}`,
            ),
          ],
          citations: [A36(5)],
        };
      }
      return {
        body: [
          opening(f, y, '经审查，现答复如下：'),
          p(
            `经检索，本机关没有${y}所申请公开的政府信息${f.legalGround ? `（${f.legalGround}）` : ''}。根据${REG}${A36(4)}的规定，告知${y}该政府信息不存在。`,
          ),
        ],
        citations: [A36(4)],
      };
    },
  },
  'unable.needs_creation': {
    kind: 'unable.needs_creation',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      return {
        body: [
          opening(f, y, '经审查，现答复如下：'),
          p(
            `本机关没有${y}所申请的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析${f.legalGround ? `（${f.legalGround}）` : ''}。根据${REG}${article(38)}的规定，行政机关向申请人提供的信息应当是已制作或者获取的政府信息，需要对现有政府信息进行加工、分析的，可以不予提供。本机关决定不予提供。`,
          ),
        ],
        citations: [article(38)],
      };
    },
  },
  'unable.still_unclear': {
    kind: 'unable.still_unclear',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      const c = need(f.correction, '补正情况');
      const cited = [article(29, { para: 2, item: 2 }), article(30)];
      return {
        body: [
          opening(f, y, '经审查，现答复如下：'),
          p(
            `本机关已于${chineseDate(need(c.requestedOn, '补正通知日期'))}一次性告知${y}作出补正，${y}于${chineseDate(need(c.receivedOn, '收到补正的日期'))}提交了补正的申请。经审查，补正后的申请内容仍不明确，本机关无法根据${y}提供的名称、文号或者其他特征性描述确定${y}所申请公开的政府信息。根据${REG}${cited.join('、')}的规定，本机关无法提供。${y}可以在明确所需政府信息的名称、文号或者其他特征性描述后重新提出申请。`,
          ),
        ],
        citations: cited,
      };
    },
  },
  'declined.petition': {
    kind: 'declined.petition',
    title: NOTICE,
    family: '告知书',
    remedy: true,
    draft(f, y) {
      const channel = f.properChannel ? `${y}可以通过${f.properChannel}提出。` : `${y}可以通过相应渠道提出。`;
      return {
        body: [
          opening(f, y, '经审查，现告知如下：'),
          p(
            `${y}的申请系以政府信息公开申请的形式进行信访、投诉、举报等活动。根据${REG}${article(39, { para: 1 })}的规定，本机关不作为政府信息公开申请处理。${channel}`,
          ),
        ],
        citations: [article(39, { para: 1 })],
      };
    },
  },
  'declined.duplicate': {
    kind: 'declined.duplicate',
    title: REPLY,
    family: '答复书',
    remedy: true,
    draft(f, y) {
      const prev = need(f.previous, '前次申请及答复日期');
      return {
        body: [
          opening(f, y, '经审查，现答复如下：'),
          p(
            `本机关已于${chineseDate(prev.repliedOn)}就${y}提出的政府信息公开申请（申请编号：${prev.reference}）作出答复，${y}本次申请公开的政府信息与前次申请相同。根据${REG}${A36(6)}的规定，本机关不予重复处理。`,
          ),
        ],
        citations: [A36(6)],
      };
    },
  },
  'declined.publication': {
    kind: 'declined.publication',
    title: NOTICE,
    family: '告知书',
    remedy: true,
    draft(f, y) {
      return {
        body: [
          opening(f, y, '经审查，现告知如下：'),
          p(
            `${y}的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物。根据${REG}${article(39, { para: 2 })}的规定，${y}可以通过以下途径获取：${need(f.whereToObtain, '公开出版物的获取途径')}。`,
          ),
        ],
        citations: [article(39, { para: 2 })],
      };
    },
  },
  'declined.excessive': {
    kind: 'declined.excessive',
    title: NOTICE,
    family: '告知书',
    remedy: true,
    draft(f, y) {
      return {
        body: [
          opening(f, y, '经审查，现告知如下：'),
          p(
            `${y}申请公开政府信息的数量、频次明显超过合理范围，本机关已于${chineseDate(need(f.reasonsRequestedOn, '要求说明理由的日期'))}要求${y}说明理由。经审查，本机关认为申请理由不合理${f.legalGround ? `（${f.legalGround}）` : ''}。根据${REG}${article(35)}的规定，本机关不予处理。`,
          ),
        ],
        citations: [article(35)],
      };
    },
  },
  'declined.confirmation': {
    kind: 'declined.confirmation',
    title: NOTICE,
    family: '告知书',
    remedy: true,
    draft(f, y) {
      const cited = [article(2), article(38)];
      return {
        body: [
          opening(f, y, '经审查，现告知如下：'),
          p(
            `${y}的申请系要求本机关对${y}已获取的信息进行确认或者重新出具${f.legalGround ? `（${f.legalGround}）` : ''}。根据${REG}${cited.join('、')}的规定，政府信息公开是向申请人提供行政机关已制作或者获取的政府信息，确认或者重新出具已获取的信息不属于政府信息公开申请的处理范围，本机关不予处理。`,
          ),
        ],
        citations: cited,
      };
    },
  },
  'other.no_correction': {
    kind: 'other.no_correction',
    title: NOTICE,
    family: '告知书',
    remedy: true,
    draft(f, y) {
      const c = need(f.correction, '补正情况');
      return {
        body: [
          opening(f, y, '现告知如下：'),
          p(
            `本机关已于${chineseDate(need(c.requestedOn, '补正通知日期'))}一次性告知${y}作出补正，补正期限至${chineseDate(need(c.deadline, '补正期限'))}。${y}无正当理由逾期未作出补正。根据${REG}${article(30)}的规定，视为${y}放弃申请，本机关不再处理该政府信息公开申请。`,
          ),
        ],
        citations: [article(30)],
      };
    },
  },
  'other.fee_unpaid': {
    kind: 'other.fee_unpaid',
    title: NOTICE,
    family: '告知书',
    remedy: true,
    draft(f, y) {
      const fee = need(f.fee, '收费通知');
      return {
        body: [
          opening(f, y, '现告知如下：'),
          p(
            `本机关已于${chineseDate(need(fee.noticeOn, '收费通知日期'))}向${y}发出信息处理费收费通知，${y}未在规定期限内缴纳费用。根据${REG}${article(42)}和${FEE_TARIFF.source}的有关规定，视为${y}放弃申请，本机关不再处理该政府信息公开申请。`,
          ),
        ],
        citations: [article(42), FEE_TARIFF.source],
      };
    },
  },
  'other.other': {
    kind: 'other.other',
    title: NOTICE,
    family: '告知书',
    remedy: true,
    draft(f, y) {
      const ground = need(f.legalGround, '处理情况及依据');
      return { body: [opening(f, y, '现告知如下：'), p(`${bare(ground)}。`)], citations: [] };
    },
  },
  correction: {
    kind: 'correction',
    title: '政府信息公开申请补正通知书',
    family: '通知书',
    remedy: false,
    draft(f, y) {
      const c = need(f.correction, '补正事项');
      return {
        body: [
          opening(f, y, ''),
          p(
            `经审查，${y}的申请内容不明确${c.guidance ? `，${c.guidance}` : ''}。根据${REG}${article(30)}的规定，请${y}于${chineseDate(need(c.deadline, '补正期限'))}前就以下事项作出补正：`,
          ),
          list(need(c.items, '需要补正的事项')),
          p(
            `答复期限自本机关收到补正的申请之日起计算。${y}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
          ),
        ],
        citations: [article(30)],
      };
    },
  },
  extension: {
    kind: 'extension',
    title: '政府信息公开申请延期答复告知书',
    family: '告知书',
    remedy: false,
    draft(f, y) {
      const e = need(f.extension, '延期情况');
      if (!Number.isInteger(e.workingDays) || e.workingDays < 1 || e.workingDays > 20) {
        throw new LetterFactsError('延长的答复期限最长不得超过20个工作日。');
      }
      const cited = article(33, { para: 2 });
      return {
        body: [
          opening(f, y, ''),
          p(
            `因${need(e.reason, '延期理由')}，本机关无法在规定期限内作出答复。经本机关政府信息公开工作机构负责人同意，根据${REG}${cited}的规定，答复期限延长${e.workingDays}个工作日，本机关将于${chineseDate(e.newDueOn)}前作出答复。`,
          ),
        ],
        citations: [cited],
      };
    },
  },
  consultation: {
    kind: 'consultation',
    title: '政府信息公开征求第三方意见书',
    family: '征求意见书',
    remedy: false,
    toThirdParty: true,
    draft(f) {
      const c = need(f.consultation, '第三方及所涉权益');
      const cited = article(32);
      return {
        body: [
          p(
            `本机关于${chineseDate(f.receivedOn)}收到政府信息公开申请（申请编号：${f.reference}），申请获取“${f.informationSought}”。经审查，该信息涉及${need(c.concerns, '所涉第三方权益')}，公开可能损害您（单位）的合法权益。根据${REG}${cited}的规定，现书面征求您（单位）的意见。`,
          ),
          p(
            '请您（单位）自收到本征求意见书之日起15个工作日内书面提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，本机关将依照该条例的规定决定是否公开。您（单位）不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。',
          ),
        ],
        citations: [cited],
      };
    },
  },
  fee_notice: {
    kind: 'fee_notice',
    title: '政府信息公开信息处理费收费通知书',
    family: '通知书',
    remedy: true,
    draft(f, y) {
      const fee = need(f.fee, '信息处理费');
      const r = need(fee.result, '信息处理费计算结果');
      if (r.amountYuan <= 0) throw new LetterFactsError('应收金额为零，不发出收费通知。');
      const cited = [article(42), `${FEE_TARIFF.title}第三条`, `${r.method === 'per_request' ? '第四条' : '第五条'}`];
      return {
        body: [
          opening(f, y, ''),
          p(
            `${y}申请公开政府信息的数量、频次明显超过合理范围。根据${REG}${cited[0]}和${cited[1]}、${cited[2]}的规定，本机关决定对${y}的申请${FEE_METHOD_LABEL[r.method]}信息处理费。计算如下：`,
          ),
          list(r.breakdown.map((l) => l.label)),
          p(`合计应缴纳信息处理费人民币${r.amountYuan}元。`),
          p(
            `请${y}自收到本通知书次日起${FEE_TARIFF.paymentWorkingDays}个工作日内，通过以下方式缴纳：${need(fee.howToPay, '缴费方式')}。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。自本机关发出本通知书之日至${y}缴纳费用之日的期间，不计入答复期限。`,
          ),
        ],
        citations: cited,
      };
    },
  },
};

/** Which template answers a closing outcome: one per code (`granted` … `other.other`). */
export const TEMPLATE_FOR_OUTCOME: Record<OutcomeCode, LetterKind> = Object.fromEntries(
  OUTCOME_CODES.map((code) => [code, code]),
) as Record<OutcomeCode, LetterKind>;

function remedyText(f: LetterFacts, y: string, family: Family): string {
  const r = need(f.remedy, '救济途径（复议机关和人民法院）');
  const bodies = r.reconsideration.map(clean).filter(Boolean);
  if (!bodies.length) throw new LetterFactsError('生成文书缺少：行政复议机关');
  const court = need(clean(r.court), '人民法院');
  return `${y}如对本${family}不服，可以自收到本${family}之日起60日内向${bodies.join('或者')}申请行政复议，或者自收到本${family}之日起6个月内向${court}提起行政诉讼。`;
}

function contactText(f: LetterFacts): string | undefined {
  const c = f.contact;
  if (!c) return undefined;
  const parts = [
    c.person ? `联系人：${c.person}` : '',
    c.phone ? `联系电话：${c.phone}` : '',
    c.address ? `地址：${c.address}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : undefined;
}

/** Every string of the facts with control characters removed and spaces trimmed (deeply). */
function cleanFacts<T>(v: T): T {
  if (typeof v === 'string') return clean(v) as T;
  if (Array.isArray(v)) return v.map(cleanFacts) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cleanFacts(x)])) as T;
  return v;
}

const CLOSING: Record<Family, string> = {
  答复书: '特此答复。',
  告知书: '特此告知。',
  通知书: '特此通知。',
  征求意见书: '特此征求意见。',
};

/** The letter of `kind` for these facts. Throws LetterFactsError (a Chinese message) when a fact is missing. */
export function buildLetter(kind: LetterKind, facts: LetterFacts): Letter {
  const t = TEMPLATES[kind];
  if (!t) throw new LetterFactsError(`没有这种文书：${String(kind)}`);
  const f = cleanFacts(facts);
  const date = chineseDate(need(f.letterDate, '文书日期'));
  if (f.letterDate < REG_2019_IN_FORCE) {
    // These templates cite the 2019 Regulation (国务院令第711号, in force 2019-05-15, Art 56).
    throw new LetterFactsError('2019年5月15日前的文书适用2008年《中华人民共和国政府信息公开条例》，不能使用本模板生成。');
  }
  need(f.organName, '机关名称');
  need(f.reference, '申请编号');
  need(f.informationSought, '申请获取的信息');
  need(f.applicant?.name, '申请人姓名或者名称');
  const y = you(f);
  const d = t.draft(f, y);
  const body = [...d.body];
  let remedy: string | undefined;
  if (t.remedy) {
    remedy = remedyText(f, y, t.family);
    body.push(p(remedy));
  }
  const addressee = t.toThirdParty ? need(f.consultation?.thirdParty, '第三方名称') : f.applicant.name;
  return {
    kind,
    title: t.title,
    number: f.letterNumber || undefined,
    addressee: `${addressee}：`,
    body: body.filter((b) => b.kind !== 'p' || b.text !== ''),
    remedy,
    closing: CLOSING[t.family],
    signature: f.sealLine || f.organName,
    date,
    contact: contactText(f),
    citations: d.citations,
  };
}

/** The reply letter for the facts' outcome. */
export function replyLetter(facts: LetterFacts): Letter {
  const outcome = need(facts.outcome, '处理结果');
  return buildLetter(TEMPLATE_FOR_OUTCOME[outcome], facts);
}

/** The whole letter as plain text (paragraphs separated by newlines), e.g. for e-mail or search. */
export function letterText(l: Letter): string {
  const lines = [l.title];
  if (l.number) lines.push(l.number);
  lines.push(l.addressee);
  for (const b of l.body) {
    if (b.kind === 'p') lines.push(b.text);
    else
      b.items.forEach((it, i) => {
        lines.push(`${i + 1}. ${it}`);
      });
  }
  lines.push(l.closing, l.signature, l.date);
  if (l.contact) lines.push(l.contact);
  return lines.join('\n');
}
