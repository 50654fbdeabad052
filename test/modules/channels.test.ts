// Channels of publications: the website row at publication, channels recorded by staff through the
// item page (CSRF, audit, Chinese validation), who may record, and the counts per channel per year.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemCtx } from '../../src/platform/context.js';
import { AppError } from '../../src/platform/http/errors.js';
import { Agent, buildTestApp, type TestApp } from '../support/app.js';
import { type ChannelWorld, channelWorld } from '../support/channels.js';

describe('publication channels', () => {
  let t: TestApp;
  let w: ChannelWorld;
  let clerk: Agent;
  let item: { id: number; indexNo: string; publishedOn: string };
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    w = await channelWorld(t.services);
    item = await w.publish('关于开展2026年政务公开工作的通知');
    clerk = new Agent(t.app);
    await clerk.login('clerk1');
  });
  after(() => t.close());

  it('records the website when an item is published, in the same transaction', async () => {
    const rows = await t.db.db.selectFrom('publication_channels').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.channel, 'website');
    assert.equal(rows[0]?.state, 'sent');
    assert.equal(rows[0]?.sent_on, '2026-03-02');
    const page = await clerk.get(`/staff/publications/${item.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('<h2 id="channels">发布渠道</h2>'));
    assert.match(page.body, /<th scope="row">网站<\/th><td>已发布<\/td><td>2026-03-02<\/td>/);
  });

  it('shows no channels on an item not yet published', async () => {
    const id = await w.draft('尚未发布的通知');
    const page = await clerk.get(`/staff/publications/${id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('发布渠道'));
    const res = await clerk.submit(`/staff/publications/${id}`, `/staff/publications/${id}/channels`, {
      channel: 'weibo',
      sentOn: '2026-03-02',
    });
    assert.equal(res.statusCode, 409);
    assert.ok(res.body.includes('该信息尚未发布，不能登记发布渠道。'));
  });

  it('records 报刊/媒体 through the form, audited', async () => {
    t.clock.set('2026-03-05T02:00:00.000Z');
    await clerk.login('clerk1');
    const res = await clerk.submit(`/staff/publications/${item.id}`, `/staff/publications/${item.id}/channels`, {
      channel: 'media',
      sentOn: '2026-03-04',
      note: '广西日报第3版',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/staff/publications/${item.id}?ok=saved#channels`);
    const page = await clerk.get(`/staff/publications/${item.id}`);
    assert.match(page.body, /<th scope="row">报刊\/媒体<\/th><td>已登记<\/td><td>2026-03-04<\/td><td>广西日报第3版/);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'actor_name', 'after_json'])
      .where('action', '=', 'channel.record')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.subject_id, String(item.id));
    assert.equal(audit[0]?.actor_name, 'clerk1');
    assert.deepEqual(JSON.parse(audit[0]?.after_json ?? ''), { channel: 'media', sentOn: '2026-03-04', note: '广西日报第3版' });
  });

  it('refuses bad input in Chinese and keeps what was typed (422)', async () => {
    const typed = { channel: 'gazette', sentOn: '2026-02-30', note: '2026年第5期' };
    let res = await clerk.submit(`/staff/publications/${item.id}`, `/staff/publications/${item.id}/channels`, typed);
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('日期格式应为 YYYY-MM-DD，且须为真实日期。'));
    assert.ok(res.body.includes('value="2026-02-30"'));
    assert.ok(res.body.includes('value="2026年第5期"'));
    assert.match(res.body, /<option value="gazette" selected/);
    assert.ok(res.body.includes('href="#f-sentOn"'));
    res = await clerk.submit(`/staff/publications/${item.id}`, `/staff/publications/${item.id}/channels`, {
      channel: 'website',
      sentOn: '2026-03-01',
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('请选择发布渠道。'));
    res = await clerk.submit(`/staff/publications/${item.id}`, `/staff/publications/${item.id}/channels`, {
      channel: 'weibo',
      sentOn: '2026-03-01',
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('发布日期不能早于信息在网站发布的日期（2026-03-02）。'));
    res = await clerk.submit(`/staff/publications/${item.id}`, `/staff/publications/${item.id}/channels`, {
      channel: 'weibo',
      sentOn: '2026-03-06',
    });
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('发布日期不能晚于今天。'));
    const rows = await t.db.db.selectFrom('publication_channels').select('channel').execute();
    assert.deepEqual(rows.map((r) => r.channel).sort(), ['media', 'website']);
  });

  it('lets liaisons read but not record; refuses other organs and posts without CSRF', async () => {
    const liaison = new Agent(t.app);
    await liaison.login('liaison1');
    const page = await liaison.get(`/staff/publications/${item.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('发布渠道'));
    assert.ok(!page.body.includes('登记其他发布渠道'));
    const fields = { channel: 'weibo', sentOn: '2026-03-05' };
    assert.equal(
      (await liaison.submit(`/staff/publications/${item.id}`, `/staff/publications/${item.id}/channels`, fields)).statusCode,
      403,
    );
    const stranger = new Agent(t.app);
    await stranger.login('stranger');
    assert.equal((await stranger.submit('/staff', `/staff/publications/${item.id}/channels`, fields)).statusCode, 403);
    assert.equal((await clerk.post(`/staff/publications/${item.id}/channels`, fields)).statusCode, 403);
    assert.equal((await t.db.db.selectFrom('publication_channels').select('id').execute()).length, 2);
  });

  it('counts items per channel per year (China dates) for the annual report', async () => {
    const s = t.services;
    // a second item on the website and weibo in 2026, and one published on New Year's Eve in
    // Beijing time, which counts in 2026 although it is still 2026-12-31 in UTC until 16:00
    const second = await w.publish('关于公布2026年度重点工作的通知');
    await s.channels.record(w.clerk, second.id, { channel: 'weibo', sentOn: '2026-03-05' });
    t.clock.set('2026-12-31T17:00:00.000Z'); // 2027-01-01 01:00 in Beijing
    const third = await w.publish('关于2027年元旦值班安排的通知');
    assert.equal(third.publishedOn, '2027-01-01');
    await s.channels.record(w.clerk, third.id, { channel: 'yearbook', sentOn: '2027-01-01' });
    assert.deepEqual(await s.channels.channelCounts(w.head, w.organId, 2026), {
      website: 2,
      wechat: 0,
      weibo: 1,
      media: 1,
      gazette: 0,
      yearbook: 0,
    });
    assert.deepEqual(await s.channels.channelCounts(systemCtx('report'), w.organId, 2027), {
      website: 1,
      wechat: 0,
      weibo: 0,
      media: 0,
      gazette: 0,
      yearbook: 1,
    });
    assert.deepEqual(await s.channels.channelCounts(systemCtx('report'), w.otherOrganId, 2026), {
      website: 0,
      wechat: 0,
      weibo: 0,
      media: 0,
      gazette: 0,
      yearbook: 0,
    });
    const strangerActor = await s.auth.actorFor(
      (await t.db.db.selectFrom('users').select('id').where('username', '=', 'stranger').executeTakeFirstOrThrow()).id,
    );
    assert.ok(strangerActor);
    await assert.rejects(
      s.channels.channelCounts({ actor: strangerActor, audit: systemCtx().audit }, w.organId, 2026),
      (e: unknown) => e instanceof AppError && e.code === 'forbidden',
    );
  });
});
