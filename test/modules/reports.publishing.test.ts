// The annual report from draft to the 年报 column: the text with live placeholders (unknown ones
// refused), the checks that block submission (prompts left), the 保密审查 checklist, the catalogue
// item with its .docx and PDF, four eyes, the figures frozen at submission, return and resubmit;
// and the back-office pages with the drill-down from a figure to its records. Both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { ReportTransitionRefused } from '../../src/modules/reports/reports.workflow.js';
import { systemCtx } from '../../src/platform/context.js';
import type { AppError } from '../../src/platform/http/errors.js';
import { Agent, buildTestApp, csrfFrom, type TestApp, userWithRoles } from '../support/app.js';
import { type Publishing, publishingOrgan } from '../support/publishing.js';

const CSV = [
  'reference,received_on,applicant_type,channel,closed_on,outcome',
  'R1,2025-03-02,natural_person,online,2025-03-20,granted',
  'R2,2025-05-10,commercial,post,2025-06-01,partial',
  'R3,2025-12-20,natural_person,online,,',
].join('\n');

/** The draft with every 【请填写：…】 prompt written out. */
const filled = (sections: Array<{ key: string; text: string }>) =>
  sections.map((s) => ({ key: s.key, text: s.text.replace(/【请填写：[^】]*】/g, '本机关已按要求开展工作。') }));

