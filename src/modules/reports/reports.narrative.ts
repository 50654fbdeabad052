// Drafts of the annual report's text (PURE): the sections a report starts from, written with
// `{{figure}}` placeholders and never with literal figures, so that staff can edit the words
// while the numbers stay those of the records (issue 5). The wording follows the figures where a
// report's wording does ("均已按时答复" only when every request closed in the year was answered
// on time; "未收取" when no fee was collected), but every number in it is still a placeholder.
// Formats: 2021 and 2019 — the six sections of norms.md §2.3 with the five sub-headings of
// 一、总体情况 and the usual opening sentence (§2.2); pre-2019 — the seven-section narrative of
// the seed (2008 Regulation Art 32), with the figures of the 2014 statistics form (§2.5).
// Paragraphs a person must write are prompts in 【】 (see `unfilledPrompts`).
import { STANDARD_COLUMNS } from '../publications/catalogue.columns.js';
import { OVERVIEW_PARTS, type ReportFormat, SECTIONS } from './reports.codes.js';
import type { ReportFigures, ReportOrgan, ReportSection } from './reports.types.js';

export interface DraftInput {
  organ: ReportOrgan;
  year: number;
  figures: ReportFigures;
  /** Names of the organ's columns by code, when they differ from the standard names. */
  columnNames?: Record<string, string>;
}

/** The seven headings of a pre-2019 report, as the seed has them (2008 Art 32). */
export const PRE2019_SECTIONS = [
  ['basics', '一、本年度政府信息公开工作的基本情况'],
  ['key_areas', '二、推进重点领域政府信息公开情况'],
  ['proactive', '三、主动公开政府信息的情况'],
  ['requests', '四、依申请公开政府信息和不予公开政府信息的情况'],
  ['fees', '五、政府信息公开的收费及减免情况'],
  ['appeals', '六、因政府信息公开申请行政复议、提起行政诉讼的情况'],
  ['problems', '七、政府信息公开工作存在的主要问题及改进情况'],
] as const;

/** The key of the untitled opening of a pre-2019 report (heading ''). */
export const INTRO_KEY = 'intro';

/** A paragraph staff must write; its mark. */
const PROMPT_MARK = '【请填写';
const prompt = (what: string) => `${PROMPT_MARK}：${what}】`;

/** Sections still holding a prompt of the draft (their headings), for the check before publishing. */
export function unfilledPrompts(sections: readonly ReportSection[]): string[] {
  return sections.filter((s) => s.text.includes(PROMPT_MARK)).map((s) => s.heading || '开头部分');
}

/** How the organ names itself: 我厅, 我局, 我委… or 本机关. */
export function selfName(organName: string): string {
  const last = organName.trim().slice(-1);
  return '厅局委办署院会'.includes(last) && last ? `我${last}` : '本机关';
}

const n = (v: number | null | undefined) => (typeof v === 'number' ? v : 0);
const ph = (key: string) => `{{${key}}}`;
const paragraphs = (...ps: Array<string | false | null | undefined>) => ps.filter(Boolean).join('\n\n');

const PROACTIVE_CHANNELS: ReadonlyArray<readonly [string, string, string]> = [
  ['website', '通过门户网站公开信息', '条'],
  ['wechat', '通过微信公众号公开信息', '条'],
  ['weibo', '通过政务微博公开信息', '条'],
  ['media', '在主要媒体上发稿', '篇'],
  ['gazette', '通过政府公报公开信息', '条'],
  ['yearbook', '通过年鉴公开信息', '条'],
];

/** "通过门户网站公开信息{{…}}条；…。" for the channels that carried anything (null when none). */
export function channelSentence(figures: ReportFigures, lead: string): string | null {
  const parts = PROACTIVE_CHANNELS.filter(([c]) => n(figures[`proactive.channel.${c}`]) > 0).map(
    ([c, words, unit]) => `${words}${ph(`proactive.channel.${c}`)}${unit}`,
  );
  return parts.length ? `${lead}${parts.join('；')}。` : null;
}

