// The report checker, step 3 (PURE): what the text of a report states — its six sections (norms.md
// §2.3; section 四 under either title), its sentences, and in them the figures the tables also hold
// (新收/受理申请N件, 予以公开N件, 结转N件, 行政复议N件 …), percentages with their operands
// (占…N%), the years named (and the statistical period sentence), and what it says of fees
// (收取…N元 / 未收取). Deterministic: regular expressions on NFKC-folded text (full-width digits and
// punctuation folded), Arabic or Chinese numerals.
import type { Block } from './checker.parse.js';

export type FigureKind =
  | 'received'
  | 'carried_in'
  | 'carried_over'
  | 'granted'
  | 'partial'
  | 'withheld'
  | 'unable'
  | 'declined'
  | 'other'
  | 'results_total'
  | 'reconsideration'
  | 'litigation';

export interface Sentence {
  /** Position among the report's sentences (stable: used in finding keys). */
  index: number;
  /** As printed. */
  text: string;
  /** The section (1–6) it stands in; 0 before the first heading. */
  section: number;
}

export interface TextFigure {
  kind: FigureKind;
  value: number;
  sentence: Sentence;
  /** The words matched, as folded. */
  match: string;
}

export interface TextPercent {
  value: number;
  decimals: number;
  numerator: number | null;
  /** A figure written in the sentence, or a table figure named by a keyword (`denominatorKind`). */
  denominator: number | null;
  denominatorKind: FigureKind | null;
  sentence: Sentence;
  match: string;
}

export interface YearMention {
  year: number;
  sentence: Sentence;
  /** The sentence gives the statistical period (统计…1月1日…12月31日). */
  statPeriod: boolean;
  /** Its context excuses another year: plans or publication (next year), comparisons (earlier years). */
  context: 'plan' | 'comparison' | null;
}

export interface FeeStatement {
  /** `none`: no fee was charged; `charged`: an amount above zero. */
  kind: 'none' | 'charged';
  /** In yuan, for `charged`. */
  amountYuan: number | null;
  /** Names 信息处理费 specifically (not 行政事业性收费). */
  processingFee: boolean;
  sentence: Sentence;
}

export interface SectionText {
  number: number;
  heading: string;
  /** The text under the heading, tables excluded. */
  body: string;
  /** Whether a table follows the heading before the next section. */
  hasTable: boolean;
}

