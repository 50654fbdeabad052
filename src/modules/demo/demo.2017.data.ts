// The words of the demo organ's 2017 (and of its recent year): the documents the seed names, by
// their real titles, and the vocabulary the generated items are built from (PURE, data only).
// The seed is the department's 2017 annual report on government information disclosure
// (/work/shared/seed/000_*.txt); its section numbers are quoted beside what comes from it.
import type { DocKind, Genre } from '../publications/publications.schemas.js';

/** The four kinds of website update of 三(四), plus the service guides of 一(三). */
export const SEED_CATEGORIES = ['文件通知', '公示公告', '本厅动态', '视频', '办事指南'] as const;
export type SeedCategory = (typeof SEED_CATEGORIES)[number];

/** 三(四), 一(三): what 2017 holds, by category. 文件通知 + 公示公告 = the 810 of 三(二). */
export const SEED_COUNTS_2017: Readonly<Record<SeedCategory, number>> = {
  文件通知: 482,
  公示公告: 328,
  本厅动态: 347,
  视频: 226,
  办事指南: 33,
};
/** 三(二): items on the website (the government information: 文件通知 + 公示公告), on WeChat, in the media. */
export const SEED_WEBSITE_2017 = 810;
export const SEED_WECHAT_2017 = 440;
export const SEED_MEDIA_ARTICLES_2017 = 600;
/** The media channel as records: the seed says only "超过600篇"; the demo records 612 of the 2017
 * items (every 本厅动态 and some 文件通知) as having gone out to the main media. */
export const SEED_MEDIA_RECORDED_2017 = 612;
/** 三(三): documents provided to reading venues. */
export const SEED_VENUE_DELIVERIES_2017 = 58;
/** 二(九): interpretations; 二(八): replies to deputies' suggestions and members' proposals. */
export const SEED_INTERPRETATIONS_2017 = 6;
export const SEED_NPC_SUGGESTIONS_2017 = 35;
export const SEED_CPPCC_PROPOSALS_2017 = 36;
/** 二(三): administrative penalty (处理) decisions disclosed. */
export const SEED_PENALTY_DECISIONS_2017 = 37;

export const ORGAN_NAME = '广西壮族自治区住房和城乡建设厅';
const REGION_GOV_OFFICE = '广西壮族自治区人民政府办公厅';

/** 主题分类 (national theme categories). */
export const THEMES = {
  housing: '城乡建设、环境保护\\城乡建设（含住房）',
  environment: '城乡建设、环境保护\\环境监测、保护与治理',
  openness: '综合政务\\政务公开',
  affairs: '综合政务\\其他',
  safety: '工业、交通\\安全生产',
  finance: '财政、金融、审计\\财政',
  personnel: '劳动、人事、监察\\人事工作',
  poverty: '民政、扶贫、救灾\\扶贫',
} as const;

/** Columns the demo organ adds to the standard tree: [code, name, kind, sort order, description]. */
export const ORGAN_COLUMNS: ReadonlyArray<readonly [string, string, 'news' | 'document', number, string]> = [
  ['file-notices', '文件通知', 'document', 71, '本厅印发的通知、通报、方案等文件。'],
  ['public-notices', '公示公告', 'document', 72, '资质审查、评选结果、招标采购等公示和公告。'],
  ['service-guides', '办事指南', 'document', 130, '行政许可和资质认定事项的办事指南。'],
];

/** A document the seed names (or one it implies, e.g. the monthly reports of 二(四)). */
export interface RealDoc {
  key: string;
  column: string;
  category: SeedCategory;
  title: string;
  /** Publication day in China; created_on is a few working days before unless given. */
  on: string;
  createdOn?: string;
  genre: Genre;
  docKind?: DocKind;
  docNumber?: string;
  issuingOrgan?: string;
  unit: string;
  theme: string;
  keywords: string[];
  summary: string;
  /** Paragraphs of the body. */
  body: string[];
  /** Key of the policy document an interpretation explains. */
  interprets?: string;
  /** Goes to the reading venues of 三(三). */
  venue?: boolean;
}

const H = THEMES.housing;
const O = THEMES.openness;

/** 一(二): the disclosure regime documents (政府信息公开制度). */
const REGIME: RealDoc[] = [
  {
    key: 'regime-online-service',
    column: 'system',
    category: '文件通知',
    title: '自治区住房城乡建设厅关于印发《加快推进网上政府服务工作方案》的通知',
    on: '2017-03-14',
    genre: 'notice',
    docNumber: '桂建办〔2017〕8号',
    unit: '办公室',
    theme: O,
    keywords: ['网上政务服务', '互联网+政务服务', '网上办事大厅'],
    summary: '明确加快推进网上政府服务的目标任务、责任分工和完成时限，推动行政审批事项网上办理。',
    body: [
      '各处室、厅属各单位：',
      '现将《加快推进网上政府服务工作方案》印发给你们，请结合实际认真贯彻执行。',
      '方案明确，依托智能审批和监管一体化信息系统和网上办事大厅，推动本厅行政许可事项网上申报、网上受理、网上审批，实现办事指南、办理进度和办理结果网上公开。',
    ],
    venue: true,
  },
  {
    key: 'regime-notice',
    column: 'system',
    category: '文件通知',
    title: '关于做好政务公开工作的通知',
    on: '2017-04-11',
    genre: 'notice',
    docNumber: '桂建办〔2017〕12号',
    unit: '办公室',
    theme: O,
    keywords: ['政务公开', '政府信息公开', '信息联络员'],
    summary: '要求各处室、厅属各单位落实政务公开工作责任，明确信息联络员，及时发布重点工作信息。',
    body: [
      '各处室、厅属各单位：',
      '为贯彻落实《中华人民共和国政府信息公开条例》和自治区2017年政务公开工作要点，现就做好我厅政务公开工作通知如下。',
      '一、各处室明确一名信息联络员，负责本处室政府信息公开事项的梳理和报送。二、办公室汇总全厅政府信息公开事项和年度新闻发布计划，督促各处室及时更新。三、严格执行保密审查制度，做到“先审查、后公开”。',
    ],
    venue: true,
  },
  {
    key: 'regime-plan',
    column: 'system',
    category: '文件通知',
    title: '关于印发《自治区住房城乡建设厅全面推进政务公开工作方案》的通知',
    on: '2017-05-23',
    genre: 'notice',
    docNumber: '桂建办〔2017〕19号',
    unit: '办公室',
    theme: O,
    keywords: ['政务公开', '决策公开', '执行公开', '管理公开', '服务公开', '结果公开'],
    summary: '推进决策、执行、管理、服务、结果公开，明确全厅政务公开的重点任务和责任处室。',
    body: [
      '各处室、厅属各单位：',
      '《自治区住房城乡建设厅全面推进政务公开工作方案》已经厅党组会议研究同意，现印发给你们，请认真组织实施。',
      '方案围绕决策、执行、管理、服务、结果“五公开”，细化住房保障、棚户区改造、农村危房改造、住房公积金、建筑市场监管等重点领域信息公开的内容、时限和责任处室。',
    ],
    venue: true,
  },
  {
    key: 'regime-system-measures',
    column: 'system',
    category: '文件通知',
    title: '关于印发《全区住房城乡建设系统全面推进政务公开工作实施办法》的通知',
    on: '2017-06-20',
    genre: 'measures',
    docNumber: '桂建发〔2017〕11号',
    unit: '办公室',
    theme: O,
    keywords: ['政务公开', '住房城乡建设系统', '实施办法'],
    summary: '完善全区住房城乡建设领域政府信息公开事项，加强对本系统政务公开工作的指导。',
    body: [
      '各市住房城乡建设委（局）、规划局、城市管理（市政）局、住房公积金管理中心，厅属各单位：',
      '现将《全区住房城乡建设系统全面推进政务公开工作实施办法》印发给你们，请遵照执行。',
      '各地要按照自治区政府信息公开统一平台建设的要求公开相关信息，主动公开保障性住房房源和分配、农村危房改造对象和补助资金、住房公积金年度报告等信息。',
    ],
    venue: true,
  },
  {
    key: 'regime-catalogue-2017',
    column: 'system',
    category: '文件通知',
    title: '广西壮族自治区住房和城乡建设厅2017年主动公开政务信息基本目录',
    on: '2017-07-11',
    genre: 'other',
    unit: '办公室',
    theme: O,
    keywords: ['主动公开', '基本目录', '政务信息'],
    summary: '本厅2017年主动公开政务信息基本目录，明确政务公开事项、公开内容、公开时限和责任处室。',
    body: [
      '为明确政务公开事项，健全政府信息公开工作制度，制定本厅2017年主动公开政务信息基本目录。',
      '目录分机构职能、政策法规、规划计划、行政许可、行政处罚、住房保障、农村危房改造、住房公积金、建筑市场监管、财政资金、建议提案办理等类别，逐项列明公开内容、公开时限和责任处室。',
    ],
    venue: true,
  },
];

