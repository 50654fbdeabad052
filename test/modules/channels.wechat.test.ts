// The WeChat official-account adapter against a local fake server speaking the API's protocol
// (token, draft/add, freepublish/submit, errors as {errcode, errmsg} with HTTP 200), driven
// through the real outbox from the item page's button.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { WECHAT_CONTENT_MAX, wechatArticle } from '../../src/modules/channels/wechat.js';
import { enqueue, messageByKey } from '../../src/platform/outbox/outbox.js';
import { Agent, buildTestApp, type TestApp } from '../support/app.js';
import { type ChannelWorld, channelWorld } from '../support/channels.js';

const APPID = 'wx0123456789abcdef';
const SECRET = 'fake-secret-0123456789';
const THUMB = 'THUMB_MEDIA_ID_1';
const PUBLIC = 'https://gongkai.example.gov.cn';

interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** A fake official-account API: issues tokens, stores drafts, publishes them. */
class FakeWechat {
  server: Server;
  received: Received[] = [];
  tokens = 0;
  /** Tokens the server considers expired (answered with 42001). */
  expired = new Set<string>();
  /** When set, freepublish/submit answers with this error. */
  submitError: { errcode: number; errmsg: string } | null = null;
  drafts = new Map<string, unknown>();
  constructor() {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw ? JSON.parse(raw) : null;
        this.received.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(this.answer(req.method ?? '', url, body)));
      });
    });
  }
  answer(method: string, url: URL, body: { articles?: unknown[]; media_id?: string } | null): object {
    const q = url.searchParams;
    if (url.pathname === '/cgi-bin/token' && method === 'GET') {
      if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== APPID || q.get('secret') !== SECRET)
        return { errcode: 40125, errmsg: 'invalid appsecret' };
      this.tokens++;
      return { access_token: `TOKEN-${this.tokens}`, expires_in: 7200 };
    }
    const token = q.get('access_token') ?? '';
    if (!/^TOKEN-\d+$/.test(token)) return { errcode: 40001, errmsg: 'invalid credential' };
    if (this.expired.has(token)) return { errcode: 42001, errmsg: 'access_token expired' };
    if (url.pathname === '/cgi-bin/draft/add' && method === 'POST') {
      if (!Array.isArray(body?.articles) || body.articles.length === 0) return { errcode: 40007, errmsg: 'invalid media_id' };
      const id = `MEDIA-${this.drafts.size + 1}`;
      this.drafts.set(id, body.articles);
      return { media_id: id };
    }
    if (url.pathname === '/cgi-bin/freepublish/submit' && method === 'POST') {
      if (this.submitError) return this.submitError;
      if (!body?.media_id || !this.drafts.has(body.media_id)) return { errcode: 40007, errmsg: 'invalid media_id' };
      return { errcode: 0, errmsg: 'ok', publish_id: 2247483000 + this.drafts.size };
    }
    return { errcode: 40066, errmsg: 'invalid url' };
  }
  calls = () => this.received.map((r) => `${r.method} ${r.path}${r.query.access_token ? ` ${r.query.access_token}` : ''}`);
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop = () => new Promise<void>((r) => this.server.close(() => r()));
}

describe('WeChat settings and article', () => {
  it('reads the settings from the environment, with the documented default address', () => {
    const base = { GONGKAI_SECRET: 'x'.repeat(40), DATABASE_URL: 'sqlite::memory:' };
    const c = loadConfig({
      ...base,
      GONGKAI_WECHAT_APPID: APPID,
      GONGKAI_WECHAT_SECRET: SECRET,
      GONGKAI_WECHAT_THUMB_MEDIA_ID: THUMB,
      GONGKAI_PUBLIC_URL: `${PUBLIC}/`,
    });
    assert.deepEqual(c.wechat, { baseUrl: 'https://api.weixin.qq.com', appId: APPID, secret: SECRET, thumbMediaId: THUMB });
    assert.equal(c.publicUrl, PUBLIC);
    assert.deepEqual(loadConfig(base).wechat, {
      baseUrl: 'https://api.weixin.qq.com',
      appId: undefined,
      secret: undefined,
      thumbMediaId: undefined,
    });
    assert.throws(
      () => loadConfig({ ...base, GONGKAI_PUBLIC_URL: 'gongkai.example' }),
      /GONGKAI_PUBLIC_URL 须为 http\(s\):\/\/主机名/,
    );
  });

  it('sends the summary and the link instead of a body too long for WeChat', () => {
    const a = wechatArticle({
      title: '长文',
      summary: '摘要<b>',
      issuingOrgan: '某厅',
      bodyHtml: `<p>${'字'.repeat(WECHAT_CONTENT_MAX)}</p>`,
      permanentUrl: 'https://x.example/index/a/2026-00001',
      thumbMediaId: THUMB,
    });
    assert.ok(a.content.length < WECHAT_CONTENT_MAX);
    assert.equal(
      a.content,
      '<p>摘要&lt;b&gt;</p><p>全文较长，请点击“阅读原文”查看。</p><p>原文链接：<a href="https://x.example/index/a/2026-00001">https://x.example/index/a/2026-00001</a></p>',
    );
  });
});

