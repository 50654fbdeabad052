// The cache of anonymous public pages (ADR 0013): what it keeps, per display preference, and
// that every change of a publication's state — through the web, through a service call in
// this process, or by another process — is seen on the pages.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { buildApp, createServices } from '../../src/app.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { ManualClock } from '../../src/platform/clock.js';
import { connect } from '../../src/platform/db/connect.js';
import { Agent, csrfFrom, type TestApp, testConfig } from '../support/app.js';
import { testDb } from '../support/db.js';
import { type Publishing, publishingOrgan } from '../support/publishing.js';

const cacheOf = (res: { headers: Record<string, unknown> }) => res.headers['x-page-cache'];

describe('page cache: anonymous public pages', () => {
  let t: TestApp;
  let p: Publishing;
  let cache: NonNullable<Awaited<ReturnType<typeof buildApp>>['pageCache']>;
  /** The cache's monotonic time, moved by the tests. */
  let ms = 0;

  before(async () => {
    const db = await testDb();
    const clock = new ManualClock('2026-03-02T02:00:00.000Z');
    const config = testConfig();
    // the stamp is read again every 5 s of the cache's time: tests move that time by hand
    const built = await buildApp(
      { db: db.db, dialect: db.dialect, clock, config },
      { pageCache: { checkMs: 5000, now: () => ms } },
    );
    await built.app.ready();
    assert.ok(built.pageCache);
    cache = built.pageCache;
    t = {
      ...built,
      db,
      clock,
      config,
      async close() {
        await built.app.close();
        await db.destroy();
        rmSync(config.uploadDir, { recursive: true, force: true });
      },
    };
    p = await publishingOrgan(t);
  });
  after(() => t.close());

  const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('serves the same bytes again without rendering, per 简/繁 and elder mode', async () => {
    const item = await p.published({ title: '关于开展春季植树活动的通知' });
    const url = `/items/${item.id}`;
    const first = await get(url);
    assert.equal(first.statusCode, 200);
    assert.equal(cacheOf(first), 'miss');
    const again = await get(url);
    assert.equal(cacheOf(again), 'hit');
    assert.equal(again.body, first.body);
    assert.equal(again.headers['content-type'], first.headers['content-type']);
    assert.ok(again.headers['content-security-policy'], 'security headers on a hit too');

    const hant = await get(url, 'gk_script=hant');
    assert.equal(cacheOf(hant), 'miss', 'traditional characters are another entry');
    assert.match(hant.body, /關於開展春季植樹活動的通知/);
    const hantAgain = await get(url, 'gk_script=hant');
    assert.equal(cacheOf(hantAgain), 'hit');
    assert.equal(hantAgain.body, hant.body, 'stored once converted, not converted twice');
    const elder = await get(url, 'gk_elder=1');
    assert.equal(cacheOf(elder), 'miss');
    assert.match(elder.body, /class="elder"/);
    assert.doesNotMatch((await get(url)).body, /class="elder"|關於/, 'the plain page stays plain');
    assert.equal(cacheOf(await get(url, 'gk_script=hant; gk_elder=1')), 'miss', 'both preferences: a fourth entry');
  });

  it('never keeps staff pages, requests with a session, answers that set a cookie, or errors', async () => {
    const staff = await get('/staff/login');
    assert.equal(cacheOf(staff), undefined);
    assert.equal(staff.headers['cache-control'], 'no-store');
    await get('/');
    assert.equal(cacheOf(await get('/', 'gk_sid=whatever')), undefined, 'a session cookie bypasses the cache');
    assert.equal(cacheOf(await get('/requests/new')), undefined, 'the request form (sets the CSRF cookie) is not cached');
    assert.equal(cacheOf(await get('/requests/new')), undefined);
    const missing = await get('/items/999999');
    assert.equal(missing.statusCode, 404);
    assert.equal(cacheOf(await get('/items/999999')), undefined);
    assert.equal(cacheOf(await get('/api/v1/search?q=%E6%A4%8D%E6%A0%91')), undefined, 'search answers are not cached');
  });

  it('a publication published or withdrawn through the web shows at once', async () => {
    const a = new Agent(t.app);
    await a.login('gxt-head');
    const column = `/columns/${p.col('notices')}`;
    const d = await p.draft({ title: '关于调整办公时间的公告' });
    const s = await t.services.publications.submit(p.author, d.id, { version: d.version, checklist: [...CHECKLIST_KEYS] });
    const ok = await t.services.publications.approve(p.head, s.id, { version: s.version });
    await get(column);
    assert.equal(cacheOf(await get(column)), 'hit');
    assert.doesNotMatch((await get(column)).body, /关于调整办公时间的公告/);

    const form = await a.get(`/staff/publications/${ok.id}/publish`);
    const res = await a.post(`/staff/publications/${ok.id}/publish`, { _csrf: csrfFrom(form.body), version: String(ok.version) });
    assert.equal(res.statusCode, 303, res.body);
    const after = await get(column);
    assert.equal(cacheOf(after), 'miss', 'the publish invalidated the cache');
    assert.match(after.body, /关于调整办公时间的公告/);
    const itemUrl = `/items/${ok.id}`;
    await get(itemUrl);
    assert.equal(cacheOf(await get(itemUrl)), 'hit');

    const row = await t.services.publications.get(p.head, ok.id);
    const wform = await a.get(`/staff/publications/${ok.id}/withdraw`);
    const w = await a.post(`/staff/publications/${ok.id}/withdraw`, {
      _csrf: csrfFrom(wform.body),
      version: String(row.publication.version),
      reason: '内容有误',
    });
    assert.equal(w.statusCode, 303, w.body);
    const withdrawn = await get(itemUrl);
    assert.equal(cacheOf(withdrawn), 'miss');
    assert.match(withdrawn.body, /撤回/);
    assert.doesNotMatch((await get(column)).body, /关于调整办公时间的公告/, 'gone from the column');
  });

  it('a change made outside a request of this process (a job, the CLI, another server) shows within the check interval', async () => {
    const home = '/';
    await get(home);
    assert.equal(cacheOf(await get(home)), 'hit');
    const before = cache.stats().invalidations;
    // published by a service call in this process, outside any request (as the scheduler does)
    const item = await p.published({ title: '关于公布第二批示范单位名单的公告' });
    assert.equal(cacheOf(await get(home)), 'hit', 'within the interval the page may be stale');
    ms += 5000;
    const fresh = await get(home);
    assert.equal(cacheOf(fresh), 'miss');
    assert.match(fresh.body, /关于公布第二批示范单位名单的公告/);
    assert.equal(cache.stats().invalidations, before + 1);

    // another app server: its own connection and services on the same database
    const other = connect(t.db.url);
    try {
      const server2 = createServices({ db: other.db, dialect: other.dialect, clock: t.clock, config: t.config });
      const itemUrl = `/items/${item.id}`;
      await get(itemUrl);
      await other.db.deleteFrom('sessions').execute(); // a write without an audit row: nothing public changed
      ms += 5000;
      assert.equal(cacheOf(await get(itemUrl)), 'hit');
      const row = await server2.publications.get(p.head, item.id);
      await server2.publications.withdraw(p.head, item.id, { version: row.publication.version, reason: '已过时' });
      ms += 5000;
      const gone = await get(itemUrl);
      assert.equal(cacheOf(gone), 'miss');
      assert.match(gone.body, /撤回/);
    } finally {
      await other.close();
    }
  });

  it('entries expire after their time to live', async () => {
    await get('/guide');
    assert.equal(cacheOf(await get('/guide')), 'hit');
    ms += 61_000;
    assert.equal(cacheOf(await get('/guide')), 'miss');
  });
});
