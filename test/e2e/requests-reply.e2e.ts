// 依申请公开 to the reply letter in a real browser: the clerk registers a request received by
// registered post, asks for a correction and records it, the office head extends the deadline, the
// clerk drafts and decides, previews the reply letter and issues it; the applicant opens the
// private link, sees the letter listed, reads it and downloads the Word file. The office head of
// another organ is refused the case.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.seed.js';
import { systemCtx } from '../../src/platform/context.js';
import { axeCheck, collectProblems, type E2E, formatViolations, PHONE, screenshot, startE2E, visibleText } from './support.js';

const ID = '450103198808086612';
const pathOf = (page: Page) => new URL(page.url()).pathname;

async function follow(page: Page, target: Locator) {
  await Promise.all([page.waitForEvent('load'), target.click()]);
}

async function login(page: Page, username: string) {
  await page.goto('/staff/login');
  await page.getByLabel(/^用户名/).fill(username);
  await page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
  await follow(page, page.getByRole('button', { name: '登录', exact: true }));
}

/** Submits the case page's form for `path` after `fill` has filled it. */
async function act(page: Page, path: string, fill: (form: Locator) => Promise<void> = async () => {}) {
  const form = page.locator(`form[action$="/${path}"]`);
  await fill(form);
  await follow(page, form.locator('button[type="submit"]'));
  assert.doesNotMatch(await visibleText(page.locator('main')), /请检查标出的项目|不能“/, `${path} was refused`);
}

