// The back office in a real browser: signing in by typing into the form, what each role sees,
// a wrong password, signing out, the same journey with JavaScript disabled, and axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import {
  axeCheck,
  collectProblems,
  DESKTOP,
  type E2E,
  formatViolations,
  horizontalOverflow,
  screenshot,
  startE2E,
  VIEWPORTS,
  visibleText,
  widestElements,
} from './support.js';

const ORGAN = '广西壮族自治区住房和城乡建设厅';
const pathOf = (page: Page) => new URL(page.url()).pathname;
const bodyText = (page: Page) => visibleText(page.locator('body'));
const staffNav = (page: Page) => page.getByRole('navigation', { name: '工作台导航' });

/** Clicks something that navigates (link or submit button), and waits for the next page to load. */
async function follow(page: Page, target: Locator) {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

/** Types into the sign-in form on the current page and presses 登录. */
async function typeAndSubmit(page: Page, username: string, password: string) {
  await page.getByLabel(/^用户名/).fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await follow(page, page.getByRole('button', { name: '登录', exact: true }));
}

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/staff/login');
  await typeAndSubmit(page, username, password);
  assert.equal(pathOf(page), '/staff', `${username} lands on the back-office home`);
}

async function navLabels(page: Page): Promise<string[]> {
  return (await staffNav(page).getByRole('link').allInnerTexts()).map((s) => s.trim());
}

async function assertNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  assert.ok(
    scrollWidth <= innerWidth,
    `${what}: page scrolls sideways (scrollWidth ${scrollWidth} > innerWidth ${innerWidth}); ` +
      `sticking out: ${(await widestElements(page)).join(', ')}`,
  );
}

/** The whole admin journey: wrong password, sign in, the home page, sign out, /staff is closed. */
async function adminJourney(page: Page, shots: string | undefined) {
  const res = await page.goto('/staff/login');
  assert.equal(res?.status(), 200);
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '工作人员登录');
  if (shots) {
    await assertNoSidewaysScroll(page, '/staff/login');
    await screenshot(page, `staff-login-${shots}`);
  }

  // a wrong password: the message, the username kept, the password not
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/staff/login'));
  await typeAndSubmit(page, 'admin', 'not-the-password');
  assert.equal((await answer).status(), 422);
  assert.equal(pathOf(page), '/staff/login');
  const alert = page.getByRole('alert');
  assert.match(await visibleText(alert), /用户名或密码不正确/);
  assert.equal(await page.getByLabel(/^用户名/).inputValue(), 'admin', 'the username typed is kept');
  assert.equal(await page.getByLabel(/^密码/).inputValue(), '', 'the password is not sent back');
  if (shots) {
    await assertNoSidewaysScroll(page, '/staff/login (wrong password)');
    await screenshot(page, `staff-login-error-${shots}`);
  }

  // the right one, typed into the same (re-rendered) form
  await typeAndSubmit(page, 'admin', DEMO_PASSWORD);
  assert.equal(pathOf(page), '/staff');
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '您好，王磊');
  const text = await bodyText(page);
  assert.match(text, /系统管理员/);
  assert.match(text, new RegExp(ORGAN));
  assert.deepEqual(await navLabels(page), ['工作台', '机关与处室', '用户与角色', '工作日历', '待发送消息', 'API 令牌']);
  assert.equal(await staffNav(page).getByRole('link', { name: '工作台' }).getAttribute('aria-current'), 'page');
  if (shots) {
    await assertNoSidewaysScroll(page, '/staff (admin)');
    await screenshot(page, `staff-home-admin-${shots}`);
  }

  // sign out
  await follow(page, page.getByRole('button', { name: '退出登录', exact: true }));
  assert.equal(pathOf(page), '/staff/login');
  assert.equal(await page.getByRole('button', { name: '退出登录' }).count(), 0);
  if (shots) await screenshot(page, `staff-signed-out-${shots}`);
  const again = await page.goto('/staff');
  assert.equal(again?.status(), 200);
  assert.equal(pathOf(page), '/staff/login', '/staff redirects to the sign-in page once signed out');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/staff');
  assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '工作人员登录');
}

