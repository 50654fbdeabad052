// Every back-office page of the foundation in a real browser, as the role that uses it:
// axe-core clean, no sideways scrolling on a phone, screenshots at both widths.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ORGAN_CODE, DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import {
  axeCheck,
  collectProblems,
  type E2E,
  formatViolations,
  horizontalOverflow,
  screenshot,
  startE2E,
  VIEWPORTS,
} from './support.js';

async function signIn(page: Page, username: string) {
  await page.goto('/staff/login');
  await page.getByLabel(/^用户名/).fill(username);
  await page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '登录', exact: true }).click()]);
  assert.equal(new URL(page.url()).pathname, '/staff');
}

describe('back-office pages, each as the role that uses it', () => {
  let e: E2E;
  let organId = 0;
  before(async () => {
    e = await startE2E();
    organId = (await e.services.organs.byCode(DEMO_ORGAN_CODE))?.id ?? 0;
  });
  after(() => e.close());

  const pages = (): Array<{ user: string; path: string; name: string; heading: RegExp }> => [
    { user: 'admin', path: '/staff/organs', name: 'organs', heading: /机关/ },
    { user: 'admin', path: `/staff/organs/${organId}`, name: 'organ', heading: /住房和城乡建设厅/ },
    { user: 'admin', path: '/staff/users', name: 'users', heading: /用户/ },
    { user: 'admin', path: '/staff/users/new', name: 'user-new', heading: /新增/ },
    { user: 'admin', path: '/staff/calendar?year=2026', name: 'calendar', heading: /2026/ },
    { user: 'admin', path: '/staff/calendar/check?date=2025-09-26&days=20', name: 'calendar-check', heading: /工作日/ },
    { user: 'security', path: '/staff/security', name: 'security', heading: /安全|账号/ },
    { user: 'auditor', path: '/staff/audit', name: 'audit', heading: /审计日志/ },
    { user: 'auditor', path: '/staff/audit/verify', name: 'audit-verify', heading: /审计/ },
    { user: 'clerk', path: '/staff/account/password', name: 'password', heading: /密码/ },
    { user: 'clerk', path: '/staff/publications', name: 'publications', heading: /信息发布/ },
    { user: 'clerk', path: '/staff/publications/new', name: 'publication-new', heading: /起草新信息/ },
    { user: 'supervisor', path: '/staff/organs', name: 'organs-supervisor', heading: /机关/ },
  ];

  for (const { name: width, viewport } of VIEWPORTS) {
    test(`every page is accessible and fits at ${width} width`, async () => {
      const byUser = new Map<string, Array<ReturnType<typeof pages>[number]>>();
      for (const p of pages()) byUser.set(p.user, [...(byUser.get(p.user) ?? []), p]);
      for (const [user, list] of byUser) {
        const { context, page } = await e.open({ viewport, bypassCSP: true });
        const problems = collectProblems(page);
        try {
          await signIn(page, user);
          for (const p of list) {
            const res = await page.goto(p.path);
            assert.equal(res?.status(), 200, `${user} ${p.path}`);
            assert.match(await page.locator('h1').first().innerText(), p.heading, `${p.path} heading`);
            const violations = await axeCheck(page, `staff-${p.name}-${width}`);
            assert.deepEqual(violations, [], `${p.path}: ${formatViolations(violations)}`);
            const { scrollWidth, innerWidth } = await horizontalOverflow(page);
            assert.ok(scrollWidth <= innerWidth, `${p.path} scrolls sideways at ${width} width (${scrollWidth} > ${innerWidth})`);
            await screenshot(page, `staff-${p.name}-${width}`);
          }
          assert.deepEqual(problems, [], `browser problems for ${user}`);
        } finally {
          await context.close();
        }
      }
    });
  }
});