/** 一(三): the guide and the catalogue; 2016's annual report (published by 31 March 2017). */
const GUIDE: RealDoc[] = [
  {
    key: 'guide',
    column: 'guide',
    category: '文件通知',
    title: '广西壮族自治区住房和城乡建设厅政府信息公开指南',
    on: '2017-02-16',
    genre: 'other',
    unit: '办公室',
    theme: O,
    keywords: ['政府信息公开指南', '依申请公开', '受理窗口'],
    summary: '本厅政府信息公开的范围、方式、依申请公开的办理程序和受理机构（自治区政务服务中心住建厅窗口）。',
    body: [
      '为便于公民、法人和其他组织获取本厅政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。',
      '一、主动公开。本厅主动公开的政府信息通过厅门户网站、“广西住房城乡建设厅”微信公众号、《广西城镇建设》和《广西建设年鉴》等途径公开。',
      '二、依申请公开。受理机构为广西壮族自治区政务服务中心住建厅窗口，申请人可当面、邮寄或通过网站提交申请。',
      '三、收费。本厅政府信息公开不收取费用。',
    ],
    venue: true,
  },
  {
    key: 'catalogue',
    column: 'guide',
    category: '文件通知',
    title: '广西壮族自治区住房和城乡建设厅政府信息公开目录',
    on: '2017-02-16',
    genre: 'other',
    unit: '办公室',
    theme: O,
    keywords: ['信息公开目录', '索引号'],
    summary: '厅本级政府信息公开目录的编排体系、索引号规则和各栏目内容说明。',
    body: [
      '本目录按政府信息公开指南、政府信息公开制度、法定主动公开内容和政府信息公开年报编排。',
      '每条信息标注索引号、发布机构、生成日期、文号、主题分类等要素，索引号由机关代码、年份和顺序号组成。',
    ],
  },
  {
    key: 'annual-report-2016',
    column: 'annual-report',
    category: '文件通知',
    title: '广西壮族自治区住房和城乡建设厅2016年政府信息公开工作年度报告',
    on: '2017-03-27',
    genre: 'report',
    unit: '办公室',
    theme: O,
    keywords: ['年度报告', '政府信息公开'],
    summary: '2016年本厅政府信息公开工作的基本情况、主动公开和依申请公开情况、存在的问题和改进措施。',
    body: [
      '本报告根据《中华人民共和国政府信息公开条例》要求，由本厅编制。',
      '全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请行政复议、提起行政诉讼情况，存在的主要问题及改进措施等内容。',
    ],
    venue: true,
  },
];

