// 年报核查 in the back office, on a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL):
// upload or paste, findings with evidence, confirm/dismiss with a note (stored, audited, shown),
// authorization by organ, and a supervisor's check of subordinate organs' published reports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkReportFile } from '../../src/modules/reports/checker.run.js';
import { TABLE3_ROW_CODES } from '../../src/modules/reports/reports.codes.js';
import type { AnnualReport } from '../../src/modules/reports/reports.types.js';
import { Agent, buildTestApp, csrfFrom, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { docxFromHtml } from './reports.checker.docx.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/reports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const HREF = '/staff/reports/check';

interface Part {
  name: string;
  value?: string;
  file?: { filename: string; data: Buffer };
}
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = '----gongkaiCheckerBoundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = p.file
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head), p.file ? p.file.data : Buffer.from(p.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('年报核查 (back office)', () => {
  let t: TestApp;
  let gx: number;
  let nn: number;
  let bb: number;
  const agents: Record<string, Agent> = {};

  /** Posts the check form as `who`, the CSRF token first (unless `csrf` is false). */
  async function check(who: string, parts: Part[], csrf = true) {
    const a = agents[who] as Agent;
    const page = await a.get(HREF);
    const body = multipart([...(csrf ? [{ name: '_csrf', value: csrfFrom(page.body) }] : []), ...parts]);
    return t.app.inject({
      method: 'POST',
      url: HREF,
      headers: {
        cookie: Object.entries(a.jar)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        'content-type': body.contentType,
      },
      payload: body.payload,
    });
  }
  const runId = (location: unknown) => Number(/\/staff\/reports\/check\/(\d+)$/.exec(String(location))?.[1]);

  before(async () => {
    t = await buildTestApp({ now: '2024-01-20T02:00:00.000Z' });
    gx = (await organWithUnits(t.services, 'gx')).organ.id;
    nn = (await organWithUnits(t.services, 'nn', 'gx')).organ.id;
    bb = (await organWithUnits(t.services, 'bb', 'gx')).organ.id;
    const other = (await organWithUnits(t.services, 'cz')).organ.id;
    for (const [name, roles, organ] of [
      ['clerk', ['office_staff'], nn],
      ['head', ['office_head'], nn],
      ['liaison', ['liaison'], nn],
      ['super', ['supervisor'], gx],
      ['stranger', ['office_staff'], other],
    ] as const) {
      await userWithRoles(t.services, organ, name, [...roles]);
      agents[name] = new Agent(t.app);
      await (agents[name] as Agent).login(name);
    }
  });
  after(() => t.close());

  it('uploads a report with last year’s: 303 to the result, findings with their state and evidence, stored and audited', async () => {
    const res = await check('clerk', [
      { name: 'html', value: '' },
      { name: 'year', value: '' },
      { name: 'file', file: { filename: '2023年报.html', data: fixture('inconsistent-2023.html') } },
      { name: 'previous', file: { filename: '2022年报.html', data: fixture('consistent-2022.html') } },
    ]);
    assert.equal(res.statusCode, 303, res.body);
    const id = runId(res.headers.location);
    const page = await (agents.clerk as Agent).get(`${HREF}/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /2023年政府信息公开工作年度报告/);
    assert.match(page.body, /不一致 8/);
    assert.match(page.body, /写32，而表三“一、本年新收政府信息公开申请数量”总计为31/);
    assert.match(page.body, /<code>table3\.received\.total<\/code>：31/);
    assert.match(page.body, /上一年度报告：2022年报\.html/);
    const row = await t.db.db.selectFrom('report_checks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(
      [Number(row.organ_id), row.year, row.format, row.source_kind, row.source_name],
      [nn, 2023, '2021', 'html', '2023年报.html'],
    );
    const expected = await checkReportFile(fixture('inconsistent-2023.html'), { previous: fixture('consistent-2022.html') });
    assert.deepEqual(JSON.parse(row.result).findings, expected.findings);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_name', 'after_json'])
      .where('action', '=', 'report_check.run')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_name, 'clerk');
    assert.deepEqual(JSON.parse(audit[0]?.after_json ?? '{}').failed, 8);
    // the list of past runs
    const list = await (agents.clerk as Agent).get(HREF);
    assert.match(list.body, new RegExp(`href="${HREF}/${id}"`));
  });

  it('pasted HTML and an uploaded .docx (told apart by content) are checked alike', async () => {
    const pasted = await check('head', [{ name: 'html', value: fixture('consistent-2022.html').toString('utf8') }]);
    assert.equal(pasted.statusCode, 303, pasted.body);
    const docx = await docxFromHtml(
      fixture('consistent-2022.html').toString('utf8'),
      '某区住房和城乡建设局2022年政府信息公开工作年度报告',
    );
    const uploaded = await check('head', [{ name: 'file', file: { filename: 'report', data: docx } }]);
    assert.equal(uploaded.statusCode, 303, uploaded.body);
    const rows = await t.db.db
      .selectFrom('report_checks')
      .select(['id', 'source_kind', 'source_name', 'result'])
      .where('id', 'in', [runId(pasted.headers.location), runId(uploaded.headers.location)])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.source_kind, r.source_name]),
      [
        ['html', '（粘贴的网页）'],
        ['docx', 'report'],
      ],
    );
    assert.deepEqual(JSON.parse(rows[0]?.result ?? '{}').tables, JSON.parse(rows[1]?.result ?? '{}').tables);
  });

  it('bad input: a clear Chinese message and status 422, what was typed kept; no token, nothing read', async () => {
    const none = await check('clerk', [{ name: 'html', value: '  ' }]);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /请粘贴年报网页的 HTML，或上传年报文件/);
    const pdf = await check('clerk', [
      { name: 'year', value: '2023' },
      { name: 'file', file: { filename: 'r.pdf', data: Buffer.from('%PDF-1.7\n') } },
    ]);
    assert.equal(pdf.statusCode, 422);
    assert.match(pdf.body, /无法识别该文件：请提供 HTML 网页或 Word（\.docx）格式的年度报告/);
    assert.match(pdf.body, /value="2023"/);
    const year = await check('clerk', [
      { name: 'html', value: '<p>某报告</p>' },
      { name: 'year', value: '23' },
    ]);
    assert.equal(year.statusCode, 422);
    assert.match(year.body, /年度应为四位数字/);
    assert.match(year.body, /&lt;p>某报告&lt;\/p>|&lt;p&gt;某报告&lt;\/p&gt;/);
    const noToken = await check(
      'clerk',
      [{ name: 'file', file: { filename: 'a.html', data: fixture('consistent-2022.html') } }],
      false,
    );
    assert.equal(noToken.statusCode, 403);
  });

  it('confirm or dismiss a finding with a note: stored, audited, shown; a dismissal needs a reason', async () => {
    const res = await check('clerk', [{ name: 'file', file: { filename: 'x.html', data: fixture('inconsistent-2023.html') } }]);
    const id = runId(res.headers.location);
    const url = `${HREF}/${id}`;
    const clerk = agents.clerk as Agent;
    const noReason = await clerk.submit(url, `${url}/review`, { key: 'text.section5', decision: 'dismissed', note: '' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /排除一项核查结果时请写明理由/);
    const confirmed = await clerk.submit(url, `${url}/review`, {
      key: 'text.section5',
      decision: 'confirmed',
      note: '第五部分漏写',
    });
    assert.equal(confirmed.statusCode, 303);
    const dismissed = await clerk.submit(url, `${url}/review`, {
      key: 'text.section5',
      decision: 'dismissed',
      note: '已在更正版中补写',
    });
    assert.equal(dismissed.statusCode, 303);
    const page = await clerk.get(`${url}?ok=reviewed`);
    assert.match(page.body, /已记录您的决定/);
    assert.match(page.body, /已排除（用户clerk，[^）]+）：已在更正版中补写/);
    const reviews = await t.db.db.selectFrom('report_finding_reviews').selectAll().where('check_id', '=', id).execute();
    assert.deepEqual(
      reviews.map((r) => [r.finding_key, r.decision, r.note]),
      [['text.section5', 'dismissed', '已在更正版中补写']],
    );
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['subject_id', 'before_json', 'after_json'])
      .where('action', '=', 'report_check.review')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => [
        a.subject_id,
        a.before_json && JSON.parse(a.before_json).decision,
        JSON.parse(a.after_json ?? '{}').decision,
      ]),
      [
        [`${id}:text.section5`, null, 'confirmed'],
        [`${id}:text.section5`, 'confirmed', 'dismissed'],
      ],
    );
    // a finding the run does not hold (a stale page): the form says so, nothing is stored
    const unknown = await clerk.submit(url, `${url}/review`, { key: 'no.such', decision: 'confirmed', note: '' });
    assert.equal(unknown.statusCode, 422);
    const stored = await t.db.db
      .selectFrom('report_finding_reviews')
      .select('finding_key')
      .where('finding_key', '=', 'no.such')
      .execute();
    assert.deepEqual(stored, []);
  });

  it('is organ-scoped: other organs and roles without the checker get 403; supervisors above read', async () => {
    const res = await check('clerk', [{ name: 'file', file: { filename: 'y.html', data: fixture('consistent-2022.html') } }]);
    const url = `${HREF}/${runId(res.headers.location)}`;
    assert.equal((await (agents.stranger as Agent).get(url)).statusCode, 403);
    assert.equal((await (agents.liaison as Agent).get(HREF)).statusCode, 403);
    const sup = await (agents.super as Agent).get(url);
    assert.equal(sup.statusCode, 200);
    assert.ok(!sup.body.includes(`action="${url}/review"`), 'a supervisor above reads but does not decide');
    const stranger = agents.stranger as Agent;
    const page = await stranger.get(HREF);
    const review = await stranger.post(`${url}/review`, {
      _csrf: csrfFrom(page.body),
      key: 'text.fees',
      decision: 'confirmed',
      note: '',
    });
    assert.equal(review.statusCode, 403);
    const home = await (agents.clerk as Agent).get('/staff');
    assert.match(home.body, /href="\/staff\/reports\/check"[^>]*>年报核查/);
  });

  it('a supervisor checks every published report below, and each parent against the sum of its children', async () => {
    const read = async (name: string) => (await checkReportFile(fixture(name))).tables;
    const base = await read('consistent-2022.html');
    const snapshot = (organId: number, year: number, scale: number): AnnualReport => ({
      organ: { code: String(organId), name: String(organId), kind: 'department' },
      year,
      format: '2021',
      table2: base.table2 as AnnualReport['table2'],
      table3: {
        columns: base.table3?.columns ?? [],
        rows: Object.fromEntries(
          TABLE3_ROW_CODES.map((r) => [r, (base.table3?.rows[r] ?? []).map((v) => v * scale)]),
        ) as AnnualReport['table3']['rows'],
      },
      table4: base.table4 as AnnualReport['table4'],
      checks: [],
    });
    const at = '2024-01-15T00:00:00.000Z';
    const insert = (organId: number, year: number, snap: AnnualReport, state = 'published') =>
      t.db.db
        .insertInto('annual_reports')
        .values({
          organ_id: organId,
          year,
          format: '2021',
          state: state as 'published',
          sections: null,
          snapshot: JSON.stringify(snap),
          publication_id: null,
          created_by: null,
          submitted_by: null,
          approved_by: null,
          approved_at: at,
          published_at: at,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
    // the parent's table 3 is twice the consistent report, its children once each: equal, except table 4
    await insert(gx, 2023, snapshot(gx, 2023, 2));
    await insert(nn, 2023, snapshot(nn, 2023, 1));
    await insert(bb, 2023, snapshot(bb, 2023, 1));
    // nn published 2022 with a carried-over row of 2 (this year's carried-in is 2): passes
    const prev = snapshot(nn, 2022, 1);
    prev.table3.rows.carried_over = [2, 0, 0, 0, 0, 0, 2];
    await insert(nn, 2022, prev);
    await insert(bb, 2022, snapshot(bb, 2022, 5), 'draft');

    const sup = agents.super as Agent;
    const page = await sup.get(HREF);
    assert.match(page.body, /核查下级机关已发布的年报/);
    const bad = await sup.post(`${HREF}/subordinates`, { _csrf: csrfFrom(page.body), subYear: '20x' });
    assert.equal(bad.statusCode, 422);
    const res = await sup.post(`${HREF}/subordinates`, { _csrf: csrfFrom(page.body), subYear: '2023' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${HREF}?ok=subordinates&n=3`);
    const runs = await t.db.db
      .selectFrom('report_checks')
      .select(['subject_organ_id', 'source_kind', 'result'])
      .where('source_kind', '=', 'generated')
      .orderBy('subject_organ_id')
      .execute();
    assert.deepEqual(
      runs.map((r) => Number(r.subject_organ_id)),
      [gx, nn, bb],
    );
    const findings = (organId: number) =>
      JSON.parse(runs.find((r) => Number(r.subject_organ_id) === organId)?.result ?? '{}').findings as Array<{
        key: string;
        state: string;
        message: string;
      }>;
    const parent = findings(gx).filter((f) => f.key.startsWith('aggregate'));
    assert.deepEqual(
      parent.map((f) => f.key),
      [
        'aggregate:table4.reconsideration.upheld',
        'aggregate:table4.reconsideration.pending',
        'aggregate:table4.reconsideration.total',
        'aggregate:table4.litigation_direct.upheld',
        'aggregate:table4.litigation_direct.total',
      ],
    );
    assert.match(parent[2]?.message ?? '', /表四“行政复议”“总计”：测试机关gx为2，而下级机关合计为4（测试机关nn2、测试机关bb2）/);
    assert.equal(findings(nn).find((f) => f.key === 'table3.carried_in')?.state, 'pass');
    assert.equal(findings(bb).find((f) => f.key === 'table3.carried_in')?.state, 'not_assessable');
    assert.ok(!findings(nn).some((f) => f.key.startsWith('aggregate')), 'an organ without children is not compared');
    const listed = await sup.get(`${HREF}?ok=subordinates&n=3`);
    assert.match(listed.body, /已核查 3 份已发布的年度报告/);
    assert.match(listed.body, /系统内已发布的年报/);
    // staff below cannot run the supervisor's check
    const clerk = agents.clerk as Agent;
    const clerkPage = await clerk.get(HREF);
    assert.ok(!clerkPage.body.includes('核查下级机关已发布的年报'));
    const refused = await clerk.post(`${HREF}/subordinates`, { _csrf: csrfFrom(clerkPage.body), subYear: '2023' });
    assert.equal(refused.statusCode, 403);
  });
});
