// 依申请公开 in a real browser: an applicant applies online (the proof of work solved by
// /static/pow.js; and again without JavaScript, answering the arithmetic question), follows the
// case with the private link, and the office's clerk finds it in the queue and opens it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import {
  axeCheck,
  collectProblems,
  type E2E,
  formatViolations,
  horizontalOverflow,
  PHONE,
  screenshot,
  startE2E,
  visibleText,
} from './support.js';

const ID = '450103199203037788';
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const pathOf = (page: Page) => new URL(page.url()).pathname;

async function follow(page: Page, target: Locator) {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

/** Fills the Art 29 form as an applicant would. */
async function fillForm(page: Page, name: string) {
  await page.getByLabel(/^姓名或名称/).fill(name);
  await page.getByLabel(/^证件号码/).fill(ID);
  await page.getByLabel(/^联系电话/).fill('13900000000');
  await page.getByLabel(/^电子邮箱/).fill('applicant@example.cn');
  await page.getByLabel('信息名称', { exact: true }).fill('2025年保障性住房分配结果');
  await page.getByLabel(/^所需信息的内容描述/).fill('请公开2025年本市保障性住房的分配名单和评分细则。');
  await page.getByLabel('电子邮件', { exact: true }).check();
}

describe('requests: apply online, follow the case, staff sees it', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e?.close());

  test('with JavaScript: the proof of work is solved by the script; the tracking link shows the case', async () => {
    const { page } = await e2e.open({ viewport: PHONE });
    const problems = collectProblems(page);
    const res = await page.goto('/requests/new');
    assert.equal(res?.status(), 200);
    // the script solves the challenge and hides the question
    await page.locator('[data-pow-status]').filter({ hasText: '已自动完成验证' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByLabel(/^请回答/).isVisible(), false);
    await fillForm(page, '网上申请人');
    const { scrollWidth, innerWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= innerWidth, 'the form fits a phone');
    await screenshot(page, 'requests-form-phone');
    await follow(page, page.getByRole('button', { name: '提交申请' }));
    assert.match(pathOf(page), /^\/requests\/track\/[A-Za-z0-9_-]+$/);
    const text = await visibleText(page.locator('main'));
    assert.match(text, /您的申请已提交，申请编号：\S+-\d{4}-\d{5}/);
    assert.match(text, /已登记/);
    assert.match(text, /答复期限/);
    assert.ok(!text.includes(ID), 'the full identity number is never shown');
    await screenshot(page, 'requests-track-phone');
    assert.deepEqual(problems, []);
  });

  test('without JavaScript: the arithmetic question replaces the proof of work', async () => {
    const { page } = await e2e.open({ javaScriptEnabled: false });
    await page.goto('/requests/new');
    const label = await visibleText(page.locator('label[for="f-answer"]'));
    const m = /请回答：(.)加(.)等于几？/.exec(label);
    assert.ok(m?.[1] && m[2], label);
    await fillForm(page, '无脚本申请人');
    await page.getByLabel(/^请回答/).fill(String((DIGIT[m[1]] ?? 0) + (DIGIT[m[2]] ?? 0)));
    await follow(page, page.getByRole('button', { name: '提交申请' }));
    assert.match(pathOf(page), /^\/requests\/track\//);
    assert.match(await visibleText(page.locator('main')), /您的申请已提交/);
  });

  test('the clerk finds both requests in the queue and opens the case with the number unmasked', async () => {
    const { page } = await e2e.open();
    const problems = collectProblems(page);
    await page.goto('/staff/login');
    await page.getByLabel(/^用户名/).fill('clerk');
    await page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
    await follow(page, page.getByRole('button', { name: '登录', exact: true }));
    await follow(page, page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '依申请公开' }));
    const queue = await visibleText(page.locator('main'));
    assert.match(queue, /网上申请人/);
    assert.match(queue, /无脚本申请人/);
    assert.ok(!queue.includes(ID));
    await screenshot(page, 'requests-queue');
    await follow(
      page,
      page
        .getByRole('row', { name: /网上申请人/ })
        .getByRole('link')
        .first(),
    );
    const body = await visibleText(page.locator('main'));
    assert.match(body, /收到申请之日/);
    assert.ok(body.includes(ID), 'handling staff see the number on the case page');
    await page.getByText('为什么是这一天（逐日计算）').click();
    assert.match(await visibleText(page.locator('details')), /第 1 日/);
    await screenshot(page, 'requests-case');
    assert.deepEqual(problems, []);
  });

  test('accessibility of the form and the case page (axe-core)', async () => {
    const { page } = await e2e.open({ bypassCSP: true });
    await page.goto('/requests/new');
    const violations = await axeCheck(page, 'requests-form');
    assert.equal(violations.length, 0, formatViolations(violations));
  });
});