/** 二(四)–(九): the policy documents, with the 6 interpretations of 二(九). */
const POLICIES: RealDoc[] = [
  {
    key: 'policy-urban-enforcement',
    column: 'policy-docs',
    category: '文件通知',
    title: '关于深入推进城市管理执法体制改革的实施意见',
    on: '2017-05-09',
    genre: 'opinion',
    issuingOrgan: '中共广西壮族自治区委员会 广西壮族自治区人民政府',
    unit: '城市建设处',
    theme: H,
    keywords: ['城市管理执法', '体制改革', '综合执法'],
    summary: '推进城市管理领域大部门制改革，理顺管理体制，推动执法重心下移，到2020年基本完成城市管理执法体制改革。',
    body: [
      '为深入推进城市管理执法体制改革，改进城市管理工作，结合我区实际，提出如下实施意见。',
      '一、明确主管部门，自治区住房城乡建设厅负责全区城市管理工作的指导、监督和协调。二、推进综合执法，重点在市政公用、市容环境、园林绿化等领域实行跨部门综合执法。三、下移执法重心，推动执法事项属地化管理。',
    ],
    venue: true,
  },
  {
    key: 'policy-urban-enforcement-interp',
    column: 'interpretations',
    category: '文件通知',
    title: '《关于深入推进城市管理执法体制改革的实施意见》政策解读',
    on: '2017-05-11',
    genre: 'other',
    unit: '城市建设处',
    theme: H,
    keywords: ['政策解读', '城市管理执法', '体制改革'],
    summary: '解读实施意见出台的背景、改革目标、主要任务和保障措施。',
    body: [
      '一、出台背景。为贯彻落实中央关于深入推进城市执法体制改革改进城市管理工作的部署，自治区制定了实施意见。',
      '二、改革目标。到2017年底实现市、县政府城市管理领域的机构综合设置；到2020年城市管理法律法规和标准体系基本完善。',
      '三、主要任务。理顺管理体制、强化队伍建设、提高执法水平、完善城市管理、创新治理方式。',
    ],
    interprets: 'policy-urban-enforcement',
  },
  {
    key: 'policy-rural-housing-2017',
    column: 'policy-docs',
    category: '文件通知',
    title: '2017年广西农村危房改造暨脱贫攻坚建档立卡贫困户危房改造实施方案',
    on: '2017-09-26',
    createdOn: '2017-09-19',
    genre: 'other',
    docNumber: '桂政办发〔2017〕137号',
    issuingOrgan: REGION_GOV_OFFICE,
    unit: '村镇建设处',
    theme: THEMES.poverty,
    keywords: ['农村危房改造', '脱贫攻坚', '建档立卡贫困户', '补助标准'],
    summary: '明确2017年全区农村危房改造任务、改造对象认定、补助资金标准和分配、竣工验收及信息公开要求。',
    body: [
      '为加快推进农村危房改造，确保建档立卡贫困户等重点对象住房安全有保障，制定本实施方案。',
      '一、改造对象。重点为建档立卡贫困户、低保户、农村分散供养特困人员和贫困残疾人家庭等4类重点对象。',
      '二、补助标准。按照改造方式和困难程度实行分类补助，补助资金直接拨付到农户“一卡通”账户。',
      '三、信息公开。各地在门户网站公开改造对象认定过程、补助资金标准和分配情况，接受社会监督。',
    ],
    venue: true,
  },
  {
    key: 'policy-rural-housing-2017-interp',
    column: 'interpretations',
    category: '文件通知',
    title: '图解：《2017年广西农村危房改造暨脱贫攻坚建档立卡贫困户危房改造实施方案》',
    on: '2017-09-28',
    genre: 'other',
    unit: '村镇建设处',
    theme: THEMES.poverty,
    keywords: ['政策解读', '农村危房改造', '建档立卡贫困户'],
    summary: '以图解方式说明2017年农村危房改造的对象、标准、程序和资金发放方式。',
    body: [
      '谁可以申请？建档立卡贫困户、低保户、分散供养特困人员、贫困残疾人家庭4类重点对象优先。',
      '怎么申请？农户自愿申请、村民会议或村民代表会议民主评议、乡镇审核、县级审批，并在村务公开栏公示。',
      '补助多少？按改造方式和困难程度分类补助，资金通过“一卡通”直接发放到户。',
    ],
    interprets: 'policy-rural-housing-2017',
  },
  {
    key: 'policy-housing-security-plan',
    column: 'policy-docs',
    category: '文件通知',
    title: '2017年广西住房保障工作实施方案',
    on: '2017-03-07',
    genre: 'other',
    unit: '住房保障处',
    theme: H,
    keywords: ['住房保障', '棚户区改造', '公共租赁住房', '年度建设计划'],
    summary: '公布2017年全区保障性安居工程年度建设计划、基本建成、分配入住目标及项目责任单位和时间节点。',
    body: [
      '为做好2017年全区住房保障工作，制定本实施方案。',
      '一、目标任务。全区新开工各类棚户区改造住房，基本建成保障性住房，公共租赁住房分配入住率进一步提高。',
      '二、工作要求。各市县按月报送建设进展和分配入住情况，在政府网站公开保障性住房房源和分配结果。',
    ],
    venue: true,
  },
  {
    key: 'policy-bim',
    column: 'policy-docs',
    category: '文件通知',
    title: '关于推进建筑信息模型（BIM）技术应用的指导意见',
    on: '2017-06-06',
    genre: 'opinion',
    docKind: 'normative',
    docNumber: '桂建发〔2017〕9号',
    unit: '建筑市场监管处',
    theme: H,
    keywords: ['BIM', '建筑信息模型', '建筑业转型升级'],
    summary: '推动建筑信息模型技术在工程设计、施工、运营维护全过程的应用，明确应用范围和推进步骤。',
    body: [
      '各市住房城乡建设委（局），各有关单位：',
      '为推进建筑信息模型（BIM）技术在我区建筑领域的应用，提升工程建设信息化水平，提出如下指导意见。',
      '到2020年末，以国有资金投资为主的大中型建筑、申报绿色建筑的公共建筑和绿色生态示范小区项目，在勘察设计、施工、运营维护中普遍应用BIM技术。',
    ],
    venue: true,
  },
  {
    key: 'policy-bim-interp',
    column: 'interpretations',
    category: '文件通知',
    title: '《关于推进建筑信息模型（BIM）技术应用的指导意见》解读',
    on: '2017-06-08',
    genre: 'other',
    unit: '建筑市场监管处',
    theme: H,
    keywords: ['政策解读', 'BIM', '建筑信息模型'],
    summary: '解读BIM技术推广应用的目标、重点应用项目范围和保障措施。',
    body: [
      '问：指导意见的主要目标是什么？答：到2020年末，重点项目普遍应用BIM技术，形成一批BIM技术应用示范工程。',
      '问：哪些项目应当应用BIM技术？答：以国有资金投资为主的大中型建筑，申报绿色建筑的公共建筑和绿色生态示范小区。',
    ],
    interprets: 'policy-bim',
  },
  {
    key: 'policy-provident-fund-loans',
    column: 'policy-docs',
    category: '文件通知',
    title: '关于规范住房公积金个人住房贷款业务有关问题的通知',
    on: '2017-08-15',
    genre: 'notice',
    docKind: 'normative',
    docNumber: '桂建金〔2017〕6号',
    unit: '住房公积金监管处',
    theme: H,
    keywords: ['住房公积金', '个人住房贷款', '贷款额度'],
    summary: '统一规范全区住房公积金个人住房贷款的申请条件、贷款额度测算和风险防控要求。',
    body: [
      '各市住房公积金管理委员会、住房公积金管理中心，自治区住房资金管理中心：',
      '为规范住房公积金个人住房贷款业务，保障缴存职工合法权益，现就有关问题通知如下。',
      '一、严格执行贷款申请条件。二、合理确定贷款额度。三、加强贷款风险防控，防范骗提骗贷行为。',
    ],
    venue: true,
  },
  {
    key: 'policy-provident-fund-loans-interp',
    column: 'interpretations',
    category: '文件通知',
    title: '《关于规范住房公积金个人住房贷款业务有关问题的通知》解读',
    on: '2017-08-17',
    genre: 'other',
    unit: '住房公积金监管处',
    theme: H,
    keywords: ['政策解读', '住房公积金', '个人住房贷款'],
    summary: '解读通知出台的背景、贷款申请条件和额度测算方式的变化。',
    body: [
      '一、为什么出台？近年来部分城市住房公积金个贷率偏高，资金流动性紧张，需要统一规范贷款业务。',
      '二、有哪些变化？明确连续足额缴存的时间要求，统一贷款额度测算公式，规范异地贷款办理。',
    ],
    interprets: 'policy-provident-fund-loans',
  },
  {
    key: 'policy-construction-safety',
    column: 'policy-docs',
    category: '文件通知',
    title: '关于进一步加强房屋建筑和市政基础设施工程施工安全管理的若干规定',
    on: '2017-04-18',
    genre: 'provisions',
    docKind: 'normative',
    docNumber: '桂建质〔2017〕10号',
    unit: '工程质量安全监管处',
    theme: THEMES.safety,
    keywords: ['施工安全', '安全生产', '严管地区'],
    summary: '落实建设、施工、监理单位安全生产主体责任，建立建筑施工安全生产“严管地区”制度。',
    body: [
      '第一条　为加强房屋建筑和市政基础设施工程施工安全管理，预防和减少生产安全事故，制定本规定。',
      '第二条　建设单位对工程施工安全负首要责任，施工单位对施工现场安全生产负主体责任。',
      '第三条　自治区住房城乡建设厅每季度公布建筑施工安全生产“严管地区”名单。',
    ],
    venue: true,
  },
  {
    key: 'policy-construction-safety-interp',
    column: 'interpretations',
    category: '文件通知',
    title: '《关于进一步加强房屋建筑和市政基础设施工程施工安全管理的若干规定》解读',
    on: '2017-04-20',
    genre: 'other',
    unit: '工程质量安全监管处',
    theme: THEMES.safety,
    keywords: ['政策解读', '施工安全', '严管地区'],
    summary: '解读若干规定明确的各方主体责任和“严管地区”认定、退出办法。',
    body: [
      '一、什么是“严管地区”？按季度对各设区市建筑施工事故情况进行排名，对事故多发的地区实行严管。',
      '二、严管措施有哪些？约谈、挂牌督办、加大层级督查频次等。',
    ],
    interprets: 'policy-construction-safety',
  },
  {
    key: 'policy-credit',
    column: 'policy-docs',
    category: '文件通知',
    title: '广西壮族自治区建筑市场主体信用评价管理暂行办法',
    on: '2017-11-07',
    genre: 'measures',
    docKind: 'normative',
    docNumber: '桂建管〔2017〕15号',
    unit: '建筑市场监管处',
    theme: H,
    keywords: ['建筑市场', '信用评价', '诚信'],
    summary: '建立建筑市场主体信用评价制度，依托建筑监管与诚信信息一体化平台归集和公开信用信息。',
    body: [
      '第一条　为加强建筑市场信用体系建设，规范建筑市场秩序，制定本办法。',
      '第二条　信用评价结果通过建筑监管与诚信信息一体化平台向社会公开，并在招标投标中应用。',
    ],
    venue: true,
  },
  {
    key: 'policy-credit-interp',
    column: 'interpretations',
    category: '文件通知',
    title: '《广西壮族自治区建筑市场主体信用评价管理暂行办法》解读',
    on: '2017-11-09',
    genre: 'other',
    unit: '建筑市场监管处',
    theme: H,
    keywords: ['政策解读', '信用评价', '建筑市场'],
    summary: '解读信用评价的对象、指标、评价程序和结果应用。',
    body: [
      '一、评价对象：在我区从事房屋建筑和市政基础设施工程活动的施工、监理企业。',
      '二、结果应用：信用评价结果在招标投标、资质审批、评优评先中应用。',
    ],
    interprets: 'policy-credit',
  },
  {
    key: 'policy-township-sewage',
    column: 'policy-docs',
    category: '文件通知',
    title: '关于加快推进“十三五”首批乡镇污水处理设施建设的通知',
    on: '2017-03-21',
    genre: 'notice',
    docNumber: '桂建城〔2017〕7号',
    unit: '城市建设处',
    theme: THEMES.environment,
    keywords: ['污水处理', '乡镇污水处理设施', '十三五'],
    summary: '部署“十三五”首批乡镇污水处理设施建设任务，明确建设模式、时间节点和运营监管要求。',
    body: [
      '各市住房城乡建设委（局）：',
      '为加快推进我区“十三五”首批乡镇污水处理设施建设，改善乡镇人居环境，现就有关事项通知如下。',
      '一、按照“厂网并举、管网优先”原则推进建设。二、鼓励以县为单位整体打包实施。三、建立建设进度月报制度。',
    ],
    venue: true,
  },
];