export interface ReportText {
  sentences: Sentence[];
  sections: SectionText[];
  figures: TextFigure[];
  /** Figures of 件/起 in sentences about requests or appeals that no pattern ties to a table. */
  untied: Array<{ value: number; sentence: Sentence; match: string }>;
  percents: TextPercent[];
  years: YearMention[];
  fees: FeeStatement[];
  /** The year the title names (…2019年…年度报告), if any. */
  titleYear: number | null;
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 31, 3.5 or 三十一 as a number (null when it is neither). */
export function readFigure(s: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return null;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch] as number;
    else if (ch in CN_UNITS) {
      section += (digit || 1) * (CN_UNITS[ch] as number);
      digit = 0;
    } else if (ch === '万') {
      total += (section + digit) * 10_000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

const N = '(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千万]+)';
const GAP = (n: number) => `[^,。;:!?0-9零〇一二两三四五六七八九十百千万]{0,${n}}?`;
const UNIT = '(?:件|个|条|份|宗)';
const CASE_UNIT = '(?:件|起|宗|次|个)';

const FIGURE_PATTERNS: Array<[FigureKind, RegExp]> = [
  ['received', new RegExp(`(?:新收|收到|受理|接收)${GAP(14)}申请${GAP(8)}${N}${UNIT}`, 'gu')],
  ['carried_in', new RegExp(`上一?年度?结转${GAP(12)}${N}${UNIT}`, 'gu')],
  ['carried_over', new RegExp(`结转(?:至|到)?(?:下一?年度?|\\d{4}年)${GAP(10)}${N}${UNIT}`, 'gu')],
  ['carried_over', new RegExp(`${N}${UNIT}(?:申请)?(?:结转|转入)(?:至|到)?下一?年`, 'gu')],
  ['granted', new RegExp(`(?<!不)予以公开${GAP(2)}${N}${UNIT}`, 'gu')],
  ['partial', new RegExp(`部分公开${GAP(2)}${N}${UNIT}`, 'gu')],
  ['withheld', new RegExp(`不予公开${GAP(2)}${N}${UNIT}`, 'gu')],
  ['unable', new RegExp(`无法提供${GAP(2)}${N}${UNIT}`, 'gu')],
  ['declined', new RegExp(`不予处理${GAP(2)}${N}${UNIT}`, 'gu')],
  ['other', new RegExp(`其他处理${GAP(2)}${N}${UNIT}`, 'gu')],
  // 按时/延期/逾期答复 N 件 is a part of the requests answered, not their total
  ['results_total', new RegExp(`(?<!按时|如期|延期|逾期|未)(?:办结|答复)${GAP(8)}${N}${UNIT}`, 'gu')],
  ['reconsideration', new RegExp(`行政复议${GAP(10)}${N}${CASE_UNIT}`, 'gu')],
  ['litigation', new RegExp(`行政诉讼${GAP(10)}${N}${CASE_UNIT}`, 'gu')],
];

const HEADINGS: Array<[number, RegExp]> = [
  [1, /总体情况/],
  [2, /主动公开/],
  [3, /收到和处理|申请情况/],
  [4, /复议|诉讼/],
  [5, /问题/],
  [6, /其他需要报告|其他事项/],
];
const ORDINALS = '一二三四五六';

/** The section a block opens (1–6), when it is a heading like 五、存在的主要问题及改进情况. */
export function sectionHeading(text: string): number | null {
  const t = fold(text);
  const m = /^([一二三四五六])[、.,]/.exec(t);
  if (!m) return null;
  const n = ORDINALS.indexOf(m[1] as string) + 1;
  const head = t.slice(2, 40);
  return (HEADINGS[n - 1] as [number, RegExp])[1].test(head) ? n : null;
}

const NO_FEE = new RegExp(
  `(?:未|没有|无|不|均未)(?:收取|收缴|产生|发生|涉及)${GAP(12)}费|免费|无收费|未收费|不收费|(?:费用?|收费金额)为?(?:0|零)(?!\\.\\d)`,
  'u',
);
const PLAN = /将|计划|下一步|下一年|明年|今后|力争|发布|公布|截至|截止|印发|报送|部署/;
const COMPARISON = /同比|上年|上一年|相比|较|比|结转|以来|自|起|此前|曾|增长|下降|减少|增加/;

function percentOperands(s: string, at: number, end: number): Pick<TextPercent, 'numerator' | 'denominator' | 'denominatorKind'> {
  const before = s.slice(0, at);
  const nums = [...before.matchAll(new RegExp(`${N}${CASE_UNIT}`, 'gu'))];
  const last = nums[nums.length - 1];
  const numerator = last ? readFigure(last[1] as string) : null;
  const between = s.slice(at, end);
  const den = new RegExp(`${N}${CASE_UNIT}`, 'u').exec(between);
  if (den) return { numerator, denominator: readFigure(den[1] as string), denominatorKind: null };
  const kind: FigureKind | null = /办结|办理|答复/.test(between)
    ? 'results_total'
    : /新收|收到|受理|申请/.test(between)
      ? 'received'
      : /复议/.test(between)
        ? 'reconsideration'
        : null;
  return { numerator, denominator: null, denominatorKind: kind };
}

/** Everything the text of a report states, from its blocks in reading order. */
export function readText(blocks: readonly Block[], title = ''): ReportText {
  const sentences: Sentence[] = [];
  const sections: SectionText[] = [];
  let section = 0;
  for (const b of blocks) {
    if (b.kind === 'table') {
      const s = sections[sections.length - 1];
      if (s) s.hasTable = true;
      continue;
    }
    const n = sectionHeading(b.text);
    if (n !== null && n > section) {
      section = n;
      const heading = b.text.length <= 40 ? b.text : (b.text.split(/[。：:]/)[0] ?? b.text);
      sections.push({ number: n, heading, body: b.text.slice(heading.length).trim(), hasTable: false });
      if (b.text.length <= 40) continue;
    } else {
      const s = sections[sections.length - 1];
      if (s) s.body = s.body ? `${s.body}\n${b.text}` : b.text;
    }
    for (const part of b.text.split(/(?<=[。！？；;!?])/u)) {
      const t = part.trim();
      if (t) sentences.push({ index: sentences.length, text: t, section });
    }
  }

  const figures: TextFigure[] = [];
  const untied: ReportText['untied'] = [];
  const percents: TextPercent[] = [];
  const years: YearMention[] = [];
  const fees: FeeStatement[] = [];
  for (const sentence of sentences) {
    const s = fold(sentence.text);
    const used: Array<[number, number]> = [];
    for (const [kind, re] of FIGURE_PATTERNS) {
      for (const m of s.matchAll(re)) {
        const value = readFigure(m[1] as string);
        const start = m.index ?? 0;
        if (value === null || used.some(([a, b]) => start < b && start + m[0].length > a)) continue;
        used.push([start, start + m[0].length]);
        figures.push({ kind, value, sentence, match: m[0] });
      }
    }
    if (/申请|复议|诉讼/.test(s)) {
      for (const m of s.matchAll(new RegExp(`${N}(?:件|起)`, 'gu'))) {
        const start = m.index ?? 0;
        if (used.some(([a, b]) => start >= a && start < b)) continue;
        const value = readFigure(m[1] as string);
        if (value !== null) untied.push({ value, sentence, match: m[0] });
      }
    }
    for (const m of s.matchAll(/(\d+(?:\.\d+)?)%/gu)) {
      const at = s.lastIndexOf('占', m.index);
      const ops = at >= 0 && (m.index ?? 0) - at <= 40 ? percentOperands(s, at, m.index ?? 0) : null;
      percents.push({
        value: Number(m[1]),
        decimals: (m[1] as string).split('.')[1]?.length ?? 0,
        numerator: ops?.numerator ?? null,
        denominator: ops?.denominator ?? null,
        denominatorKind: ops?.denominatorKind ?? null,
        sentence,
        match: s.slice(Math.max(0, at >= 0 ? at : (m.index ?? 0) - 12), (m.index ?? 0) + m[0].length),
      });
    }
    const plain = s.replace(/《[^》]{0,100}》/gu, '').replace(/[〔[(]\d{4}[〕\])]/gu, '');
    const statPeriod = /统计/.test(plain) && /1月1日/.test(plain);
    for (const m of plain.matchAll(/(?<!\d)((?:19|20)\d{2})年/gu)) {
      const context = PLAN.test(plain) ? 'plan' : COMPARISON.test(plain) ? 'comparison' : null;
      years.push({ year: Number(m[1]), sentence, statPeriod, context });
    }
    const processingFee = /信息处理费/.test(s);
    if (NO_FEE.test(s)) {
      fees.push({ kind: 'none', amountYuan: null, processingFee, sentence });
    } else {
      const m = new RegExp(`(?:收取|收缴|收费)${GAP(16)}(?:费用?)?${GAP(6)}${N}(元|万元)`, 'u').exec(s);
      const amount = m ? readFigure(m[1] as string) : null;
      if (m && amount !== null && amount > 0) {
        fees.push({ kind: 'charged', amountYuan: m[2] === '万元' ? amount * 10_000 : amount, processingFee, sentence });
      }
    }
  }
  const t = fold(title);
  const titleYear = /((?:19|20)\d{2})年度?.{0,60}?年度?报告/u.exec(t)?.[1];
  return { sentences, sections, figures, untied, percents, years, fees, titleYear: titleYear ? Number(titleYear) : null };
}