const REQUEST_CHANNELS: ReadonlyArray<readonly [string, string]> = [
  ['online', '网上申请'],
  ['in_person', '当面申请'],
  ['post', '信函申请'],
  ['registered_post', '挂号信或特快专递申请'],
  ['fax', '传真申请'],
  ['email', '电子邮件申请'],
];

/**
 * The sentences on requests received and answered, worded by the figures: every request closed
 * was answered on time → "已全部按时予以答复"; otherwise closed, on time, extended and overdue.
 */
export function requestSentences(figures: ReportFigures, lead: string): string {
  const received = n(figures['requests.received']);
  const closed = n(figures['requests.closed']);
  const onTime = n(figures['requests.on_time']);
  if (received === 0 && closed === 0) return `${lead}未收到政府信息公开申请。`;
  const out: string[] = [];
  if (closed > 0 && onTime === closed) {
    out.push(
      closed === received
        ? `${lead}共受理政府信息公开申请${ph('requests.received')}件，已全部按时予以答复。`
        : `${lead}共受理政府信息公开申请${ph('requests.received')}件，办结${ph('requests.closed')}件，均已按时答复。`,
    );
  } else {
    out.push(`${lead}共受理政府信息公开申请${ph('requests.received')}件，办结${ph('requests.closed')}件。`);
    const detail = [`按时答复${ph('requests.on_time')}件`];
    if (n(figures['requests.extended']) > 0) detail.push(`延期答复${ph('requests.extended')}件`);
    out.push(`办结的申请中，${detail.join('，')}。`);
    if (n(figures['requests.overdue']) > 0) out.push(`逾期未答复或逾期答复${ph('requests.overdue')}件。`);
  }
  const channels = REQUEST_CHANNELS.filter(([c]) => n(figures[`requests.channel.${c}`]) > 0);
  if (channels.length > 1 || (channels.length === 1 && received > 0)) {
    out.push(`按申请方式分，${channels.map(([c, w]) => `${w}${ph(`requests.channel.${c}`)}件`).join('、')}。`);
  }
  return out.join('');
}

/** Draft sections of the report of `year` in `format`, with placeholders. */
export function draftSections(format: ReportFormat, input: DraftInput): ReportSection[] {
  return format === 'pre2019' ? draftPre2019(input) : draftModern(format, input);
}

const opening = (format: ReportFormat, year: number) =>
  `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式${
    format === '2019' ? '（试行）' : ''
  }》要求编制。本报告所列数据的统计期限为${year}年1月1日至${year}年12月31日。`;

function feeSentence(format: ReportFormat, figures: ReportFigures, year: number): string {
  if (n(figures['requests.fees_yuan']) === 0) return `${year}年，本机关未收取信息处理费。`;
  const basis = format === '2021' ? '依据《政府信息公开信息处理费管理办法》' : '';
  return `${year}年，本机关${basis}收取信息处理费${ph('requests.fees_yuan')}元。`;
}