/** 二(三), 二(四), 二(六), 二(七), 三(一): supervision, housing, provident fund, finance, rumours. */
const STATUTORY: RealDoc[] = [
  {
    key: 'provident-fund-report-2016',
    column: 'art20-15',
    category: '文件通知',
    title: '2016年度全区住房公积金年度报告',
    on: '2017-03-30',
    genre: 'report',
    unit: '住房公积金监管处',
    theme: H,
    keywords: ['住房公积金', '年度报告', '信息披露'],
    summary: '全区住房公积金2016年度机构概况、业务运行、财务数据、资产风险和社会经济效益。',
    body: [
      '一、机构概况。全区设住房公积金管理中心（分中心）15个。',
      '二、业务运行情况。包括缴存、提取、贷款、资金存储和使用率等。',
      '三、主要财务数据。四、资产风险状况。五、社会经济效益。',
    ],
    venue: true,
  },
  {
    key: 'penalty-bid-restriction',
    column: 'art20-06',
    category: '公示公告',
    title: '关于对63家施工监理企业限制在广西投标资格的处理决定的公告',
    on: '2017-11-28',
    genre: 'announcement',
    unit: '建筑市场监管处',
    theme: H,
    keywords: ['层级监督检查', '限制投标', '施工企业', '监理企业'],
    summary: '根据2017年全区建筑市场暨工程质量安全层级监督检查结果，对63家施工、监理企业作出限制在广西投标资格的处理决定。',
    body: [
      '2017年，我厅组织开展了4次全区建筑市场暨工程质量安全层级监督检查，共抽查项目390个。',
      '对检查中存在严重质量安全隐患的63家施工、监理企业，作出在广西限制投标资格的处理决定，现予公告。',
    ],
  },
  {
    key: 'typical-cases',
    column: 'art20-13',
    category: '文件通知',
    title: '关于工程质量治理两年行动21起典型案例的通报',
    on: '2017-02-21',
    genre: 'other',
    unit: '工程质量安全监管处',
    theme: H,
    keywords: ['工程质量治理两年行动', '典型案例', '通报'],
    summary: '通报工程质量治理两年行动中查处的21起典型案例及处理结果。',
    body: ['为巩固工程质量治理两年行动成果，现将各地查处的21起典型案例通报如下，各地要引以为戒。'],
  },
  {
    key: 'rumour-statement',
    column: 'rumours',
    category: '公示公告',
    title: '广西壮族自治区住房和城乡建设厅郑重声明',
    on: '2017-08-08',
    genre: 'announcement',
    unit: '办公室',
    theme: O,
    keywords: ['郑重声明', '辟谣', '不实信息'],
    summary: '近日网络流传的所谓本厅“关于清理整顿二级建造师挂证的紧急通知”系伪造文件，本厅从未发布。',
    body: [
      '近日，有人在网络和微信群中散布所谓本厅“关于清理整顿二级建造师挂证的紧急通知”。',
      '经核实，本厅从未印发该文件，该信息系伪造。本厅发布的文件以厅门户网站和“广西住房城乡建设厅”微信公众号公布的为准。',
      '对伪造、散布不实信息的行为，本厅将依法追究相关责任。特此声明。',
    ],
  },
];

/** 二(四): monthly progress of the housing projects (one a month: December 2016 to November 2017). */
function monthlyHousing(): RealDoc[] {
  const out: RealDoc[] = [];
  for (let i = 0; i < 12; i++) {
    const [y, m] = i === 0 ? [2016, 12] : [2017, i];
    const pubMonth = i + 1;
    out.push({
      key: `housing-progress-${y}-${m}`,
      column: 'art20-11',
      category: '文件通知',
      title: `${y}年${m}月全区城镇保障性安居工程建设进展和分配入住情况`,
      on: `2017-${String(pubMonth).padStart(2, '0')}-12`,
      genre: 'report',
      unit: '住房保障处',
      theme: H,
      keywords: ['保障性安居工程', '棚户区改造', '分配入住'],
      summary: `截至${y}年${m}月底，全区城镇保障性安居工程新开工、基本建成和分配入住情况。`,
      body: [
        `截至${y}年${m}月底，全区各类棚户区改造和公共租赁住房项目按计划推进。`,
        '各市新开工、基本建成、分配入住情况及排名见附表。进度滞后的市县要分析原因，采取措施加快推进。',
      ],
    });
  }
  return out;
}

