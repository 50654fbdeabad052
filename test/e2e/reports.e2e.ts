// The annual report (年度报告) in a real browser: the clerk opens it from the nav, reads the 2017
// narrative report with the seed's figures and the 2024 report in the 2021 format (tables 2–4 with
// merged cells), follows a table 3 figure to the requests behind it; writes the text (a typo in a
// placeholder is refused with what was typed kept, JavaScript off), enters a table 2 figure and
// submits with the 保密审查 checklist; the office head approves, and the report is in the portal's
// 政府信息公开年报 column with its .docx and PDF. Every report page passes axe-core at phone and
// desktop widths, and on a phone the tables scroll inside their wrapper, not the page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { DEMO_ORGAN_CODE } from '../../src/modules/demo/demo.seed.js';
import { systemCtx } from '../../src/platform/context.js';
import {
  AXE_DIR,
  axeCheck,
  collectProblems,
  DESKTOP,
  type E2E,
  follow,
  formatViolations,
  horizontalOverflow,
  PHONE,
  screenshot,
  signIn,
  startE2E,
  VIEWPORTS,
  visibleText,
  widestElements,
} from './support.js';

const ORGAN = '广西壮族自治区住房和城乡建设厅';
const TITLE_2024 = `${ORGAN}2024年政府信息公开工作年度报告`;
/** Last year's requests, imported from the office's old system: table 3 of 2024 counts them. */
const CSV_2024 = [
  'reference,received_on,applicant_type,channel,closed_on,outcome',
  'JZT-2024-001,2024-02-10,natural_person,online,2024-03-03,granted',
  'JZT-2024-002,2024-04-15,natural_person,in_person,2024-05-08,partial',
  'JZT-2024-003,2024-06-02,commercial,post,2024-06-20,unable.not_held',
  'JZT-2024-004,2024-09-09,legal_services,online,2024-09-30,granted',
  'JZT-2024-005,2024-12-22,natural_person,email,,',
].join('\n');

const pathOf = (page: Page) => new URL(page.url()).pathname;
const staffNav = (page: Page) => page.getByRole('navigation', { name: '工作台导航' });

async function signInAs(page: Page, username: string) {
  assert.equal(await signIn(page, username), '/staff', `${username} signed in`);
}

/** axe-core on the page: no violation of any impact (the helper returns the serious ones; the file has all). */
async function assertAxeClean(page: Page, name: string) {
  const serious = await axeCheck(page, name);
  assert.deepEqual(serious, [], `axe on ${pathOf(page)} (${name}):\n${formatViolations(serious)}`);
  const all = (JSON.parse(readFileSync(join(AXE_DIR, `${name}.json`), 'utf8')) as AxeResults).violations;
  assert.deepEqual(
    all.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${pathOf(page)} (${name})`,
  );
}

/** The page does not scroll sideways; wide tables scroll inside their wrapper instead. */
async function assertFitsWidth(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  assert.ok(
    scrollWidth <= innerWidth,
    `${what}: the page scrolls sideways (${scrollWidth} > ${innerWidth}); sticking out: ${(await widestElements(page)).join(', ')}`,
  );
}

/** The levels of the page's headings, in document order. */
async function headingLevels(page: Page): Promise<number[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter((h) => h.getClientRects().length).map((h) => Number(h.tagName[1]))`,
  )) as number[];
}

/** One h1, and no heading more than one level below the one before it. */
async function assertHeadingsInOrder(page: Page, what: string) {
  const levels = await headingLevels(page);
  assert.equal(levels.filter((l) => l === 1).length, 1, `${what}: one h1 (${levels.join(',')})`);
  assert.equal(levels[0], 1, `${what}: the h1 comes first (${levels.join(',')})`);
  levels.forEach((l, i) => {
    if (i) assert.ok(l <= (levels[i - 1] as number) + 1, `${what}: h${levels[i - 1]} then h${l} (${levels.join(',')})`);
  });
}