describe('WeChat channel, not configured', () => {
  let t: TestApp;
  let w: ChannelWorld;
  before(async () => {
    t = await buildTestApp();
    w = await channelWorld(t.services);
  });
  after(() => t.close());

  it('says on the button what is missing and refuses to send', async () => {
    const item = await w.publish('关于政务公开工作的通知');
    const clerk = new Agent(t.app);
    await clerk.login('clerk1');
    const page = await clerk.get(`/staff/publications/${item.id}`);
    assert.ok(page.body.includes('发布到微信公众号（未启用）'));
    assert.ok(
      page.body.includes(
        '微信公众号发布未启用：服务器尚未配置 GONGKAI_WECHAT_APPID、GONGKAI_WECHAT_SECRET、GONGKAI_WECHAT_THUMB_MEDIA_ID、GONGKAI_PUBLIC_URL，请联系系统管理员。',
      ),
    );
    assert.match(page.body, /<button type="button" disabled aria-describedby="wechat-off">/);
    const res = await clerk.post(`/staff/publications/${item.id}/wechat`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
    });
    assert.equal(res.statusCode, 409);
    assert.ok(res.body.includes('微信公众号发布未启用'));
    assert.equal((await t.db.db.selectFrom('outbox').select('id').execute()).length, 0);
  });
});

