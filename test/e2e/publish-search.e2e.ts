// The publishing journey in a real browser: the clerk writes a notice and submits it with the
// confidentiality checklist, the office head approves and publishes it, and a member of the public
// finds it with the search box in the portal header (with JavaScript off), opens it, and the
// search page passes axe. Then it is withdrawn and is no longer found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { axeCheck, DESKTOP, type E2E, formatViolations, PHONE, screenshot, startE2E, visibleText } from './support.js';

const TITLE = '关于开展城镇燃气安全隐患排查整治的通知';
const pathOf = (page: Page) => new URL(page.url()).pathname;

async function follow(page: Page, target: Locator) {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

async function signIn(page: Page, username: string) {
  await page.goto('/staff/login');
  await page.getByLabel(/^用户名/).fill(username);
  await page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
  await follow(page, page.getByRole('button', { name: '登录', exact: true }));
  assert.equal(pathOf(page), '/staff');
}

describe('publish, then find by search', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E();
  });
  after(() => e?.close());

  test('author → submit → approve → publish → found by search → withdrawn → gone', async () => {
    // the clerk writes and submits
    const clerk = await e.open({ viewport: DESKTOP });
    await signIn(clerk.page, 'clerk');
    await clerk.page.goto('/staff/publications/new');
    await clerk.page.getByLabel(/^标题/).fill(TITLE);
    await clerk.page.getByLabel(/^栏目/).selectOption({ label: '通知公告' });
    await clerk.page.getByLabel(/^主题分类/).fill('城乡建设、环境保护');
    await clerk.page.getByLabel(/^体裁/).selectOption({ label: '通知' });
    await clerk.page
      .getByLabel(/^正文/)
      .fill('<p>各市住房城乡建设局：</p><p>为切实防范燃气事故，现就开展隐患排查整治有关事项通知如下。</p>');
    await follow(clerk.page, clerk.page.getByRole('button', { name: '保存草稿' }));
    const itemPath = pathOf(clerk.page);
    assert.match(itemPath, /^\/staff\/publications\/\d+$/, await visibleText(clerk.page.locator('main')));
    const id = Number(itemPath.split('/').pop());
    await follow(clerk.page, clerk.page.getByRole('link', { name: '提交审核' }));
    for (const box of await clerk.page.getByRole('checkbox').all()) await box.check();
    await follow(clerk.page, clerk.page.getByRole('button', { name: '确认提交审核' }));
    assert.match(await visibleText(clerk.page.locator('main')), /待审核|已提交/);

    // the office head approves and publishes
    const head = await e.open({ viewport: DESKTOP });
    await signIn(head.page, 'head');
    await head.page.goto(itemPath);
    await follow(head.page, head.page.getByRole('link', { name: '审核批准' }));
    await follow(head.page, head.page.getByRole('button', { name: '确认审核批准' }));
    await follow(head.page, head.page.getByRole('link', { name: '立即发布' }));
    await follow(head.page, head.page.getByRole('button', { name: '确认立即发布' }));
    assert.match(await visibleText(head.page.locator('main')), /已发布/);

    // the public finds it from the header search box, without JavaScript, on a phone
    const visitor = await e.open({ viewport: PHONE, javaScriptEnabled: false });
    await visitor.page.goto('/');
    await visitor.page.getByRole('searchbox', { name: '站内搜索' }).fill('燃气安全');
    await follow(visitor.page, visitor.page.getByRole('button', { name: '搜索', exact: true }).first());
    assert.equal(pathOf(visitor.page), '/search');
    const results = visitor.page.locator('.search-results');
    assert.match(await visibleText(results), new RegExp(TITLE));
    assert.equal(await visitor.page.locator('.search-results mark').first().innerText(), '燃气安全');
    await screenshot(visitor.page, 'search-results-phone');
    await follow(visitor.page, results.getByRole('link', { name: TITLE }));
    assert.equal(pathOf(visitor.page), `/items/${id}`);
    assert.match(await visibleText(visitor.page.locator('main')), /隐患排查整治/);

    // accessibility of the results page
    const a11y = await e.open({ viewport: DESKTOP, bypassCSP: true });
    await a11y.page.goto(`/search?q=${encodeURIComponent('燃气')}`);
    await screenshot(a11y.page, 'search-results-desktop');
    const violations = await axeCheck(a11y.page, 'search');
    assert.deepEqual(violations, [], formatViolations(violations));

    // withdrawn: gone from the results at once
    await head.page.goto(`${itemPath}/withdraw`);
    await head.page.getByLabel(/^撤回理由/).fill('内容需要更新');
    await follow(head.page, head.page.getByRole('button', { name: '确认撤回' }));
    // (the demo's own items on 燃气安全 are still found; this one is not)
    await visitor.page.goto(`/search?q=${encodeURIComponent('燃气安全')}`);
    assert.doesNotMatch(await visibleText(visitor.page.locator('main')), new RegExp(TITLE));
    await visitor.page.goto(`/search?q=${encodeURIComponent(TITLE)}`);
    assert.match(await visibleText(visitor.page.locator('main')), /没有找到相关信息/);
  });
});