function draftModern(format: '2021' | '2019', { organ, year, figures }: DraftInput): ReportSection[] {
  const me = '本机关';
  const proactive = [
    `${year}年，${me}主动公开政府信息${ph('proactive.total')}条，其中行政规范性文件${ph('proactive.normative_documents')}件。`,
    channelSentence(figures, '按公开渠道分，') ?? '',
    n(figures['proactive.interpretations']) > 0 ? `发布政策解读${ph('proactive.interpretations')}篇。` : '',
    n(figures['proactive.press_conferences']) > 0 ? `举办或参加新闻发布会${ph('proactive.press_conferences')}次。` : '',
    `开展政府网站在线访谈${ph('proactive.interviews')}期。`,
    n(figures['proactive.venue_deliveries']) > 0
      ? `向政务服务中心、档案馆、公共图书馆等查阅场所提供主动公开文件${ph('proactive.venue_deliveries')}件。`
      : '',
  ].join('');
  const filings =
    n(figures['requests.non_disclosure_filings']) > 0
      ? `不予公开政府信息备案${ph('requests.non_disclosure_filings')}件。`
      : '本年度无不予公开政府信息备案。';
  const parts: Record<(typeof OVERVIEW_PARTS)[number][0], string> = {
    proactive,
    requests: requestSentences(figures, `${year}年，${me}`) + filings,
    management: prompt('本年度政府信息管理工作情况，如公开属性认定、保密审查、政策文件清理、政府信息公开目录和指南的更新'),
    platforms: prompt('政府网站政府信息公开专栏、政务新媒体等公开平台的建设和运行情况'),
    oversight: [
      n(figures['appeals.reconsideration']) + n(figures['appeals.litigation']) > 0
        ? `${year}年，因政府信息公开工作被申请行政复议${ph('appeals.reconsideration')}件、被提起行政诉讼${ph('appeals.litigation')}件。`
        : `${year}年，未发生因政府信息公开工作被申请行政复议、被提起行政诉讼的情况。`,
      prompt(
        organ.kind === 'government'
          ? '监督保障情况，含政府信息公开工作考核、社会评议和责任追究结果情况（《条例》第五十条第四项）'
          : '监督保障情况，如工作机构和人员、培训、考核和责任追究',
      ),
    ].join(''),
  };
  const overview = paragraphs(opening(format, year), ...OVERVIEW_PARTS.flatMap(([k, heading]) => [heading, parts[k]]));
  const text: Record<(typeof SECTIONS)[number][0], string> = {
    overview,
    table2: '',
    table3: '',
    table4: '',
    problems: prompt('本年度政府信息公开工作存在的主要问题，上一年度问题的改进情况，以及下一年度的改进措施'),
    other: paragraphs(
      feeSentence(format, figures, year),
      organ.kind === 'government' && prompt('政府信息公开工作考核、社会评议和责任追究结果，以及其他需要报告的事项'),
    ),
  };
  return SECTIONS.map(([key, heading]) => ({ key, heading, text: text[key] }));
}

