// The codes of requests, as shared/reference/report-format.md fixes them (a contract with the
// annual report, the imports and the tests), and the choices of the request form (PURE).

export const APPLICANT_TYPES = [
  ['natural_person', '自然人'],
  ['commercial', '商业企业'],
  ['research', '科研机构'],
  ['public_interest', '社会公益组织'],
  ['legal_services', '法律服务机构'],
  ['other_org', '其他'],
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number][0];

/** Outcomes of a closed request: exactly one of the table 3 rows `granted` … `other.other`. */
export const OUTCOME_LABELS = {
  granted: '予以公开',
  partial: '部分公开',
  'withheld.state_secret': '不予公开：属于国家秘密',
  'withheld.law_prohibits': '不予公开：其他法律行政法规禁止公开',
  'withheld.three_safeties': '不予公开：危及“三安全一稳定”',
  'withheld.third_party': '不予公开：保护第三方合法权益',
  'withheld.internal_affairs': '不予公开：属于三类内部事务信息',
  'withheld.process_info': '不予公开：属于四类过程性信息',
  'withheld.enforcement_file': '不予公开：属于行政执法案卷',
  'withheld.query_matter': '不予公开：属于行政查询事项',
  'unable.not_held': '无法提供：本机关不掌握相关政府信息',
  'unable.needs_creation': '无法提供：没有现成信息需要另行制作',
  'unable.still_unclear': '无法提供：补正后申请内容仍不明确',
  'declined.petition': '不予处理：信访举报投诉类申请',
  'declined.duplicate': '不予处理：重复申请',
  'declined.publication': '不予处理：要求提供公开出版物',
  'declined.excessive': '不予处理：无正当理由大量反复申请',
  'declined.confirmation': '不予处理：要求行政机关确认或重新出具已获取信息',
  'other.no_correction': '其他处理：申请人无正当理由逾期不补正',
  'other.fee_unpaid': '其他处理：申请人逾期未按收费通知要求缴纳费用',
  'other.other': '其他处理：其他',
} as const;
export type Outcome = keyof typeof OUTCOME_LABELS;
export const OUTCOMES = Object.keys(OUTCOME_LABELS) as Outcome[];

/** Channels of receipt (report-format.md import `channel`). */
export const CHANNELS = [
  ['online', '网上申请'],
  ['in_person', '当面提交（窗口）'],
  ['post', '信函（平信）'],
  ['registered_post', '挂号信、特快专递'],
  ['fax', '传真'],
  ['email', '电子邮件'],
] as const;
export type Channel = (typeof CHANNELS)[number][0];

export const ID_TYPES = [
  ['resident_id', '居民身份证'],
  ['passport', '护照'],
  ['hk_macao_pass', '港澳居民来往内地通行证'],
  ['taiwan_pass', '台湾居民来往大陆通行证'],
  ['credit_code', '统一社会信用代码'],
  ['other', '其他有效证件'],
] as const;
export type IdType = (typeof ID_TYPES)[number][0];

export const FORMS_WANTED = [
  ['paper', '纸质'],
  ['electronic', '电子'],
] as const;
export const DELIVERIES = [
  ['mail', '邮寄'],
  ['pickup', '当面领取'],
  ['email', '电子邮件'],
  ['online', '网上获取'],
] as const;
export type FormWanted = (typeof FORMS_WANTED)[number][0];
export type Delivery = (typeof DELIVERIES)[number][0];

export const labelOf = (list: ReadonlyArray<readonly [string, string]>, code: string | null | undefined): string =>
  list.find(([c]) => c === code)?.[1] ?? code ?? '';