describe('requests: register → correction → extension → reply letter → the applicant reads it', () => {
  let e2e: E2E;
  let caseUrl = '';
  let trackUrl = '';
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e?.close());

  test('the clerk registers the request and asks for a correction; the head extends; the clerk issues the reply letter', async () => {
    const clerk = (await e2e.open()).page;
    const problems = collectProblems(clerk);
    await login(clerk, 'clerk');
    await clerk.goto('/staff/requests/new');
    await clerk.locator('input[name="channel"][value="registered_post"]').check();
    await clerk.locator('[name="applicantName"]').fill('挂号信申请人');
    await clerk.locator('[name="idNumber"]').fill(ID);
    await clerk.locator('[name="email"]').fill('letter@example.cn');
    await clerk.locator('[name="infoTitle"]').fill('某小区物业专项维修资金使用情况');
    await clerk.locator('[name="infoDescription"]').fill('请公开某小区2025年住宅专项维修资金的使用审批材料。');
    await clerk.locator('input[name="formWanted"][value="electronic"]').check();
    await clerk.locator('input[name="delivery"][value="email"]').check();
    await follow(clerk, clerk.getByRole('button', { name: /登记/ }).last());
    assert.match(pathOf(clerk), /^\/staff\/requests\/\d+$/);
    caseUrl = pathOf(clerk);
    trackUrl = (await clerk.locator('.notice a').first().getAttribute('href')) ?? '';
    assert.match(trackUrl, /\/requests\/track\/[A-Za-z0-9_-]+$/);

    const today = await clerk.locator('form[action$="/correction"] [name="on"]').inputValue();
    const [y, m, d] = today.split('-').map(Number);
    const deadline = new Date(Date.UTC(y as number, (m as number) - 1, (d as number) + 20)).toISOString().slice(0, 10);
    await act(clerk, 'correction', async (f) => {
      await f.locator('[name="deadline"]').fill(deadline);
      await f.locator('[name="reason"]').fill('请写明小区名称和所需材料的年度。');
    });
    assert.match(await visibleText(clerk.locator('main')), /待补正/);
    await act(clerk, 'correction-received');

    const head = (await e2e.open()).page;
    await login(head, 'head');
    await head.goto(caseUrl);
    await act(head, 'extend', async (f) => {
      await f.locator('[name="workingDays"]').fill('20');
      await f.locator('[name="reason"]').fill('需要调取多个年度的档案');
    });
    assert.match(await visibleText(head.locator('main')), /含延长 20 个工作日/);

    await clerk.goto(caseUrl);
    await act(clerk, 'draft');
    await act(clerk, 'decide', async (f) => {
      await f.locator('[name="outcome"]').selectOption('granted');
    });
    await act(clerk, 'approve');
    await act(clerk, 'reply');

    // preview, then issue
    await clerk.locator('#letters-h').scrollIntoViewIfNeeded();
    await follow(clerk, clerk.getByRole('button', { name: '预览' }));
    assert.match(pathOf(clerk), /\/letters\/preview$/);
    const preview = await visibleText(clerk.locator('main'));
    assert.match(preview, /这是预览，尚未出具/);
    assert.match(preview, /政府信息公开申请答复书/);
    assert.match(preview, /挂号信申请人：/);
    await screenshot(clerk, 'requests-letter-preview');
    await follow(clerk, clerk.getByRole('button', { name: '出具此文书' }));
    assert.equal(pathOf(clerk), caseUrl);
    const section = await visibleText(clerk.locator('section[aria-labelledby="letters-h"]'));
    assert.match(section, /政府信息公开申请答复书/);
    assert.match(section, /下载 Word/);
    assert.deepEqual(problems, []);
  });

  test('the office head of another organ cannot open the case (403, in Chinese)', async () => {
    const other = await e2e.services.organs.byCode('gxzjxxzx');
    assert.ok(other, 'the demo has an affiliated organ');
    await e2e.services.staff.create(systemCtx('e2e'), {
      organId: String(other.id),
      unitId: '',
      username: 'xxzx-head',
      displayName: '信息中心负责人',
      password: DEMO_PASSWORD,
      roles: ['office_head'],
    });
    const page = (await e2e.open()).page;
    await login(page, 'xxzx-head');
    const res = await page.goto(caseUrl);
    assert.equal(res?.status(), 403);
    const text = await visibleText(page.locator('main'));
    assert.match(text, /无权|没有权限/);
    assert.doesNotMatch(text, /挂号信申请人|某小区物业专项维修资金/, 'nothing of the case is shown');
    // nor is it in that organ's queue
    await page.goto('/staff/requests');
    assert.doesNotMatch(await visibleText(page.locator('main')), /某小区物业专项维修资金/);
  });

  test('the applicant sees the letter with the private link, reads it and downloads the .docx (on a phone)', async () => {
    assert.ok(trackUrl, 'the first journey gave the tracking link');
    const { page } = await e2e.open({ viewport: PHONE });
    const problems = collectProblems(page);
    await page.goto(trackUrl);
    const text = await visibleText(page.locator('main'));
    assert.match(text, /本机关出具的文书/);
    assert.match(text, /延期答复/);
    assert.ok(!text.includes(ID));
    await screenshot(page, 'requests-track-letter-phone');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载 Word 文件' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /政府信息公开申请答复书\.docx$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    assert.equal(Buffer.concat(chunks).subarray(0, 2).toString(), 'PK', 'a .docx (zip) file');
    await follow(page, page.getByRole('link', { name: '政府信息公开申请答复书' }));
    const letter = await visibleText(page.locator('article.letter'));
    assert.match(letter, /挂号信申请人：/);
    assert.match(letter, /特此答复/);
    // a download ends the navigation that started it: Chromium reports that as aborted, not as a failure
    assert.deepEqual(
      problems.filter((p) => !/\/letters\/\d+\.docx net::ERR_ABORTED$/.test(p)),
      [],
    );
  });

  test('accessibility of the letters section, the preview and the non-disclosure register (axe-core)', async () => {
    assert.ok(caseUrl, 'the first journey gave the case');
    const { page } = await e2e.open({ bypassCSP: true });
    await login(page, 'head');
    await page.goto(caseUrl);
    let violations = await axeCheck(page, 'requests-case-letters');
    assert.equal(violations.length, 0, formatViolations(violations));
    await page.goto(`${caseUrl}/letters/preview?kind=reply`);
    violations = await axeCheck(page, 'requests-letter-preview');
    assert.equal(violations.length, 0, formatViolations(violations));
    await page.goto('/staff/requests/register?year=2026');
    assert.match(await visibleText(page.locator('main')), /不予公开备案（2026 年）/);
    violations = await axeCheck(page, 'requests-register');
    assert.equal(violations.length, 0, formatViolations(violations));
  });
});
