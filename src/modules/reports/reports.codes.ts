// The annual report's formats, codes and printed labels (PURE). The codes are the contract of
// shared/reference/report-format.md; the labels and their order are the national formats'
// (国办公开办函〔2021〕30号; the 2019 trial format 国办公开办函〔2019〕60号; norms.md §2.4), and
// for years before 2019 the narrative style with the figures of the 2014 statistics form
// (国办发〔2014〕32号, norms.md §2.5). Regulation Arts 49–50 (2019), Arts 31–32 (2008).

export type ReportFormat = '2021' | '2019' | 'pre2019';

/** The format a year's report is written in: 2021 on → 2021; 2019–2020 → 2019 trial; earlier → narrative. */
export function formatForYear(year: number): ReportFormat {
  if (year >= 2021) return '2021';
  if (year >= 2019) return '2019';
  return 'pre2019';
}

/** Table 3 columns, in order (report-format.md). */
export const APPLICANT_COLUMNS = [
  ['natural_person', '自然人'],
  ['commercial', '商业企业'],
  ['research', '科研机构'],
  ['public_interest', '社会公益组织'],
  ['legal_services', '法律服务机构'],
  ['other_org', '其他'],
  ['total', '总计'],
] as const;
export type Table3Column = (typeof APPLICANT_COLUMNS)[number][0];
export const TABLE3_COLUMNS = APPLICANT_COLUMNS.map(([c]) => c) as Table3Column[];