describe('back office', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  for (const { name, viewport } of VIEWPORTS) {
    describe(`at ${name} width (${viewport.width}×${viewport.height})`, () => {
      test('admin: wrong password, sign in, 系统管理员 and the nav, sign out, /staff goes to the login page', async () => {
        const { page } = await e2e.open({ viewport });
        const problems = collectProblems(page);
        await adminJourney(page, name);
        assert.deepEqual(problems, []);
      });

      test('auditor sees 安全审计员 and only the audit log', async () => {
        const { page } = await e2e.open({ viewport });
        const problems = collectProblems(page);
        await signIn(page, 'auditor');
        assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '您好，张敏');
        assert.match(await bodyText(page), /安全审计员/);
        assert.deepEqual(await navLabels(page), ['工作台', '审计日志']);
        await assertNoSidewaysScroll(page, '/staff (auditor)');
        await screenshot(page, `staff-home-auditor-${name}`);
        assert.deepEqual(problems, []);
      });

      test('clerk sees 公开办工作人员', async () => {
        const { page } = await e2e.open({ viewport });
        const problems = collectProblems(page);
        await signIn(page, 'clerk');
        assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '您好，刘洋');
        assert.match(await bodyText(page), /公开办工作人员/);
        assert.deepEqual(await navLabels(page), [
          '工作台',
          '信息发布',
          '依申请公开',
          '复议诉讼',
          '数据导入',
          '送交与发布会',
          'API 令牌',
          '年度报告',
          '年报核查',
        ]);
        await assertNoSidewaysScroll(page, '/staff (clerk)');
        await screenshot(page, `staff-home-clerk-${name}`);
        assert.deepEqual(problems, []);
      });
    });
  }

  test('the whole sign-in journey works with JavaScript disabled', async () => {
    const { page } = await e2e.open({ viewport: DESKTOP, javaScriptEnabled: false });
    await adminJourney(page, undefined);
    await signIn(page, 'clerk');
    assert.match(await bodyText(page), /公开办工作人员/);
  });

  test('signing in works on the 繁體 rendering of the form (the 简→繁 pass leaves the CSRF token alone)', async () => {
    const { page } = await e2e.open({ viewport: DESKTOP });
    await page.goto('/prefs?script=hant&return=/staff/login');
    assert.equal(pathOf(page), '/staff/login');
    assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '工作人員登錄');
    await page.getByLabel(/^用戶名/).fill('auditor');
    await page.getByLabel(/^密碼/).fill(DEMO_PASSWORD);
    await follow(page, page.getByRole('button', { name: '登錄', exact: true }));
    assert.equal(pathOf(page), '/staff');
    assert.match(await bodyText(page), /安全審計員/);
    await follow(page, page.getByRole('button', { name: '退出登錄', exact: true }));
    assert.equal(pathOf(page), '/staff/login');
  });

  describe('accessibility (axe-core: wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice)', () => {
    for (const { name, viewport } of VIEWPORTS) {
      test(`login page at ${name} width: no serious or critical violations`, async () => {
        const { page } = await e2e.open({ viewport, bypassCSP: true });
        await page.goto('/staff/login');
        const violations = await axeCheck(page, `staff-login-${name}`);
        assert.equal(violations.length, 0, `axe on /staff/login (${name}):\n${formatViolations(violations)}`);
      });

      test(`login page with a wrong password at ${name} width: no serious or critical violations`, async () => {
        const { page } = await e2e.open({ viewport, bypassCSP: true });
        await page.goto('/staff/login');
        await typeAndSubmit(page, 'nobody', 'wrong');
        assert.match(await bodyText(page), /用户名或密码不正确/);
        const violations = await axeCheck(page, `staff-login-error-${name}`);
        assert.equal(violations.length, 0, `axe on /staff/login with an error (${name}):\n${formatViolations(violations)}`);
      });

      test(`staff home (admin) at ${name} width: no serious or critical violations`, async () => {
        const { page } = await e2e.open({ viewport, bypassCSP: true });
        await signIn(page, 'admin');
        const violations = await axeCheck(page, `staff-home-admin-${name}`);
        assert.equal(violations.length, 0, `axe on /staff (${name}):\n${formatViolations(violations)}`);
      });
    }
  });
});