/** 二(三): the quarterly 严管地区 lists and the four inspections. */
function supervision(): RealDoc[] {
  const quarters: Array<[string, string]> = [
    ['2016年第四季度', '2017-01-17'],
    ['2017年第一季度', '2017-04-13'],
    ['2017年第二季度', '2017-07-13'],
    ['2017年第三季度', '2017-10-17'],
  ];
  const lists = quarters.map(
    ([q, on], i): RealDoc => ({
      key: `strict-areas-${i + 1}`,
      column: 'art20-13',
      category: '公示公告',
      title: `${q}全区建筑施工安全生产“严管地区”名单`,
      on,
      genre: 'announcement',
      unit: '工程质量安全监管处',
      theme: THEMES.safety,
      keywords: ['严管地区', '建筑施工安全', '安全生产'],
      summary: `公布${q}全区建筑施工安全生产“严管地区”名单及严管措施。`,
      body: [
        `根据${q}各设区市建筑施工生产安全事故情况，现公布建筑施工安全生产“严管地区”名单。`,
        '被列入严管地区的市，由我厅约谈其住房城乡建设主管部门负责人，并加大层级督查频次。',
      ],
    }),
  );
  const rounds = ['第一次', '第二次', '第三次', '第四次'];
  const dates = ['2017-04-25', '2017-07-04', '2017-09-19', '2017-12-12'];
  const inspections = rounds.map(
    (r, i): RealDoc => ({
      key: `inspection-${i + 1}`,
      column: 'art20-13',
      category: '文件通知',
      title: `关于2017年${r}全区建筑市场暨工程质量安全层级监督检查情况的通报`,
      on: dates[i] as string,
      genre: 'other',
      unit: '工程质量安全监管处',
      theme: THEMES.safety,
      keywords: ['层级监督检查', '建筑市场', '工程质量安全', '挂牌督办'],
      summary: `通报2017年${r}层级监督检查抽查项目、责令停工整改、挂牌督办和暂停执业资格情况。`,
      body: [
        `2017年${r}全区建筑市场暨工程质量安全层级监督检查已结束，现将检查情况通报如下。`,
        '对存在严重质量安全隐患的项目责令停工整改，对相关工程进行挂牌督办，对相关执业人员暂停执业资格。',
      ],
    }),
  );
  const random: RealDoc[] = [
    ['上半年', '2017-07-20'],
    ['下半年', '2017-12-19'],
  ].map(([h, on]) => ({
    key: `random-checks-${h}`,
    column: 'art20-13',
    category: '文件通知',
    title: `2017年${h}“双随机一公开”抽查结果`,
    on: on as string,
    genre: 'other',
    unit: '政策法规处',
    theme: H,
    keywords: ['双随机一公开', '随机抽查', '市场监管'],
    summary: `本厅2017年${h}随机抽取检查对象、随机选派执法检查人员开展抽查的结果。`,
    body: [
      '根据本厅随机抽查事项清单，从市场主体名录库中随机抽取检查对象，从执法检查人员名录库中随机选派检查人员。',
      '抽查结果如下表，发现的问题已责令整改。',
    ],
  }));
  return [...lists, ...inspections, ...random];
}

/** 二(七): budgets and final accounts of the department and three of its units; fees. */
function finance(): RealDoc[] {
  const units = [
    '广西壮族自治区住房和城乡建设厅（本级）',
    '广西壮族自治区住房和城乡建设厅机关服务中心',
    '广西壮族自治区房改办',
    '广西住房和城乡建设信息中心',
  ];
  const out: RealDoc[] = [];
  units.forEach((u, i) => {
    out.push({
      key: `budget-2017-${i}`,
      column: 'art20-07',
      category: '文件通知',
      title: `${u}2017年部门预算及“三公”经费预算情况说明`,
      on: `2017-02-${String(20 + i).padStart(2, '0')}`,
      genre: 'report',
      unit: '计划财务处',
      theme: THEMES.finance,
      keywords: ['部门预算', '三公经费', '财政资金'],
      summary: `${u}2017年收支预算总表、财政拨款支出预算表和“三公”经费预算情况说明。`,
      body: [`${u}2017年部门预算已经自治区人民代表大会批准，现予公开。`, '“三公”经费预算比上年有所下降。'],
    });
    out.push({
      key: `accounts-2016-${i}`,
      column: 'art20-07',
      category: '文件通知',
      title: `${u}2016年度部门决算及“三公”经费使用情况说明`,
      on: `2017-08-${String(14 + i).padStart(2, '0')}`,
      genre: 'report',
      unit: '计划财务处',
      theme: THEMES.finance,
      keywords: ['部门决算', '三公经费', '财政资金'],
      summary: `${u}2016年度收入支出决算总表和“三公”经费使用情况说明。`,
      body: [`现将${u}2016年度部门决算予以公开。`, '2016年度“三公”经费支出控制在预算之内。'],
    });
  });
  out.push(
    {
      key: 'fees',
      column: 'art20-08',
      category: '文件通知',
      title: '广西壮族自治区住房和城乡建设厅行政事业性收费项目目录',
      on: '2017-06-28',
      genre: 'other',
      unit: '计划财务处',
      theme: THEMES.finance,
      keywords: ['行政事业性收费', '收费标准', '收费依据'],
      summary: '本厅行政事业性收费项目名称、收费依据和收费标准。',
      body: ['本厅现行行政事业性收费项目及其依据、标准如下表。目录以外的，一律不得收费。'],
    },
    {
      key: 'exam-fees',
      column: 'art20-08',
      category: '文件通知',
      title: '全国性考试考务费收费项目执收清单目录',
      on: '2017-06-28',
      genre: 'other',
      unit: '计划财务处',
      theme: THEMES.finance,
      keywords: ['考务费', '收费项目', '全国性考试'],
      summary: '一级建造师、二级建造师、监理工程师等全国性考试考务费收费项目执收清单。',
      body: ['现将本厅执收的全国性考试考务费收费项目清单公布如下，接受社会监督。'],
    },
  );
  return out;
}

/** 二(九): the five online interviews, in the video column. */
const INTERVIEWS: RealDoc[] = [
  ['法治建设', '2017-03-29'],
  ['广西特色小镇', '2017-06-14'],
  ['BIM技术推广', '2017-07-26'],
  ['广西园博会', '2017-09-13'],
  ['住宅工程质量满意度四年提升行动', '2017-11-22'],
].map(([topic, on], i) => ({
  key: `interview-${i + 1}`,
  column: 'videos',
  category: '视频',
  title: `《在线访谈》第${i + 1}期：${topic}`,
  on: on as string,
  genre: 'other',
  unit: '办公室',
  theme: H,
  keywords: ['在线访谈', topic as string],
  summary: `厅相关处室负责人做客《在线访谈》，就${topic}回答网民关心的问题。`,
  body: [`本期《在线访谈》围绕${topic}，介绍工作进展并回答网民提问。`],
}));

