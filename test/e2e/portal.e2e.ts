// The public portal in a real browser: navigation, empty sections, 简/繁 and elder mode (cookies set
// by plain links, so everything works without JavaScript), small screens, and axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  axeCheck,
  bodyFontSize,
  collectProblems,
  type E2E,
  formatViolations,
  horizontalOverflow,
  PHONE,
  screenshot,
  startE2E,
  VIEWPORTS,
  visibleText,
  widestElements,
} from './support.js';

const ORGAN = '广西壮族自治区住房和城乡建设厅';
const NAV = [
  '政府信息公开指南',
  '政府信息公开制度',
  '法定主动公开内容',
  '政府信息公开年报',
  '依申请公开',
  '互动交流',
  '办事服务',
  '数据开放',
];

const mainNav = (page: Page) => page.locator('nav.main-nav');
const bodyText = (page: Page) => visibleText(page.locator('body'));
const htmlLang = (page: Page) => page.evaluate('document.documentElement.lang') as Promise<string>;
const bodyClass = (page: Page) => page.evaluate('document.body.className') as Promise<string>;
const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Clicks a link that navigates, and waits for the next page to load. */
async function follow(page: Page, link: Locator) {
  await Promise.all([page.waitForEvent('load'), link.click()]);
}

async function assertNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  assert.ok(
    scrollWidth <= innerWidth,
    `${what}: page scrolls sideways (scrollWidth ${scrollWidth} > innerWidth ${innerWidth}); ` +
      `sticking out: ${(await widestElements(page)).join(', ')}`,
  );
}