describe('the annual report: drafting, approval, publication', () => {
  let t: TestApp;
  let p: Publishing;
  before(async () => {
    t = await buildTestApp({ now: '2026-01-12T02:00:00.000Z' });
    p = await publishingOrgan(t, 'bgt', '广西报告测试厅');
    await t.services.imports.importRequests(systemCtx('test'), {
      organId: p.organId,
      fileName: 'r.csv',
      content: Buffer.from(CSV),
    });
  });
  after(() => t.close());
  const pub = () => t.services.reportPublishing;

  it('a draft reads its figures from the records; prompts left block submission', async () => {
    const v = await pub().view(p.author, p.organId, 2025);
    assert.equal(v.row, undefined);
    assert.equal(v.report.table3.rows.received[6], 3);
    const text = (v.report.sections ?? []).map((s) => s.text).join('\n');
    assert.match(text, /共受理政府信息公开申请3件/);
    assert.doesNotMatch(text, /\{\{/);
    // the editable text keeps its placeholders
    assert.ok(v.sections.some((s) => s.text.includes('{{requests.received}}')));
    await assert.rejects(
      pub().submit(p.author, p.organId, 2025, { version: 0, checklist: [...CHECKLIST_KEYS] }),
      (e: ReportTransitionRefused) => e instanceof ReportTransitionRefused && e.reasons.some((r) => /【请填写/.test(r)),
    );
  });

  it('unknown placeholders are refused by section; the text is kept live', async () => {
    const v = await pub().view(p.author, p.organId, 2025);
    const typo = filled(v.sections).map((s) =>
      s.key === 'overview' ? { ...s, text: `${s.text}共{{requests.recieved}}件。` } : s,
    );
    await assert.rejects(
      pub().saveSections(p.author, p.organId, 2025, { version: 0, sections: typo }),
      (e: AppError) => e.status === 422 && /requests\.recieved/.test(e.fields.overview ?? ''),
    );
    const row = await pub().saveSections(p.author, p.organId, 2025, { version: 0, sections: filled(v.sections) });
    assert.equal(row.state, 'draft');
    assert.equal(row.version, 1);
    const again = await pub().view(p.author, p.organId, 2025);
    assert.ok(!again.report.checks.some((c) => c.state === 'fail' && c.code !== 'deadline'), JSON.stringify(again.report.checks));
  });

  it('submission needs the checklist, then makes the catalogue item with its .docx and PDF', async () => {
    await assert.rejects(
      pub().submit(p.author, p.organId, 2025, { version: 1, checklist: [] }),
      (e: AppError) => e.status === 422 && /保密审查/.test(e.message),
    );
    const row = await pub().submit(p.author, p.organId, 2025, { version: 1, checklist: [...CHECKLIST_KEYS] });
    assert.equal(row.state, 'submitted');
    assert.ok(row.publication_id);
    const item = await t.services.publications.get(p.head, row.publication_id as number);
    assert.equal(item.publication.state, 'submitted');
    assert.equal(item.publication.title, '广西报告测试厅2025年政府信息公开工作年度报告');
    assert.equal(item.column?.code, 'annual-report');
    assert.match(item.publication.body_html, /三、收到和处理政府信息公开申请情况/);
    const files = await t.services.attachments.list(p.head, row.publication_id as number);
    assert.deepEqual(files.map((f) => f.original_name.split('.').pop()).sort(), ['docx', 'pdf']);
  });

  it('four eyes: the author cannot approve; the office head publishes; the figures stay as submitted', async () => {
    const row = (await pub().list(p.author, p.organId))[0];
    assert.ok(row);
    await assert.rejects(pub().approve(p.author, p.organId, 2025, { version: row.version }), (e: AppError) => e.status === 403);
    // a record added after submission does not change the report as submitted
    await t.services.imports.importRequests(systemCtx('test'), {
      organId: p.organId,
      fileName: 'late.csv',
      content: Buffer.from(
        'reference,received_on,applicant_type,channel,closed_on,outcome\nR4,2025-07-01,research,email,2025-07-10,granted',
      ),
    });
    const published = await pub().approve(p.head, p.organId, 2025, { version: row.version });
    assert.equal(published.state, 'published');
    assert.equal(published.approved_by, p.head.audit.userId);
    const item = await t.services.publications.get(p.head, published.publication_id as number);
    assert.equal(item.publication.state, 'published');
    assert.ok(item.publication.index_no);
    const v = await pub().view(p.author, p.organId, 2025);
    assert.equal(v.report.table3.rows.received[6], 3, 'frozen at submission');
    assert.equal((await t.services.reports.generate(p.author, p.organId, 2025)).table3.rows.received[6], 4, 'records moved on');
    // next year's carried-in is checked against what was published
    const next = await t.services.reports.generate(p.author, p.organId, 2026);
    const carried = next.checks.find((c) => c.code === 'table3.carried_in');
    assert.equal(carried?.state, 'pass');
    assert.match(carried?.message ?? '', /上一年度已发布的年报/);
    const audit = await t.db.db.selectFrom('audit_log').select('action').where('action', 'like', 'report.%').execute();
    for (const a of ['report.edit', 'report.submit', 'report.approve'])
      assert.ok(
        audit.some((x) => x.action === a),
        a,
      );
  });

  it('a returned report goes back to draft and is resubmitted as the same catalogue item', async () => {
    const v = await pub().view(p.author, p.organId, 2024);
    const saved = await pub().saveSections(p.author, p.organId, 2024, { version: 0, sections: filled(v.sections) });
    const sub = await pub().submit(p.author, p.organId, 2024, { version: saved.version, checklist: [...CHECKLIST_KEYS] });
    await assert.rejects(
      pub().returnToAuthor(p.head, p.organId, 2024, { version: sub.version, reason: ' ' }),
      ReportTransitionRefused,
    );
    const back = await pub().returnToAuthor(p.head, p.organId, 2024, { version: sub.version, reason: '请补充第五部分' });
    assert.equal(back.state, 'draft');
    const again = await pub().submit(p.author, p.organId, 2024, { version: back.version, checklist: [...CHECKLIST_KEYS] });
    assert.equal(again.publication_id, sub.publication_id);
    assert.equal((await t.services.attachments.list(p.head, again.publication_id as number)).length, 2);
  });
});

describe('the annual report in the back office', () => {
  let t: TestApp;
  let p: Publishing;
  const clerk = () => new Agent(t.app);
  before(async () => {
    t = await buildTestApp({ now: '2026-01-12T02:00:00.000Z' });
    p = await publishingOrgan(t, 'bgs', '广西页面测试厅');
    await userWithRoles(t.services, p.organId, 'bgs-clerk', ['office_staff']);
    await t.services.imports.importRequests(systemCtx('test'), {
      organId: p.organId,
      fileName: 'r.csv',
      content: Buffer.from(CSV),
    });
  });
  after(() => t.close());

  it('the year page shows the tables with links to the records behind each figure', async () => {
    const a = clerk();
    await a.login('bgs-clerk');
    // a report published before the organ used the system, found in the 年报 column
    const earlier = await p.published({
      columnId: p.col('annual-report'),
      title: '广西页面测试厅2023年政府信息公开工作年度报告',
      genre: 'report',
      createdOn: '2024-01-20',
    });
    const list = await a.get('/staff/reports');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`已在目录中发布（<a href="/staff/publications/${earlier.id}">非本系统生成</a>）`));
    assert.match(list.body, /href="\/staff\/reports\/2025"/);
    const page = await a.get('/staff/reports/2025');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /\/assets\/report\.css/);
    assert.match(page.body, /records\?ref=table3\.received\.total/);
    const rec = await a.get('/staff/reports/2025/records?ref=table3.partial.commercial');
    assert.equal(rec.statusCode, 200);
    assert.match(rec.body, /bgs-?R2|R2/);
    assert.doesNotMatch(rec.body, />R1</);
    const css = await a.get('/assets/report.css');
    assert.match(css.headers['content-type'] as string, /text\/css/);
    const json = await a.get('/staff/reports/2025/report.json');
    assert.equal(JSON.parse(json.body).table3.rows.received[6], 3);
    const html = await a.get('/staff/reports/2025/report.html');
    assert.match(html.headers['content-security-policy'] as string, /default-src 'none'/);
  });

  it('the office head sees the sum of the organs below (汇总)', async () => {
    const child = await t.services.organs.create(systemCtx('test'), {
      code: 'bgs-c1',
      name: '下级测试局',
      kind: 'department',
      parentCode: 'bgs',
    });
    await t.services.imports.importRequests(systemCtx('test'), {
      organId: child.id,
      fileName: 'c.csv',
      content: Buffer.from(
        'reference,received_on,applicant_type,channel,closed_on,outcome\nC1,2025-02-02,natural_person,online,2025-02-20,granted',
      ),
    });
    const a = new Agent(t.app);
    await a.login('bgs-head');
    const page = await a.get('/staff/reports/2025');
    assert.match(page.body, /\/staff\/reports\/2025\/aggregate/);
    const agg = await a.get('/staff/reports/2025/aggregate');
    assert.equal(agg.statusCode, 200);
    assert.match(agg.body, /所属1个下级机关2025年度/);
    assert.match(agg.body, /下级测试局/);
    const clerkAgent = clerk();
    await clerkAgent.login('bgs-clerk');
    assert.equal((await clerkAgent.get('/staff/reports/2025/aggregate')).statusCode, 403);
  });

  it('an unknown placeholder re-renders the editor with what was typed (422)', async () => {
    const a = clerk();
    await a.login('bgs-clerk');
    const form = await a.get('/staff/reports/2025/edit');
    assert.equal(form.statusCode, 200);
    const keys = [...form.body.matchAll(/name="key" value="([^"]+)"/g)].map((m) => m[1] as string);
    assert.ok(keys.includes('overview'));
    const fields: Record<string, string | string[]> = { _csrf: csrfFrom(form.body), version: '0', key: keys };
    for (const k of keys) fields[`text.${k}`] = k === 'overview' ? '本年共收到{{requests.recieved}}件申请。' : '';
    const res = await a.post('/staff/reports/2025/edit', fields);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /requests\.recieved/);
    assert.match(res.body, /本年共收到\{\{requests\.recieved\}\}件申请。/);
  });

  it('last year’s report given to the checker is the imported source of the carried-in check; five years chart', async () => {
    const clerkCtx = await t.services.auth.actorFor(
      Number((await t.db.db.selectFrom('users').select('id').where('username', '=', 'bgs-clerk').executeTakeFirstOrThrow()).id),
    );
    assert.ok(clerkCtx);
    const ctx = {
      actor: clerkCtx,
      audit: { userId: clerkCtx.userId, name: 'bgs-clerk', organId: p.organId, requestId: null, ip: null },
    };
    const last = await t.services.reportPublishing.view(ctx, p.organId, 2024);
    const html = t.services.reportBuilder.documentHtml(last.report);
    await t.services.reportChecker.run(ctx, {
      organId: p.organId,
      report: { fileName: '2024年报.html', bytes: Buffer.from(html) },
      year: 2024,
    });
    const now = await t.services.reportPublishing.view(ctx, p.organId, 2025);
    const carried = now.report.checks.find((c) => c.code === 'table3.carried_in');
    assert.equal(carried?.state, 'pass');
    assert.match(carried?.message ?? '', /导入的上一年度年报/);
    assert.equal(now.report.figures?.['history.2025.received'], 3);
    assert.equal(now.report.figures?.['history.2024.received'], 0);
    assert.match(t.services.reportBuilder.bodyHtml(now.report), /<svg/);
  });

  it('entered figures: the form for the figures no register holds, with Chinese errors', async () => {
    const a = clerk();
    await a.login('bgs-clerk');
    const form = await a.get('/staff/reports/2025/figures');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /行政许可/);
    const bad = await a.post('/staff/reports/2025/figures', {
      _csrf: csrfFrom(form.body),
      key: 'table2.licensing.decisions',
      value: '十二',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /请填写数字/);
    assert.match(bad.body, /value="十二"/);
    const ok = await a.post('/staff/reports/2025/figures', {
      _csrf: csrfFrom(form.body),
      key: 'table2.licensing.decisions',
      value: '12',
      note: '行政审批处提供',
    });
    assert.equal(ok.statusCode, 303);
    const rec = await a.get('/staff/reports/2025/records?ref=table2.licensing.decisions');
    assert.match(rec.body, /填报：12（行政审批处提供）/);
  });
});