/** 二(四), 二(五), 二(六), 三(二): news the seed tells of, among the 347. */
const NEWS: RealDoc[] = [
  {
    key: 'news-inspection-tour',
    column: 'news',
    category: '本厅动态',
    title: '自治区人大代表、政协委员和媒体记者参加全区保障性安居工程巡查',
    on: '2017-05-19',
    genre: 'other',
    unit: '住房保障处',
    theme: H,
    keywords: ['保障性安居工程', '巡查', '人大代表', '政协委员'],
    summary: '我厅邀请10多家中央和自治区媒体，与自治区人大代表、政协委员共同参加保障性安居工程巡查。',
    body: [
      '5月，我厅邀请10多家中央和自治区媒体，与自治区人大代表、政协委员共同参加全区保障性安居工程巡查，实地查看棚户区改造和公共租赁住房项目建设和分配入住情况。',
    ],
  },
  {
    key: 'news-shantytown-ahead',
    column: 'news',
    category: '本厅动态',
    title: '我区提前超额完成2017年棚户区改造国家任务',
    on: '2017-09-22',
    genre: 'other',
    unit: '住房保障处',
    theme: H,
    keywords: ['棚户区改造', '国家任务', '保障性安居工程'],
    summary: '截至9月底，全区棚户区改造新开工套数提前超额完成国家下达的年度任务。',
    body: ['截至9月底，全区棚户区改造新开工套数提前超额完成国家下达的年度目标任务，基本建成和分配入住工作同步推进。'],
  },
  {
    key: 'news-policy-cards',
    column: 'news',
    category: '本厅动态',
    title: '545万张“广西农村危房改造政策明白卡”免费发放到农户手中',
    on: '2017-06-27',
    genre: 'other',
    unit: '村镇建设处',
    theme: THEMES.poverty,
    keywords: ['农村危房改造', '政策明白卡', '信息公开'],
    summary: '我厅编印545万张农村危房改造政策明白卡，公开改造对象认定过程、补助资金标准和分配情况。',
    body: ['为帮助广大群众更好地了解农村危房改造政策，我厅编印了545万张“广西农村危房改造政策明白卡”，免费发放给全区农村住户。'],
  },
  {
    key: 'news-12329',
    column: 'news',
    category: '本厅动态',
    title: '全区住房公积金12329短信平台开通服务',
    on: '2017-07-18',
    genre: 'other',
    unit: '住房公积金监管处',
    theme: H,
    keywords: ['住房公积金', '12329', '短信服务'],
    summary: '缴存职工可通过12329短信及时了解业务办理进度和最新政策。',
    body: ['全区住房公积金12329短信平台开通服务，缴存职工可及时跟进业务办理进度，准确掌握最新政策。'],
  },
  {
    key: 'press-urbanisation',
    column: 'news',
    category: '本厅动态',
    title: '我厅参加自治区新型城镇化综合试点新闻发布会',
    on: '2017-12-14',
    genre: 'other',
    unit: '城市建设处',
    theme: H,
    keywords: ['新闻发布会', '新型城镇化', '综合试点'],
    summary: '自治区发展改革委举办新型城镇化综合试点新闻发布会，我厅参加发布并回答记者提问。',
    body: [
      '自治区发展改革委举办广西新型城镇化综合试点新闻发布会，我厅有关负责同志参加发布，介绍住房城乡建设领域推进新型城镇化的工作情况并回答记者提问。',
    ],
  },
  {
    key: 'press-sewage',
    column: 'news',
    category: '本厅动态',
    title: '广西“十三五”首批乡镇污水处理设施建设情况新闻发布会实录',
    on: '2017-12-22',
    genre: 'other',
    unit: '城市建设处',
    theme: THEMES.environment,
    keywords: ['新闻发布会', '乡镇污水处理', '十三五'],
    summary: '经自治区政府同意，我厅举办新闻发布会，分管副厅长通报“十三五”首批乡镇污水处理设施建设情况并答记者问。',
    body: [
      '12月22日，经自治区政府同意，自治区住房城乡建设厅举办广西“十三五”首批乡镇污水处理设施建设情况新闻发布会。',
      '分管副厅长介绍了首批乡镇污水处理设施建设进展、建设模式和运营监管安排，并回答了记者提问。',
    ],
  },
];

/** Every named or implied 2017 document (the generated ones fill the counts around them). */
export function realDocs2017(): RealDoc[] {
  return [
    ...REGIME,
    ...GUIDE,
    ...POLICIES,
    ...STATUTORY,
    ...monthlyHousing(),
    ...supervision(),
    ...finance(),
    ...INTERVIEWS,
    ...NEWS,
  ];
}

/** 二(一): the list of powers and responsibilities, published in December 2016. */
export const POWERS_LIST_2016: RealDoc = {
  key: 'powers-list-2016',
  column: 'art20-02',
  category: '文件通知',
  title: '广西壮族自治区住房和城乡建设厅权责清单',
  on: '2016-12-20',
  genre: 'other',
  unit: '政策法规处',
  theme: O,
  keywords: ['权责清单', '权力清单', '责任清单'],
  summary: '按照自治区政府《关于公布自治区人民政府部门权责清单的通知》公布的本厅权责清单。',
  body: ['本厅权责清单包括行政许可、行政处罚、行政强制、行政检查、行政确认等权力事项，逐项列明实施依据、责任事项和追责情形。'],
};

// --- vocabulary of the generated items ----------------------------------------------------

