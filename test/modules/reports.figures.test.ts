// The report's contributors on small fixtures (issue 5): each figure counted from the records
// through the services — publications per column and first publication, the website's 文件通知
// and 公示公告, channels, interpretations, venue deliveries, press conferences; requests per
// channel, closed, on time, extended, overdue, non-disclosure filings and fees; appeals and their
// share; the registers not built yet as null. Both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import {
  appealFigures,
  collectFigures,
  knownFigureKeys,
  mergeFigures,
  PENDING_KEYS,
  pendingFigures,
  proactiveFigures,
  reportContributors,
  requestFigures,
} from '../../src/modules/reports/reports.figures.js';
import type { BulkCase } from '../../src/modules/requests/casework.bulk.js';
import { systemCtx } from '../../src/platform/context.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Publishing, publishingOrgan } from '../support/publishing.js';
import { ID } from './requests.fixtures.js';

const YEAR = 2026;
const at = (day: string) => `${day}T02:00:00.000Z`;

/** The fields of a case the figures do not read, all empty. */
const EMPTY_FIELDS = [
  'contact_person',
  'phone',
  'email',
  'address',
  'info_doc_number',
  'unit_id',
  'handler_user_id',
  'repeat_of_id',
  'correction_due',
  'awaiting',
  'legal_ground',
  'released_parts',
  'withheld_parts',
  'decision_note',
  'decided_by',
  'decided_at',
  'approved_by',
  'approved_at',
] as const;
const EMPTY = Object.fromEntries(EMPTY_FIELDS.map((k) => [k, null])) as {
  [K in (typeof EMPTY_FIELDS)[number]]: null;
};

/** A case of the bulk loader: only what the figures read varies. */
function bulkCase(
  organId: number,
  n: number,
  c: {
    channel: BulkCase['request']['channel'];
    received: string;
    due: string;
    replied?: string;
    closed?: string;
    state: BulkCase['request']['state'];
    extended?: string;
    refused?: boolean;
  },
): BulkCase {
  const events: BulkCase['events'] = [
    {
      at: at(c.received),
      on_date: c.received,
      actor_user_id: null,
      actor_name: 'test',
      action: 'register',
      from_state: null,
      to_state: 'registered',
      clock: null,
      note: null,
      data: null,
    },
  ];
  if (c.extended) {
    events.push({
      at: at(c.extended),
      on_date: c.extended,
      actor_user_id: null,
      actor_name: 'test',
      action: 'extend',
      from_state: 'assigned',
      to_state: 'assigned',
      clock: { type: 'extended', on: c.extended, workingDays: 15 },
      note: null,
      data: null,
    });
  }
  const outcome = c.closed ? (c.refused ? 'withheld.third_party' : 'granted') : null;
  return {
    request: {
      ...EMPTY,
      organ_id: organId,
      reference: `fig-${c.received.slice(0, 4)}-${String(n).padStart(5, '0')}`,
      channel: c.channel,
      received_on: c.received,
      received_rule: '测试',
      rules: '2019',
      state: c.state,
      applicant_type: 'natural_person',
      applicant_name: '张三',
      id_type: 'resident_id',
      idNumber: ID,
      info_title: `测试申请${n}`,
      info_description: '请公开相关信息。',
      form_wanted: 'electronic',
      delivery: 'email',
      reply_due: c.due,
      outcome,
      replied_on: c.replied ?? null,
      reply_method: c.replied ? '电子邮件' : null,
      closed_on: c.closed ?? null,
      createdAt: at(c.received),
      updatedAt: at(c.closed ?? c.received),
    },
    events,
    messages: [],
    letters: [],
    nondisclosure: c.refused
      ? {
          information: `测试申请${n}`,
          ground: 'withheld.third_party',
          legal_ground: '《条例》第十五条',
          withheld_parts: null,
          approved_by: null,
          approver_name: '测试',
          decided_on: c.replied as string,
          year: Number((c.replied as string).slice(0, 4)),
          created_at: at(c.replied as string),
        }
      : undefined,
  };
}

