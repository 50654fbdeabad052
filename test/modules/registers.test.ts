// 送交登记 and 新闻发布会登记: pages with CSRF, Chinese validation that keeps what was typed,
// audit, who may write, and the counts per year the annual report reads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, type TestApp } from '../support/app.js';
import { type ChannelWorld, channelWorld } from '../support/channels.js';

describe('registers of deliveries and press conferences', () => {
  let t: TestApp;
  let w: ChannelWorld;
  let clerk: Agent;
  let item: { id: number };
  before(async () => {
    t = await buildTestApp({ now: '2026-12-20T02:00:00.000Z' });
    w = await channelWorld(t.services);
    item = await w.publish('关于2026年度政府信息公开工作的通知');
    clerk = new Agent(t.app);
    await clerk.login('clerk1');
  });
  after(() => t.close());

  it('is in the navigation and starts empty', async () => {
    const home = await clerk.get('/staff');
    assert.ok(home.body.includes('href="/staff/registers"'));
    const index = await clerk.get('/staff/registers');
    assert.equal(index.statusCode, 200);
    assert.ok(index.body.includes('2026年送交 0 次，共 0 份'));
    const page = await clerk.get('/staff/registers/deliveries');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('2026年没有送交记录。'));
  });

  it('records a delivery to the library with titles and a publication, audited', async () => {
    const res = await clerk.submit('/staff/registers/deliveries', '/staff/registers/deliveries', {
      deliveredOn: '2026-12-18',
      venue: 'library',
      venueName: '南宁市图书馆',
      items: '2026年政府工作报告\r\n\r\n关于印发政务公开工作要点的通知',
      publicationIds: String(item.id),
      copies: '3',
      note: '',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/registers/deliveries?year=2026&ok=saved');
    const page = await clerk.get(res.headers.location as string);
    assert.ok(page.body.includes('已保存。'));
    assert.ok(page.body.includes('公共图书馆（南宁市图书馆）'));
    assert.ok(page.body.includes('<li>2026年政府工作报告</li><li>关于印发政务公开工作要点的通知</li>'));
    assert.ok(page.body.includes(`<a href="/staff/publications/${item.id}">关于2026年度政府信息公开工作的通知</a>`));
    assert.match(page.body, /本年度送交 <strong>1<\/strong> 次，共 <strong>3<\/strong> 份（公共图书馆 1 次）/);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('action', 'like', 'register.%')
      .execute();
    assert.deepEqual(audit, [{ action: 'register.delivery', actor_name: 'clerk1' }]);
  });

  it('refuses bad input in Chinese, keeps it, and saves nothing (422)', async () => {
    const fields = {
      deliveredOn: '2026-12-21',
      venue: '',
      venueName: '自治区档案馆',
      items: '',
      publicationIds: '12x',
      copies: '0',
      note: '补送',
    };
    const res = await clerk.submit('/staff/registers/deliveries', '/staff/registers/deliveries', fields);
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('请选择送交场所。'));
    assert.ok(res.body.includes('“12x”不是有效的信息编号'));
    assert.ok(res.body.includes('份数应为 1 至 999999 之间的整数。'));
    assert.ok(res.body.includes('value="自治区档案馆"'));
    assert.ok(res.body.includes('value="补送"'));
    assert.ok(res.body.includes('href="#f-venue"'));
    const future = await clerk.submit('/staff/registers/deliveries', '/staff/registers/deliveries', {
      ...fields,
      venue: 'archives',
      items: '某文件',
      publicationIds: '',
      copies: '2',
    });
    assert.equal(future.statusCode, 422);
    assert.ok(future.body.includes('送交日期不能晚于今天。'));
    const nothing = await clerk.submit('/staff/registers/deliveries', '/staff/registers/deliveries', {
      ...fields,
      deliveredOn: '2026-12-01',
      venue: 'archives',
      publicationIds: '',
      copies: '2',
    });
    assert.equal(nothing.statusCode, 422);
    assert.ok(nothing.body.includes('请填写送交的文件标题，或在下方填写信息编号。'));
    const otherOrgan = await clerk.submit('/staff/registers/deliveries', '/staff/registers/deliveries', {
      ...fields,
      deliveredOn: '2026-12-01',
      venue: 'archives',
      publicationIds: '99999',
      copies: '2',
    });
    assert.equal(otherOrgan.statusCode, 422);
    assert.ok(otherOrgan.body.includes('本机关没有编号为 99999 的信息。'));
    assert.equal((await t.db.db.selectFrom('venue_deliveries').select('id').execute()).length, 1);
  });

  it('records a press conference with its transcript', async () => {
    const res = await clerk.submit('/staff/registers/conferences', '/staff/registers/conferences', {
      heldOn: '2026-12-15',
      topic: '2026年全区政务公开工作情况新闻发布会',
      speakers: '张三（办公厅副主任）、李四（政务公开处处长）',
      organiser: '自治区人民政府新闻办公室',
      transcriptId: String(item.id),
      note: '',
    });
    assert.equal(res.statusCode, 303);
    const page = await clerk.get('/staff/registers/conferences?year=2026');
    assert.ok(page.body.includes('2026年全区政务公开工作情况新闻发布会'));
    assert.ok(page.body.includes('张三（办公厅副主任）、李四（政务公开处处长）'));
    assert.ok(page.body.includes(`<a href="/staff/publications/${item.id}">关于2026年度政府信息公开工作的通知</a>`));
    assert.ok(page.body.includes('本年度召开新闻发布会 <strong>1</strong> 场。'));
    const bad = await clerk.submit('/staff/registers/conferences', '/staff/registers/conferences', {
      heldOn: '2026-12-16',
      topic: '',
      speakers: '王五',
      organiser: '',
      transcriptId: 'abc',
    });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('href="#f-topic"'));
    assert.ok(bad.body.includes('href="#f-organiser"'));
    assert.ok(bad.body.includes('请填写实录信息的系统编号（数字），或留空。'));
    assert.ok(bad.body.includes('value="王五"'));
    assert.equal((await t.db.db.selectFrom('press_conferences').select('id').execute()).length, 1);
  });

  it('lets liaisons read but not write; refuses posts without CSRF', async () => {
    const liaison = new Agent(t.app);
    await liaison.login('liaison1');
    const page = await liaison.get('/staff/registers/deliveries');
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('登记一次送交'));
    const fields = { deliveredOn: '2026-12-01', venue: 'archives', items: '某文件', copies: '1' };
    assert.equal((await liaison.submit('/staff/registers/deliveries', '/staff/registers/deliveries', fields)).statusCode, 403);
    assert.equal((await clerk.post('/staff/registers/deliveries', fields)).statusCode, 403);
    assert.equal((await t.db.db.selectFrom('venue_deliveries').select('id').execute()).length, 1);
  });

  it('counts a year for the annual report', async () => {
    const s = t.services.registers;
    await s.addDelivery(w.clerk, w.organId, { deliveredOn: '2026-01-05', venue: 'service_centre', items: '文件甲', copies: '2' });
    await s.addDelivery(w.clerk, w.organId, { deliveredOn: '2025-12-31', venue: 'archives', items: '文件乙', copies: '5' });
    assert.deepEqual(await s.deliveryCounts(systemCtx('report'), w.organId, 2026), {
      deliveries: 2,
      copies: 5,
      byVenue: { service_centre: 1, archives: 0, library: 1 },
    });
    assert.deepEqual(await s.deliveryCounts(w.head, w.organId, 2025), {
      deliveries: 1,
      copies: 5,
      byVenue: { service_centre: 0, archives: 1, library: 0 },
    });
    assert.equal(await s.conferenceCount(w.head, w.organId, 2026), 1);
    assert.equal(await s.conferenceCount(w.head, w.organId, 2025), 0);
    const index = await clerk.get('/staff/registers?year=2026');
    assert.ok(index.body.includes('2026年送交 2 次，共 5 份'));
    assert.ok(index.body.includes('2026年 1 场'));
  });
});