describe('WeChat channel against a fake official-account server', () => {
  let t: TestApp;
  let w: ChannelWorld;
  let fake: FakeWechat;
  let clerk: Agent;
  before(async () => {
    fake = new FakeWechat();
    const base = await fake.start();
    t = await buildTestApp({
      now: '2026-03-02T02:00:00.000Z',
      config: { publicUrl: PUBLIC, wechat: { baseUrl: base, appId: APPID, secret: SECRET, thumbMediaId: THUMB } },
    });
    w = await channelWorld(t.services);
    clerk = new Agent(t.app);
    await clerk.login('clerk1');
  });
  after(async () => {
    await t.close();
    await fake.stop();
  });

  const send = async (id: number) => {
    const res = await clerk.submit(`/staff/publications/${id}`, `/staff/publications/${id}/wechat`, {});
    assert.equal(res.statusCode, 303);
    // the after-commit kick is under way; wait for it
    await t.services.outbox.kick();
    return res;
  };
  const channel = (id: number) =>
    t.db.db
      .selectFrom('publication_channels')
      .selectAll()
      .where('publication_id', '=', id)
      .where('channel', '=', 'wechat')
      .executeTakeFirst();

  it('gets a token, saves a draft with the article and publishes it', async () => {
    const item = await w.publish('关于开展2026年政务公开工作的通知', {
      bodyHtml: '<p>各处室：</p><p onclick="x()">现将有关事项通知如下。</p><script>alert(1)</script>',
    });
    const res = await send(item.id);
    assert.equal(res.headers.location, `/staff/publications/${item.id}/channels?ok=saved`);
    assert.deepEqual(fake.calls(), [
      'GET /cgi-bin/token',
      'POST /cgi-bin/draft/add TOKEN-1',
      'POST /cgi-bin/freepublish/submit TOKEN-1',
    ]);
    const [token, draft, submit] = fake.received;
    assert.deepEqual(token?.query, { grant_type: 'client_credential', appid: APPID, secret: SECRET });
    const url = `${PUBLIC}/index/chn1/2026-00001`;
    assert.equal(item.indexNo, 'chn1/2026-00001');
    assert.deepEqual(draft?.body, {
      articles: [
        {
          title: '关于开展2026年政务公开工作的通知',
          author: '测试机关chn1',
          digest: '部署年度政务公开工作。',
          content: `<p>各处室：</p><p>现将有关事项通知如下。</p><p>原文链接：<a href="${url}">${url}</a></p>`,
          content_source_url: url,
          thumb_media_id: THUMB,
          need_open_comment: 0,
          only_fans_can_comment: 0,
        },
      ],
    });
    assert.deepEqual(submit?.body, { media_id: 'MEDIA-1' });
    const row = await channel(item.id);
    assert.equal(row?.state, 'sent');
    assert.equal(row?.external_id, '2247483001');
    assert.equal(row?.sent_on, '2026-03-02');
    assert.deepEqual(JSON.parse(row?.detail ?? ''), { mediaId: 'MEDIA-1', publishId: '2247483001' });
    const m = await messageByKey(t.db.db, `wechat.publish:${item.id}`);
    assert.equal(m?.state, 'done');
    assert.deepEqual(m?.result, { mediaId: 'MEDIA-1', publishId: '2247483001' });
    const page = await clerk.get(`/staff/publications/${item.id}`);
    assert.match(page.body, /<th scope="row">微信公众号<\/th><td>已发布<\/td>/);
    assert.ok(page.body.includes('已发布到微信公众号。'));
    const counts = await t.services.channels.channelCounts(w.head, w.organId, 2026);
    assert.equal(counts.wechat, 1);
    // a second request is refused: it went out already
    const again = await clerk.submit(`/staff/publications/${item.id}`, `/staff/publications/${item.id}/wechat`, {});
    assert.equal(again.statusCode, 409);
    assert.ok(again.body.includes('该信息已发布到微信公众号。'));
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('action', '=', 'channel.wechat')
      .execute();
    assert.deepEqual(audit, [{ action: 'channel.wechat', actor_name: 'clerk1' }]);
  });

  it('refreshes an expired access token once and repeats the call', async () => {
    fake.received = [];
    fake.expired.add('TOKEN-1');
    const item = await w.publish('关于公布2026年度重点工作的通知');
    await send(item.id);
    assert.deepEqual(fake.calls(), [
      'POST /cgi-bin/draft/add TOKEN-1',
      'GET /cgi-bin/token',
      'POST /cgi-bin/draft/add TOKEN-2',
      'POST /cgi-bin/freepublish/submit TOKEN-2',
    ]);
    assert.equal((await channel(item.id))?.state, 'sent');
  });

  it('fetches a new token when the cached one reaches its expiry on the clock', async () => {
    fake.received = [];
    t.clock.advance(7200_000);
    await clerk.login('clerk1');
    const item = await w.publish('关于调整办公时间的通知');
    await send(item.id);
    assert.deepEqual(fake.calls(), [
      'GET /cgi-bin/token',
      'POST /cgi-bin/draft/add TOKEN-3',
      'POST /cgi-bin/freepublish/submit TOKEN-3',
    ]);
  });

  it('retries an error answer with backoff, keeping the draft, then fails and says why', async () => {
    fake.received = [];
    fake.submitError = { errcode: 53503, errmsg: '该草稿未通过发布检查' };
    const item = await w.publish('关于征求意见的公告');
    await send(item.id);
    let row = await channel(item.id);
    assert.equal(row?.state, 'pending');
    assert.match(JSON.parse(row?.detail ?? '').lastError, /freepublish\/submit 返回错误 53503：该草稿未通过发布检查/);
    const key = `wechat.publish:${item.id}`;
    let m = await messageByKey(t.db.db, key);
    assert.equal(m?.state, 'pending');
    assert.equal(m?.attempts, 1);
    const max = t.services.outbox.maxAttempts;
    for (let i = 1; i < max; i++) {
      t.clock.set(m?.nextAttemptAt as string);
      await t.services.outbox.dispatchDue();
      m = await messageByKey(t.db.db, key);
    }
    assert.equal(m?.state, 'failed');
    assert.equal(m?.attempts, max);
    assert.match(m?.lastError ?? '', /53503/);
    row = await channel(item.id);
    assert.equal(row?.state, 'failed');
    // the draft was made once; each retry published that draft again
    assert.equal(fake.calls().filter((c) => c.startsWith('POST /cgi-bin/draft/add')).length, 1);
    const submits = fake.received.filter((r) => r.path === '/cgi-bin/freepublish/submit');
    assert.equal(submits.length, max);
    assert.ok(submits.every((s) => (s.body as { media_id: string }).media_id === JSON.parse(row?.detail ?? '').mediaId));
    // staff see the failure and may send again once the cause is fixed
    const page = await clerk.get(`/staff/publications/${item.id}`);
    assert.match(page.body, /<th scope="row">微信公众号<\/th><td>发送失败<\/td>/);
    assert.ok(page.body.includes('53503'));
    assert.ok(page.body.includes('重新发布到微信公众号'));
    fake.submitError = null;
    await send(item.id);
    row = await channel(item.id);
    assert.equal(row?.state, 'sent');
    m = await messageByKey(t.db.db, key);
    assert.equal(m?.state, 'done');
    assert.equal(fake.calls().filter((c) => c.startsWith('POST /cgi-bin/draft/add')).length, 1, 'still one draft');
  });

  it('does not publish an item withdrawn before its message was delivered', async () => {
    // the message is written (as the button would) and the item withdrawn before any dispatch
    const second = await w.publish('关于某项目的公示');
    const s = t.services;
    await t.db.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('publication_channels')
        .values({
          publication_id: second.id,
          organ_id: w.organId,
          channel: 'wechat',
          state: 'pending',
          sent_at: null,
          sent_on: null,
          external_id: null,
          note: null,
          detail: null,
          created_at: t.clock.now().toISOString(),
          updated_at: t.clock.now().toISOString(),
          recorded_by: null,
        })
        .execute();
      await enqueue(tx, {
        topic: 'wechat.publish',
        payload: { publicationId: second.id },
        key: `wechat.publish:${second.id}`,
        at: t.clock.now(),
      });
    });
    const p = (await s.publications.get(w.head, second.id)).publication;
    await s.publications.withdraw(w.head, second.id, { version: String(p.version), reason: '内容有误，撤回。' });
    fake.received = [];
    await s.outbox.dispatchDue();
    assert.deepEqual(fake.calls(), [], 'nothing sent to WeChat');
    const m = await messageByKey(t.db.db, `wechat.publish:${second.id}`);
    assert.equal(m?.state, 'failed');
    assert.match(m?.lastError ?? '', /已不在发布状态/);
    assert.equal((await channel(second.id))?.state, 'failed');
  });
});
