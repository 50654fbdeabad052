// What the demo years contain, computed (PURE): the same items, dates and numbers on every run.
// A seeded PRNG (mulberry32) picks days, subjects and people; the official working-day calendar
// (without database overrides) places every item on a working day; nothing reads the clock.
import { addDays, type WorkingDayCalendar } from '../calendar/calendar.days.js';
import type { DocKind, Genre } from '../publications/publications.schemas.js';
import type { State } from '../publications/publications.workflow.js';
import {
  CITIES,
  FILE_TEMPLATES,
  NEWS_TEMPLATES,
  NOTICE_SINGLES,
  NOTICE_TEMPLATES,
  ORGAN_NAME,
  PROJECT_KINDS,
  PROPOSAL_TOPICS,
  type RealDoc,
  SEED_COUNTS_2017,
  SEED_CPPCC_PROPOSALS_2017,
  SEED_MEDIA_ARTICLES_2017,
  SEED_MEDIA_RECORDED_2017,
  SEED_NPC_SUGGESTIONS_2017,
  SEED_PENALTY_DECISIONS_2017,
  SEED_VENUE_DELIVERIES_2017,
  SEED_WECHAT_2017,
  SERVICE_GUIDES,
  type SeedCategory,
  SUBJECTS,
  type Subject,
  THEMES,
  VENUES,
  type Venue,
  VIDEO_TEMPLATES,
} from './demo.2017.data.js';

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function shuffled<T>(r: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** One item of a demo year, ready to be written. */
export interface PlannedItem {
  key: string;
  column: string;
  category: SeedCategory | null;
  title: string;
  summary: string;
  issuingOrgan: string;
  createdOn: string;
  docNumber: string | null;
  theme: string;
  genre: Genre;
  keywords: string[];
  docKind: DocKind;
  bodyHtml: string;
  unit: string | null;
  state: State;
  author: string;
  approver: string | null;
  /** Instants (ISO, UTC) of the workflow steps; null for steps not taken. */
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedOn: string | null;
  /** `YYYY-NNNNN`, the part of the index number after the organ code (published items). */
  serial: string | null;
  interprets: string | null;
  venue: boolean;
}

// --- dates ---------------------------------------------------------------------------------

export function workingDaysOf(cal: WorkingDayCalendar, from: string, toExclusive: string): string[] {
  const out: string[] = [];
  for (let d = from; d < toExclusive; d = addDays(d, 1)) if (cal.isWorkingDay(d)) out.push(d);
  return out;
}

/** The n-th working day before `d` (n = 0: `d`). */
function workingDaysBefore(cal: WorkingDayCalendar, d: string, n: number): string {
  let day = d;
  for (let left = n; left > 0; ) {
    day = addDays(day, -1);
    if (cal.isWorkingDay(day)) left--;
  }
  return day;
}

const onOrAfterWorking = (cal: WorkingDayCalendar, d: string) => (cal.isWorkingDay(d) ? d : cal.nextWorkingDay(d));

/** An instant on China day `d` at hh:mm (China time = UTC+8). */
function chinaInstant(d: string, hh: number, mm: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day, hh - 8, mm)).toISOString();
}
const minus = (iso: string, minutes: number) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraphs = (ps: readonly string[]) => ps.map((p) => `<p>${escapeHtml(p)}</p>`).join('');

// --- people --------------------------------------------------------------------------------

/** Authors are the office clerk and the housing unit's liaison; approvers the office head or the leader. */
function people(r: Rng, unit: string | null, weighty: boolean): { author: string; approver: string } {
  const author = unit === '住房保障处' && r() < 0.6 ? 'liaison' : 'clerk';
  const approver = weighty || r() < 0.15 ? 'leader' : 'head';
  return { author, approver };
}

// --- building items ------------------------------------------------------------------------

interface Draft {
  key: string;
  column: string;
  category: SeedCategory | null;
  title: string;
  summary: string;
  issuingOrgan?: string;
  docNumber?: string | null;
  theme: string;
  genre: Genre;
  keywords: readonly string[];
  docKind?: DocKind;
  body: readonly string[];
  unit: string | null;
  /** Publication day (China). */
  on: string;
  createdOn?: string;
  interprets?: string;
  venue?: boolean;
  weighty?: boolean;
  state?: State;
}

const NEWSY = new Set(['news', 'videos']);

