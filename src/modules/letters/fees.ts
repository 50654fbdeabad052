// 信息处理费 (information processing fee) of disclosure requests. Pure: no I/O, no clock.
//
// Law:
// - 《中华人民共和国政府信息公开条例》(2019) 第四十二条: providing information on request is free; a
//   信息处理费 may be charged only when the number or frequency of requests clearly exceeds a reasonable range.
// - 国办函〔2020〕109号《政府信息公开信息处理费管理办法》(2020-11-17):
//   第三条 按件计收 or 按量计收, both 超额累进; one method per request, never both (不得同时按照两种标准重复计算).
//   第四条 按件计收, per applicant per calendar month, cumulative: ≤10 free; 11–30 100 元/件 for that part;
//          31 and above "以10件为一档，每增加一档，收费标准提高100元/件" (so 31–40 200 元, 41–50 300 元, …).
//   第五条 按量计收, per page: ≤30 free; 31–100 10 元/页; 101–200 20 元/页; 201 and above 40 元/页.
//   Text of 第三条–第五条 read in mirrors of the gov.cn original (norms.md S4; the 新会区 fee table
//   http://www.xinhui.gov.cn/zwgk/zdlyxxgk/hjbhxxgk/tzgg/content/post_2365222.html; 山西省发展改革委 fee list 2025).
//   The band arithmetic above 30 件 reads "每增加一档" as: each started band of 10 beyond 30 adds 100 元/件.
// - In force from 2021-01-01 (norms.md §1.5, [U]: the article stating it was not read); before that no
//   信息处理费 exists, so earlier dates are free (2008 Art 27 cost fees are not modelled: seed 五, 2017, is free).
// - Payment within 20 working days of the notice, else the request counts as abandoned: norms.md §1.5 [U] for
//   the national text; confirmed in 四川省财政厅 四川省发展改革委《关于政府信息公开信息处理费有关事项的通知》(2021-01-18):
//   "申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请".
//
// Every number of the tariff lives in FEE_TARIFF below and nowhere else.

export const FEE_TARIFF = {
  /** As cited in letters: the measures' name, then its document number. */
  title: '《政府信息公开信息处理费管理办法》',
  docNumber: '国办函〔2020〕109号',
  source: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
  inForceFrom: '2021-01-01',
  /** Working days, from the day after the notice is received, to pay (see the note above). */
  paymentWorkingDays: 20,
  /** 第四条: by request, cumulative per applicant per calendar month. `to: null` = open-ended. */
  perRequest: {
    article: '第四条',
    unit: '件',
    bands: [
      { from: 1, to: 10, rateYuan: 0 },
      { from: 11, to: 30, rateYuan: 100 },
    ],
    /** Above 30: bands of 10, the first (31–40) at 200 元/件, each further band 100 元/件 more. */
    above: { from: 31, bandSize: 10, firstRateYuan: 200, stepYuan: 100 },
  },
  /** 第五条: by volume, pages of this request. */
  perPage: {
    article: '第五条',
    unit: '页',
    bands: [
      { from: 1, to: 30, rateYuan: 0 },
      { from: 31, to: 100, rateYuan: 10 },
      { from: 101, to: 200, rateYuan: 20 },
      { from: 201, to: null, rateYuan: 40 },
    ],
  },
} as const;

export type FeeMethod = 'per_request' | 'per_page';

export const FEE_METHOD_LABEL: Record<FeeMethod, string> = { per_request: '按件计收', per_page: '按量计收' };

interface FeeInputBase {
  /** The date the fee is assessed (YYYY-MM-DD, Beijing): decides whether the 2020 measures apply. */
  on: string;
  /** A waiver (减免) with its reason; the amount is computed and shown, then waived. */
  waiver?: { reason: string } | undefined;
}

/** 按件计收: this request counts `items` (after splitting "一事一申请"); the applicant had already
 * filed `priorItemsThisMonth` in the same calendar month. */
export interface PerRequestFeeInput extends FeeInputBase {
  method: 'per_request';
  priorItemsThisMonth: number;
  items: number;
}

/** 按量计收: the pages provided for this request (paper, e-mail or copied electronic data). */
export interface PerPageFeeInput extends FeeInputBase {
  method: 'per_page';
  pages: number;
}

export type FeeInput = PerRequestFeeInput | PerPageFeeInput;

export interface FeeLine {
  /** First and last unit of this band charged for this request (inclusive, cumulative numbering). */
  from: number;
  to: number;
  count: number;
  unit: '件' | '页';
  rateYuan: number;
  subtotalYuan: number;
  /** `第11—30件：100元/件 × 3件 = 300元` */
  label: string;
}

export interface FeeResult {
  method: FeeMethod;
  /** What the applicant must pay (0 when waived or not chargeable). */
  amountYuan: number;
  /** The amount computed by the tariff before any waiver. */
  computedYuan: number;
  breakdown: FeeLine[];
  /** Why nothing is due although units were counted (before 2021, or all in the free band). */
  note?: string;
  waived?: { reason: string; amountYuan: number };
  /** The legal basis to print on a fee notice. */
  basis: string;
}