describe('report contributors: figures from the records', () => {
  let t: TestApp;
  let p: Publishing;
  const sys = systemCtx('test');
  const input = (year = YEAR) => ({ organId: p.organId, year, format: '2021' as const });

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    p = await publishingOrgan(t);
    // 主动公开: two notices and an announcement on the website; a normative document and its interpretation
    const a = await p.published({ title: '关于做好春季安全生产工作的通知' });
    await p.published({ title: '关于开展专项检查的通知' });
    const notice = await p.published({ title: '关于资质审查意见的公示', genre: 'announcement' });
    const policy = await p.published({
      title: '某某管理办法',
      columnId: p.col('policy-docs'),
      docKind: 'normative',
      genre: 'measures',
    });
    await p.published({
      title: '《某某管理办法》解读',
      columnId: p.col('interpretations'),
      genre: 'other',
      interprets: String(policy.id),
    });
    await p.draft({ title: '尚未发布的通知' });
    await t.services.channels.record(p.head, a.id, { channel: 'media', sentOn: '2026-03-02', note: '' });
    await t.services.registers.addDelivery(p.head, p.organId, {
      deliveredOn: '2026-03-02',
      venue: 'library',
      items: '',
      publicationIds: `${a.id}、${notice.id}`,
      copies: '3',
    });
    await t.services.registers.addConference(p.head, p.organId, {
      heldOn: '2026-03-02',
      topic: '春季安全生产',
      speakers: '分管负责同志',
      organiser: '广西测试厅',
    });
    // 依申请公开
    const cases = [
      {
        channel: 'online',
        received: '2026-01-05',
        due: '2026-01-26',
        replied: '2026-01-19',
        closed: '2026-01-20',
        state: 'closed',
      },
      {
        channel: 'in_person',
        received: '2026-01-06',
        due: '2026-02-24',
        extended: '2026-01-26',
        replied: '2026-02-26',
        closed: '2026-02-26',
        state: 'closed',
        refused: true,
      },
      { channel: 'post', received: '2025-12-19', due: '2026-01-14', state: 'assigned' },
      { channel: 'email', received: '2026-02-25', due: '2026-03-17', state: 'assigned' },
      { channel: 'fax', received: '2026-01-10', due: '2026-01-30', closed: '2026-01-12', state: 'closed' },
    ] as const;
    await t.services.requestsBulk.load(
      sys,
      cases.map((c, i) => bulkCase(p.organId, i + 1, c)),
    );
    const first = await t.db.db.selectFrom('requests').select('id').where('organ_id', '=', p.organId).executeTakeFirstOrThrow();
    await t.db.db
      .insertInto('request_fees')
      .values({
        request_id: first.id,
        organ_id: p.organId,
        method: 'per_page',
        quantity: 120,
        prior_items: 0,
        computed_yuan: 250,
        amount_yuan: 250,
        waived_reason: null,
        result: '{}',
        how_to_pay: null,
        assessed_on: '2026-01-15',
        paid_on: '2026-01-18',
        created_at: at('2026-01-15'),
        created_by: null,
      })
      .execute();
    // 行政复议、行政诉讼
    const appeal = (reference: string, kind: string, filedOn: string) =>
      t.services.appeals.create(sys, p.organId, { reference, kind, filedOn });
    await appeal('复2026-1', 'reconsideration', '2026-01-20');
    await appeal('复2026-2', 'reconsideration', '2026-02-03');
    await appeal('诉2026-1', 'litigation_direct', '2026-02-10');
    await appeal('诉2026-2', 'litigation_after_reconsideration', '2026-02-11');
    await appeal('复2025-1', 'reconsideration', '2025-06-01');
  });
  after(() => t?.close());

  it('proactive: items first published in the year, per column, channel and kind', async () => {
    const f = await proactiveFigures(t.services).contribute(input());
    assert.equal(f['proactive.total'], 5);
    assert.equal(f['proactive.column.notices'], 3);
    assert.equal(f['proactive.column.policy-docs'], 1);
    assert.equal(f['proactive.column.interpretations'], 1);
    assert.equal(f['proactive.column.news'], 0);
    assert.equal(f['proactive.normative_documents'], 1);
    assert.equal(f['proactive.interpretations'], 1);
    assert.equal(f['proactive.channel.website'], 5);
    assert.equal(f['proactive.channel.media'], 1);
    assert.equal(f['proactive.channel.wechat'], 0);
    assert.equal(f['proactive.website.notices'], 1);
    assert.equal(f['proactive.website.documents'], 4);
    assert.equal(f['proactive.venue_deliveries'], 1);
    assert.equal(f['proactive.venue_copies'], 3);
    assert.equal(f['proactive.press_conferences'], 1);
    assert.equal(f['proactive.interviews'], null);
    // another year holds nothing
    const before = await proactiveFigures(t.services).contribute(input(YEAR - 1));
    assert.equal(before['proactive.total'], 0);
    assert.equal(before['proactive.channel.website'], 0);
  });

  it('proactive: a new edition of an item does not count it twice', async () => {
    const item = await p.published({ title: '关于修订后再次发布的通知' });
    const edition = await t.services.publications.revise(p.author, item.id, { version: item.version });
    const s = await t.services.publications.submit(p.author, edition.id, {
      version: edition.version,
      checklist: [...CHECKLIST_KEYS],
    });
    const a = await t.services.publications.approve(p.head, s.id, { version: s.version });
    t.clock.advanceMinutes(1);
    await t.services.publications.publish(p.head, a.id, { version: a.version });
    const f = await proactiveFigures(t.services).contribute(input());
    assert.equal(f['proactive.total'], 6);
    assert.equal(f['proactive.column.notices'], 4);
  });

  it('requests: received per channel, closed, on time, extended, overdue, filings and fees', async () => {
    const f = await requestFigures(t.services).contribute(input());
    assert.equal(f['requests.received'], 4);
    assert.deepEqual(
      ['online', 'in_person', 'post', 'registered_post', 'fax', 'email'].map((c) => f[`requests.channel.${c}`]),
      [1, 1, 0, 0, 1, 1],
    );
    assert.equal(f['requests.closed'], 3);
    assert.equal(f['requests.on_time'], 1);
    assert.equal(f['requests.extended'], 1);
    // replied after its due date, and one of last year due in January without a reply; the one
    // due after today and the withdrawn one are not late
    assert.equal(f['requests.overdue'], 2);
    assert.equal(f['requests.non_disclosure_filings'], 1);
    assert.equal(f['requests.fees_yuan'], 250);
    assert.equal(f['requests.fees_wan_yuan'], 0.03);
    const last = await requestFigures(t.services).contribute(input(YEAR - 1));
    assert.equal(last['requests.received'], 1);
    assert.equal(last['requests.closed'], 0);
    assert.equal(last['requests.overdue'], 0);
  });

  it('appeals: cases filed in the year, and the share once the total is entered', async () => {
    let f = await appealFigures(t.services).contribute(input());
    assert.deepEqual(
      [f['appeals.reconsideration'], f['appeals.litigation'], f['appeals.litigation_direct'], f['appeals.reconsideration_share']],
      [2, 2, 1, null],
    );
    await t.services.appeals.setYearTotal(sys, p.organId, { year: String(YEAR), total: '7' });
    f = await appealFigures(t.services).contribute(input());
    assert.equal(f['appeals.reconsideration_total'], 7);
    assert.equal(f['appeals.reconsideration_share'], 28.6);
  });

  it('registers not built yet give null; a register built later wins over the null', async () => {
    const pending = await pendingFigures().contribute(input());
    for (const k of PENDING_KEYS) assert.equal(pending[k], null);
    const merged = mergeFigures([pending, { 'proposals.npc_suggestions': 35 }, { 'proposals.npc_suggestions': null }]);
    assert.equal(merged['proposals.npc_suggestions'], 35);
    assert.equal(merged['messages.replied'], null);
    const all = reportContributors(t.services);
    const figures = await collectFigures(all, input());
    assert.equal(figures['requests.received'], 4);
    const keys = knownFigureKeys(all, figures);
    for (const k of Object.keys(figures)) assert.ok(keys.includes(k), k);
    assert.ok(keys.includes('proactive.column.annual-report'));
    assert.ok(keys.includes('appeals.reconsideration_share'));
  });
});
