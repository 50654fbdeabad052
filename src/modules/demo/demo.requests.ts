// Demo requests of the demo organ (依申请公开), loaded by seedDemo after the organ and its staff:
//  - 2017 (seed 四 and 五): 31 requests received, all answered on time under the 2008 Regulation
//    (15 working days; none needed the 15-day extension), free of charge, no refusals, so the
//    non-disclosure register of 2017 stays empty ("暂无相关备案"). The seed gives no split by channel
//    or outcome; it names the 政务服务中心住建厅窗口 as the place of receipt, so most arrive there.
//    The letters module refuses letters dated before 2019-05-15 (its templates cite the 2019
//    Regulation), so for these cases the decision is stored and the letter row says
//    "历史数据，未生成文书" instead of a letter being made up.
//  - the current year up to the injected clock: a mix across outcome codes and applicant types,
//    letters generated from each replied case's facts and stored as issued, refusals in the
//    non-disclosure register, some cases open, some overdue, two awaiting correction and two in
//    consultation.
// Deterministic: a seeded PRNG, dates from the calendar and the clock; no Math.random or Date.now.
// Fast: every row goes in through the bulk loader in one transaction. Idempotent: a year that
// already holds requests of the organ is left alone.
import type { Services } from '../../app.js';
import { systemCtx } from '../../platform/context.js';
import type { WorkingDayCalendar } from '../calendar/calendar.days.js';
import { buildLetter, LetterFactsError } from '../letters/letters.templates.js';
import type { OrganRow } from '../organs/organs.service.js';
import type { BulkCase } from '../requests/casework.bulk.js';
import { factsOf, HISTORICAL_NOTE } from '../requests/casework.letters.js';
import { type ClockEvent, computeClock } from '../requests/requests.clock.js';
import type { ApplicantType, Channel, Delivery, IdType, Outcome } from '../requests/requests.codes.js';
import type { RequestEventRow, RequestRow } from '../requests/requests.repository.js';
import { isRefusal } from '../requests/requests.service.js';
import type { State } from '../requests/requests.workflow.js';

/** mulberry32: a small seeded PRNG (deterministic demo data). */
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

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function weighted<T>(r: Rand, xs: ReadonlyArray<readonly [T, number]>): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) return v;
  }
  return (xs[xs.length - 1] as readonly [T, number])[0];
}