function draftPre2019({ organ, year, figures, columnNames }: DraftInput): ReportSection[] {
  const me = selfName(organ.name);
  const Y = `${year}年，${me}`;
  const name = (code: string) => columnNames?.[code] ?? STANDARD_COLUMNS.find((c) => c.code === code)?.name ?? code;
  const intro = paragraphs(
    `${year}年，${me}认真贯彻落实《中华人民共和国政府信息公开条例》和本年度政务公开工作要点等文件精神，不断完善政府信息公开制度，深化重点领域政府信息公开，推进重要文件政策解读，政府信息公开工作取得了一定成效。本报告所列数据的统计期限为${year}年1月1日至${year}年12月31日。`,
  );
  const basics = paragraphs(
    `（一）政府信息公开工作机构和人员设置情况。${prompt('政府信息公开工作的领导、牵头机构、联络员和技术支撑部门')}`,
    `（二）建立健全政府信息公开工作制度情况。${prompt('本年度印发或修订的政府信息公开工作制度')}`,
    `（三）政府信息公开目录、公开指南的编制、更新情况。${prompt('政府信息公开指南、公开目录和办事指南的编制和更新')}`,
    `（四）政府信息公开载体的建设、运行情况。${me}通过门户网站${
      n(figures['proactive.channel.wechat']) > 0 ? '、微信公众号' : ''
    }等载体公开政府信息。${prompt('公开载体和业务系统的建设、运行情况')}`,
  );
  const keyAreas = paragraphs(
    `（一）推进权力清单和责任清单公开。${Y}对权责清单部分事项进行调整，共涉及${ph('powers.adjustments')}项，并在门户网站更新公布。`,
    `（二）全面推行“双随机一公开”。${Y}共开展随机抽查${ph('inspections.checks')}次，抽查项目${ph('inspections.projects')}个，抽查结果按规定公开。`,
    `（三）公开行政执法信息。${Y}对责任单位和责任人下发行政处理（处罚）决定书${ph('enforcement.decisions')}份，处罚结果及处罚依据在门户网站公开。`,
    `（四）推动人大建议、政协提案办理结果公开。${Y}共办理人大建议${ph('proposals.npc_suggestions')}件、政协提案${ph('proposals.cppcc_proposals')}件，可公开的办理复文在门户网站公开。`,
    `（五）主动做好政策解读，回应社会关切。${Y}通过门户网站发布政策解读稿件${ph('proactive.interpretations')}篇。回复门户网站留言咨询的热点问题${ph('messages.replied')}条。围绕热点问题录制了${ph('proactive.interviews')}期《在线访谈》。回应公众关注热点或重大舆情${ph('responses.hot_topics')}次。`,
  );
  const channels = channelSentence(figures, `${year}年，${me}`);
  const proactive = paragraphs(
    `${Y}共主动公开政府信息${ph('proactive.total')}条，其中规范性文件${ph('proactive.normative_documents')}件。`,
    `（一）及时澄清虚假、不完整信息的情况。${prompt('对不实信息的回应和澄清')}`,
    `（二）通过政府网站、政府公报、新闻发布会、微博微信及新闻媒体等途径主动公开政府信息的情况。${channels ?? ''}${
      n(figures['proactive.press_conferences']) > 0 ? `本年度举办或参加新闻发布会${ph('proactive.press_conferences')}次。` : ''
    }`,
    `（三）主动向政务服务中心、档案馆、公共图书馆等信息查阅场所提供政府信息情况。${Y}向政务服务中心、档案馆、公共图书馆等信息查阅场所提供主动公开文件共${ph('proactive.venue_deliveries')}件。`,
    `（四）政府网站内容及时更新情况。${Y}共及时更新门户网站的文件通知${ph('proactive.website.documents')}条、公示公告${ph('proactive.website.notices')}条、${name('news')}${ph('proactive.column.news')}条、${name('videos')}信息${ph('proactive.column.videos')}条。`,
  );
  const filings =
    n(figures['requests.non_disclosure_filings']) > 0
      ? `${Y}不予公开政府信息并备案${ph('requests.non_disclosure_filings')}件。`
      : `${me}${year}年无不予公开政府信息的情况，暂无相关备案。`;
  const requests = paragraphs(
    `（一）依申请公开工作受理、答复情况。${requestSentences(figures, `${year}年，${me}`)}`,
    `（二）不予公开政府信息备案情况。${filings}`,
    `（三）接待场所建设、完善、维护及工作运行情况。${prompt('依申请公开的受理窗口和工作流程')}`,
  );
  const fees =
    n(figures['requests.fees_yuan']) === 0
      ? `${year}年，${me}政府信息全面实行免费公开，未涉及收费或者费用减免的情况。`
      : `${Y}依申请公开政府信息收取费用${ph('requests.fees_wan_yuan')}万元。`;
  const appeals =
    n(figures['appeals.reconsideration']) === 0 && n(figures['appeals.litigation']) === 0
      ? `${year}年，${me}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。`
      : `${year}年，${me}处理的行政复议案件中，信息公开类案件有${ph('appeals.reconsideration')}件；占比为${ph('appeals.reconsideration_share')}%。${me}作为被告的行政诉讼案件中，信息公开类案件有${ph('appeals.litigation')}件。${prompt('申请人提起行政复议及行政诉讼的主要原因')}`;
  const text: Record<string, string> = {
    basics,
    key_areas: keyAreas,
    proactive,
    requests,
    fees,
    appeals,
    problems: paragraphs(
      `（一）存在的主要问题。${prompt('本年度政府信息公开工作存在的主要问题')}`,
      `（二）下一步工作打算。${prompt('改进措施和下一步工作打算')}`,
    ),
  };
  return [
    { key: INTRO_KEY, heading: '', text: intro },
    ...PRE2019_SECTIONS.map(([key, heading]) => ({ key, heading, text: text[key] as string })),
  ];
}