/** Table 3 rows (2021 format), in order, with their printed labels. */
export const TABLE3_ROWS = [
  ['received', '一、本年新收政府信息公开申请数量'],
  ['carried_in', '二、上年结转政府信息公开申请数量'],
  ['granted', '（一）予以公开'],
  ['partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['withheld.state_secret', '1.属于国家秘密'],
  ['withheld.law_prohibits', '2.其他法律行政法规禁止公开'],
  ['withheld.three_safeties', '3.危及“三安全一稳定”'],
  ['withheld.third_party', '4.保护第三方合法权益'],
  ['withheld.internal_affairs', '5.属于三类内部事务信息'],
  ['withheld.process_info', '6.属于四类过程性信息'],
  ['withheld.enforcement_file', '7.属于行政执法案卷'],
  ['withheld.query_matter', '8.属于行政查询事项'],
  ['unable.not_held', '1.本机关不掌握相关政府信息'],
  ['unable.needs_creation', '2.没有现成信息需要另行制作'],
  ['unable.still_unclear', '3.补正后申请内容仍不明确'],
  ['declined.petition', '1.信访举报投诉类申请'],
  ['declined.duplicate', '2.重复申请'],
  ['declined.publication', '3.要求提供公开出版物'],
  ['declined.excessive', '4.无正当理由大量反复申请'],
  ['declined.confirmation', '5.要求行政机关确认或重新出具已获取信息'],
  ['other.no_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['other.fee_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['other.other', '3.其他'],
  ['results_total', '（七）总计'],
  ['carried_over', '四、结转下年度继续办理'],
] as const;
export type Table3Row = (typeof TABLE3_ROWS)[number][0];
export const TABLE3_ROW_CODES = TABLE3_ROWS.map(([c]) => c) as Table3Row[];
/** The outcome rows (`granted` … `other.other`): a closed request counts in exactly one. */
export const OUTCOME_ROWS = TABLE3_ROW_CODES.slice(2, 23) as Table3Row[];

/** Group rows of 三、本年度办理结果 that carry no numbers of their own. */
export const TABLE3_GROUPS = [
  ['withheld', '（三）不予公开'],
  ['unable', '（四）无法提供'],
  ['declined', '（五）不予处理'],
  ['other', '（六）其他处理'],
] as const;
export const TABLE3_RESULTS_LABEL = '三、本年度办理结果';
export const TABLE3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** In the 2019 trial format the three `other.*` rows print as one row holding their sum. */
export const TABLE3_OTHER_2019_LABEL = '（六）其他处理';

/** Table 4 groups and columns, in order. */
export const TABLE4_GROUPS = [
  ['reconsideration', '行政复议'],
  ['litigation_direct', '未经复议直接起诉'],
  ['litigation_after_reconsideration', '复议后起诉'],
] as const;
export type Table4Group = (typeof TABLE4_GROUPS)[number][0];
export const TABLE4_COLUMNS = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
] as const;
export type Table4Column = (typeof TABLE4_COLUMNS)[number][0];

/** Table 2, 2021 format: blocks (the article item), their column labels and rows. */
export const TABLE2_2021 = [
  {
    item: '第二十条第（一）项',
    columns: [
      ['issued', '本年制发件数'],
      ['repealed', '本年废止件数'],
      ['in_force', '现行有效件数'],
    ],
    rows: [
      ['rules', '规章'],
      ['normative_documents', '行政规范性文件'],
    ],
  },
  { item: '第二十条第（五）项', columns: [['decisions', '本年处理决定数量']], rows: [['licensing', '行政许可']] },
  {
    item: '第二十条第（六）项',
    columns: [['decisions', '本年处理决定数量']],
    rows: [
      ['penalty', '行政处罚'],
      ['compulsion', '行政强制'],
    ],
  },
  {
    item: '第二十条第（八）项',
    columns: [['amount_wan_yuan', '本年收费金额（单位：万元）']],
    rows: [['fees', '行政事业性收费']],
  },
] as const;

/** Table 2, 2019 trial format (norms.md §2.4.2). */
export const TABLE2_2019 = [
  {
    item: '第二十条第（一）项',
    columns: [
      ['made', '本年新制作数量'],
      ['published', '本年新公开数量'],
      ['total_public', '对外公开总数量'],
    ],
    rows: [
      ['rules', '规章'],
      ['normative_documents', '规范性文件'],
    ],
  },
  {
    item: '第二十条第（五）项',
    columns: [
      ['previous_items', '上一年项目数量'],
      ['change', '本年增/减'],
      ['decisions', '处理决定数量'],
    ],
    rows: [
      ['licensing', '行政许可'],
      ['other_services', '其他对外管理服务事项'],
    ],
  },
  {
    item: '第二十条第（六）项',
    columns: [
      ['previous_items', '上一年项目数量'],
      ['change', '本年增/减'],
      ['decisions', '处理决定数量'],
    ],
    rows: [
      ['penalty', '行政处罚'],
      ['compulsion', '行政强制'],
    ],
  },
  {
    item: '第二十条第（八）项',
    columns: [
      ['previous_items', '上一年项目数量'],
      ['change', '本年增/减'],
    ],
    rows: [['fees', '行政事业性收费']],
  },
  {
    item: '第二十条第（九）项',
    columns: [
      ['projects', '采购项目数量'],
      ['amount', '采购总金额'],
    ],
    rows: [['procurement', '政府集中采购']],
  },
] as const;
export const TABLE2_CONTENT_LABEL = '信息内容';

/** Section headings, 2019 and 2021 formats (norms.md §2.3). */
export const SECTIONS = [
  ['overview', '一、总体情况'],
  ['table2', '二、主动公开政府信息情况'],
  ['table3', '三、收到和处理政府信息公开申请情况'],
  ['table4', '四、政府信息公开行政复议、行政诉讼情况'],
  ['problems', '五、存在的主要问题及改进情况'],
  ['other', '六、其他需要报告的事项'],
] as const;
/** The five sub-headings of 一、总体情况 most reports use. */
export const OVERVIEW_PARTS = [
  ['proactive', '（一）主动公开'],
  ['requests', '（二）依申请公开'],
  ['management', '（三）政府信息管理'],
  ['platforms', '（四）政府信息公开平台建设'],
  ['oversight', '（五）监督保障'],
] as const;

/** Art 49 (2019): departments publish by 31 January, governments by 31 March; before 2019 (2008
 * Art 31) every organ by 31 March. Returns the last day (YYYY-MM-DD) for the report of `year`. */
export function publicationDeadline(year: number, organKind: string): string {
  const next = year + 1;
  if (formatForYear(year) === 'pre2019') return `${next}-03-31`;
  return organKind === 'government' ? `${next}-03-31` : `${next}-01-31`;
}