/** A subject of work: [noun phrase, theme, unit, keywords]. */
export type Subject = readonly [string, string, string, readonly string[]];
const E = THEMES.environment;
const S = THEMES.safety;
export const SUBJECTS: readonly Subject[] = [
  ['棚户区改造', H, '住房保障处', ['棚户区改造', '保障性安居工程']],
  ['公共租赁住房分配管理', H, '住房保障处', ['公共租赁住房', '住房保障']],
  ['城镇保障性安居工程', H, '住房保障处', ['保障性安居工程', '住房保障']],
  ['棚改货币化安置', H, '住房保障处', ['棚户区改造', '货币化安置']],
  ['农村危房改造', THEMES.poverty, '村镇建设处', ['农村危房改造', '脱贫攻坚']],
  ['农村危房改造竣工验收', THEMES.poverty, '村镇建设处', ['农村危房改造', '竣工验收']],
  ['乡村风貌提升', H, '村镇建设处', ['乡村风貌', '美丽广西']],
  ['传统村落保护', H, '村镇建设处', ['传统村落', '历史文化保护']],
  ['农村改厕改厨', H, '村镇建设处', ['改厕改厨', '农村人居环境']],
  ['住房公积金监管', H, '住房公积金监管处', ['住房公积金', '监管']],
  ['住房公积金缴存扩面', H, '住房公积金监管处', ['住房公积金', '缴存']],
  ['住房公积金服务标准化', H, '住房公积金监管处', ['住房公积金', '服务']],
  ['建筑市场监管', H, '建筑市场监管处', ['建筑市场', '监管']],
  ['建筑业企业资质动态核查', H, '建筑市场监管处', ['资质', '动态核查']],
  ['工程建设项目招标投标监管', H, '建筑市场监管处', ['招标投标', '建筑市场']],
  ['农民工工资支付', H, '建筑市场监管处', ['农民工工资', '建筑市场']],
  ['建筑业转型升级', H, '建筑市场监管处', ['建筑业', '转型升级']],
  ['装配式建筑推广', H, '建筑市场监管处', ['装配式建筑', '建筑产业现代化']],
  ['工程质量安全', S, '工程质量安全监管处', ['工程质量', '安全生产']],
  ['建筑施工安全生产', S, '工程质量安全监管处', ['建筑施工', '安全生产']],
  ['深基坑和高支模安全管理', S, '工程质量安全监管处', ['危大工程', '安全生产']],
  ['建筑起重机械安全管理', S, '工程质量安全监管处', ['起重机械', '安全生产']],
  ['住宅工程质量常见问题治理', H, '工程质量安全监管处', ['住宅工程', '工程质量']],
  ['汛期建筑施工安全', S, '工程质量安全监管处', ['汛期', '安全生产']],
  ['房屋建筑抗震设防', H, '工程质量安全监管处', ['抗震设防', '工程质量']],
  ['城市管理执法', H, '城市建设处', ['城市管理执法', '综合执法']],
  ['城镇污水处理', E, '城市建设处', ['污水处理', '水污染防治']],
  ['乡镇污水处理设施建设', E, '城市建设处', ['污水处理', '乡镇']],
  ['城市黑臭水体整治', E, '城市建设处', ['黑臭水体', '水环境']],
  ['城市生活垃圾分类', E, '城市建设处', ['垃圾分类', '城市管理']],
  ['城市地下综合管廊建设', H, '城市建设处', ['综合管廊', '城市基础设施']],
  ['海绵城市建设', H, '城市建设处', ['海绵城市', '城市基础设施']],
  ['城镇燃气安全', S, '城市建设处', ['城镇燃气', '安全生产']],
  ['城市园林绿化', H, '城市建设处', ['园林绿化', '园林城市']],
  ['特色小镇培育', H, '村镇建设处', ['特色小镇', '新型城镇化']],
  ['房地产市场调控', H, '房地产市场监管处', ['房地产市场', '调控']],
  ['商品房预售资金监管', H, '房地产市场监管处', ['商品房预售', '资金监管']],
  ['物业服务管理', H, '房地产市场监管处', ['物业管理', '物业服务']],
  ['房地产中介市场秩序整治', H, '房地产市场监管处', ['房地产中介', '市场秩序']],
  ['住房租赁市场培育', H, '房地产市场监管处', ['住房租赁', '房地产市场']],
  ['绿色建筑和建筑节能', H, '城市建设处', ['绿色建筑', '建筑节能']],
  ['建设领域法治宣传', THEMES.affairs, '政策法规处', ['法治建设', '普法']],
  ['行政审批制度改革', THEMES.affairs, '政策法规处', ['行政审批', '放管服']],
  ['“双随机一公开”监管', THEMES.affairs, '政策法规处', ['双随机一公开', '随机抽查']],
  ['政务公开', O, '办公室', ['政务公开', '政府信息公开']],
  ['建设行业信用体系建设', H, '建筑市场监管处', ['信用体系', '诚信']],
  ['建设工程消防安全', S, '工程质量安全监管处', ['消防安全', '安全生产']],
  ['住房城乡建设统计', THEMES.affairs, '计划财务处', ['统计', '住房城乡建设']],
  ['建设行业专业技术人员继续教育', THEMES.personnel, '人事处', ['继续教育', '专业技术人员']],
];

/** 文件通知: [template with {S} for the subject, genre]. */
export const FILE_TEMPLATES: ReadonlyArray<readonly [string, Genre]> = [
  ['关于开展{Y}年全区{S}专项检查的通知', 'notice'],
  ['关于做好{S}工作的通知', 'notice'],
  ['关于进一步加强{S}工作的通知', 'notice'],
  ['关于召开全区{S}工作会议的通知', 'notice'],
  ['关于举办全区{S}业务培训班的通知', 'notice'],
  ['关于{Y}年上半年{S}工作情况的通报', 'other'],
  ['关于报送{Y}年{S}工作总结的通知', 'notice'],
  ['关于印发{Y}年全区{S}工作要点的通知', 'notice'],
  ['关于开展{S}工作督查的通知', 'notice'],
  ['关于下达{Y}年{S}目标任务的通知', 'notice'],
  ['关于印发《广西{S}工作考核办法》的通知', 'notice'],
  ['关于{S}有关问题的复函', 'letter'],
  ['关于征求《广西{S}实施细则（征求意见稿）》意见的函', 'letter'],
  ['关于{Y}年第三季度{S}工作情况的通报', 'other'],
];

/** 公示公告: templates numbered by batch ({N}). */
export const NOTICE_TEMPLATES: ReadonlyArray<readonly [string, Genre, string, string, readonly string[]]> = [
  ['关于{Y}年第{N}批建筑业企业资质审查意见的公示', 'announcement', H, '建筑市场监管处', ['建筑业企业资质', '行政许可']],
  ['关于{Y}年第{N}批工程监理企业资质审查意见的公示', 'announcement', H, '建筑市场监管处', ['工程监理企业资质', '资质认定']],
  ['关于{Y}年第{N}批房地产开发企业资质核定结果的公告', 'announcement', H, '房地产市场监管处', ['房地产开发企业资质', '行政许可']],
  [
    '关于{Y}年第{N}批建筑施工企业安全生产许可证核发情况的公告',
    'announcement',
    S,
    '工程质量安全监管处',
    ['安全生产许可证', '建筑施工企业'],
  ],
  ['{Y}年第{N}批二级注册建造师初始注册人员名单公示', 'announcement', H, '建筑市场监管处', ['注册建造师', '执业注册']],
  ['关于{Y}年第{N}批工程勘察设计企业资质审查意见的公示', 'announcement', H, '建筑市场监管处', ['勘察设计', '资质认定']],
  ['关于{Y}年第{N}批工程造价咨询企业资质审查结果的公示', 'announcement', H, '建筑市场监管处', ['工程造价咨询', '资质认定']],
  ['关于{Y}年第{N}批建设工程质量检测机构资质审查意见的公示', 'announcement', H, '工程质量安全监管处', ['质量检测机构', '资质']],
  ['关于{Y}年第{N}批建筑施工特种作业人员考核合格名单的公告', 'announcement', S, '工程质量安全监管处', ['特种作业人员', '考核']],
  ['关于注销第{N}批建筑业企业资质证书的公告', 'announcement', H, '建筑市场监管处', ['建筑业企业资质', '注销']],
  ['关于撤回第{N}批建筑施工企业安全生产许可证的公告', 'announcement', S, '工程质量安全监管处', ['安全生产许可证', '撤回']],
  ['关于{Y}年第{N}批物业服务企业资质核定结果的公示', 'announcement', H, '房地产市场监管处', ['物业服务企业', '资质']],
];

