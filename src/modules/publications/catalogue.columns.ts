// The standard catalogue (信息公开目录) of an organ (PURE).
// 国办公开办函〔2019〕61号: the 政府信息公开专栏 has four sub-columns — 政府信息公开指南,
// 政府信息公开制度, 法定主动公开内容, 政府信息公开年报 — and 法定主动公开内容 offers the 15
// categories of 政府信息公开条例 Art 20 (norms.md §1.3, §7.4). The organ's own columns follow.
// Update expectations: news-like columns within 2 weeks, document-like columns within 6 months.

export const COLUMN_KINDS = ['news', 'document'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const COLUMN_KIND_LABELS: Record<ColumnKind, string> = { news: '动态类', document: '文件类' };

/** Days within which a column is expected to receive a new item. */
export const UPDATE_DAYS: Record<ColumnKind, number> = { news: 14, document: 183 };

export interface StandardColumn {
  code: string;
  name: string;
  kind: ColumnKind;
  updateDays: number;
  sortOrder: number;
  parentCode: string | null;
  /** The legal text the column stands for (Art 20 categories), when its name abbreviates it. */
  description: string | null;
}

/** Art 20 (一)–(十五): [short column name, the article's wording]. */
export const ART20_CATEGORIES: ReadonlyArray<readonly [string, string]> = [
  ['行政法规、规章和规范性文件', '行政法规、规章和规范性文件'],
  ['机构职能', '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名'],
  ['规划信息', '国民经济和社会发展规划、专项规划、区域规划及相关政策'],
  ['统计信息', '国民经济和社会发展统计信息'],
  ['行政许可和服务事项', '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果'],
  ['行政处罚和行政强制', '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定'],
  ['财政预算决算', '财政预算、决算信息'],
  ['行政事业性收费', '行政事业性收费项目及其依据、标准'],
  ['政府集中采购', '政府集中采购项目的目录、标准及实施情况'],
  ['重大建设项目', '重大建设项目的批准和实施情况'],
  ['民生政策措施', '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况'],
  ['突发公共事件', '突发公共事件的应急预案、预警信息及应对情况'],
  ['监督检查情况', '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况'],
  ['公务员招考', '公务员招考的职位、名额、报考条件等事项以及录用结果'],
  ['其他法定主动公开信息', '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息'],
];

const col = (
  code: string,
  name: string,
  kind: ColumnKind,
  sortOrder: number,
  parentCode: string | null = null,
  description: string | null = null,
): StandardColumn => ({ code, name, kind, updateDays: UPDATE_DAYS[kind], sortOrder, parentCode, description });

/** Code of the column under which the Art 20 categories sit. */
export const STATUTORY_CODE = 'statutory';
/** Codes the service relies on: policy documents and their interpretations (三同步). */
export const POLICY_DOCS_CODE = 'policy-docs';
export const INTERPRETATIONS_CODE = 'interpretations';

/** Every standard column, parents before children. */
export const STANDARD_COLUMNS: readonly StandardColumn[] = [
  col('guide', '政府信息公开指南', 'document', 10),
  col('system', '政府信息公开制度', 'document', 20),
  col(STATUTORY_CODE, '法定主动公开内容', 'document', 30),
  ...ART20_CATEGORIES.map(([name, wording], i) =>
    col(
      `art20-${String(i + 1).padStart(2, '0')}`,
      name,
      'document',
      i + 1,
      STATUTORY_CODE,
      `第二十条第（${cn(i + 1)}）项：${wording}`,
    ),
  ),
  col('annual-report', '政府信息公开年报', 'document', 40),
  col(POLICY_DOCS_CODE, '政策文件', 'document', 50),
  col(INTERPRETATIONS_CODE, '政策解读', 'document', 60),
  col('notices', '通知公告', 'news', 70),
  col('news', '本厅动态', 'news', 80),
  col('videos', '视频', 'news', 90),
  col('finance', '财政资金', 'document', 100),
  col('proposals', '建议提案', 'document', 110),
  col('rumours', '辟谣澄清', 'news', 120),
];

function cn(n: number): string {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n] ?? '';
  return `十${d[n - 10] ?? ''}`;
}

export type Freshness = 'fresh' | 'stale' | 'empty' | 'empty_on_purpose';

/**
 * Whether a column meets its update expectation on `today` (YYYY-MM-DD): its latest item is no
 * older than `updateDays` calendar days. A column may be empty only on purpose (with a reason).
 */
export function columnFreshness(
  c: { updateDays: number; emptyReason: string | null },
  lastPublishedOn: string | null,
  today: string,
): Freshness {
  if (lastPublishedOn === null) return c.emptyReason ? 'empty_on_purpose' : 'empty';
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastPublishedOn}T00:00:00Z`)) / 86_400_000;
  return days <= c.updateDays ? 'fresh' : 'stale';
}