/** Downloads what `click` starts and returns the bytes and the suggested name. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return { name: d.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

describe('the annual report: read, drill down, write, submit, approve, published', () => {
  let e2e: E2E;
  /** Every report page the journey visits (for axe and the phone layout). */
  const visited = new Set<string>();
  let itemPath = '';
  before(async () => {
    e2e = await startE2E();
    const organ = await e2e.services.organs.byCode(DEMO_ORGAN_CODE);
    assert.ok(organ, 'the demo organ');
    const r = await e2e.services.imports.importRequests(systemCtx('e2e'), {
      organId: organ.id,
      fileName: '2024年申请.csv',
      content: Buffer.from(CSV_2024),
    });
    assert.equal(r.created, 5, JSON.stringify(r.bad));
  });
  after(() => e2e?.close());

  test('the clerk opens 年度报告, reads 2017 (narrative, seed figures) and 2024 (tables), follows a figure to its requests', async () => {
    const { page } = await e2e.open({ viewport: DESKTOP });
    const problems = collectProblems(page);
    await signInAs(page, 'clerk');
    await follow(page, staffNav(page).getByRole('link', { name: '年度报告', exact: true }));
    assert.equal(pathOf(page), '/staff/reports');
    assert.equal(await staffNav(page).getByRole('link', { name: '年度报告' }).getAttribute('aria-current'), 'page');
    visited.add(pathOf(page));
    const years = page.getByRole('table', { name: '各年度年报' });
    assert.match(await visibleText(years), /2017年度\s+2019年以前（叙述式）/);
    assert.match(await visibleText(years), /2024年度\s+2021年格式/);

    // 2017: the narrative report, its figures computed from the demo's 2017 records
    await follow(page, years.getByRole('link', { name: '2017年度' }));
    assert.equal(pathOf(page), '/staff/reports/2017');
    visited.add(pathOf(page));
    const report2017 = await visibleText(page.locator('article.annual-report'));
    assert.match(report2017, /共受理政府信息公开申请31件，已全部按时予以答复/);
    assert.match(report2017, /提供主动公开文件共58件/);
    assert.match(report2017, /政策解读稿件6篇/);
    assert.match(report2017, /信息公开类案件有14件；占比为16\.5%/);
    assert.match(report2017, /一、本年度政府信息公开工作的基本情况/);
    assert.doesNotMatch(report2017, /\{\{/);
    await follow(page, page.getByRole('link', { name: '← 各年度年报' }));

    // 2024: the 2021 format, tables 2–4 with the national format's merged cells
    await follow(page, page.getByRole('table', { name: '各年度年报' }).getByRole('link', { name: '2024年度' }));
    assert.equal(pathOf(page), '/staff/reports/2024');
    visited.add(pathOf(page));
    // what needs attention first: the failing checks head the list, then what to verify, then the rest
    const states = (await page.locator('ul.report-checks li strong').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(
      states,
      [...states].sort(
        (a, b) => ['未通过', '待核实', '无法核对', '通过'].indexOf(a) - ['未通过', '待核实', '无法核对', '通过'].indexOf(b),
      ),
    );
    assert.equal(states[0], '未通过');
    const article = page.locator('article.annual-report');
    assert.match(await visibleText(article.getByRole('heading', { level: 2 }).first()), /一、总体情况/);
    assert.match(await visibleText(article), /共受理政府信息公开申请5件/);
    const t2 = article.locator('table.report-table2');
    const t3 = article.locator('table.report-table3');
    const t4 = article.locator('table.report-table4');
    assert.ok((await t2.locator('[colspan]').count()) > 0, 'table 2 has merged cells');
    assert.ok((await t3.locator('th[rowspan]').count()) >= 3, 'table 3 has merged row labels');
    assert.ok((await t3.locator('th[colspan]').count()) >= 2, 'table 3 has merged column labels');
    assert.ok((await t4.locator('th[colspan="5"]').count()) >= 3, 'table 4: 行政复议, 未经复议直接起诉, 复议后起诉');
    // the received row's total: 5 requests, linked to the records behind it
    const received = t3.locator('td[data-ref="table3.received.total"]');
    assert.equal(await visibleText(received), '5');
    await follow(page, received.getByRole('link'));
    assert.equal(pathOf(page), '/staff/reports/2024/records');
    visited.add(`${pathOf(page)}?ref=table3.received.total`);
    const records = await visibleText(page.locator('main'));
    assert.match(records, /共 5 条记录/);
    for (const ref of ['JZT-2024-001', 'JZT-2024-002', 'JZT-2024-003', 'JZT-2024-004', 'JZT-2024-005'])
      assert.match(records, new RegExp(ref));
    // a request's page is one click away
    await follow(page, page.getByRole('link', { name: 'JZT-2024-002' }));
    assert.match(pathOf(page), /^\/staff\/requests\/\d+$/);
    assert.deepEqual(problems, []);
  });

  test('the clerk writes the text (a typo is refused, the text kept; JavaScript off), enters a figure, submits', async () => {
    const { page } = await e2e.open({ viewport: PHONE, javaScriptEnabled: false });
    const problems = collectProblems(page);
    await signInAs(page, 'clerk');
    await page.goto('/staff/reports/2024');
    await follow(page, page.getByRole('link', { name: '修改文字' }));
    assert.equal(pathOf(page), '/staff/reports/2024/edit');
    // a table's section: the text before the table, which may stay empty
    const table2Text = page.getByLabel('二、主动公开政府信息情况', { exact: true });
    assert.match(await visibleText(page.locator(`[id="${await table2Text.getAttribute('aria-describedby')}"]`)), /也可留空/);
    const overview = page.getByLabel('一、总体情况', { exact: true });
    const draft = await overview.inputValue();
    assert.match(draft, /\{\{requests\.received\}\}/, 'the text keeps its placeholders');
    assert.match(draft, /【请填写：/);
    const typo = `${draft}\n\n本年度共办结{{requests.closd}}件。`;
    await overview.fill(typo);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/2024/edit'));
    await follow(page, page.getByRole('button', { name: '保存', exact: true }));
    assert.equal((await answer).status(), 422);
    assert.match(await visibleText(page.getByRole('alert')), /requests\.closd/);
    const kept = page.getByLabel('一、总体情况', { exact: true });
    assert.equal(await kept.inputValue(), typo, 'what was typed is kept');
    // the section is marked and its message read with it
    assert.equal(await kept.getAttribute('aria-invalid'), 'true');
    assert.match(await visibleText(page.locator(`[id="${await kept.getAttribute('aria-describedby')}"]`)), /requests\.closd/);
    await screenshot(page, 'reports-edit-error-phone');

    // every prompt written out, the typo corrected
    const areas = page.locator('textarea');
    for (let i = 0; i < (await areas.count()); i++) {
      const area = areas.nth(i);
      const value = (await area.inputValue())
        .replace('{{requests.closd}}', '{{requests.closed}}')
        .replace(/【请填写：[^】]*】/g, '本厅按照《条例》要求落实了相关工作。');
      await area.fill(value);
    }
    await follow(page, page.getByRole('button', { name: '保存', exact: true }));
    assert.equal(pathOf(page), '/staff/reports/2024');
    const body = await visibleText(page.locator('article.annual-report'));
    assert.match(body, /本年度共办结4件。/);
    assert.doesNotMatch(body, /【请填写/);

    // a table 2 figure with no register behind it: 行政许可
    await follow(page, page.getByRole('link', { name: '填报无登记记录的数据' }));
    const permits = page.locator('form.figure-form').filter({ hasText: '行政许可' }).first();
    await permits.getByLabel('数值').fill('二十');
    await follow(page, permits.getByRole('button', { name: '保存' }));
    assert.match(await visibleText(page.getByRole('alert')), /数/);
    await screenshot(page, 'reports-figures-error-phone');
    const again = page.locator('form.figure-form').filter({ hasText: '行政许可' }).first();
    assert.equal(await again.getByLabel('数值').inputValue(), '二十');
    const describedBy = await again.getByLabel('数值').getAttribute('aria-describedby');
    assert.match(await visibleText(page.locator(`[id="${describedBy}"]`)), /请填写数字/);
    await again.getByLabel('数值').fill('1260');
    await again.getByLabel('说明（来源）').fill('行政审批处提供');
    await follow(page, again.getByRole('button', { name: '保存' }));
    assert.equal(pathOf(page), '/staff/reports/2024/figures');
    await follow(page, page.getByRole('link', { name: '← 返回年报' }));
    assert.equal(await visibleText(page.locator('td[data-ref="table2.licensing.decisions"]')), '1260');

    // submit: first without the checklist, then with it
    const submit = page.getByRole('button', { name: '提交审核' });
    await follow(page, submit);
    assert.match(await visibleText(page.getByRole('alert')), /保密审查/);
    for (const box of await page
      .getByRole('group', { name: /保密审查/ })
      .getByRole('checkbox')
      .all())
      await box.check();
    await follow(page, page.getByRole('button', { name: '提交审核' }));
    assert.equal(pathOf(page), '/staff/reports/2024');
    assert.match(await visibleText(page.locator('dl.meta')), /待审核|已提交/);
    assert.equal(await page.getByRole('button', { name: '提交审核' }).count(), 0);
    assert.deepEqual(problems, []);
  });

  test('the office head approves; the report is in the portal 年报 column with its .docx and PDF', async () => {
    const { page } = await e2e.open({ viewport: DESKTOP });
    const problems = collectProblems(page);
    await signInAs(page, 'head');
    await follow(page, staffNav(page).getByRole('link', { name: '年度报告', exact: true }));
    assert.match(
      await visibleText(page.getByRole('table', { name: '各年度年报' })),
      /2024年度\s+\S+\s+待审核|2024年度\s+\S+\s+已提交/,
    );
    await page.goto('/staff/reports/2024');
    await follow(page, page.getByRole('button', { name: '审核通过并发布' }));
    assert.equal(pathOf(page), '/staff/reports/2024');
    assert.match(await visibleText(page.locator('dl.meta')), /已发布/);
    visited.add(pathOf(page));

    // the public: 政府信息公开年报 in the portal's main navigation, then the item
    const visitor = (await e2e.open({ viewport: PHONE, javaScriptEnabled: false })).page;
    const seen = collectProblems(visitor);
    await visitor.goto('/');
    await follow(visitor, visitor.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /年报/ }));
    await follow(visitor, visitor.locator('main').getByRole('link', { name: TITLE_2024 }));
    itemPath = pathOf(visitor);
    assert.match(itemPath, /\/xxgk\/|\/items\//);
    const item = await visibleText(visitor.locator('main'));
    assert.match(item, /三、收到和处理政府信息公开申请情况/);
    assert.match(item, /本年度共办结4件。/);
    // the published body is the report without the staff page's extras: no chart (its SVG text
    // would be left as loose words by the catalogue's allow-list), the title once, as the h1
    assert.doesNotMatch(item, /自然人\s*商业企业\s*科研机构/);
    assert.equal(await visitor.getByRole('heading', { name: TITLE_2024 }).count(), 1);
    assert.doesNotMatch(await visibleText(visitor.locator('.doc-body')), new RegExp(TITLE_2024), 'the body does not repeat it');
    const docx = await download(visitor, () =>
      visitor
        .getByRole('link', { name: /\.docx/ })
        .first()
        .click(),
    );
    assert.match(docx.name, /2024年政府信息公开工作年度报告\.docx$/);
    assert.equal(docx.bytes.subarray(0, 2).toString(), 'PK');
    // the browser shows a PDF itself rather than saving it: fetch what the link points at
    const pdfLink = visitor.getByRole('link', { name: /2024年政府信息公开工作年度报告\.pdf/ });
    const pdf = await visitor.request.get((await pdfLink.getAttribute('href')) ?? '');
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 4).toString(), '%PDF');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      seen.filter((p) => !/\/attachments\/\d+.* net::ERR_ABORTED$/.test(p)),
      [],
    );
  });

  for (const { name, viewport } of VIEWPORTS) {
    test(`every report page at ${name} width: axe-core clean, headings in order, nothing wider than the screen`, async () => {
      assert.ok(itemPath, 'the journey published the report');
      const { page } = await e2e.open({ viewport, bypassCSP: true });
      const problems = collectProblems(page);
      await signInAs(page, 'clerk');
      // the pages the journey read, and the draft of 2025: its report, editor and figures, with their errors
      const check = async (path: string, label = path) => {
        const shot = `reports${label.replace(/[/?=.]+/g, '-')}-${name}`;
        await assertHeadingsInOrder(page, label);
        await assertFitsWidth(page, label);
        await screenshot(page, shot);
        await assertAxeClean(page, shot);
      };
      for (const path of [...visited, '/staff/reports/2025', '/staff/reports/2025/edit', '/staff/reports/2025/figures']) {
        await page.goto(path);
        await check(path);
      }
      await page.goto('/staff/reports/2025/edit');
      const overview = page.getByLabel('一、总体情况', { exact: true });
      await overview.fill(`${await overview.inputValue()}{{requests.closd}}`);
      await follow(page, page.getByRole('button', { name: '保存', exact: true }));
      await check('/staff/reports/2025/edit', '/staff/reports/2025/edit-422');
      await page.goto('/staff/reports/2025/figures');
      const permits = page.locator('form.figure-form').filter({ hasText: '行政许可' }).first();
      await permits.getByLabel('数值').fill('二十');
      await follow(page, permits.getByRole('button', { name: '保存' }));
      await check('/staff/reports/2025/figures', '/staff/reports/2025/figures-422');
      await page.goto('/staff/reports/2025');
      await follow(page, page.getByRole('button', { name: '提交审核' }));
      await check('/staff/reports/2025', '/staff/reports/2025/submit-refused');
      // on a phone the wide tables scroll inside their wrapper
      await page.goto('/staff/reports/2024');
      const wrap = page.locator('.report-table-wrap').filter({ has: page.locator('table.report-table3') });
      const { scroll, client } = (await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))) as {
        scroll: number;
        client: number;
      };
      if (name === 'phone') assert.ok(scroll > client, `table 3 scrolls inside its wrapper (${scroll} > ${client})`);
      // the published item on the portal
      const visitor = (await e2e.open({ viewport, bypassCSP: true })).page;
      await visitor.goto(itemPath);
      await assertHeadingsInOrder(visitor, itemPath);
      await assertFitsWidth(visitor, itemPath);
      await screenshot(visitor, `reports-published-item-${name}`);
      await assertAxeClean(visitor, `reports-published-item-${name}`);
      assert.deepEqual(problems, []);
    });
  }
});