/** 公示公告 that are not numbered batches: [title, genre, theme, unit, keywords]. */
export const NOTICE_SINGLES: ReadonlyArray<readonly [string, Genre, string, string, readonly string[]]> = [
  ['关于拟认定{Y}年度自治区级建筑业新技术应用示范工程的公示', 'announcement', H, '建筑市场监管处', ['新技术应用', '示范工程']],
  ['关于{Y}年度自治区优质工程拟获奖项目的公示', 'announcement', H, '工程质量安全监管处', ['优质工程', '工程质量']],
  [
    '关于{Y}年度自治区建筑施工安全文明标准化示范工地拟命名项目的公示',
    'announcement',
    S,
    '工程质量安全监管处',
    ['文明工地', '安全生产'],
  ],
  ['关于{Y}年自治区级园林城市（县城）拟命名名单的公示', 'announcement', H, '城市建设处', ['园林城市', '园林绿化']],
  ['关于广西特色小镇培育名单（第一批）的公示', 'announcement', H, '村镇建设处', ['特色小镇', '新型城镇化']],
  ['关于拟列入自治区级传统村落名录村落的公示', 'announcement', H, '村镇建设处', ['传统村落', '历史文化保护']],
  ['关于{Y}年全区绿色建筑评价标识项目的公示', 'announcement', H, '城市建设处', ['绿色建筑', '评价标识']],
  [
    '关于{Y}年度全区住房城乡建设系统先进集体和先进个人拟表彰对象的公示',
    'announcement',
    THEMES.personnel,
    '人事处',
    ['表彰', '先进集体'],
  ],
  ['关于{Y}年建设工程造价咨询企业信用评价结果的公告', 'announcement', H, '建筑市场监管处', ['信用评价', '工程造价']],
  ['关于{Y}年度全区物业管理示范项目考评结果的公示', 'announcement', H, '房地产市场监管处', ['物业管理', '示范项目']],
  ['关于开展{Y}年广西建设工程“真武阁杯”奖评选的公告', 'announcement', H, '工程质量安全监管处', ['优质工程', '评选']],
  ['关于{Y}年全区建设行业职业技能竞赛获奖名单的公示', 'announcement', THEMES.personnel, '人事处', ['职业技能竞赛', '表彰']],
];

export const CITIES = [
  '南宁',
  '柳州',
  '桂林',
  '梧州',
  '北海',
  '防城港',
  '钦州',
  '贵港',
  '玉林',
  '百色',
  '贺州',
  '河池',
  '来宾',
  '崇左',
] as const;

/** 本厅动态: templates with {C} for a city and {S} for a subject. */
export const NEWS_TEMPLATES: readonly string[] = [
  '厅领导赴{C}市调研{S}工作',
  '全区{S}工作推进会在{C}市召开',
  '我厅召开{S}工作座谈会',
  '我厅举办全区{S}业务培训班',
  '{C}市{S}工作取得新进展',
  '我厅督查组赴{C}市开展{S}督查',
  '我厅部署下一阶段{S}工作',
  '{C}市召开{S}现场观摩会',
  '我厅与{C}市人民政府座谈交流{S}工作',
];

/** 视频: templates. */
export const VIDEO_TEMPLATES: readonly string[] = [
  '视频：{C}市{S}见闻',
  '视频：走进{C}看{S}',
  '视频：{S}的{C}实践',
  '微视频：{C}市{S}纪实',
];

/** 二(三): the project places the penalty decisions name (anonymised). */
export const PROJECT_KINDS = ['住宅小区', '商业综合体', '安置房', '学校教学楼', '市政道路', '医院门诊楼'] as const;

/** 二(八): topics of the deputies' suggestions and members' proposals. */
export const PROPOSAL_TOPICS: readonly string[] = [
  '加快推进城市棚户区改造',
  '加大农村危房改造补助力度',
  '完善公共租赁住房分配管理',
  '扩大住房公积金制度覆盖面',
  '支持进城务工人员使用住房公积金',
  '加快乡镇污水处理设施建设',
  '加强城市黑臭水体治理',
  '推进城市生活垃圾分类',
  '加强建筑施工安全监管',
  '保障农民工工资按时足额支付',
  '推广装配式建筑',
  '加强传统村落保护',
  '推进特色小镇建设',
  '加强住宅工程质量管理',
  '规范物业服务收费',
  '加强老旧小区改造',
  '加快城市地下综合管廊建设',
  '推进海绵城市建设',
  '加强城镇燃气安全管理',
  '规范房地产中介市场秩序',
  '培育和发展住房租赁市场',
  '加快乡村风貌提升',
  '推进农村改厕改厨',
  '加强城市园林绿化建设',
  '完善城市管理执法体制',
  '加强建设工程质量检测管理',
  '推进绿色建筑发展',
  '加强历史文化名城名镇名村保护',
  '优化建筑业企业资质审批服务',
  '加快边境地区城镇基础设施建设',
  '加强县城停车设施建设',
  '推动建筑业“走出去”',
  '加强城市排水防涝设施建设',
  '规范商品房预售资金监管',
  '加快民族特色村寨建设',
  '推进建筑信息模型技术应用',
];

/** 一(三): the 33 licensing and qualification items of the department's service guides. */
export const SERVICE_GUIDES: readonly string[] = [
  '建筑业企业资质（施工总承包二级、专业承包一级二级）核准',
  '建筑业企业资质增项、升级',
  '建筑业企业资质变更、延续',
  '外商投资建筑业企业资质认定',
  '工程监理企业资质（专业乙级、丙级）认定',
  '工程勘察企业资质（乙级及以下）认定',
  '工程设计企业资质（乙级及以下）认定',
  '工程造价咨询企业资质（乙级）认定',
  '工程建设项目招标代理机构资格（乙级）认定',
  '城乡规划编制单位资质（乙级、丙级）认定',
  '房地产开发企业资质（二级及以下）核定',
  '房地产估价机构资质（二级、三级）核准',
  '物业服务企业资质（二级）核定',
  '建设工程质量检测机构资质核准',
  '施工图审查机构认定',
  '建筑施工企业安全生产许可证核发',
  '建筑施工企业安全生产许可证延期',
  '建筑施工企业安全生产许可证变更',
  '建筑施工企业主要负责人、项目负责人和专职安全生产管理人员安全生产考核',
  '建筑施工特种作业人员操作资格考核发证',
  '二级注册建造师初始注册',
  '二级注册建造师变更注册、延续注册',
  '一级注册建造师注册初审',
  '注册监理工程师注册初审',
  '一级注册建筑师注册初审',
  '二级注册建筑师注册',
  '勘察设计注册工程师注册初审',
  '注册造价工程师注册初审',
  '注册房地产估价师注册初审',
  '超限高层建筑工程抗震设防审批',
  '建设项目选址意见书核发',
  '自治区级风景名胜区内建设活动审批',
  '建设工程企业资质证书遗失补办',
];

/** 三(三): the reading venues. */
export const VENUES = ['政务服务中心', '档案馆', '公共图书馆'] as const;
export type Venue = (typeof VENUES)[number];