function finish(cal: WorkingDayCalendar, r: Rng, d: Draft): PlannedItem {
  const state = d.state ?? 'published';
  const { author, approver } = people(r, d.unit, Boolean(d.weighty));
  // 成文日期: news on the day or the day before; documents a few working days before, a few late
  let createdOn = d.createdOn;
  if (!createdOn) {
    const back = NEWSY.has(d.column) ? int(r, 0, 1) : r() < 0.02 ? int(r, 21, 24) : int(r, 1, 8);
    createdOn = workingDaysBefore(cal, d.on, back);
  }
  const publishedAt = chinaInstant(d.on, int(r, 10, 17), int(r, 0, 59));
  const createdAt = chinaInstant(createdOn, 8, int(r, 0, 29));
  const base = {
    key: d.key,
    column: d.column,
    category: d.category,
    title: d.title,
    summary: d.summary,
    issuingOrgan: d.issuingOrgan ?? ORGAN_NAME,
    createdOn,
    docNumber: d.docNumber ?? null,
    theme: d.theme,
    genre: d.genre,
    keywords: [...new Set(d.keywords)],
    docKind: d.docKind ?? 'other',
    bodyHtml: paragraphs(d.body),
    unit: d.unit,
    author,
    interprets: d.interprets ?? null,
    venue: Boolean(d.venue),
    serial: null,
    createdAt,
  };
  if (state === 'published') {
    return {
      ...base,
      state,
      approver,
      submittedAt: minus(publishedAt, 90),
      approvedAt: minus(publishedAt, 30),
      publishedAt,
      publishedOn: d.on,
    };
  }
  // on its way: created on `createdOn`, the steps taken on the publication day `on` (≤ today)
  const stepAt = chinaInstant(d.on, int(r, 9, 11), int(r, 0, 59));
  return {
    ...base,
    state,
    approver: state === 'approved' ? approver : null,
    submittedAt: state === 'draft' ? null : stepAt,
    approvedAt: state === 'approved' ? new Date(Date.parse(stepAt) + 120 * 60_000).toISOString() : null,
    publishedAt: null,
    publishedOn: null,
  };
}

function fromReal(doc: RealDoc): Draft {
  return {
    key: doc.key,
    column: doc.column,
    category: doc.category,
    title: doc.title,
    summary: doc.summary,
    ...(doc.issuingOrgan ? { issuingOrgan: doc.issuingOrgan } : {}),
    docNumber: doc.docNumber ?? null,
    theme: doc.theme,
    genre: doc.genre,
    keywords: doc.keywords,
    ...(doc.docKind ? { docKind: doc.docKind } : {}),
    body: doc.body,
    unit: doc.unit,
    on: doc.on,
    ...(doc.createdOn ? { createdOn: doc.createdOn } : {}),
    ...(doc.interprets ? { interprets: doc.interprets } : {}),
    venue: Boolean(doc.venue),
    weighty: ['system', 'policy-docs', 'guide', 'annual-report'].includes(doc.column),
  };
}

const DOC_PREFIX: Record<string, string> = {
  办公室: '桂建办',
  政策法规处: '桂建法',
  住房保障处: '桂建保',
  房地产市场监管处: '桂建房',
  建筑市场监管处: '桂建管',
  工程质量安全监管处: '桂建质',
  城市建设处: '桂建城',
  村镇建设处: '桂建村镇',
  住房公积金监管处: '桂建金',
  计划财务处: '桂建财',
  人事处: '桂建人',
};

/** The subject of a topic no subject names. */
const GENERAL: Subject = ['住房城乡建设', THEMES.housing, '办公室', ['住房城乡建设']];

/** Paragraphs of a generated document by genre. */
function documentBody(genre: Genre, subject: Subject, title: string, r: Rng, year: number): string[] {
  const [s, , unit] = subject;
  const m = int(r, 1, 12);
  switch (genre) {
    case 'letter':
      return [
        '各有关单位：',
        `你单位关于${s}有关问题的来函收悉。经研究，现函复如下。`,
        `一、${s}应当严格执行国家和自治区有关规定。二、具体工作由各市住房城乡建设主管部门按职责组织实施。`,
        '此复。',
      ];
    case 'other':
      return [
        '各市住房城乡建设委（局），厅属各单位：',
        `为推动${s}工作落实，我厅对各地工作情况进行了调度和督查，现将有关情况通报如下。`,
        `一、总体情况。各地认真落实${s}各项任务，工作总体有序推进。二、存在问题。部分市县工作进度滞后、信息报送不及时。三、下一步要求。各地要对照问题抓好整改，确保完成全年目标任务。`,
      ];
    default:
      return [
        '各市住房城乡建设委（局），厅属各单位：',
        `为做好${s}工作，根据国家和自治区有关部署，现就${title.replace(/^关于/, '').replace(/的通知$/, '')}有关事项通知如下。`,
        `一、提高认识，加强组织领导。二、突出重点，狠抓工作落实。三、加强督查，及时报送情况。请于${year}年${m}月底前将工作情况报送我厅${unit}。`,
        '特此通知。',
      ];
  }
}

