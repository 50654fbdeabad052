// The demo organ's 2017 as records (issue 3, "Demo data"): the seed's counts per category and
// column, index numbers gap-free per year, every interpretation linked and within 3 working days,
// the documents the seed names by their real titles, the 2017 registers, the recent year with
// items on their way, idempotence, and the real plan found by search. Both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkingDayCalendar } from '../../src/modules/calendar/calendar.days.js';
import { POWERS_LIST_2016, realDocs2017, SEED_COUNTS_2017, VENUES } from '../../src/modules/demo/demo.2017.data.js';
import { type DemoRegisters2017, demoPlan2017 } from '../../src/modules/demo/demo.2017.js';
import { plan2017, planRecent } from '../../src/modules/demo/demo.plan.js';
import { DEMO_ORGAN_CODE, seedDemo } from '../../src/modules/demo/demo.seed.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.js';
import { systemCtx } from '../../src/platform/context.js';
import { buildTestApp, type TestApp } from '../support/app.js';

interface Row {
  id: number;
  index_no: string | null;
  title: string;
  state: string;
  created_on: string;
  published_on: string | null;
  published_at: string | null;
  doc_kind: string;
  author_id: number | null;
  approver_id: number | null;
  column_code: string;
}

const cal = new WorkingDayCalendar();

