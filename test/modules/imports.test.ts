import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { summary } from '../../src/modules/imports/imports.cli.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { decryptPii } from '../../src/platform/crypto.js';
import type { AppError } from '../../src/platform/http/errors.js';
import { Agent, buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';

const REQ_HEADER = 'reference,received_on,applicant_type,channel,closed_on,outcome';
const APP_HEADER = 'reference,kind,filed_on,result,decided_on,request_reference';
const csv = (header: string, ...rows: string[]) => [header, ...rows].join('\n');

describe('imports: requests and appeals from CSV (service)', () => {
  let t: TestApp;
  let organId: number;
  let otherId: number;
  const ctx: Record<string, Ctx> = {};

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    organId = (await organWithUnits(t.services, 'gx')).organ.id;
    otherId = (await organWithUnits(t.services, 'cz')).organ.id;
    for (const [name, roles, org] of [
      ['clerk', ['office_staff'], organId],
      ['leader', ['leader'], organId],
      ['stranger', ['office_head'], otherId],
    ] as const) {
      const u = await userWithRoles(t.services, org, name, [...roles]);
      const a = await t.services.auth.actorFor(u.id);
      assert.ok(a);
      ctx[name] = actorCtx(a, null, null);
    }
  });
  after(() => t.close());

  const imp = () => t.services.imports;
  const requests = (organ = organId) =>
    t.db.db.selectFrom('requests').selectAll().where('organ_id', '=', organ).orderBy('reference').execute();
  const audits = (action: string) =>
    t.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  it('imports requests: closed ones closed, open ones open with due dates, marked as imported, one audit record', async () => {
    const file = `\uFEFF${csv(
      REQ_HEADER,
      'gx-2017-00001,2017-03-01,natural_person,in_person,2017-03-10,granted',
      'gx-2017-00031,2017-12-28,legal_services,registered_post,2018-01-15,unable.not_held',
      'OLD-9,2026-02-10,commercial,online,,',
    ).replaceAll('\n', '\r\n')}\r\n`;
    const r = await imp().importRequests(ctx.clerk as Ctx, { organId, fileName: '2017年申请.csv', content: Buffer.from(file) });
    assert.deepEqual(
      { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, bad: r.bad, written: r.written },
      { rows: 3, created: 3, updated: 0, unchanged: 0, bad: [], written: true },
    );
    const rows = await requests();
    assert.deepEqual(
      rows.map((x) => [x.reference, x.state, x.received_on, x.closed_on, x.outcome, x.applicant_type, x.channel, x.rules]),
      [
        ['OLD-9', 'registered', '2026-02-10', null, null, 'commercial', 'online', '2019'],
        ['gx-2017-00001', 'closed', '2017-03-01', '2017-03-10', 'granted', 'natural_person', 'in_person', '2008'],
        ['gx-2017-00031', 'closed', '2017-12-28', '2018-01-15', 'unable.not_held', 'legal_services', 'registered_post', '2008'],
      ],
    );
    const open = rows[0];
    assert.ok(open?.reply_due && open.reply_due > '2026-03-01', 'the open case has a due date from the clock');
    for (const x of rows) {
      assert.equal(x.applicant_name, '（导入）');
      assert.equal(x.id_masked, '（未录入）');
      assert.equal(decryptPii(t.config.secret, x.id_number_enc), '');
    }
    assert.notEqual(rows[1]?.id_hash, rows[2]?.id_hash, 'imported applicants are not taken for one person');
    const events = await t.db.db.selectFrom('request_events').selectAll().where('action', '=', 'import').execute();
    assert.equal(events.length, 3);
    assert.match(events[0]?.note ?? '', /2017年申请\.csv/);
    const a = await audits('import.requests');
    assert.equal(a.length, 1);
    assert.equal(a[0]?.actor_name, 'clerk');
    assert.deepEqual(JSON.parse(a[0]?.after_json ?? '{}'), {
      file: '2017年申请.csv',
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      bad: 0,
      badLines: [],
      skipBadRows: false,
    });
    // the organ's counter moved past the imported numbers: the next request of 2017 gets 00032
    const counter = await t.db.db.selectFrom('request_counters').selectAll().where('organ_id', '=', organId).execute();
    assert.deepEqual(
      counter.map((c) => [Number(c.year), Number(c.last_serial)]),
      [[2017, 31]],
    );
  });

  it('re-import is idempotent by reference: unchanged rows stay, changed rows are updated, nothing duplicates', async () => {
    const same = csv(
      REQ_HEADER,
      'gx-2017-00001,2017-03-01,natural_person,in_person,2017-03-10,granted',
      'OLD-9,2026-02-10,commercial,online,,',
    );
    const again = await imp().importRequests(ctx.clerk as Ctx, { organId, fileName: 'a.csv', content: same });
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2]);
    const before = (await requests()).find((x) => x.reference === 'OLD-9');
    const changed = csv(REQ_HEADER, 'OLD-9,2026-02-10,research,online,2026-02-27,partial');
    const upd = await imp().importRequests(ctx.clerk as Ctx, { organId, fileName: 'b.csv', content: changed });
    assert.deepEqual([upd.created, upd.updated, upd.unchanged], [0, 1, 0]);
    const after = (await requests()).find((x) => x.reference === 'OLD-9');
    assert.equal(after?.state, 'closed');
    assert.equal(after?.outcome, 'partial');
    assert.equal(after?.applicant_type, 'research');
    assert.equal(after?.version, (before?.version ?? 0) + 1);
    assert.equal(after?.id, before?.id);
    assert.equal((await requests()).length, 3);
    // reopened by a later file: an open state again
    await imp().importRequests(ctx.clerk as Ctx, {
      organId,
      fileName: 'c.csv',
      content: csv(REQ_HEADER, 'OLD-9,2026-02-10,research,online,,'),
    });
    assert.equal((await requests()).find((x) => x.reference === 'OLD-9')?.state, 'registered');
    assert.equal((await audits('import.requests')).length, 4);
  });

  it('reports every bad row with its line number and reason, and writes nothing (all or nothing)', async () => {
    const file = csv(
      REQ_HEADER,
      'N-1,2025-01-02,natural_person,online,,', // 2: good
      'N-2,2025-01-02,robot,online,,', // 3
      'N-3,2025-01-02,natural_person,pigeon,,', // 4
      'N-4,2025-02-30,natural_person,online,,', // 5
      'N-5,2025-01-02,natural_person,online,2025/01/09,granted', // 6
      'N-6,2025-01-10,natural_person,online,2025-01-09,granted', // 7
      'N-7,2025-01-02,natural_person,online,,granted', // 8
      'N-8,2025-01-02,natural_person,online,2025-01-09,', // 9
      'N-9,2025-01-02,natural_person,online,2025-01-09,refused', // 10
      'N-1,2025-01-02,natural_person,online,,', // 11
      ',2025-01-02,natural_person,online,,', // 12
      'N-12,2025-01-02,natural_person,online', // 13
      '', // 14 blank: skipped
      'N-14,2027-01-02,natural_person,online,,', // 15
      'N-15,2025-01-02,natural_person,"online,,', // 16: the quote is never closed
    );
    const countBefore = (await requests()).length;
    const auditsBefore = (await audits('import.requests')).length;
    const r = await imp().importRequests(ctx.clerk as Ctx, { organId, fileName: 'bad.csv', content: file });
    assert.equal(r.written, false);
    const byLine = new Map(r.bad.map((b) => [b.line, b.reason]));
    const expect: Array<[number, RegExp]> = [
      [3, /申请人类型（applicant_type）“robot”不是有效代码/],
      [4, /申请渠道（channel）“pigeon”不是有效代码/],
      [5, /收到申请日期（received_on）“2025-02-30”不是 YYYY-MM-DD 格式的真实日期/],
      [6, /办结日期（closed_on）“2025\/01\/09”不是/],
      [7, /办结日期 2025-01-09 早于收到申请日期 2025-01-10/],
      [8, /有办理结果（outcome）但没有办结日期（closed_on）/],
      [9, /有办结日期（closed_on）但没有办理结果（outcome）/],
      [10, /办理结果（outcome）“refused”不是有效代码/],
      [11, /编号 “N-1” 与第 2 行重复/],
      [12, /编号（reference）为空/],
      [13, /应有 6 列，实有 4 列/],
      [15, /晚于今天（2026-03-02）/],
      [16, /引号未闭合/],
    ];
    for (const [line, re] of expect) assert.match(byLine.get(line) ?? `(第 ${line} 行没有报告)`, re);
    assert.deepEqual(
      r.bad.map((b) => b.line),
      expect.map(([l]) => l),
    );
    assert.equal((await requests()).length, countBefore, 'nothing written');
    assert.equal((await audits('import.requests')).length, auditsBefore, 'no audit record for an import refused');

    const header = await imp().importRequests(ctx.clerk as Ctx, {
      organId,
      fileName: 'h.csv',
      content: 'reference,received,applicant_type,channel,closed_on,outcome,extra\nX,2025-01-01,natural_person,online,,,',
    });
    assert.equal(header.bad.length, 1);
    assert.equal(header.bad[0]?.line, 1);
    assert.match(header.bad[0]?.reason ?? '', /表头缺少列：received_on；表头含有不认识的列：“received”、“extra”/);
    const none = await imp().importRequests(ctx.clerk as Ctx, {
      organId,
      fileName: 'h.csv',
      content: csv(REQ_HEADER, 'Z,2025-01-01,x,online,,'),
      skipBadRows: true,
    });
    assert.equal(none.written, false);
    assert.match(summary(none), /没有无误的行/);
    assert.equal((await audits('import.requests')).length, auditsBefore);
  });

  it('a reference used by another organ is a bad row; --skip-bad-rows writes the good rows and lists the bad', async () => {
    await imp().importRequests(systemCtx('test'), {
      organId: otherId,
      fileName: 'cz.csv',
      content: csv(REQ_HEADER, 'CZ-1,2025-01-02,natural_person,online,,'),
    });
    const file = csv(
      REQ_HEADER,
      'S-1,2025-03-01,commercial,fax,2025-03-20,granted',
      'CZ-1,2025-01-02,natural_person,online,,',
      'S-2,2025-03-01,x,fax,,',
    );
    const refused = await imp().importRequests(ctx.clerk as Ctx, { organId, fileName: 's.csv', content: file });
    assert.equal(refused.written, false);
    assert.deepEqual(
      refused.bad.map((b) => b.line),
      [3, 4],
    );
    assert.match(refused.bad[0]?.reason ?? '', /已被其他机关的申请使用/);
    const skipped = await imp().importRequests(ctx.clerk as Ctx, {
      organId,
      fileName: 's.csv',
      content: file,
      skipBadRows: true,
    });
    assert.equal(skipped.written, true);
    assert.deepEqual([skipped.created, skipped.bad.length], [1, 2]);
    assert.ok((await requests()).some((x) => x.reference === 'S-1'));
    assert.equal((await requests(otherId)).length, 1, 'the other organ keeps its request');
    const a = (await audits('import.requests')).at(-1);
    assert.deepEqual(JSON.parse(a?.after_json ?? '{}').badLines, [3, 4]);
  });

  it('only the office of the organ may import', async () => {
    const file = csv(REQ_HEADER, 'P-1,2025-03-01,commercial,fax,,');
    for (const who of ['leader', 'stranger'])
      await assert.rejects(
        imp().importRequests(ctx[who] as Ctx, { organId, fileName: 'p.csv', content: file }),
        (e: AppError) => e.code === 'forbidden',
      );
    await assert.rejects(
      imp().importAppeals(ctx.stranger as Ctx, { organId, fileName: 'p.csv', content: csv(APP_HEADER) }),
      (e: AppError) => e.code === 'forbidden',
    );
  });

  it('imports appeals linked to requests, idempotently, feeding table 4; bad rows by line', async () => {
    const file = csv(
      APP_HEADER,
      'FY-1,reconsideration,2017-05-01,upheld,2017-07-01,gx-2017-00001',
      'FY-2,reconsideration,2017-12-01,corrected,2018-02-01,',
      'SS-1,litigation_direct,2017-06-01,,,',
      'SS-2,litigation_after_reconsideration,2017-08-01,other,2017-10-01,gx-2017-00031',
    );
    const r = await imp().importAppeals(ctx.clerk as Ctx, { organId, fileName: 'appeals.csv', content: file });
    assert.deepEqual([r.created, r.updated, r.unchanged, r.bad.length], [4, 0, 0, 0]);
    assert.deepEqual(await t.services.appeals.table4(organId, 2017), {
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
      litigation_after_reconsideration: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
    });
    const list = await t.services.appeals.list(ctx.clerk as Ctx, organId, { year: 2017 });
    assert.equal(list.find((v) => v.row.reference === 'FY-1')?.requestReference, 'gx-2017-00001');
    const again = await imp().importAppeals(ctx.clerk as Ctx, { organId, fileName: 'appeals.csv', content: file });
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 4]);
    const changed = await imp().importAppeals(ctx.clerk as Ctx, {
      organId,
      fileName: 'appeals2.csv',
      content: csv(APP_HEADER, 'SS-1,litigation_direct,2017-06-01,upheld,2017-11-30,'),
    });
    assert.deepEqual([changed.created, changed.updated], [0, 1]);
    assert.equal((await t.services.appeals.table4(organId, 2017)).litigation_direct.upheld, 1);
    assert.equal((await t.services.appeals.list(ctx.clerk as Ctx, organId)).length, 4);
    assert.equal((await audits('import.appeals')).length, 3);

    const bad = csv(
      APP_HEADER,
      'B-1,appeal,2017-05-01,,,', // 2
      'B-2,reconsideration,2017-13-01,,,', // 3
      'B-3,reconsideration,2017-05-01,won,2017-06-01,', // 4
      'B-4,reconsideration,2017-05-01,upheld,2017-04-01,', // 5
      'B-5,reconsideration,2017-05-01,upheld,,', // 6
      'B-6,reconsideration,2017-05-01,,2017-06-01,', // 7
      'B-7,reconsideration,2017-05-01,,,gx-2099-00001', // 8
      'B-7,reconsideration,2017-05-01,,,', // 9
      'B-9,reconsideration,2017-05-01,,,', // 10: good
    );
    const res = await imp().importAppeals(ctx.clerk as Ctx, { organId, fileName: 'bad.csv', content: bad });
    assert.equal(res.written, false);
    const byLine = new Map(res.bad.map((b) => [b.line, b.reason]));
    const expect: Array<[number, RegExp]> = [
      [2, /案件类型（kind）“appeal”不是有效代码/],
      [3, /立案日期（filed_on）“2017-13-01”不是 YYYY-MM-DD 格式的真实日期/],
      [4, /审理结果（result）“won”不是有效代码/],
      [5, /审结日期 2017-04-01 早于立案日期 2017-05-01/],
      [6, /有审理结果（result）但没有审结日期（decided_on）/],
      [7, /有审结日期（decided_on）但没有审理结果（result）/],
      [8, /申请编号（request_reference）“gx-2099-00001”在本机关的申请中不存在/],
      [9, /编号 “B-7” 与第 8 行重复/],
    ];
    for (const [line, re] of expect) assert.match(byLine.get(line) ?? `(第 ${line} 行没有报告)`, re);
    assert.deepEqual(
      res.bad.map((b) => b.line),
      expect.map(([l]) => l),
    );
    assert.equal((await t.services.appeals.list(ctx.clerk as Ctx, organId)).length, 4, 'nothing written');
    const skip = await imp().importAppeals(ctx.clerk as Ctx, { organId, fileName: 'bad.csv', content: bad, skipBadRows: true });
    assert.deepEqual([skip.created, skip.bad.length], [1, 8]);
    assert.equal((await t.services.appeals.list(ctx.clerk as Ctx, organId)).length, 5);
  });

  it('back office: paste a CSV, see every bad line in a table, the pasted text kept; CSRF; office only', async () => {
    const clerk = new Agent(t.app);
    await clerk.login('clerk');
    const form = await clerk.get('/staff/imports');
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('href="/staff/imports"'), 'nav entry');
    const bad = csv(REQ_HEADER, 'W-1,2025-04-01,natural_person,online,,', 'W-2,2025-04-01,<script>,online,,');
    const refused = await clerk.submit('/staff/imports', '/staff/imports', {
      kind: 'requests',
      fileName: 'web.csv',
      content: bad,
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<th scope="row">第 3 行<\/th>\s*<td>申请人类型（applicant_type）“&lt;script>”不是有效代码/);
    assert.ok(refused.body.includes('W-1,2025-04-01,natural_person,online,,'), 'the pasted text is kept');
    assert.ok(refused.body.includes('勾选“跳过有误的行”'));
    assert.ok(!(await requests()).some((x) => x.reference === 'W-1'));
    const skipped = await clerk.submit('/staff/imports', '/staff/imports', {
      kind: 'requests',
      fileName: 'web.csv',
      content: bad,
      skipBadRows: '1',
    });
    assert.equal(skipped.statusCode, 200);
    assert.ok(skipped.body.includes('新增 1 条'));
    assert.ok((await requests()).some((x) => x.reference === 'W-1'));
    const last = (await audits('import.requests')).at(-1);
    assert.equal(last?.actor_name, 'clerk');
    assert.equal(last?.subject_id, 'web.csv');
    const empty = await clerk.submit('/staff/imports', '/staff/imports', { kind: 'x', content: ' ' });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.body.includes('请粘贴 CSV 内容'));
    assert.equal((await clerk.post('/staff/imports', { kind: 'requests', content: bad })).statusCode, 403, 'no CSRF token');
    const leader = new Agent(t.app);
    await leader.login('leader');
    assert.equal((await leader.get('/staff/imports')).statusCode, 403);
  });
});