export class FeeInputError extends Error {
  override name = 'FeeInputError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkCount(value: unknown, label: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new FeeInputError(`${label}必须是不小于 ${min} 的整数。`);
  }
  return value;
}

/** The per-request rate of the n-th request of the month (第四条). */
export function perRequestRate(n: number): number {
  const t = FEE_TARIFF.perRequest;
  for (const b of t.bands) if (n >= b.from && n <= b.to) return b.rateYuan;
  const band = Math.floor((n - t.above.from) / t.above.bandSize); // 0 for 31–40
  return t.above.firstRateYuan + band * t.above.stepYuan;
}

/** Bands of `[first, last]` (inclusive) with a rate function, as lines. */
function linesFor(first: number, last: number, unit: '件' | '页', bounds: Array<{ from: number; to: number; rateYuan: number }>) {
  const lines: FeeLine[] = [];
  for (const b of bounds) {
    const from = Math.max(first, b.from);
    const to = Math.min(last, b.to);
    if (from > to) continue;
    const count = to - from + 1;
    const subtotalYuan = count * b.rateYuan;
    const range = from === to ? `第${from}${unit}` : `第${from}—${to}${unit}`;
    const label =
      b.rateYuan === 0 ? `${range}：不收费` : `${range}：${b.rateYuan}元/${unit} × ${count}${unit} = ${subtotalYuan}元`;
    lines.push({ from, to, count, unit, rateYuan: b.rateYuan, subtotalYuan, label });
  }
  return lines;
}

/** The per-request bands covering up to `last`, with the open-ended part cut into bands of 10. */
function perRequestBounds(last: number) {
  const t = FEE_TARIFF.perRequest;
  const bounds: Array<{ from: number; to: number; rateYuan: number }> = t.bands.map((b) => ({ ...b }));
  for (let from = t.above.from; from <= last; from += t.above.bandSize) {
    bounds.push({ from, to: from + t.above.bandSize - 1, rateYuan: perRequestRate(from) });
  }
  return bounds;
}

function perPageBounds() {
  return FEE_TARIFF.perPage.bands.map((b) => ({ from: b.from, to: b.to ?? Number.MAX_SAFE_INTEGER, rateYuan: b.rateYuan }));
}

/** The fee of one request under the 2020 measures. Throws FeeInputError on bad input
 * (including both quantities given: the two methods are never combined, 第三条). */
export function computeFee(input: FeeInput): FeeResult {
  if (!input || (input.method !== 'per_request' && input.method !== 'per_page')) {
    throw new FeeInputError('请选择计费方式：按件计收或按量计收。');
  }
  if (typeof input.on !== 'string' || !DATE.test(input.on)) throw new FeeInputError('计费日期格式应为 YYYY-MM-DD。');
  const raw = input as unknown as Record<string, unknown>;
  if (input.method === 'per_request' && raw.pages !== undefined) {
    throw new FeeInputError('按件计收与按量计收不得同时适用（国办函〔2020〕109号第三条）。');
  }
  if (input.method === 'per_page' && (raw.items !== undefined || raw.priorItemsThisMonth !== undefined)) {
    throw new FeeInputError('按件计收与按量计收不得同时适用（国办函〔2020〕109号第三条）。');
  }
  const waiverReason = input.waiver ? input.waiver.reason?.trim() : undefined;
  if (input.waiver && !waiverReason) throw new FeeInputError('减免信息处理费须说明理由。');

  let breakdown: FeeLine[];
  let article: string;
  if (input.method === 'per_request') {
    const prior = checkCount(input.priorItemsThisMonth, '本月此前已申请件数', 0);
    const items = checkCount(input.items, '本次申请件数', 1);
    const first = prior + 1;
    const last = prior + items;
    breakdown = linesFor(first, last, '件', perRequestBounds(last));
    article = FEE_TARIFF.perRequest.article;
  } else {
    const pages = checkCount(input.pages, '页数', 0);
    breakdown = pages === 0 ? [] : linesFor(1, pages, '页', perPageBounds());
    article = FEE_TARIFF.perPage.article;
  }
  const basis = `《中华人民共和国政府信息公开条例》第四十二条、${FEE_TARIFF.title}第三条、${article}`;

  if (input.on < FEE_TARIFF.inForceFrom) {
    return {
      method: input.method,
      amountYuan: 0,
      computedYuan: 0,
      breakdown: breakdown.map((l) => ({ ...l, rateYuan: 0, subtotalYuan: 0, label: `${l.label.split('：')[0]}：不收费` })),
      note: `${FEE_TARIFF.source}自2021年1月1日起施行，此前不收取信息处理费。`,
      basis,
    };
  }
  const computedYuan = breakdown.reduce((s, l) => s + l.subtotalYuan, 0);
  const result: FeeResult = { method: input.method, amountYuan: computedYuan, computedYuan, breakdown, basis };
  if (computedYuan === 0) result.note = '未超过免费数量，不收费。';
  if (waiverReason) {
    result.waived = { reason: waiverReason, amountYuan: computedYuan };
    result.amountYuan = 0;
  }
  return result;
}