describe('demo data: the demo organ’s 2017 and a recent year', () => {
  let t: TestApp;
  let organId: number;
  let rows: Row[];
  let registers: DemoRegisters2017;
  const year = (y: string) => rows.filter((r) => r.published_on?.startsWith(y));
  const inColumn = (rs: Row[], code: string) => rs.filter((r) => r.column_code === code);
  const tableCounts = async () => {
    const n = async (
      table:
        | 'publications'
        | 'publication_events'
        | 'publication_links'
        | 'index_counters'
        | 'catalogue_columns'
        | 'publication_channels'
        | 'venue_deliveries'
        | 'press_conferences',
    ) =>
      Number(
        (
          await t.db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      publications: await n('publications'),
      events: await n('publication_events'),
      links: await n('publication_links'),
      counters: await n('index_counters'),
      columns: await n('catalogue_columns'),
      channels: await n('publication_channels'),
      deliveries: await n('venue_deliveries'),
      conferences: await n('press_conferences'),
    };
  };

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const started = performance.now();
    let load = '';
    assert.equal(
      await seedDemo(t.services, (r) => {
        load = `years ${r.ms} ms (${r.items} items), search reindex ${r.reindexMs} ms`;
      }),
      true,
    );
    const ms = Math.round(performance.now() - started);
    const organ = await t.services.organs.byCode(DEMO_ORGAN_CODE);
    assert.ok(organ);
    organId = organ.id;
    rows = (
      await t.db.db
        .selectFrom('publications as p')
        .innerJoin('catalogue_columns as c', 'c.id', 'p.column_id')
        .select([
          'p.id',
          'p.index_no',
          'p.title',
          'p.state',
          'p.created_on',
          'p.published_on',
          'p.published_at',
          'p.doc_kind',
          'p.author_id',
          'p.approver_id',
          'c.code as column_code',
        ])
        .where('p.organ_id', '=', organId)
        .execute()
    ).map((r) => ({
      ...r,
      id: Number(r.id),
      author_id: r.author_id === null ? null : Number(r.author_id),
      approver_id: r.approver_id === null ? null : Number(r.approver_id),
    }));
    registers = await t.services.demoData.registers2017(organId);
    console.log(`demo load on ${t.db.dialect}: ${ms} ms in all (organ and staff, then ${load})`);
  });
  after(() => t?.close());

  it('holds the seed’s 2017 counts per category (三(四)) and per column', () => {
    const y2017 = year('2017');
    assert.equal(inColumn(y2017, 'news').length, SEED_COUNTS_2017.本厅动态);
    assert.equal(inColumn(y2017, 'videos').length, SEED_COUNTS_2017.视频);
    assert.equal(inColumn(y2017, 'service-guides').length, SEED_COUNTS_2017.办事指南);
    assert.equal(inColumn(y2017, 'interpretations').length, 6);
    const proposals = inColumn(y2017, 'proposals');
    assert.equal(proposals.filter((r) => r.title.includes('建议》的答复')).length, 35);
    assert.equal(proposals.filter((r) => r.title.includes('提案》的答复')).length, 36);
    assert.equal(inColumn(y2017, 'art20-06').filter((r) => r.title.startsWith('行政处理（处罚）决定书')).length, 37);
    // every 2017 item is one of the four website categories or a service guide
    assert.equal(y2017.length, 482 + 328 + 347 + 226 + 33);
    assert.equal(y2017.length, rows.filter((r) => r.index_no?.includes('/2017-')).length);
    // the categories of the 810 website items, from the plan the records were written from
    const plan = new Map(demoPlan2017().items.map((i) => [i.serial, i.category]));
    const serial = (r: Row) => (r.index_no as string).split('/')[1] as string;
    const website = new Set(registers.websiteIds);
    const cats = y2017.filter((r) => website.has(r.id)).map((r) => plan.get(serial(r)));
    assert.equal(cats.filter((c) => c === '文件通知').length, 482);
    assert.equal(cats.filter((c) => c === '公示公告').length, 328);
    assert.equal(website.size, 810);
    for (const r of y2017.filter((x) => website.has(x.id))) {
      assert.ok(!['news', 'videos', 'service-guides'].includes(r.column_code), r.title);
    }
    assert.equal(inColumn(year('2017'), 'file-notices').length + inColumn(year('2017'), 'public-notices').length > 600, true);
  });

  it('adds the organ’s own columns 文件通知, 公示公告 and 办事指南 beside the standard tree', async () => {
    const cols = await t.services.publications.columns(systemCtx('test'), organId);
    const byCode = new Map(cols.map((c) => [c.code, c]));
    assert.equal(byCode.get('file-notices')?.name, '文件通知');
    assert.equal(byCode.get('public-notices')?.name, '公示公告');
    assert.equal(byCode.get('service-guides')?.name, '办事指南');
    assert.equal(byCode.get('file-notices')?.kind, 'document');
    assert.equal(byCode.get('file-notices')?.standard, 0);
    assert.equal(byCode.get('news')?.standard, 1);
  });

  it('numbers every published item per year, serially in publication order, without gaps', async () => {
    const counters = await t.db.db.selectFrom('index_counters').selectAll().where('organ_id', '=', organId).execute();
    const published = rows.filter((r) => r.state === 'published');
    assert.equal(new Set(published.map((r) => r.index_no)).size, published.length);
    const years = new Map<number, Row[]>();
    for (const r of published) {
      assert.match(r.index_no as string, new RegExp(`^${DEMO_ORGAN_CODE}/\\d{4}-\\d{5}$`));
      const y = Number((r.index_no as string).slice(-10, -6));
      assert.equal(String(y), (r.published_on as string).slice(0, 4));
      years.set(y, [...(years.get(y) ?? []), r]);
    }
    assert.deepEqual([...years.keys()].sort(), [2016, 2017, 2026]);
    for (const [y, rs] of years) {
      rs.sort((a, b) => (a.index_no as string).localeCompare(b.index_no as string));
      rs.forEach((r, i) => {
        assert.equal(Number((r.index_no as string).slice(-5)), i + 1);
        if (i > 0) assert.ok((rs[i - 1] as Row).published_at! <= r.published_at!, `${r.index_no} after its predecessor`);
      });
      const c = counters.find((x) => Number(x.year) === y);
      assert.equal(Number(c?.last_serial), rs.length, `counter of ${y}`);
    }
    for (const r of rows.filter((x) => x.state !== 'published')) assert.equal(r.index_no, null);
  });

  it('links every interpretation to its policy document, published within 3 working days', async () => {
    const interpretations = rows.filter((r) => r.column_code === 'interpretations');
    assert.equal(interpretations.length, 6 + 3);
    const links = await t.db.db
      .selectFrom('publication_links')
      .selectAll()
      .where('kind', '=', 'interprets')
      .where(
        'publication_id',
        'in',
        interpretations.map((r) => r.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const i of interpretations) {
      const l = links.filter((x) => Number(x.publication_id) === i.id);
      assert.equal(l.length, 1, i.title);
      const policy = byId.get(Number(l[0]?.target_id)) as Row;
      assert.equal(policy.column_code, 'policy-docs');
      assert.ok((i.published_at as string) > (policy.published_at as string), i.title);
      assert.ok(cal.countWorkingDays(policy.published_on as string, i.published_on as string) <= 3, i.title);
    }
    const named = interpretations.find((r) => r.title.includes('《关于深入推进城市管理执法体制改革的实施意见》'));
    assert.ok(named);
    const flags = await t.services.publications.interpretationFlags(systemCtx('test'), organId);
    const interpreted = new Set(links.map((l) => Number(l.target_id)));
    for (const f of flags.filter((x) => interpreted.has(x.policy.id))) assert.equal(f.status, 'on_time', f.policy.title);
  });

  it('has the documents the seed names by their real titles, in the right columns', () => {
    const where = (part: string) => rows.filter((r) => r.title.includes(part));
    const expect: Array<[string, string]> = [
      ['《加快推进网上政府服务工作方案》', 'system'],
      ['关于做好政务公开工作的通知', 'system'],
      ['《自治区住房城乡建设厅全面推进政务公开工作方案》', 'system'],
      ['《全区住房城乡建设系统全面推进政务公开工作实施办法》', 'system'],
      ['2017年主动公开政务信息基本目录', 'system'],
      ['政府信息公开指南', 'guide'],
      ['2017年广西农村危房改造暨脱贫攻坚建档立卡贫困户危房改造实施方案', 'policy-docs'],
      ['关于深入推进城市管理执法体制改革的实施意见', 'policy-docs'],
      ['广西住房保障工作实施方案', 'policy-docs'],
      ['2016年度全区住房公积金年度报告', 'art20-15'],
      ['权责清单', 'art20-02'],
      ['2016年政府信息公开工作年度报告', 'annual-report'],
      ['广西壮族自治区住房和城乡建设厅郑重声明', 'rumours'],
      ['关于对63家施工监理企业限制在广西投标资格的处理决定的公告', 'art20-06'],
      ['关于工程质量治理两年行动21起典型案例的通报', 'art20-13'],
      ['“双随机一公开”抽查结果', 'art20-13'],
      ['广西“十三五”首批乡镇污水处理设施建设情况新闻发布会', 'news'],
      ['新型城镇化综合试点新闻发布会', 'news'],
      ['广西农村危房改造政策明白卡', 'news'],
      ['《在线访谈》', 'videos'],
      ['建筑业企业资质', 'service-guides'],
      ['注册建造师', 'service-guides'],
      ['安全生产许可证', 'service-guides'],
      ['工程监理企业资质', 'service-guides'],
      ['房地产开发企业资质', 'service-guides'],
    ];
    for (const [part, column] of expect) {
      const found = where(part).filter((r) => r.column_code === column);
      assert.ok(found.length > 0, `${part} in ${column}`);
    }
    const plan = where('2017年广西农村危房改造暨脱贫攻坚建档立卡贫困户危房改造实施方案').find(
      (r) => r.column_code === 'policy-docs',
    );
    assert.ok(plan);
    const in2017 = (part: string) => where(part).filter((r) => r.published_on?.startsWith('2017'));
    assert.equal(in2017('全区建筑施工安全生产“严管地区”名单').length, 4);
    assert.equal(in2017('全区城镇保障性安居工程建设进展和分配入住情况').length, 12);
    assert.equal(year('2017').filter((r) => r.doc_kind === 'normative').length, 4);
    assert.ok(
      year('2017')
        .filter((r) => r.doc_kind === 'normative')
        .every((r) => r.column_code === 'policy-docs'),
    );
  });

  it('gives every item demo authors, approvers other than the author, and a publish event by "demo"', async () => {
    const users = new Map(
      (await t.db.db.selectFrom('users').select(['id', 'username']).where('organ_id', '=', organId).execute()).map((u) => [
        Number(u.id),
        u.username,
      ]),
    );
    const published = rows.filter((r) => r.state === 'published');
    for (const r of published) {
      assert.ok(r.author_id !== null && ['clerk', 'liaison'].includes(users.get(r.author_id) as string));
      assert.ok(r.approver_id !== null && ['head', 'leader'].includes(users.get(r.approver_id) as string));
      assert.notEqual(r.author_id, r.approver_id);
    }
    const publishEvents = await t.db.db
      .selectFrom('publication_events as e')
      .innerJoin('publications as p', 'p.id', 'e.publication_id')
      .select(['e.publication_id', 'e.actor_name', 'e.at', 'p.published_at'])
      .where('p.organ_id', '=', organId)
      .where('e.action', '=', 'publish')
      .execute();
    assert.equal(publishEvents.length, published.length);
    assert.ok(publishEvents.every((e) => e.actor_name === 'demo' && e.at === e.published_at));
    // Art 26: nearly every item within 20 working days of its creation date
    const late = published.filter((r) => cal.countWorkingDays(r.created_on, r.published_on as string) > 20);
    assert.ok(late.length > 0 && late.length / published.length < 0.02, `${late.length} late`);
    assert.ok(published.every((r) => r.created_on <= (r.published_on as string)));
  });

  it('exports the 2017 registers: 440 of the 810 on WeChat, 58 venue deliveries, two press conferences, 600+ articles', () => {
    assert.equal(registers.websiteIds.length, 810);
    assert.equal(registers.wechatIds.length, 440);
    const website = new Set(registers.websiteIds);
    assert.equal(new Set(registers.wechatIds).size, 440);
    assert.ok(registers.wechatIds.every((id) => website.has(id)));
    assert.equal(registers.venueDeliveries.length, 58);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const v of registers.venueDeliveries) {
      const p = byId.get(v.publicationId) as Row;
      assert.equal(p.title, v.title);
      assert.equal(p.index_no, v.indexNo);
      assert.ok((VENUES as readonly string[]).includes(v.venue));
      assert.ok(v.date >= (p.published_on as string) && v.date <= '2017-12-31' && cal.isWorkingDay(v.date));
      assert.ok(v.copies >= 1);
    }
    assert.deepEqual(
      registers.pressConferences.map((p) => [p.date, p.role, p.organiser]),
      [
        ['2017-12-14', 'participant', '自治区发展改革委'],
        ['2017-12-22', 'organiser', '广西壮族自治区住房和城乡建设厅'],
      ],
    );
    for (const p of registers.pressConferences) {
      assert.ok(byId.get(p.transcriptPublicationId)?.title.includes('新闻发布会'));
    }
    assert.equal(registers.pressConferences[1]?.dateExact, true);
    assert.match(registers.pressConferences[1]?.topic ?? '', /乡镇污水处理设施/);
    assert.deepEqual([registers.mediaArticles.count, registers.mediaArticles.atLeast], [600, true]);
  });

  it('records the 2017 registers: 810 on the website, 440 on WeChat, 58 deliveries, 2 press conferences', async () => {
    const sys = systemCtx('test');
    const counts = await t.services.channels.channelCounts(sys, organId, 2017);
    assert.equal(counts.website, 810);
    assert.equal(counts.wechat, 440);
    const d = await t.services.registers.deliveryCounts(sys, organId, 2017);
    assert.equal(d.deliveries, 58);
    assert.equal(d.byVenue.service_centre + d.byVenue.archives + d.byVenue.library, 58);
    assert.equal(await t.services.registers.conferenceCount(sys, organId, 2017), 2);
    const held = await t.services.registers.conferences(sys, organId, 2017);
    assert.ok(
      held.some((c) => c.held_on === '2017-12-22' && /污水处理/.test(c.topic)),
      JSON.stringify(held),
    );
  });

  it('has a recent year up to the clock’s date, with items on their way for the back office', async () => {
    const recent = rows.filter((r) => r.created_on >= '2018-01-01');
    assert.equal(recent.length, 100);
    assert.ok(recent.every((r) => r.published_on === null || (r.published_on >= '2026-01-01' && r.published_on < '2026-03-02')));
    const states = recent.map((r) => r.state);
    for (const s of ['draft', 'submitted', 'approved']) assert.ok(states.includes(s), s);
    const { overdue } = await t.services.publications.deadlines(systemCtx('test'), organId);
    assert.equal(overdue.length, 1);
    // the same plan again gives the same items
    const again = planRecent(cal, '2026-03-02')
      .items.map((i) => i.title)
      .sort();
    assert.deepEqual(again, recent.map((r) => r.title).sort());
  });

  it('finds the real plan by searching 农村危房改造', async () => {
    const hits = await t.services.searchIndex.search({ q: '农村危房改造', organId, year: 2017, order: 'relevance', limit: 100 });
    assert.ok(hits.items.some((h) => h.title === '2017年广西农村危房改造暨脱贫攻坚建档立卡贫困户危房改造实施方案'));
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('危房改造实施方案')}&order=relevance`,
    });
    assert.equal(res.statusCode, 200);
    const titles = (res.json() as { items: Array<{ title: string }> }).items.map((i) => i.title);
    // the reindex kept its keywords: related items share them
    const plan = rows.find((r) => r.title === '2017年广西农村危房改造暨脱贫攻坚建档立卡贫困户危房改造实施方案') as Row;
    const kws = await t.db.db
      .selectFrom('publication_keywords')
      .select('keyword')
      .where('publication_id', '=', plan.id)
      .execute();
    assert.ok(kws.some((k) => k.keyword === '农村危房改造'));
    const related = await t.services.publicationSearch.related(plan.id);
    assert.equal(related.length, 5);
    // the plan and its interpretation (图解) are the title matches
    assert.ok(titles.slice(0, 2).includes('2017年广西农村危房改造暨脱贫攻坚建档立卡贫困户危房改造实施方案'), titles.join('；'));
  });

  it('is the same on every run: the plan is computed from a seed and the official calendar', () => {
    const again = plan2017(new WorkingDayCalendar(), realDocs2017(), POWERS_LIST_2016);
    assert.deepEqual(again.items, demoPlan2017().items);
    assert.deepEqual(
      rows.filter((r) => r.published_on?.startsWith('2017')).length,
      again.items.filter((i) => i.publishedOn?.startsWith('2017')).length,
    );
  });

  it('changes nothing when loaded again, and keeps the audit chain whole', async () => {
    const before = await tableCounts();
    assert.equal(await seedDemo(t.services), false);
    assert.deepEqual(await tableCounts(), before);
    const { ms: _ms, ...again } = await t.services.demoData.loadYears(organId);
    assert.deepEqual(again, { loaded2017: false, loadedRecent: false, items: 0 });
    const chain = await verifyAuditChain(t.db.db, t.config);
    assert.equal(chain.ok, true);
  });
});
