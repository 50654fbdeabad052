import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHECKLIST_KEYS, CONFIDENTIALITY_CHECKLIST } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, csrfFrom, type TestApp, userWithRoles } from '../support/app.js';

const CREDIT = '11450000MB1234567X';
const HREF = '/staff/publications';

/** The hidden optimistic-lock version of the (only) form on a page. */
function versionFrom(html: string): string {
  const m = /name="version" value="(\d+)"/.exec(html);
  assert.ok(m?.[1], 'no version field in page');
  return m[1];
}

/** The id of a `/staff/publications/ID?ok=…` redirect. */
function idFrom(location: unknown, ok = 'created'): number {
  const m = new RegExp(`^/staff/publications/(\\d+)\\?ok=${ok}$`).exec(String(location));
  assert.ok(m?.[1], `unexpected redirect: ${String(location)}`);
  return Number(m[1]);
}

describe('publications: the back-office pages of the publishing workflow', () => {
  let t: TestApp;
  let organId: number;
  let officeUnitId: number;
  let businessUnitId: number;
  let noticesId: number;
  let policyDocsId: number;
  const ids: Record<string, number> = {};
  const agents: Record<string, Agent> = {};
  const ctxOf = async (name: string): Promise<Ctx> => {
    const a = await t.services.auth.actorFor(ids[name] as number);
    assert.ok(a);
    return actorCtx(a, null, null);
  };

  const fields = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
    title: '关于开展2026年建筑施工安全检查的通知',
    columnId: String(noticesId),
    unitId: '',
    summary: '部署全区建筑施工安全大检查。',
    issuingOrgan: '',
    createdOn: '2026-02-27',
    docNumber: '桂建质〔2026〕3号',
    theme: '城乡建设',
    genre: 'notice',
    keywords: '安全生产，建筑施工',
    disclosure: 'proactive',
    withheldReason: '',
    validity: 'valid',
    validityDate: '',
    docKind: 'other',
    bodyHtml: '<p>各市住房城乡建设局：</p><p>现将有关事项通知如下。</p>',
    interprets: '',
    corrects: '',
    replaces: '',
    repeals: '',
    ...over,
  });

  /** A draft created through the service, as `author`. */
  async function draft(author: string, over: Record<string, unknown> = {}) {
    return t.services.publications.createDraft(await ctxOf(author), {
      ...fields(),
      ...over,
    });
  }
  /** Through the services: draft → submitted → approved → published (author `clerk`, reviewer `head`). */
  async function published(over: Record<string, unknown> = {}) {
    const s = t.services.publications;
    let p = await draft('clerk', over);
    p = await s.submit(await ctxOf('clerk'), p.id, { version: p.version, checklist: [...CHECKLIST_KEYS] });
    p = await s.approve(await ctxOf('head'), p.id, { version: p.version });
    return s.publish(await ctxOf('head'), p.id, { version: p.version });
  }

  before(async () => {
    t = await buildTestApp();
    const sys = systemCtx('test');
    const s = t.services;
    const organ = await s.organs.create(sys, { code: 'gxt', name: '广西测试厅', kind: 'department', creditCode: CREDIT });
    organId = organ.id;
    const other = await s.organs.create(sys, { code: 'othr', name: '另一机关', kind: 'department' });
    for (const [name, roles] of [
      ['clerk', ['office_staff']],
      ['head', ['office_head']],
      ['head2', ['office_head']],
      ['leader', ['leader']],
      ['liaison', ['liaison']],
    ] as const) {
      ids[name] = (await userWithRoles(s, organ.id, name, [...roles])).id;
    }
    ids.stranger = (await userWithRoles(s, other.id, 'stranger', ['office_head'])).id;
    officeUnitId = (await s.organs.addUnit(sys, organ.id, { name: '办公室', kind: 'office' })).id;
    businessUnitId = (
      await s.organs.addUnit(sys, organ.id, { name: '业务处', kind: 'business', liaisonUserId: String(ids.liaison) })
    ).id;
    await s.publications.ensureStandardColumns(sys, organ.id);
    await s.publications.ensureStandardColumns(sys, other.id);
    const cols = new Map((await s.publications.columns(sys, organ.id)).map((c) => [c.code, c.id]));
    noticesId = cols.get('notices') as number;
    policyDocsId = cols.get('policy-docs') as number;
    for (const name of ['clerk', 'head', 'head2', 'leader', 'liaison', 'stranger']) {
      const a = new Agent(t.app);
      await a.login(name);
      agents[name] = a;
    }
  });
  after(() => t.close());

  const agent = (name: string) => agents[name] as Agent;

  it('takes an item from draft to published through the forms', async () => {
    const clerk = agent('clerk');
    const head = agent('head');

    const form = await clerk.get(`${HREF}/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>起草新信息 - /);
    assert.ok(form.body.includes('<legend>基本信息</legend>'));
    assert.ok(form.body.includes(`<option value="${noticesId}">通知公告</option>`), 'the catalogue is offered');
    assert.ok(form.body.includes('<optgroup label="法定主动公开内容">'), 'parent columns group their children');
    assert.ok(form.body.includes('value="2026-03-02"'), 'the date of creation defaults to today (China)');
    assert.ok(form.body.includes('脚本、样式和事件属性一律删除'), 'the body hint explains the allow-list');

    // 422 keeps everything typed
    const bad = await clerk.submit(
      `${HREF}/new`,
      HREF,
      fields({ title: '', theme: '', genre: '', bodyHtml: '<p>留下的正文</p>' }),
    );
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('class="error-summary"'));
    assert.ok(bad.body.includes('<a href="#f-title">'), 'the summary links to the field');
    assert.match(bad.body, /<p class="error-message" id="f-genre-error">请选择体裁。<\/p>/);
    assert.ok(bad.body.includes('>部署全区建筑施工安全大检查。</textarea>'));
    assert.ok(bad.body.includes('>&lt;p>留下的正文&lt;/p></textarea>'), 'the typed HTML is kept, escaped');
    assert.ok(bad.body.includes('value="桂建质〔2026〕3号"'));
    assert.ok(bad.body.includes('value="安全生产，建筑施工"'));
    assert.ok(bad.body.includes(`<option value="${noticesId}" selected>通知公告</option>`));
    assert.equal((await t.services.publications.list(systemCtx('t'), { organId })).total, 0, 'nothing was saved');

    const created = await clerk.submit(`${HREF}/new`, HREF, fields());
    assert.equal(created.statusCode, 303);
    const id = idFrom(created.headers.location);
    const page = await clerk.get(String(created.headers.location));
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('已创建。'));
    assert.ok(page.body.includes('<h1>关于开展2026年建筑施工安全检查的通知</h1>'));
    assert.ok(page.body.includes('<span class="tag">草稿</span>'));
    assert.ok(page.body.includes(`href="${HREF}/${id}/edit"`), 'the author may edit');
    assert.ok(page.body.includes(`href="${HREF}/${id}/submit"`), 'the author may submit');
    assert.ok(!page.body.includes(`href="${HREF}/${id}/approve"`), 'no approval for a draft');
    assert.ok(page.body.includes('<dd>广西测试厅</dd>'), 'the issuing organ defaults to the organ');
    assert.ok(page.body.includes('<p>现将有关事项通知如下。</p>'), 'the body preview');
    assert.match(page.body, /剩余 \d+ 个工作日/, 'the Art 26 deadline');

    // edit
    const edit = await clerk.get(`${HREF}/${id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.ok(edit.body.includes('value="关于开展2026年建筑施工安全检查的通知"'));
    const saved = await clerk.post(`${HREF}/${id}/edit`, {
      _csrf: csrfFrom(edit.body),
      ...fields({ title: '关于开展2026年建筑施工安全大检查的通知' }),
      version: versionFrom(edit.body),
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `${HREF}/${id}?ok=saved`);

    // submit: the checklist must be complete
    const confirm = await clerk.get(`${HREF}/${id}/submit`);
    assert.equal(confirm.statusCode, 200);
    assert.ok(confirm.body.includes('<legend>保密审查清单（请逐项确认）</legend>'));
    for (const [key, label] of CONFIDENTIALITY_CHECKLIST) {
      assert.ok(confirm.body.includes(`value="${key}"`), key);
      assert.ok(confirm.body.includes(label.replace(/“|”/g, '')), label);
    }
    const partial = await clerk.post(`${HREF}/${id}/submit`, {
      _csrf: csrfFrom(confirm.body),
      version: versionFrom(confirm.body),
      checklist: CHECKLIST_KEYS.slice(0, 2),
    });
    assert.equal(partial.statusCode, 409);
    assert.ok(partial.body.includes('保密审查清单尚未完成'), 'the reason is shown');
    assert.ok(partial.body.includes(`value="${CHECKLIST_KEYS[0]}" checked`), 'what was ticked stays ticked');
    assert.ok(partial.body.includes(`action="${HREF}/${id}/submit"`), 'the form is offered again');
    assert.equal((await t.services.publications.get(systemCtx('t'), id)).publication.state, 'draft');

    const submitted = await clerk.post(`${HREF}/${id}/submit`, {
      _csrf: csrfFrom(confirm.body),
      version: versionFrom(partial.body),
      checklist: [...CHECKLIST_KEYS],
    });
    assert.equal(submitted.statusCode, 303);
    assert.equal(submitted.headers.location, `${HREF}/${id}?ok=saved`);
    const after1 = await clerk.get(`${HREF}/${id}`);
    assert.ok(after1.body.includes('<span class="tag">待审核</span>'));
    assert.ok(!after1.body.includes(`href="${HREF}/${id}/edit"`), 'no editing once submitted');
    assert.ok(!after1.body.includes(`href="${HREF}/${id}/approve"`), 'the clerk may not approve');

    // the head approves, then publishes
    const headView = await head.get(`${HREF}/${id}`);
    assert.ok(headView.body.includes(`href="${HREF}/${id}/approve"`));
    assert.ok(headView.body.includes(`href="${HREF}/${id}/return"`));
    const approved = await head.submit(`${HREF}/${id}/approve`, `${HREF}/${id}/approve`, {
      version: versionFrom((await head.get(`${HREF}/${id}/approve`)).body),
    });
    assert.equal(approved.statusCode, 303);
    const publishPage = await head.get(`${HREF}/${id}/publish`);
    assert.equal(publishPage.statusCode, 200);
    assert.ok(publishPage.body.includes('生成索引号'));
    const done = await head.post(`${HREF}/${id}/publish`, {
      _csrf: csrfFrom(publishPage.body),
      version: versionFrom(publishPage.body),
    });
    assert.equal(done.statusCode, 303);
    const item = await head.get(String(done.headers.location));
    assert.ok(item.body.includes('已保存。'));
    assert.ok(item.body.includes(`<code>${CREDIT}/2026-00001</code>`), 'the index number is shown');
    assert.ok(item.body.includes('<span class="tag">已发布</span>'));
    assert.ok(item.body.includes('<h1>关于开展2026年建筑施工安全大检查的通知</h1>'), 'the edited title');
    assert.ok(item.body.includes('用户head（'), 'the approver is named');
    for (const label of ['创建草稿', '修改内容', '提交审核', '审核批准', '立即发布']) {
      assert.ok(item.body.includes(`<th scope="row">${label}</th>`), `history: ${label}`);
    }
    assert.ok(item.body.includes('待审核 → 已批准'));
    assert.ok(item.body.includes(`href="${HREF}/${id}/withdraw"`));
    assert.ok(item.body.includes(`href="${HREF}/${id}/revise"`));

    const listPage = await head.get(HREF);
    assert.equal(listPage.statusCode, 200);
    assert.ok(listPage.body.includes(`<a href="${HREF}" aria-current="page">信息发布</a>`), 'the nav marks 信息发布');
    assert.ok(listPage.body.includes(`<code>${CREDIT}/2026-00001</code>`));
    assert.ok(listPage.body.includes('<h2 id="deadlines">即将逾期与已逾期</h2>'));
    assert.ok(listPage.body.includes('<h2 id="sync">政策文件未同步解读（三同步）</h2>'));
  });

  it('never lets the author approve their own item (four eyes)', async () => {
    const s = t.services.publications;
    let p = await draft('head2');
    p = await s.submit(await ctxOf('head2'), p.id, { version: p.version, checklist: [...CHECKLIST_KEYS] });
    const author = agent('head2');
    const view = await author.get(`${HREF}/${p.id}`);
    assert.equal(view.statusCode, 200);
    assert.ok(!view.body.includes(`href="${HREF}/${p.id}/approve"`), 'no approve button for the author');
    const confirm = await author.get(`${HREF}/${p.id}/approve`);
    assert.equal(confirm.statusCode, 200);
    assert.ok(confirm.body.includes('不能审核批准自己起草的信息（双人审核）。'));
    assert.ok(!confirm.body.includes(`action="${HREF}/${p.id}/approve"`), 'no form, no button');
    const crafted = await author.post(`${HREF}/${p.id}/approve`, { _csrf: csrfFrom(confirm.body), version: String(p.version) });
    assert.equal(crafted.statusCode, 403);
    assert.equal((await s.get(systemCtx('t'), p.id)).publication.state, 'submitted');

    // another reviewer may
    const ok = await agent('head').submit(`${HREF}/${p.id}/approve`, `${HREF}/${p.id}/approve`, { version: String(p.version) });
    assert.equal(ok.statusCode, 303);
  });

  it('lets a liaison read the organ’s items but author only for their own unit', async () => {
    const liaison = agent('liaison');
    const other = await draft('clerk', { title: '办公室的草稿', unitId: String(officeUnitId) });
    const list = await liaison.get(HREF);
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('办公室的草稿'));
    const view = await liaison.get(`${HREF}/${other.id}`);
    assert.equal(view.statusCode, 200);
    assert.ok(!view.body.includes(`href="${HREF}/${other.id}/edit"`), 'not theirs to edit');
    assert.ok(!view.body.includes(`href="${HREF}/${other.id}/submit"`), 'not theirs to submit');
    assert.equal((await liaison.get(`${HREF}/${other.id}/edit`)).statusCode, 403);
    const submit = await liaison.get(`${HREF}/${other.id}/submit`);
    assert.ok(submit.body.includes('您没有执行此操作的权限。'));
    assert.ok(!submit.body.includes(`action="${HREF}/${other.id}/submit"`));

    const refused = await liaison.submit(`${HREF}/new`, HREF, fields({ title: '越权', unitId: String(officeUnitId) }));
    assert.equal(refused.statusCode, 403);
    const own = await liaison.submit(`${HREF}/new`, HREF, fields({ title: '业务处的信息', unitId: String(businessUnitId) }));
    assert.equal(own.statusCode, 303);
    const mine = await liaison.get(String(own.headers.location));
    assert.ok(mine.body.includes('<dd>业务处</dd>'));
    assert.ok(mine.body.includes('/edit"'), 'their own unit’s draft is theirs to edit');
  });

  it('refuses staff of another organ', async () => {
    const p = await draft('clerk', { title: '本机关内部草稿' });
    const stranger = agent('stranger');
    assert.equal((await stranger.get(`${HREF}/${p.id}`)).statusCode, 403);
    assert.equal((await stranger.get(`${HREF}/${p.id}/approve`)).statusCode, 403);
    assert.equal((await stranger.get(`${HREF}/${p.id}/edit`)).statusCode, 403);
    const list = await stranger.get(HREF);
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes('本机关内部草稿'), 'the list is of the stranger’s own organ');
    const anon = await new Agent(t.app).get(`${HREF}/${p.id}`);
    assert.equal(anon.statusCode, 303, 'anonymous visitors are sent to the login page');
  });

  it('shows a script in the title escaped and removes it from the body', async () => {
    const clerk = agent('clerk');
    const res = await clerk.submit(
      `${HREF}/new`,
      HREF,
      fields({
        title: '<script>alert("t")</script>通知',
        bodyHtml: '<p>正文</p><script>alert("b")</script><img src="https://example.org/a.png" onerror="alert(1)">',
      }),
    );
    assert.equal(res.statusCode, 303);
    const page = await clerk.get(String(res.headers.location));
    assert.ok(page.body.includes('<h1>&lt;script>alert(&quot;t&quot;)&lt;/script>通知</h1>'), 'the title is shown as text');
    assert.ok(!page.body.includes('<script>alert("t")'), 'the title never becomes markup');
    assert.ok(!page.body.includes('alert("b")'), 'the script in the body is removed');
    assert.ok(!page.body.includes('onerror'), 'event handlers are removed');
    assert.ok(page.body.includes('<p>正文</p>'));
    const list = await clerk.get(HREF);
    assert.ok(!list.body.includes('<script>'), 'the list escapes it too');
  });

  it('requires a reason to withdraw, and to return', async () => {
    const p = await published({ title: '将被撤回的信息' });
    const head = agent('head');
    const confirm = await head.get(`${HREF}/${p.id}/withdraw`);
    assert.equal(confirm.statusCode, 200);
    assert.ok(confirm.body.includes('撤回理由'));
    const empty = await head.post(`${HREF}/${p.id}/withdraw`, {
      _csrf: csrfFrom(confirm.body),
      version: String(p.version),
      reason: ' ',
    });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.body.includes('id="f-reason-error"'));
    assert.equal((await t.services.publications.get(systemCtx('t'), p.id)).publication.state, 'published');
    const done = await head.post(`${HREF}/${p.id}/withdraw`, {
      _csrf: csrfFrom(confirm.body),
      version: String(p.version),
      reason: '内容已过时',
    });
    assert.equal(done.statusCode, 303);
    const page = await head.get(`${HREF}/${p.id}`);
    assert.ok(page.body.includes('<span class="tag">已撤回</span>'));
    assert.ok(page.body.includes('撤回理由：内容已过时'));
    assert.ok(page.body.includes('<td>内容已过时</td>'), 'the reason is in the history');

    // return with and without a reason
    const s = t.services.publications;
    let q = await draft('clerk', { title: '将被退回的信息' });
    q = await s.submit(await ctxOf('clerk'), q.id, { version: q.version, checklist: [...CHECKLIST_KEYS] });
    const ret = await head.get(`${HREF}/${q.id}/return`);
    const noReason = await head.post(`${HREF}/${q.id}/return`, { _csrf: csrfFrom(ret.body), version: String(q.version) });
    assert.equal(noReason.statusCode, 422);
    const returned = await head.post(`${HREF}/${q.id}/return`, {
      _csrf: csrfFrom(ret.body),
      version: String(q.version),
      reason: '请补充文号',
    });
    assert.equal(returned.statusCode, 303);
    const back = await agent('clerk').get(`${HREF}/${q.id}`);
    assert.ok(back.body.includes('退回理由：请补充文号'));
    assert.ok(back.body.includes(`href="${HREF}/${q.id}/edit"`), 'a returned item can be edited again');
  });

  it('schedules an approved item for a time in the future only', async () => {
    const s = t.services.publications;
    let p = await draft('clerk', { title: '定时发布的信息' });
    p = await s.submit(await ctxOf('clerk'), p.id, { version: p.version, checklist: [...CHECKLIST_KEYS] });
    p = await s.approve(await ctxOf('head'), p.id, { version: p.version });
    const head = agent('head');
    const page = await head.get(`${HREF}/${p.id}/schedule`);
    assert.ok(page.body.includes('type="datetime-local"'));
    const past = await head.post(`${HREF}/${p.id}/schedule`, {
      _csrf: csrfFrom(page.body),
      version: String(p.version),
      publishAt: '2026-03-01T09:00',
    });
    assert.equal(past.statusCode, 409);
    assert.ok(past.body.includes('定时发布的时间须晚于当前时间。'));
    assert.ok(past.body.includes('value="2026-03-01T09:00"'), 'the typed time is kept');
    const ok = await head.post(`${HREF}/${p.id}/schedule`, {
      _csrf: csrfFrom(page.body),
      version: String(p.version),
      publishAt: '2026-03-05T09:00',
    });
    assert.equal(ok.statusCode, 303);
    const item = await head.get(`${HREF}/${p.id}`);
    assert.ok(item.body.includes('<span class="tag">待定时发布</span>'));
    assert.ok(item.body.includes('2026-03-05 09:00'), 'the time is shown in China time');
  });

  it('starts a new edition of a published item, linked to it', async () => {
    const p = await published({ title: '将修订的政策', columnId: String(policyDocsId), docKind: 'normative' });
    const clerk = agent('clerk');
    const confirm = await clerk.get(`${HREF}/${p.id}/revise`);
    assert.equal(confirm.statusCode, 200);
    const res = await clerk.post(`${HREF}/${p.id}/revise`, { _csrf: csrfFrom(confirm.body), version: String(p.version) });
    assert.equal(res.statusCode, 303);
    const newId = idFrom(res.headers.location);
    assert.notEqual(newId, p.id);
    const page = await clerk.get(`${HREF}/${newId}`);
    assert.ok(page.body.includes('<span class="tag">草稿</span>'));
    assert.ok(page.body.includes('<span class="tag">第 2 版</span>'));
    assert.match(page.body, new RegExp(`上一版本：<a href="${HREF}/${p.id}">将修订的政策</a>`));
    const old = await clerk.get(`${HREF}/${p.id}`);
    assert.ok(old.body.includes('<span class="tag">已发布</span>'), 'the old edition stays published');
    const again = await clerk.get(`${HREF}/${p.id}/revise`);
    assert.ok(again.body.includes('该信息已有一个正在办理的新版本。'), 'one open edition at a time');
    assert.ok(!again.body.includes(`action="${HREF}/${p.id}/revise"`));
    const flags = await agent('head').get(HREF);
    assert.ok(flags.body.includes('将修订的政策'), 'the policy without interpretation is listed under 三同步');
  });

  it('answers a stale version with 409, showing the latest and what was typed', async () => {
    const s = t.services.publications;
    const p = await draft('clerk', { title: '并发修改的草稿' });
    const clerk = agent('clerk');
    const edit = await clerk.get(`${HREF}/${p.id}/edit`);
    const staleVersion = versionFrom(edit.body);
    await s.updateDraft(await ctxOf('head'), p.id, { ...fields({ title: '他人改过的标题' }), version: p.version });
    const res = await clerk.post(`${HREF}/${p.id}/edit`, {
      _csrf: csrfFrom(edit.body),
      ...fields({ title: '我输入的标题' }),
      version: staleVersion,
    });
    assert.equal(res.statusCode, 409);
    assert.ok(res.body.includes('已被他人修改'));
    assert.ok(res.body.includes('value="他人改过的标题"'), 'the form holds the latest');
    assert.ok(res.body.includes('<dd>我输入的标题</dd>'), 'what was typed is listed');
    assert.notEqual(versionFrom(res.body), staleVersion);

    const confirm = await clerk.get(`${HREF}/${p.id}/submit`);
    const staleSubmit = await clerk.post(`${HREF}/${p.id}/submit`, {
      _csrf: csrfFrom(confirm.body),
      version: staleVersion,
      checklist: [...CHECKLIST_KEYS],
    });
    assert.equal(staleSubmit.statusCode, 409);
    assert.ok(staleSubmit.body.includes('已被他人修改'));
    assert.equal((await s.get(systemCtx('t'), p.id)).publication.state, 'draft');
  });

  it('lists items at risk and overdue under Art 26', async () => {
    await draft('clerk', { title: '早已成文的草稿', createdOn: '2026-01-05' });
    const list = await agent('head').get(HREF);
    const section = list.body.slice(list.body.indexOf('id="deadlines"'), list.body.indexOf('id="sync"'));
    assert.ok(section.includes('早已成文的草稿'));
    assert.ok(section.includes('已逾期'));
    const filtered = await agent('head').get(`${HREF}?state=published&column=${noticesId}`);
    assert.equal(filtered.statusCode, 200);
    const all = filtered.body.slice(filtered.body.indexOf('id="all"'));
    assert.ok(!all.includes('早已成文的草稿'), 'the filter leaves drafts out');
    assert.ok(all.includes('<option value="published" selected>'));
  });
});
