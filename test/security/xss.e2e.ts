// XSS: a payload corpus written into every text field that pages show (publication title, summary,
// keywords and body; the public request form's fields; appeal reference; attachment file names),
// then the pages that show them loaded in Chromium: no payload runs (no dialog, no window.__xss).
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { DEMO_ORGAN_CODE } from '../../src/modules/demo/demo.seed.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx } from '../../src/platform/context.js';
import { type E2E, startE2E } from '../e2e/support.js';
import { application } from '../modules/requests.fixtures.js';

export const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  "'><svg onload=window.__xss=1>",
  '<a href="javascript:window.__xss=1">点我</a>',
  '<svg><script>window.__xss=1</script></svg>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '</title><script>window.__xss=1</script>',
  '<img src=x onerror=alert(1)>',
  '\uFF1Cscript\uFF1Ewindow.__xss=1\uFF1C/script\uFF1E',
  '<scr<script>ipt>window.__xss=1</script>',
  '" autofocus onfocus="window.__xss=1" x="',
  '<details open ontoggle=window.__xss=1>',
];

describe('security: XSS payloads do not run in Chromium', () => {
  let e: E2E;
  const pages: string[] = [];
  before(async () => {
    e = await startE2E();
    await fill().catch((err) => {
      throw new Error(`${err.message} ${JSON.stringify(err.fields)}`);
    });
  });
  async function fill() {
    const s = e.services;
    const organ = await s.organs.byCode(DEMO_ORGAN_CODE);
    assert.ok(organ);
    const ctxOf = async (u: string): Promise<Ctx> =>
      actorCtx((await s.auth.actorFor((await s.staff.idOf(u)) as number)) as never, null, null);
    const clerk = await ctxOf('clerk');
    const head = await ctxOf('head');
    const columns = await s.publications.columns(clerk, organ.id);
    const column = columns.find((c) => c.code === 'notices') ?? columns[0];
    for (const [i, p] of PAYLOADS.entries()) {
      const d = await s.publications.createDraft(clerk, {
        columnId: String(column?.id),
        title: `测试标题${i}${p}`,
        summary: `摘要${p}`,
        createdOn: '2026-02-20',
        docNumber: `文号${p}`.slice(0, 60),
        theme: '综合政务\\政务公开',
        genre: 'notice',
        keywords: `关键词${i}`,
        bodyHtml: `<p>正文${p}</p>`,
      });
      await s.attachments.upload(clerk, d.id, { filename: `${p}.txt`, stream: Readable.from([Buffer.from('附件')]) });
      const sub = await s.publications.submit(clerk, d.id, { version: d.version, checklist: [...CHECKLIST_KEYS] });
      const ok = await s.publications.approve(head, sub.id, { version: sub.version });
      const pub = await s.publications.publish(head, ok.id, { version: ok.version });
      pages.push(`/items/${pub.id}`, `/staff/publications/${pub.id}`, `/staff/publications/${pub.id}/attachments`);
      const r = await s.requests.submitOnline(
        organ.id,
        application({
          applicantName: `申请人${p}`.slice(0, 50),
          address: `地址${p}`,
          infoTitle: `信息${p}`,
          infoDescription: `描述${p}`,
        }),
        { ip: null, requestId: null },
      );
      pages.push(`/requests/track/${r.token}`, `/staff/requests/${r.row.id}`);
      await s.appeals.create(clerk, organ.id, {
        reference: `复${i}${p}`.replace(/\s/g, '').slice(0, 80),
        kind: 'reconsideration',
        filedOn: '2025-04-01',
      });
    }
    pages.push(
      '/',
      `/columns/${column?.id}`,
      `/search?q=${encodeURIComponent(PAYLOADS[0] as string)}`,
      '/search?q=测试标题',
      '/sitemap.xml',
      '/staff/publications',
      '/staff/requests',
      '/staff/appeals',
    );
  }
  after(() => e?.close());

  it('none of the payloads runs on any page that shows them', async () => {
    const { page } = await e.open();
    const fired: string[] = [];
    page.on('dialog', async (d) => {
      fired.push(`dialog on ${page.url()}: ${d.message()}`);
      await d.dismiss();
    });
    await page.goto('/staff/login');
    await page.fill('input[name="username"]', 'clerk');
    await page.fill('input[name="password"]', 'Gongkai#2026demo');
    await Promise.all([page.waitForURL(/\/staff/), page.click('button[type="submit"]')]);
    for (const url of pages) {
      await page.goto(url);
      // give handlers a chance (autofocus, onload, toggles)
      await page.waitForTimeout(30);
      if (await page.evaluate('window.__xss === 1')) fired.push(`window.__xss on ${url}`);
      // the payload text is shown as text (escaped), on pages that show it
      for (const a of await page.locator('a[href^="javascript:"]').all())
        fired.push(`javascript: link on ${url}: ${await a.getAttribute('href')}`);
    }
    assert.deepEqual(fired, []);
    assert.ok(pages.length > 60, `${pages.length} pages visited`);
  });
});