/** Fresh titles only: tries `make` until it gives one not yet used. */
function unique(used: Set<string>, make: () => string): string {
  for (let i = 0; i < 10_000; i++) {
    const t = make();
    if (!used.has(t)) {
      used.add(t);
      return t;
    }
  }
  throw new Error('demo plan: ran out of distinct titles');
}

interface Generators {
  r: Rng;
  year: number;
  used: Set<string>;
  docNumbers: Map<string, number>;
}

function nextDocNumber(g: Generators, prefix: string): string {
  const n = (g.docNumbers.get(prefix) ?? 0) + 1;
  g.docNumbers.set(prefix, n);
  return `${prefix}〔${g.year}〕${n}号`;
}

function fileNotice(g: Generators, key: string, on: string, column = 'file-notices'): Draft {
  let subject = SUBJECTS[0] as Subject;
  let genre = 'notice' as Genre;
  const title = unique(g.used, () => {
    subject = pick(g.r, SUBJECTS);
    const [tpl, gen] = pick(g.r, FILE_TEMPLATES);
    genre = gen;
    return tpl.replaceAll('{Y}', String(g.year)).replaceAll('{S}', subject[0]);
  });
  const [s, theme, unit, kw] = subject;
  const prefix = genre === 'letter' ? '桂建函' : (DOC_PREFIX[unit] ?? '桂建发');
  return {
    key,
    column,
    category: '文件通知',
    title,
    summary: `${title.replace(/^关于/, '').replace(/的(通知|通报|复函|函)$/, '')}。`,
    docNumber: nextDocNumber(g, prefix),
    theme,
    genre,
    keywords: [...kw, s],
    body: documentBody(genre, subject, title, g.r, g.year),
    unit,
    on,
  };
}

function publicNotice(g: Generators, key: string, on: string, batch: Map<string, number>, column = 'public-notices'): Draft {
  let single = false;
  let meta = NOTICE_TEMPLATES[0] as (typeof NOTICE_TEMPLATES)[number];
  const title = unique(g.used, () => {
    single = g.r() < 0.05;
    if (single) {
      meta = pick(g.r, NOTICE_SINGLES);
      return meta[0].replaceAll('{Y}', String(g.year));
    }
    meta = pick(g.r, NOTICE_TEMPLATES);
    const n = (batch.get(meta[0]) ?? 0) + 1;
    return meta[0].replaceAll('{Y}', String(g.year)).replaceAll('{N}', String(n));
  });
  if (!single) batch.set(meta[0], (batch.get(meta[0]) ?? 0) + 1);
  const [, genre, theme, unit, kw] = meta;
  const what = title.replace(/^关于/, '').replace(/的(公示|公告)$/, '');
  return {
    key,
    column,
    category: '公示公告',
    title,
    summary: `${what}。`,
    theme,
    genre,
    keywords: kw,
    body: [
      `根据国家和自治区有关规定，经审查，现将${what}予以公布。`,
      `公示期为7个工作日。对公示内容有异议的，请在公示期内以书面形式向我厅${unit}反映，并提供相关证明材料。`,
    ],
    unit,
    on,
  };
}

function newsItem(g: Generators, key: string, on: string, video: boolean): Draft {
  let subject = SUBJECTS[0] as Subject;
  let city = '南宁';
  const title = unique(g.used, () => {
    subject = pick(g.r, SUBJECTS);
    city = pick(g.r, CITIES);
    const tpl = pick(g.r, video ? VIDEO_TEMPLATES : NEWS_TEMPLATES);
    return tpl.replaceAll('{C}', city).replaceAll('{S}', subject[0]);
  });
  const [s, theme, unit, kw] = subject;
  const [, mo, da] = on.split('-').map(Number);
  const body = video
    ? [`视频时长${int(g.r, 2, 9)}分${int(g.r, 10, 59)}秒。`, `本片记录了${city}市推进${s}的做法和成效。`]
    : [
        `${mo}月${da}日，${title.replace(/^我厅/, '自治区住房城乡建设厅')}。`,
        `会议（活动）指出，要深入贯彻落实自治区党委、政府决策部署，扎实推进${s}工作，确保完成年度目标任务。`,
      ];
  return {
    key,
    column: video ? 'videos' : 'news',
    category: video ? '视频' : '本厅动态',
    title,
    summary: video ? `${city}市${s}工作视频报道。` : `${title}。`,
    theme,
    genre: 'other',
    keywords: [...kw, city],
    body,
    unit,
    on,
  };
}

// --- 2017 -----------------------------------------------------------------------------------

export const DEMO_SEED_2017 = 2017_0810;