describe('portal', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  for (const { name, viewport } of VIEWPORTS) {
    describe(`at ${name} width (${viewport.width}×${viewport.height})`, () => {
      test('home: the organ, the full main navigation, no sideways scrolling', async () => {
        const { page } = await e2e.open({ viewport });
        const problems = collectProblems(page);
        const res = await page.goto('/');
        assert.equal(res?.status(), 200);
        assert.equal(await htmlLang(page), 'zh-CN');
        assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), `${ORGAN}政府信息公开`);
        const nav = page.getByRole('navigation', { name: '主导航' });
        for (const label of NAV) {
          const link = nav.getByRole('link', { name: label, exact: true });
          assert.equal(await link.count(), 1, `nav link ${label}`);
          assert.ok(await link.isVisible(), `nav link ${label} is visible`);
          const box = await link.boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width + 0.5, `nav link ${label} fits the screen`);
        }
        assert.equal(await nav.getByRole('link', { name: '首页' }).getAttribute('aria-current'), 'page');
        await assertNoSidewaysScroll(page, 'home');
        await screenshot(page, `portal-home-${name}`);
        assert.deepEqual(problems, []);
      });

      test('a section lists the demo’s items; an empty column says 本栏目暂无内容', async () => {
        const { page } = await e2e.open({ viewport });
        const problems = collectProblems(page);
        await page.goto('/');
        await follow(page, mainNav(page).getByRole('link', { name: '政府信息公开年报', exact: true }));
        assert.equal(pathOf(page), '/reports');
        assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '政府信息公开年报');
        // the demo's 2016 report is listed
        assert.match(await bodyText(page), /2016年/);
        assert.equal(
          await mainNav(page).getByRole('link', { name: '政府信息公开年报', exact: true }).getAttribute('aria-current'),
          'page',
        );
        assert.match(await page.title(), /^政府信息公开年报 - /);
        await assertNoSidewaysScroll(page, '/reports');
        await screenshot(page, `portal-section-${name}`);
        // the demo has no 突发公共事件 (Art 20 (十二)) items
        await follow(page, mainNav(page).getByRole('link', { name: '法定主动公开内容', exact: true }));
        await follow(page, page.getByRole('link', { name: '突发公共事件', exact: true }));
        assert.equal(await visibleText(page.getByRole('heading', { level: 1 })), '突发公共事件');
        assert.match(await bodyText(page), /本栏目暂无内容/);
        assert.deepEqual(problems, []);
      });

      test('繁體 renders the page in traditional characters, persists, and 简体 switches back', async () => {
        const { page } = await e2e.open({ viewport });
        const problems = collectProblems(page);
        await page.goto('/');
        await follow(page, page.getByRole('link', { name: '繁體', exact: true }));
        assert.equal(pathOf(page), '/', 'returns to the page it was on');
        assert.equal(await htmlLang(page), 'zh-Hant');
        let text = await bodyText(page);
        assert.match(text, /公開/);
        assert.doesNotMatch(text, /公开/, 'no simplified 公开 left on the page');
        assert.match(text, /廣西壯族自治區住房和城鄉建設廳/);
        await assertNoSidewaysScroll(page, 'home (繁體)');
        await screenshot(page, `portal-home-hant-${name}`);

        // the choice persists on the next page
        await follow(page, mainNav(page).locator('a[href="/rules"]'));
        assert.equal(pathOf(page), '/rules');
        assert.equal(await htmlLang(page), 'zh-Hant');
        text = await bodyText(page);
        assert.match(text, /公開制度/);
        assert.doesNotMatch(text, /公开/);
        await screenshot(page, `portal-section-hant-${name}`);

        // …and back to simplified (the link's label is checked in its own test below)
        await follow(page, page.locator('nav.prefs a[href^="/prefs?script=hans"]'));
        assert.equal(pathOf(page), '/rules');
        assert.equal(await htmlLang(page), 'zh-CN');
        assert.match(await bodyText(page), /政府信息公开制度/);
        await page.goto('/');
        assert.equal(await htmlLang(page), 'zh-CN');
        assert.match(await bodyText(page), /政府信息公开指南/);
        assert.ok(await page.getByRole('link', { name: '繁體', exact: true }).isVisible());
        assert.deepEqual(problems, []);
      });

      test('长者模式 enlarges the type and persists after navigation and a reload; 标准模式 turns it off', async () => {
        const { page } = await e2e.open({ viewport });
        const problems = collectProblems(page);
        await page.goto('/');
        assert.doesNotMatch(await bodyClass(page), /\belder\b/);
        const standard = await bodyFontSize(page);

        await follow(page, page.getByRole('link', { name: '长者模式', exact: true }));
        assert.equal(pathOf(page), '/');
        assert.match(await bodyClass(page), /\belder\b/);
        const elder = await bodyFontSize(page);
        assert.ok(elder > standard, `elder body font-size ${elder}px > standard ${standard}px`);
        await assertNoSidewaysScroll(page, 'home (长者模式)');
        await screenshot(page, `portal-home-elder-${name}`);

        await follow(page, mainNav(page).getByRole('link', { name: '法定主动公开内容', exact: true }));
        assert.equal(pathOf(page), '/statutory');
        assert.match(await bodyClass(page), /\belder\b/, 'persists on the next page');
        assert.equal(await bodyFontSize(page), elder);
        await assertNoSidewaysScroll(page, '/statutory (长者模式)');
        await screenshot(page, `portal-section-elder-${name}`);

        await page.reload();
        assert.match(await bodyClass(page), /\belder\b/, 'persists after a reload');
        assert.equal(await bodyFontSize(page), elder);

        await follow(page, page.getByRole('link', { name: '标准模式', exact: true }));
        assert.equal(pathOf(page), '/statutory');
        assert.doesNotMatch(await bodyClass(page), /\belder\b/);
        assert.equal(await bodyFontSize(page), standard);
        assert.deepEqual(problems, []);
      });
    });
  }

  test('the display switches work with JavaScript disabled', async () => {
    const { page } = await e2e.open({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto('/');
    await follow(page, page.getByRole('link', { name: '繁體', exact: true }));
    await follow(page, page.getByRole('link', { name: '長者模式', exact: true })); // 长者模式, now in 繁體
    const cls = await page.locator('body').getAttribute('class');
    assert.match(cls ?? '', /\belder\b/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hant');
    assert.match(await bodyText(page), /公開/);
    await follow(page, mainNav(page).locator('a[href="/reports"]'));
    assert.equal(pathOf(page), '/reports');
    assert.match((await page.locator('body').getAttribute('class')) ?? '', /\belder\b/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hant');
    assert.match(await bodyText(page), /廣西壯族自治區住房和城鄉建設廳2016年政府信息公開工作年度報告/); // the demo's 2016 report, in 繁體
  });

  // In 繁體 mode the whole page goes through OpenCC, including the switch back, whose label should
  // stay 简体 (each script's name in its own script, as the 繁體 link does; the link says lang="zh-CN").
  test('in 繁體 mode the switch back is labelled 简体, in simplified characters', async () => {
    const { page } = await e2e.open({ viewport: PHONE });
    await page.goto('/prefs?script=hant&return=/');
    const back = page.locator('nav.prefs a[href^="/prefs?script=hans"]');
    assert.equal(await back.getAttribute('lang'), 'zh-CN');
    assert.equal(await visibleText(back), '简体');
  });

  describe('accessibility (axe-core: wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice)', () => {
    for (const { name, viewport } of VIEWPORTS) {
      const pages: Array<[string, string, string]> = [
        ['home, standard mode', '/', `portal-home-${name}`],
        ['home, 长者模式', '/prefs?elder=1&return=/', `portal-home-elder-${name}`],
        ['section page', '/reports', `portal-section-${name}`],
        ['section page, 长者模式', '/prefs?elder=1&return=/reports', `portal-section-elder-${name}`],
        ['home, 繁體', '/prefs?script=hant&return=/', `portal-home-hant-${name}`],
      ];
      for (const [label, url, file] of pages) {
        test(`${label} at ${name} width: no serious or critical violations`, async () => {
          const { page } = await e2e.open({ viewport, bypassCSP: true });
          const res = await page.goto(url);
          assert.equal(res?.status(), 200);
          const violations = await axeCheck(page, file);
          assert.equal(violations.length, 0, `axe on ${url} (${name}):\n${formatViolations(violations)}`);
        });
      }
    }
  });
});
