// The portal's catalogue pages in a real browser: the generated 公开指南, a column filtered through
// its form with JavaScript off, the 信息公开目录, an item at its permanent URL and its print view —
// axe-core on each, no sideways scrolling on a phone, screenshots to look at.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_ORGAN_CODE, DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import {
  axeCheck,
  collectProblems,
  type E2E,
  formatViolations,
  horizontalOverflow,
  screenshot,
  startE2E,
  VIEWPORTS,
  visibleText,
  widestElements,
} from './support.js';

async function assertNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  assert.ok(
    scrollWidth <= innerWidth,
    `${what}: page scrolls sideways (${scrollWidth} > ${innerWidth}); sticking out: ${(await widestElements(page)).join(', ')}`,
  );
}

describe('portal: guide, filters, catalogue, permanent URLs', () => {
  let e2e: E2E;
  let policyDocs: number;
  let permanent: string;
  let organId: number;

  before(async () => {
    e2e = await startE2E();
    const s = e2e.services;
    const sys = systemCtx('e2e');
    const organ = await s.organs.byCode(DEMO_ORGAN_CODE);
    assert.ok(organ);
    organId = organ.id;
    const ctxOf = async (username: string): Promise<Ctx> => {
      const u = await e2e.db.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      const a = await s.auth.actorFor(Number(u.id));
      assert.ok(a);
      return actorCtx(a, null, null);
    };
    const clerk = await ctxOf('clerk');
    const head = await ctxOf('head');
    const cols = new Map((await s.publications.columns(sys, organ.id)).map((c) => [c.code, c.id]));
    policyDocs = cols.get('policy-docs') as number;
    const publish = async (over: Record<string, unknown>) => {
      const d = await s.publications.createDraft(clerk, {
        columnId: policyDocs,
        title: '关于做好住房公积金缴存工作的通知',
        summary: '部署住房公积金缴存工作。',
        createdOn: '2026-01-05',
        docNumber: '桂建办〔2026〕1号',
        theme: '城乡建设、环境保护\\住房',
        genre: 'notice',
        keywords: '住房公积金',
        bodyHtml: '<p>各市住房公积金管理中心：</p><p>现将有关事项通知如下。</p>',
        ...over,
      });
      const sub = await s.publications.submit(clerk, d.id, { version: d.version, checklist: [...CHECKLIST_KEYS] });
      const a = await s.publications.approve(head, sub.id, { version: sub.version });
      return s.publications.publish(head, a.id, { version: a.version });
    };
    for (let i = 1; i <= 22; i++) {
      await publish({ title: `关于住房保障工作的第${i}号通知`, genre: i % 3 ? 'notice' : 'opinion' });
    }
    const measures = await publish({ title: '广西壮族自治区住房保障管理办法', genre: 'measures', docKind: 'normative' });
    await publish({ title: '关于废止旧管理办法的决定', genre: 'decision', repeals: [String(measures.id)] });
    const policy = await publish({ title: '关于加强保障性安居工程管理的意见', genre: 'opinion' });
    await publish({
      columnId: cols.get('interpretations'),
      title: '一图读懂保障性安居工程管理意见',
      interprets: String(policy.id),
    });
    permanent = `/${DEMO_ORGAN_CODE}/xxgk/${policy.index_no}`;
    await s.organs.settings.update(sys, organ.id, {
      officeName: '自治区住房城乡建设厅办公室（政务公开办）',
      address: '广西南宁市金湖路58号',
      postcode: '530028',
      hours: '工作日上午 8:00–12:00，下午 15:00–18:00（法定节假日除外）',
      phone: '0771-2260000',
      fax: '0771-2260001',
      email: 'gkb@zjt.example.gov.cn',
      website: 'https://zjt.gxzf.gov.cn',
      version: '0',
    });
  });
  after(async () => {
    await e2e?.close();
  });

  for (const { name, viewport } of VIEWPORTS) {
    describe(name, () => {
      test('the disclosure guide: the office, the catalogue tree, how to request', async () => {
        const { page } = await e2e.open({ viewport, bypassCSP: true });
        const problems = collectProblems(page);
        const res = await page.goto('/guide');
        assert.equal(res?.status(), 200);
        const text = await visibleText(page.locator('main'));
        assert.match(text, /自治区住房城乡建设厅办公室（政务公开办）负责受理/);
        assert.match(text, /法定主动公开内容/);
        assert.match(text, /20 个工作日内予以答复/);
        await assertNoSidewaysScroll(page, '/guide');
        await screenshot(page, `portal-guide-${name}`);
        const violations = await axeCheck(page, `portal-guide-${name}`);
        assert.equal(violations.length, 0, formatViolations(violations));
        assert.deepEqual(problems, []);
      });

      test('a column filtered through its form with JavaScript off; the filter survives paging', async () => {
        const { page } = await e2e.open({ viewport, javaScriptEnabled: false });
        await page.goto(`/columns/${policyDocs}`);
        await page.selectOption('#filter-genre', 'notice');
        await Promise.all([page.waitForURL(/genre=notice/), page.getByRole('button', { name: '筛选' }).click()]);
        const url = new URL(page.url());
        assert.equal(url.searchParams.get('genre'), 'notice');
        const main = await visibleText(page.locator('main'));
        // the demo's own notices in the column, and the 15 added above
        const notices = Number(
          (
            await e2e.db.db
              .selectFrom('publications')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('column_id', '=', policyDocs)
              .where('state', '=', 'published')
              .where('genre', '=', 'notice')
              .executeTakeFirstOrThrow()
          ).n,
        );
        assert.ok(notices >= 15);
        assert.match(main, new RegExp(`当前筛选：体裁：通知。共 ${notices} 条符合条件的信息。`));
        assert.equal(await page.locator('ul.item-list > li').count(), Math.min(notices, 20));
        assert.equal(await page.locator('#filter-genre').inputValue(), 'notice');
        await assertNoSidewaysScroll(page, 'filtered column');
        await screenshot(page, `portal-column-filtered-${name}`);
        // nothing matches: said plainly, with a way back
        await page.goto(`/columns/${policyDocs}?genre=notice&validity=repealed`);
        assert.match(await visibleText(page.locator('main')), /没有符合筛选条件的信息。/);
        await Promise.all([
          page.waitForURL(new RegExp(`/columns/${policyDocs}$`)),
          page.getByRole('link', { name: '清除筛选' }).click(),
        ]);
      });

      test('axe: filtered column, catalogue, item at its permanent URL, print view', async () => {
        const { page } = await e2e.open({ viewport, bypassCSP: true });
        for (const [url, file] of [
          [`/columns/${policyDocs}?genre=notice`, `portal-column-filtered-axe-${name}`],
          ['/catalogue', `portal-catalogue-${name}`],
          [permanent, `portal-item-permanent-${name}`],
          [`${permanent}?print=1`, `portal-item-print-${name}`],
        ] as const) {
          const res = await page.goto(url);
          assert.equal(res?.status(), 200, url);
          await assertNoSidewaysScroll(page, url);
          const violations = await axeCheck(page, file);
          assert.equal(violations.length, 0, `axe on ${url}:\n${formatViolations(violations)}`);
          await screenshot(page, file);
        }
      });
    });
  }

  for (const { name, viewport } of VIEWPORTS) {
    test(`the office head edits the guide settings in the back office (${name}), with a wrong value first`, async () => {
      const { page } = await e2e.open({ viewport, bypassCSP: true });
      await page.goto('/staff/login');
      await page.getByLabel(/^用户名/).fill('head');
      await page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL(/\/staff$/), page.getByRole('button', { name: '登录', exact: true }).click()]);
      await page.goto(`/staff/organs/${organId}`);
      await Promise.all([page.waitForURL(/\/settings$/), page.getByRole('link', { name: /政府信息公开指南设置/ }).click()]);
      await page.getByLabel(/^邮政编码/).fill('5300');
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '保存设置' }).click()]);
      assert.match(await visibleText(page.locator('.error-summary')), /邮政编码为 6 位数字/);
      await assertNoSidewaysScroll(page, 'settings (error)');
      await screenshot(page, `staff-organ-settings-error-${name}`);
      let violations = await axeCheck(page, `staff-organ-settings-error-${name}`);
      assert.equal(violations.length, 0, formatViolations(violations));
      await page.getByLabel(/^邮政编码/).fill('530028');
      await Promise.all([page.waitForURL(/ok=saved/), page.getByRole('button', { name: '保存设置' }).click()]);
      assert.match(await visibleText(page.locator('main')), /已保存/);
      violations = await axeCheck(page, `staff-organ-settings-${name}`);
      assert.equal(violations.length, 0, formatViolations(violations));
    });
  }

  test('printing an item leaves out the navigation and keeps the metadata and the notices', async () => {
    const { page } = await e2e.open();
    await page.goto(permanent);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('nav.main-nav').isVisible(), false);
    assert.equal(await page.getByRole('link', { name: '打印本页' }).isVisible(), false);
    assert.equal(await page.locator('table.doc-meta').isVisible(), true);
    assert.match(await visibleText(page.locator('.doc-notices')), /本文件的解读：《一图读懂保障性安居工程管理意见》/);
    await screenshot(page, 'portal-item-print-media');
    // the link works without JavaScript: a page of the document alone
    await page.emulateMedia({ media: 'screen' });
    await Promise.all([page.waitForURL(/print=1/), page.getByRole('link', { name: '打印本页' }).click()]);
    assert.equal(await page.locator('nav.main-nav').count(), 0);
    assert.match(await visibleText(page.locator('h1')), /关于加强保障性安居工程管理的意见/);
  });
});