export interface YearPlan {
  items: PlannedItem[];
  /** Last serial per publication year. */
  counters: Map<number, number>;
}

/** Serial numbers in publication order, per year. */
function numbered(items: PlannedItem[]): YearPlan {
  const published = items
    .filter((i) => i.publishedAt !== null)
    .sort((a, b) => (a.publishedAt as string).localeCompare(b.publishedAt as string) || a.key.localeCompare(b.key));
  const counters = new Map<number, number>();
  for (const i of published) {
    const y = Number((i.publishedOn as string).slice(0, 4));
    const n = (counters.get(y) ?? 0) + 1;
    counters.set(y, n);
    i.serial = `${y}-${String(n).padStart(5, '0')}`;
  }
  const pending = items.filter((i) => i.publishedAt === null);
  return { items: [...published, ...pending], counters };
}

function checkUniqueTitles(items: readonly PlannedItem[]): void {
  const seen = new Set<string>();
  for (const i of items) {
    if (seen.has(i.title)) throw new Error(`demo plan: duplicate title ${i.title}`);
    seen.add(i.title);
  }
}

/**
 * The demo organ's 2017 (plus the list of powers of December 2016 that 二(一) tells of): the
 * seed's documents by their real titles, and generated items up to the seed's counts.
 */
export function plan2017(cal: WorkingDayCalendar, realDocs: readonly RealDoc[], powersList: RealDoc): YearPlan {
  const r = prng(DEMO_SEED_2017);
  const days = workingDaysOf(cal, '2017-01-01', '2018-01-01');
  const day = () => pick(r, days);
  const g: Generators = { r, year: 2017, used: new Set(), docNumbers: new Map() };
  const drafts: Draft[] = [];
  for (const d of [...realDocs, powersList]) {
    g.used.add(d.title);
    // the seed's categories count 2017 only
    const category = d === powersList ? null : d.category;
    drafts.push({ ...fromReal(d), category, on: onOrAfterWorking(cal, d.on) });
    const m = d.docNumber ? /^(.+)〔2017〕(\d+)号$/.exec(d.docNumber) : null;
    if (m) g.docNumbers.set(m[1] as string, Math.max(g.docNumbers.get(m[1] as string) ?? 0, 20));
  }
  // 二(八): replies to 35 deputies' suggestions and 36 members' proposals, May to September
  const replyDays = workingDaysOf(cal, '2017-05-15', '2017-10-01');
  const topics = shuffled(r, PROPOSAL_TOPICS);
  const replies: Array<[string, string, number]> = [
    ...topics.slice(0, SEED_NPC_SUGGESTIONS_2017).map((t, i): [string, string, number] => ['建议', t, i]),
    ...shuffled(r, PROPOSAL_TOPICS)
      .slice(0, SEED_CPPCC_PROPOSALS_2017)
      .map((t, i): [string, string, number] => ['提案', t, i]),
  ];
  // numbered in the order the replies went out
  const replyDates = replies.map(() => pick(r, replyDays)).sort();
  const replyNo = { 建议: 0, 提案: 0 };
  for (const [n, [kind, topic, i]] of replies.entries()) {
    const on = replyDates[n] as string;
    const no = ++replyNo[kind as '建议' | '提案'];
    const who = kind === '建议' ? '自治区人大代表' : '自治区政协委员';
    const subject = SUBJECTS.find((s) => topic.includes(s[0].slice(0, 4))) ?? GENERAL;
    const title = `对${who}《关于${topic}的${kind}》的答复`;
    g.used.add(title);
    drafts.push({
      key: `reply-${kind}-${i + 1}`,
      column: 'proposals',
      category: '文件通知',
      title,
      summary: `${who}提出的关于${topic}的${kind}的办理复文。`,
      docNumber: `桂建${kind}〔2017〕${no}号`,
      theme: subject[1],
      genre: 'letter',
      keywords: [kind === '建议' ? '人大建议' : '政协提案', ...subject[3]],
      body: [
        `您提出的《关于${topic}的${kind}》收悉。经认真研究，现答复如下。`,
        `近年来，我厅高度重视${topic.replace(/^(加快|加大|加强|推进|完善|扩大|支持|保障|推广|规范|培育和发展|优化|推动)/, '')}工作，采取了一系列措施并取得积极成效。`,
        '下一步，我厅将认真吸纳您的意见建议，会同有关部门进一步完善政策措施，抓好工作落实。',
        '感谢您对住房城乡建设工作的关心和支持。',
      ],
      unit: subject[2],
      on,
    });
  }
  // 二(三): 37 penalty (处理) decisions to the units and persons responsible for accidents
  const penaltyDates = Array.from({ length: SEED_PENALTY_DECISIONS_2017 }, day).sort();
  for (let i = 1; i <= SEED_PENALTY_DECISIONS_2017; i++) {
    const city = pick(r, CITIES);
    const kind = pick(r, PROJECT_KINDS);
    const person = r() < 0.3;
    const on = penaltyDates[i - 1] as string;
    const [, mo, da] = on.split('-').map(Number) as [number, number, number];
    const accident = `“${Math.max(1, mo - 1)}·${((da * 7) % 28) + 1}”`;
    const target = person ? `${city}××建筑工程有限公司项目负责人×××` : `${city}××建设工程有限公司`;
    const title = `行政处理（处罚）决定书（桂建罚〔2017〕${i}号）`;
    g.used.add(title);
    drafts.push({
      key: `penalty-${i}`,
      column: 'art20-06',
      category: '公示公告',
      title,
      summary: `对${target}在${city}市某${kind}项目${accident}一般生产安全事故中负有责任作出的处理（处罚）决定。`,
      docNumber: `桂建罚〔2017〕${i}号`,
      theme: THEMES.safety,
      genre: 'decision',
      keywords: ['行政处罚', '生产安全事故', '曝光台', city],
      body: [
        `当事人：${target}。`,
        `经查，${city}市某${kind}项目发生${accident}一般生产安全事故，当事人未认真履行安全生产管理职责，对事故发生负有责任。`,
        person
          ? '依据《建设工程安全生产管理条例》有关规定，决定暂停当事人注册建造师执业资格。'
          : '依据《安全生产许可证条例》有关规定，决定暂扣当事人安全生产许可证。',
        '当事人如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。',
      ],
      unit: '工程质量安全监管处',
      on,
    });
  }
  // 一(三): the 33 service guides, revised after the State Council's third round of cancellations
  const guideDays = workingDaysOf(cal, '2017-03-01', '2017-07-01');
  SERVICE_GUIDES.forEach((name, i) => {
    const title = `${name}办事指南`;
    g.used.add(title);
    drafts.push({
      key: `guide-${i + 1}`,
      column: 'service-guides',
      category: '办事指南',
      title,
      summary: `${name}的实施依据、申报材料、办理程序、办结时限、收费依据和收费标准。`,
      theme: THEMES.housing,
      genre: 'other',
      keywords: ['办事指南', '行政许可', name.replace(/（.*?）/g, '').slice(0, 12)],
      body: [
        `一、事项名称：${name}。`,
        '二、实施依据：《中华人民共和国行政许可法》《中华人民共和国建筑法》及相关部门规章。',
        '三、申报材料：申请表、营业执照、相关人员证书及业绩证明材料（详见材料清单）。',
        '四、办理程序：网上申报—窗口受理—审查—决定—公示—送达。',
        '五、办结时限：20个工作日（不含公示时间）。',
        '六、收费依据及标准：不收费。',
        '七、受理地点：广西壮族自治区政务服务中心住建厅窗口。',
      ],
      unit: name.includes('安全生产') || name.includes('检测') || name.includes('抗震') ? '工程质量安全监管处' : '建筑市场监管处',
      on: pick(r, guideDays),
    });
  });
  // generated items up to the seed's counts
  const have = (c: SeedCategory) => drafts.filter((d) => d.category === c).length;
  const batch = new Map<string, number>();
  const fill = (c: SeedCategory, make: (key: string, on: string) => Draft) => {
    const n = SEED_COUNTS_2017[c] - have(c);
    if (n < 0) throw new Error(`demo plan: too many ${c}`);
    const dates = Array.from({ length: n }, day).sort();
    dates.forEach((on, i) => {
      drafts.push(make(`gen-${c}-${i + 1}`, on));
    });
  };
  fill('文件通知', (k, on) => fileNotice(g, k, on));
  fill('公示公告', (k, on) => publicNotice(g, k, on, batch));
  fill('本厅动态', (k, on) => newsItem(g, k, on, false));
  fill('视频', (k, on) => newsItem(g, k, on, true));
  const items = drafts.map((d) => finish(cal, r, d));
  checkUniqueTitles(items);
  return numbered(items);
}