/** A valid-looking 18-digit resident identity number (GB 11643 check digit); fake by construction. */
export function fakeResidentId(r: Rand, birthYear: number): string {
  const region = pick(r, ['450102', '450103', '450105', '450107', '450202', '450303', '450521', '450802']);
  const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
  const seq = String(Math.floor(r() * 1000)).padStart(3, '0');
  const body = `${region}${birthYear}${month}${day}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (w[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A valid-looking unified social credit code (GB 32100 check character); fake by construction. */
export function fakeCreditCode(r: Rand): string {
  let body = `91${pick(r, ['450100', '450200', '450300', '450500'])}`;
  for (let i = 0; i < 9; i++) body += USCC[Math.floor(r() * 31)];
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body].reduce((s, c, i) => s + USCC.indexOf(c) * (w[i] as number), 0);
  return body + USCC[(31 - (sum % 31)) % 31];
}

const SURNAMES = ['黄', '韦', '李', '陈', '覃', '梁', '刘', '莫', '蒙', '陆', '农', '卢', '蓝', '廖', '苏', '杨', '谭', '甘'];
const GIVEN = ['建华', '秀兰', '志强', '丽娟', '海军', '春梅', '文斌', '桂芳', '明', '静', '伟', '敏', '宁', '芳', '勇', '婷'];
const COMPANIES = [
  '南宁市盛邦房地产开发有限公司',
  '广西桂和建设工程有限公司',
  '柳州市宏达物业服务有限公司',
  '桂林山水置业有限公司',
];
const LAW_FIRMS = ['广西万益律师事务所', '广西欣和律师事务所', '广西华尚律师事务所'];
const RESEARCH = ['广西大学土木建筑工程学院', '广西社会科学院城市发展研究所'];
const NGOS = ['南宁市绿城公益服务中心', '广西助学公益促进会'];
const OTHERS = ['某小区业主委员会', '某村股份经济合作社'];

const TOPICS: ReadonlyArray<readonly [string, string]> = [
  ['公共租赁住房配租结果', '请提供本年度南宁市公共租赁住房配租名单及评分标准。'],
  ['商品房预售许可资料', '请公开某楼盘商品房预售许可证及其附件（预售方案）。'],
  ['建筑工程施工许可证', '请提供某建设项目的建筑工程施工许可证信息。'],
  ['物业专项维修资金使用情况', '请公开某小区住宅专项维修资金的使用审批材料。'],
  ['工程质量投诉处理结果', '请公开本人投诉的住宅工程质量问题的调查处理结果。'],
  ['城镇老旧小区改造计划', '请提供本年度城镇老旧小区改造项目清单及资金安排。'],
  ['建筑业企业资质审批', '请公开某建筑企业资质申请的审批结果及依据。'],
  ['房地产开发企业处罚决定', '请提供对某房地产开发企业作出的行政处罚决定书。'],
  ['征收补偿方案', '请公开某片区房屋征收补偿方案及其批准文件。'],
  ['住房公积金监管报告', '请提供全区住房公积金年度监管情况报告。'],
  ['招标投标投诉处理', '请公开某工程招标投标投诉的处理决定。'],
  ['安全生产事故调查报告', '请提供某建筑施工安全事故的调查报告。'],
];

const RULE_TEXT: Record<Channel, string> = {
  online: '网上提交，系统当即确认，提交之日为收到申请之日。',
  in_person: '当面提交（政务服务中心住建厅窗口），提交之日为收到申请之日。',
  post: '平常信函，与申请人确认之日为收到申请之日。',
  registered_post: '挂号信、特快专递，本机关签收之日为收到申请之日。',
  fax: '传真，双方确认之日为收到申请之日。',
  email: '发送至本机关公布的电子邮箱，邮件系统收到之日为收到申请之日。',
};

const LEGAL_GROUNDS: Partial<Record<Outcome, string>> = {
  partial: '申请的信息中含有个人身份证号码、联系电话等个人隐私',
  'withheld.third_party': '申请公开的信息涉及第三方的个人隐私，经书面征求意见，第三方不同意公开',
  'withheld.process_info': '申请公开的信息属于研究论证过程中形成的讨论记录，属于过程性信息',
  'withheld.internal_affairs': '申请公开的信息属于本机关内部管理信息',
  'withheld.enforcement_file': '申请公开的信息属于行政执法案卷信息',
  'unable.not_held': '经检索，本机关未制作或获取该信息',
  'unable.needs_creation': '申请的信息需要对现有信息进行加工、分析才能形成',
  'unable.still_unclear': '补正后申请内容仍不明确，无法确定所指信息',
  'declined.petition': '申请以政府信息公开申请的形式进行信访、投诉、举报',
  'declined.duplicate': '申请人重复申请公开相同政府信息',
  'declined.publication': '《广西城镇建设》杂志（本厅主管的公开出版物），可在邮局订阅或到公共图书馆查阅',
  'other.other': '申请人书面撤回申请',
};

export interface DemoStaff {
  clerk: { id: number; name: string };
  head: { id: number; name: string };
}

interface Plan {
  received: string;
  channel: Channel;
  applicantType: ApplicantType;
  /** closed / replied, or an open state. */
  state: State;
  outcome: Outcome | null;
  replyAfter: number;
  extension: number;
  correction: boolean;
  consultation: boolean;
  overdue: boolean;
}

function applicant(r: Rand, type: ApplicantType, year: number) {
  const person = `${pick(r, SURNAMES)}${pick(r, GIVEN)}`;
  if (type === 'natural_person')
    return {
      name: person,
      contact: null,
      idType: 'resident_id' as IdType,
      idNumber: fakeResidentId(r, 1955 + Math.floor(r() * 45)),
    };
  const org =
    type === 'commercial'
      ? pick(r, COMPANIES)
      : type === 'legal_services'
        ? pick(r, LAW_FIRMS)
        : type === 'research'
          ? pick(r, RESEARCH)
          : type === 'public_interest'
            ? pick(r, NGOS)
            : pick(r, OTHERS);
  void year;
  return { name: org, contact: person, idType: 'credit_code' as IdType, idNumber: fakeCreditCode(r) };
}

/** Builds one complete case from its plan: request row, events, messages, letters, register entry. */
function buildCase(
  r: Rand,
  p: Plan,
  serial: number,
  organ: OrganRow,
  units: ReadonlyArray<{ id: number; name: string; liaison_user_id: number | null }>,
  cal: WorkingDayCalendar,
  staff: DemoStaff,
  today: string,
  history: Array<{ reference: string; repliedOn: string }>,
): BulkCase {
  const year = Number(p.received.slice(0, 4));
  const rules = p.received >= '2019-05-15' ? '2019' : '2008';
  const a = applicant(r, p.applicantType, year);
  const [title, description] = pick(r, TOPICS);
  const unit = pick(r, units);
  const delivery: Delivery =
    p.channel === 'email' || p.channel === 'online'
      ? pick(r, ['email', 'online'] as const)
      : pick(r, ['mail', 'pickup'] as const);
  const reference = `${organ.code}-${year}-${String(serial).padStart(5, '0')}`;
  const ts = (on: string, minutes: number) =>
    `${on}T${String(1 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;

  const events: BulkCase['events'] = [];
  const clockEvents: ClockEvent[] = [];
  let state: State = 'registered';
  let minute = 0;
  const add = (
    action: string,
    on: string,
    to: State,
    e: { clock?: ClockEvent; note?: string | null; data?: unknown; by?: 'clerk' | 'head' } = {},
  ) => {
    const who = staff[e.by ?? 'clerk'];
    minute = (minute + 7) % 420;
    events.push({
      at: ts(on, minute),
      on_date: on,
      actor_user_id: who.id,
      actor_name: who.name,
      action,
      from_state: action === 'register' ? null : state,
      to_state: to,
      clock: e.clock ?? null,
      note: e.note ?? null,
      data: e.data ?? null,
    });
    if (e.clock) clockEvents.push(e.clock);
    state = to;
  };
  const messages: BulkCase['messages'] = [];
  const wd = (from: string, n: number) => (n <= 0 ? from : cal.addWorkingDays(from, n));
  const notAfterToday = (d: string) => (d > today ? today : d);

  add('register', p.received, 'registered', { note: RULE_TEXT[p.channel], data: { channel: p.channel } });
  if (p.state === 'registered') return finish();
  const assignedOn = notAfterToday(wd(p.received, 1));
  add('assign', assignedOn, 'assigned', { data: { unit: unit.name } });
  let last = assignedOn;
  if (p.correction) {
    const on = notAfterToday(wd(p.received, 2));
    const deadline = wd(on, 15);
    add('request_correction', on, 'awaiting_correction', {
      clock: { type: 'correction_requested', on, deadline },
      note: '请写明所需信息的具体名称、文号或者便于查询的其他特征性描述。',
    });
    messages.push({
      at: ts(on, 400),
      body: `补正告知：请写明所需信息的具体名称、文号或者便于查询的其他特征性描述。（请于 ${deadline} 前补正）`,
      author_user_id: staff.clerk.id,
      author_name: staff.clerk.name,
    });
    if (p.state === 'awaiting_correction') return finish(deadline);
    if (p.outcome === 'other.no_correction') {
      add('close', notAfterToday(wd(deadline, 1)), 'closed', {
        data: { outcome: p.outcome },
      });
      messages.push({
        at: ts(events[events.length - 1]?.on_date ?? deadline, 400),
        body: '您未在补正期限内补正，视为放弃申请，本机关不再处理该申请。',
        author_user_id: staff.clerk.id,
        author_name: staff.clerk.name,
      });
      return finish(deadline);
    }
    const back = notAfterToday(wd(on, 5));
    add('receive_correction', back, 'assigned', { clock: { type: 'correction_received', on: back } });
    last = back;
  }
  if (p.consultation) {
    const on = notAfterToday(wd(last, 2));
    add('start_consultation', on, 'in_consultation', {
      clock: { type: 'consultation_started', on, party: 'third_party' },
      note: '书面征求相关企业意见（涉及商业秘密）',
    });
    if (p.state === 'in_consultation') return finish();
    const end = notAfterToday(wd(on, 6));
    add('end_consultation', end, 'drafting', { clock: { type: 'consultation_ended', on: end } });
    last = end;
  } else if (p.state === 'assigned') return finish();
  if (p.extension) {
    const on = notAfterToday(wd(p.received, 12));
    add('extend', on, state, {
      clock: { type: 'extended', on, workingDays: p.extension },
      note: '涉及多个年度、多个处室的档案，需要逐一检索核对',
      by: 'head',
    });
    messages.push({
      at: ts(on, 410),
      body: `延期答复告知：经本机关政府信息公开工作机构负责人同意，答复期限延长 ${p.extension} 个工作日。`,
      author_user_id: staff.head.id,
      author_name: staff.head.name,
    });
  }
  if ((state as State) !== 'drafting') {
    last = notAfterToday(wd(last, 1));
    add('draft', last, 'drafting');
  }
  if (p.state === 'drafting') return finish();
  // the reply comes on its planned day, but never before the steps that lead to it
  const planned = wd(p.received, p.replyAfter);
  const earliest = wd(last, 2);
  const repliedOn = notAfterToday([planned, earliest].sort()[1] as string);
  const decideOn = notAfterToday(wd(last, 1));
  add('decide', decideOn, 'under_review', { data: { outcome: p.outcome } });
  if (p.state === 'under_review') return finish();
  add('approve', repliedOn, 'approved', { by: 'head' });
  if (p.state === 'approved') return finish();
  const method = { mail: '邮寄', pickup: '当面领取', email: '电子邮件', online: '网上获取' }[delivery];
  add('reply', repliedOn, 'replied', { data: { method, outcome: p.outcome } });
  messages.push({
    at: ts(repliedOn, 415),
    body: `本机关已于 ${repliedOn} 作出答复（${method}）。`,
    author_user_id: staff.clerk.id,
    author_name: staff.clerk.name,
  });
  if (p.state === 'closed') add('close', notAfterToday(wd(repliedOn, 1)), 'closed');
  return finish(undefined, repliedOn, method);

  function finish(correctionDeadline?: string, repliedOn?: string, method?: string): BulkCase {
    const c = computeClock({ rules, received: p.received, events: clockEvents }, cal, { receipt: false });
    const closed = state === 'closed' || state === 'replied';
    const outcome =
      p.outcome === 'other.no_correction'
        ? null
        : closed
          ? p.outcome
          : ['under_review', 'approved'].includes(state)
            ? p.outcome
            : null;
    const legal = outcome ? (LEGAL_GROUNDS[outcome] ?? null) : null;
    const partial = outcome === 'partial';
    const lastOn = events[events.length - 1]?.on_date ?? p.received;
    const request: BulkCase['request'] = {
      organ_id: organ.id,
      reference,
      channel: p.channel,
      received_on: p.received,
      received_rule: RULE_TEXT[p.channel],
      rules,
      state,
      applicant_type: p.applicantType,
      applicant_name: a.name,
      contact_person: a.contact,
      id_type: a.idType,
      idNumber: a.idNumber,
      phone: `1${pick(r, ['37', '38', '77', '78', '36'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
      email: delivery === 'email' || p.channel === 'email' ? `applicant${serial}@example.cn` : null,
      address: delivery === 'mail' ? `广西南宁市青秀区民族大道${1 + Math.floor(r() * 200)}号` : null,
      info_title: title,
      info_doc_number: null,
      info_description: description,
      form_wanted: delivery === 'email' || delivery === 'online' ? 'electronic' : 'paper',
      delivery,
      unit_id: unit.id,
      handler_user_id: unit.liaison_user_id,
      repeat_of_id: null,
      reply_due: c.replyDue,
      correction_due: state === 'awaiting_correction' ? (correctionDeadline ?? null) : null,
      awaiting: state === 'awaiting_correction' ? 'correction' : state === 'in_consultation' ? 'consultation' : null,
      outcome: p.outcome === 'other.no_correction' && state === 'closed' ? 'other.no_correction' : outcome,
      legal_ground: legal,
      released_parts: partial ? '项目批准文件\n资金安排表' : null,
      withheld_parts: partial ? '申请表中的个人身份证号码和联系电话：个人隐私' : null,
      decision_note: null,
      decided_by: outcome ? staff.clerk.id : null,
      decided_at: outcome ? ts(lastOn, 100) : null,
      approved_by: outcome && ['approved', 'replied', 'closed'].includes(state) ? staff.head.id : null,
      approved_at: outcome && ['approved', 'replied', 'closed'].includes(state) ? ts(lastOn, 120) : null,
      replied_on: repliedOn ?? null,
      reply_method: method ?? null,
      closed_on: state === 'closed' ? lastOn : null,
      createdAt: events[0]?.at ?? ts(p.received, 0),
      updatedAt: events[events.length - 1]?.at ?? ts(p.received, 0),
    };
    const letters: BulkCase['letters'] = [];
    let nondisclosure: BulkCase['nondisclosure'];
    if (repliedOn && outcome) {
      const deliveredOn = delivery === 'mail' ? notAfterToday(wd(repliedOn, 2)) : repliedOn;
      const delivered = {
        delivery_method: delivery,
        delivered_on: deliveredOn,
        delivery_proof:
          delivery === 'mail'
            ? `EMS ${String(Math.floor(r() * 1e12)).padStart(12, '0')}`
            : delivery === 'pickup'
              ? '申请人当面签收'
              : null,
      };
      const base = {
        issued_on: repliedOn,
        issued_at: ts(repliedOn, 410),
        issued_by: staff.clerk.id,
        issued_by_name: staff.clerk.name,
        ...delivered,
      };
      if (repliedOn < '2019-05-15') {
        letters.push({ ...base, kind: outcome, letter: null, note: HISTORICAL_NOTE });
      } else {
        const row = {
          ...request,
          id: 0,
          tracking_hash: '',
          id_number_enc: '',
          id_hash: '',
          id_masked: '',
          version: 1,
        } as unknown as RequestRow;
        const evs = events.map((e, i) => ({ ...e, id: i + 1, request_id: 0 })) as RequestEventRow[];
        try {
          const previous = [...history].reverse().find((h) => h.repliedOn < p.received);
          const letter = buildLetter(outcome, factsOf(row, organ, evs, undefined, repliedOn, { previous }));
          letters.push({ ...base, kind: outcome, letter, note: null });
        } catch (err) {
          if (!(err instanceof LetterFactsError)) throw err;
          letters.push({ ...base, kind: outcome, letter: null, note: `未生成文书：${err.message}` });
        }
      }
      history.push({ reference, repliedOn });
      if (isRefusal(outcome)) {
        nondisclosure = {
          information: title,
          ground: outcome,
          legal_ground: legal ?? '',
          withheld_parts: request.withheld_parts,
          approved_by: staff.head.id,
          approver_name: staff.head.name,
          decided_on: repliedOn,
          year: Number(repliedOn.slice(0, 4)),
          created_at: ts(repliedOn, 415),
        };
      }
    }
    return { request, events, messages, letters, nondisclosure };
  }
}

/** Working days of a year from `from` to `to` (inclusive). */
function workingDays(cal: WorkingDayCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  let d = cal.isWorkingDay(from) ? from : cal.nextWorkingDay(from);
  while (d <= to) {
    out.push(d);
    d = cal.nextWorkingDay(d);
  }
  return out;
}

/** 2017: 31 requests, all answered on time (2008: within 15 working days), free, no refusals. */
function plans2017(r: Rand, cal: WorkingDayCalendar): Plan[] {
  const days = workingDays(cal, '2017-01-03', '2017-12-08');
  const channels: Channel[] = [
    ...Array<Channel>(15).fill('in_person'),
    ...Array<Channel>(6).fill('post'),
    ...Array<Channel>(5).fill('registered_post'),
    ...Array<Channel>(3).fill('email'),
    ...Array<Channel>(2).fill('online'),
  ];
  const outcomes: Outcome[] = [
    ...Array<Outcome>(25).fill('granted'),
    ...Array<Outcome>(4).fill('unable.not_held'),
    ...Array<Outcome>(2).fill('unable.needs_creation'),
  ];
  const step = Math.floor(days.length / 31);
  return channels.map((channel, i) => ({
    received: days[i * step + Math.floor(r() * step)] as string,
    channel: channels[(i * 7) % 31] ?? channel,
    applicantType: weighted(r, [
      ['natural_person', 26],
      ['commercial', 2],
      ['legal_services', 2],
      ['other_org', 1],
    ] as const),
    state: 'closed',
    outcome: outcomes[(i * 11) % 31] as Outcome,
    replyAfter: 3 + Math.floor(r() * 12), // 3–14 working days: within the 15 of 2008
    extension: 0,
    correction: false,
    consultation: false,
    overdue: false,
  }));
}

const RECENT_OUTCOMES: ReadonlyArray<readonly [Outcome, number]> = [
  ['granted', 40],
  ['partial', 8],
  ['withheld.third_party', 4],
  ['withheld.process_info', 4],
  ['withheld.internal_affairs', 2],
  ['withheld.enforcement_file', 2],
  ['unable.not_held', 14],
  ['unable.needs_creation', 4],
  ['declined.petition', 4],
  ['declined.duplicate', 3],
  ['declined.publication', 2],
  ['other.other', 3],
];

/** The current year up to today: closed cases of every kind, open ones at every step, some overdue. */
function plansRecent(r: Rand, cal: WorkingDayCalendar, today: string): Plan[] {
  const year = today.slice(0, 4);
  const days = workingDays(cal, `${year}-01-02`, today).slice(0, -1);
  if (days.length < 30) return [];
  const n = Math.min(90, Math.floor(days.length / 2.6));
  const received = Array.from({ length: n }, (_, i) => days[Math.floor(((i + r()) * days.length) / n)] as string).sort();
  const type = () =>
    weighted(r, [
      ['natural_person', 78],
      ['commercial', 9],
      ['legal_services', 6],
      ['research', 3],
      ['public_interest', 2],
      ['other_org', 2],
    ] as const);
  const channel = () =>
    weighted(r, [
      ['online', 45],
      ['in_person', 20],
      ['registered_post', 15],
      ['post', 10],
      ['email', 10],
    ] as const);
  const age = (d: string) => cal.countWorkingDays(d, today);
  const plans: Plan[] = received.map((d) => ({
    received: d,
    channel: channel(),
    applicantType: type(),
    state: 'closed' as State,
    outcome: weighted(r, RECENT_OUTCOMES),
    replyAfter: 4 + Math.floor(r() * 15),
    extension: 0,
    correction: false,
    consultation: false,
    overdue: false,
  }));
  // the youngest cases are still open, at every step of the handling (in this order of age)
  const byAge = plans.map((p, i) => ({ p, i, a: age(p.received) })).sort((x, y) => x.a - y.a || y.i - x.i);
  const open: Array<Partial<Plan>> = [
    { state: 'registered' },
    { state: 'assigned' },
    { state: 'awaiting_correction', correction: true },
    { state: 'in_consultation', consultation: true },
    { state: 'drafting' },
    { state: 'awaiting_correction', correction: true },
    { state: 'under_review' },
    { state: 'in_consultation', consultation: true },
    { state: 'approved' },
  ];
  const taken = new Set<number>();
  open.forEach((o, k) => {
    const x = byAge[k];
    if (!x) return;
    taken.add(x.i);
    Object.assign(x.p, o);
  });
  const take = (min: number, max: number) => {
    const c = byAge.find((x) => !taken.has(x.i) && x.a >= min && x.a <= max);
    if (c) taken.add(c.i);
    return c?.p;
  };
  // overdue: open past the 20 working days, no pause
  for (const [state, min, max] of [
    ['drafting', 23, 40],
    ['assigned', 25, 50],
  ] as const) {
    const p = take(min, max);
    if (p) Object.assign(p, { state, overdue: true });
  }
  for (const x of byAge) {
    if (taken.has(x.i)) continue;
    const p = x.p;
    if (x.a <= p.replyAfter + 1) p.state = 'drafting';
    else if (x.a <= p.replyAfter + 3) p.state = 'replied';
    if (p.outcome === 'withheld.third_party') p.consultation = true;
    if (p.outcome === 'unable.not_held' && r() < 0.15) p.correction = true;
    if (x.a > 45 && r() < 0.06) {
      p.extension = 20;
      p.replyAfter = 25 + Math.floor(r() * 10);
    }
  }
  // one abandoned after a correction notice (other.no_correction)
  const abandoned = byAge.find((x) => !taken.has(x.i) && x.a > 40 && x.p.state === 'closed');
  if (abandoned) Object.assign(abandoned.p, { outcome: 'other.no_correction', correction: true });
  return plans;
}

/** Loads the demo requests of the organ (idempotent per year). Returns the number of cases loaded. */
export async function seedDemoRequests(s: Services, organId: number, staff: DemoStaff, seed = 20171231): Promise<number> {
  const organ = await s.organs.byId(organId);
  if (!organ) return 0;
  const cal = await s.calendar.calendar();
  const units = (await s.organs.units(organId)).filter((u) => u.kind === 'business');
  if (!units.length) return 0;
  const today = s.requestsBulk.today();
  const r = prng(seed);
  const cases: BulkCase[] = [];
  const history: Array<{ reference: string; repliedOn: string }> = [];
  if ((await s.requestsBulk.count(organId, 2017)) === 0) {
    plans2017(r, cal)
      .sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0))
      .forEach((p, i) => {
        cases.push(buildCase(r, p, i + 1, organ, units, cal, staff, today, history));
      });
  }
  const year = Number(today.slice(0, 4));
  if (year > 2017 && (await s.requestsBulk.count(organId, year)) === 0) {
    plansRecent(r, cal, today).forEach((p, i) => {
      cases.push(buildCase(r, p, i + 1, organ, units, cal, staff, today, history));
    });
  }
  const loaded = await s.requestsBulk.load(systemCtx('seed:demo'), cases);
  // due dates of the open cases, exactly as the service derives them
  if (loaded) await s.requests.recomputeOpen();
  return loaded;
}