// --- the recent year -------------------------------------------------------------------------

/** How many published items of each column the recent year holds (plus the ones on their way). */
const RECENT_COUNTS: ReadonlyArray<readonly [string, number]> = [
  ['news', 34],
  ['notices', 10],
  ['file-notices', 12],
  ['public-notices', 12],
  ['videos', 6],
  ['proposals', 4],
  ['art20-11', 3],
  ['art20-13', 3],
  ['art20-07', 2],
];

/** The recent year's items of the statutory columns and of 建议提案, in their own genres. */
function statutoryItem(g: Generators, column: string, i: number, key: string, on: string): Draft {
  const y = g.year;
  const [, mo] = on.split('-').map(Number) as [number, number];
  const base = { key, column, category: null, on } as const;
  if (column === 'proposals') {
    const topic = PROPOSAL_TOPICS[(i * 7) % PROPOSAL_TOPICS.length] as string;
    const kind = i % 2 ? '建议' : '提案';
    const who = kind === '建议' ? '自治区人大代表' : '自治区政协委员';
    const title = unique(g.used, () => `对${who}《关于${topic}的${kind}》的答复`);
    return {
      ...base,
      title,
      summary: `${who}提出的关于${topic}的${kind}的办理复文。`,
      docNumber: `桂建${kind}〔${y}〕${i}号`,
      theme: THEMES.housing,
      genre: 'letter',
      keywords: [kind === '建议' ? '人大建议' : '政协提案'],
      body: [`您提出的《关于${topic}的${kind}》收悉，现答复如下。`, '我厅将认真吸纳您的意见建议，进一步完善政策措施。'],
      unit: '办公室',
    };
  }
  if (column === 'art20-11') {
    // the latest month before publication not reported yet
    let back = 0;
    const month = () => {
      back++;
      const n = y * 12 + (mo - 1) - back;
      return `${Math.floor(n / 12)}年${(n % 12) + 1}月`;
    };
    let ym = '';
    const title = unique(g.used, () => {
      ym = month();
      return `${ym}全区城镇保障性安居工程建设进展和分配入住情况`;
    });
    return {
      ...base,
      title,
      summary: `截至${ym}底，全区城镇保障性安居工程开工、建成和分配入住情况。`,
      theme: THEMES.housing,
      genre: 'report',
      keywords: ['保障性安居工程', '分配入住'],
      body: [`截至${ym}底，全区城镇保障性安居工程按计划推进，各市进展情况见附表。`],
      unit: '住房保障处',
    };
  }
  if (column === 'art20-07') {
    const title = unique(g.used, () =>
      i === 1 ? `广西壮族自治区住房和城乡建设厅${y}年部门预算` : `广西壮族自治区住房和城乡建设厅${y - 1}年度部门决算`,
    );
    return {
      ...base,
      title,
      summary: `${title}及“三公”经费情况说明。`,
      theme: THEMES.finance,
      genre: 'report',
      keywords: [i === 1 ? '部门预算' : '部门决算', '三公经费'],
      body: [`现将${title}予以公开。`],
      unit: '计划财务处',
    };
  }
  // art20-13: the quarterly 严管地区 list, inspections, random checks
  const q = Math.max(1, Math.ceil(mo / 3) - 1);
  const titles = [
    `${y}年第${['一', '二', '三', '四'][q - 1]}季度全区建筑施工安全生产“严管地区”名单`,
    `关于${y}年${mo}月全区建筑市场暨工程质量安全层级监督检查情况的通报`,
    `${y}年${mo}月“双随机一公开”抽查结果`,
  ];
  const title = unique(g.used, () => titles[(i - 1) % titles.length] as string);
  return {
    ...base,
    title,
    summary: `${title}。`,
    theme: THEMES.safety,
    genre: title.endsWith('名单') ? 'announcement' : 'other',
    keywords: ['监督检查', '建筑施工安全'],
    body: [`现将${title.replace(/^关于/, '').replace(/的通报$/, '')}公布如下。`],
    unit: '工程质量安全监管处',
  };
}

/** Where the recent year lies: the clock's year up to yesterday, or all of last year early in January. */
export function recentWindow(cal: WorkingDayCalendar, today: string): { year: number; from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  if (workingDaysOf(cal, from, today).length >= 20) return { year, from, to: today };
  return { year: year - 1, from: `${year - 1}-01-01`, to: from };
}

/**
 * ~100 items of the recent year: every kind of column, three policy documents with their
 * interpretations, last year's annual report, and seven items on their way (two drafts, two
 * submitted, two approved, and one draft past its Art 26 deadline).
 */
export function planRecent(cal: WorkingDayCalendar, today: string): YearPlan {
  const { year, from, to } = recentWindow(cal, today);
  const r = prng(year * 31 + 7);
  const days = workingDaysOf(cal, from, to);
  const day = () => pick(r, days);
  const g: Generators = { r, year, used: new Set(), docNumbers: new Map() };
  const batch = new Map<string, number>();
  const drafts: Draft[] = [];
  for (const [column, n] of RECENT_COUNTS) {
    for (let i = 1; i <= n; i++) {
      const key = `recent-${column}-${i}`;
      const on = day();
      if (column === 'news' || column === 'videos') drafts.push(newsItem(g, key, on, column === 'videos'));
      else if (column === 'public-notices') drafts.push(publicNotice(g, key, on, batch));
      else if (column === 'file-notices' || column === 'notices') {
        const d = fileNotice(g, key, on, column);
        drafts.push(column === 'notices' ? { ...d, docNumber: null, category: null } : d);
      } else drafts.push(statutoryItem(g, column, i, key, on));
    }
  }
  const firstDay = days[0] as string;
  const lastDay = days[days.length - 1] as string;
  const janEnd = days.filter((d) => d <= `${year}-01-31`).pop() ?? lastDay;
  drafts.push({
    key: 'recent-annual-report',
    column: 'annual-report',
    category: null,
    title: `广西壮族自治区住房和城乡建设厅${year - 1}年政府信息公开工作年度报告`,
    summary: `${year - 1}年本厅政府信息公开工作情况，主动公开、依申请公开、行政复议和行政诉讼情况及存在的问题和改进措施。`,
    theme: THEMES.openness,
    genre: 'report',
    keywords: ['年度报告', '政府信息公开'],
    body: [
      '本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室印发的年度报告格式要求编制。',
      '报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。',
    ],
    unit: '办公室',
    on: janEnd,
    weighty: true,
  });
  const policies: Array<[string, DocKind, string]> = [
    [`关于做好${year}年城镇老旧小区改造工作的通知`, 'other', '城市建设处'],
    ['广西壮族自治区住房公积金提取管理办法', 'normative', '住房公积金监管处'],
    ['关于进一步规范房屋建筑和市政基础设施工程施工许可管理的通知', 'normative', '建筑市场监管处'],
  ];
  policies.forEach(([title, docKind, unit], i) => {
    const on = days[Math.min(days.length - 4, Math.floor(((i + 1) * days.length) / 4))] ?? firstDay;
    const key = `recent-policy-${i + 1}`;
    g.used.add(title);
    drafts.push({
      key,
      column: 'policy-docs',
      category: null,
      title,
      summary: `${title}，明确适用范围、工作要求和实施时间。`,
      docNumber: nextDocNumber(g, DOC_PREFIX[unit] ?? '桂建发'),
      theme: THEMES.housing,
      genre: title.endsWith('办法') ? 'measures' : 'notice',
      keywords: title.includes('公积金')
        ? ['住房公积金', '提取']
        : title.includes('施工许可')
          ? ['施工许可', '行政许可']
          : ['老旧小区改造'],
      docKind,
      body: [
        '各市住房城乡建设局（委），各有关单位：',
        `现将${title.replace(/^关于/, '').replace(/的通知$/, '')}有关事项明确如下，请认真贯彻执行。`,
      ],
      unit,
      on,
      weighty: true,
    });
    const interp = `《${title}》政策解读`;
    g.used.add(interp);
    drafts.push({
      key: `${key}-interp`,
      column: 'interpretations',
      category: null,
      title: interp,
      summary: `解读${title}的出台背景、主要内容和施行要求。`,
      theme: THEMES.housing,
      genre: 'other',
      keywords: ['政策解读'],
      body: ['一、出台背景。', '二、主要内容。', '三、施行时间和有关要求。'],
      unit,
      on: cal.addWorkingDays(on, int(r, 1, 2)),
      interprets: key,
    });
  });
  // on their way: created in the last working days before today, one long forgotten
  const todayDays = workingDaysOf(cal, `${year}-01-01`, today);
  const recentDays = todayDays.length ? todayDays : days;
  const last = (n: number) => recentDays[Math.max(0, recentDays.length - n)] as string;
  const pending: Array<[State, string, number]> = [
    ['draft', 'file-notices', 1],
    ['draft', 'news', 1],
    ['submitted', 'file-notices', 2],
    ['submitted', 'public-notices', 2],
    ['approved', 'notices', 3],
    ['approved', 'file-notices', 3],
    ['draft', 'public-notices', 23],
  ];
  pending.forEach(([state, column, back], i) => {
    const key = `recent-pending-${i + 1}`;
    const created = last(Math.min(back + 1, recentDays.length));
    const on = last(1);
    const d =
      column === 'news'
        ? newsItem(g, key, on, false)
        : column === 'public-notices'
          ? publicNotice(g, key, on, batch)
          : fileNotice(g, key, on, column);
    drafts.push({ ...d, category: null, docNumber: null, state, createdOn: created });
  });
  // the seed's categories count 2017 only
  const items = drafts.map((d) => finish(cal, r, { ...d, category: null }));
  checkUniqueTitles(items);
  return numbered(items);
}

// --- the 2017 registers (channels, reading venues, press conferences, media) ----------------

/** 三(三): one document provided to one reading venue. */
export interface VenueDelivery {
  date: string;
  venue: Venue;
  title: string;
  /** `YYYY-NNNNN` of the document (prefix it with the organ code for the index number). */
  serial: string;
  copies: number;
}

/** 三(二): a press conference (新闻发布会) the department held or took part in. */
export interface PressConference {
  date: string;
  /** False when the seed gives only the month (the day is the demo's choice). */
  dateExact: boolean;
  topic: string;
  organiser: string;
  role: 'organiser' | 'participant';
  speakers: string[];
  note: string;
  /** `YYYY-NNNNN` of the news item that reports it (the transcript of the one the department held). */
  transcriptSerial: string;
}

export interface Registers2017 {
  /** The 810 items on the website (文件通知 + 公示公告), by serial, in publication order. */
  website: string[];
  /** The 440 of them that also went out on the WeChat official account. */
  wechat: string[];
  venueDeliveries: VenueDelivery[];
  pressConferences: PressConference[];
  /** "在广西日报等主要媒体上发稿超过600篇". */
  mediaArticles: { count: number; atLeast: true; note: string };
  /** The 612 items recorded on the media channel: every 本厅动态, then 文件通知, by serial. */
  media: string[];
}

export function registers2017(cal: WorkingDayCalendar, plan: YearPlan): Registers2017 {
  const r = prng(DEMO_SEED_2017 + 1);
  const published = plan.items.filter((i) => i.serial !== null && i.publishedOn?.startsWith('2017'));
  const website = published.filter((i) => i.category === '文件通知' || i.category === '公示公告');
  const inWebsite = new Set(website.map((i) => i.serial));
  const wechat = new Set(shuffled(r, [...inWebsite]).slice(0, SEED_WECHAT_2017));
  // the named documents first, then notices of general interest, in publication order
  const named = website.filter((i) => i.venue);
  const more = shuffled(
    r,
    website.filter((i) => !i.venue && i.column === 'file-notices' && i.genre === 'notice'),
  ).slice(0, SEED_VENUE_DELIVERIES_2017 - named.length);
  const chosen = [...named, ...more].sort((a, b) => (a.serial as string).localeCompare(b.serial as string));
  const lastDay = workingDaysOf(cal, '2017-12-01', '2018-01-01').pop() as string;
  const venueDeliveries = chosen.map((i, n): VenueDelivery => {
    const venue = VENUES[n % VENUES.length] as Venue;
    const date = cal.addWorkingDays(i.publishedOn as string, int(r, 2, 8));
    return {
      date: date.localeCompare(lastDay) > 0 ? lastDay : date,
      venue,
      title: i.title,
      serial: i.serial as string,
      copies: venue === '档案馆' ? int(r, 1, 2) : venue === '公共图书馆' ? int(r, 2, 3) : int(r, 2, 5),
    };
  });
  const serialOf = (key: string) => plan.items.find((i) => i.key === key)?.serial as string;
  // a generator of its own, so that the selections above stay what they were
  const news = published.filter((i) => i.category === '本厅动态');
  const notices = shuffled(
    prng(DEMO_SEED_2017 + 2),
    website.filter((i) => i.category === '文件通知'),
  ).slice(0, SEED_MEDIA_RECORDED_2017 - news.length);
  const media = [...news, ...notices].map((i) => i.serial as string).sort();
  return {
    media,
    website: website.map((i) => i.serial as string),
    wechat: website.map((i) => i.serial as string).filter((s) => wechat.has(s)),
    venueDeliveries,
    pressConferences: [
      {
        date: '2017-12-14',
        dateExact: false,
        topic: '广西新型城镇化综合试点',
        organiser: '自治区发展改革委',
        role: 'participant',
        speakers: ['自治区住房城乡建设厅有关负责同志'],
        note: '2017年12月，我厅参加了自治区发展改革委举办的新型城镇化综合试点新闻发布会。',
        transcriptSerial: serialOf('press-urbanisation'),
      },
      {
        date: '2017-12-22',
        dateExact: true,
        topic: '广西“十三五”首批乡镇污水处理设施建设情况',
        organiser: ORGAN_NAME,
        role: 'organiser',
        speakers: ['自治区住房城乡建设厅分管副厅长'],
        note: '经自治区政府同意举办，分管副厅长参加新闻发布并答记者问。',
        transcriptSerial: serialOf('press-sewage'),
      },
    ],
    mediaArticles: {
      count: SEED_MEDIA_ARTICLES_2017,
      atLeast: true,
      note: '在广西日报等主要媒体上发稿超过600篇；广西日报开设“城乡事·建设生态宜居家园”“城乡记·家园变迁的足迹”专栏，新华网、人民网广西频道开设“广西住建”专栏。',
    },
  };
}
