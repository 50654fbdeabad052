// 重新办理: the office head reopens a closed case from its page (a reconsideration decision ordered
// a new reply); the annual report counts the reopening as a request received that year.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemCtx } from '../../src/platform/context.js';
import { Agent, buildTestApp, csrfFrom, type TestApp, userWithRoles } from '../support/app.js';

describe('reopening a closed request', () => {
  let t: TestApp;
  let organId: number;
  let caseId: number;
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const organ = await t.services.organs.create(systemCtx('test'), { code: 'rop', name: '重办测试局', kind: 'department' });
    organId = organ.id;
    await userWithRoles(t.services, organId, 'rop-head', ['office_head']);
    await userWithRoles(t.services, organId, 'rop-clerk', ['office_staff']);
    await t.services.imports.importRequests(systemCtx('test'), {
      organId,
      fileName: 'r.csv',
      content: Buffer.from(
        'reference,received_on,applicant_type,channel,closed_on,outcome\nROP-1,2025-10-09,natural_person,online,2025-11-03,unable.not_held',
      ),
    });
    const row = await t.db.db.selectFrom('requests').select('id').where('reference', '=', 'ROP-1').executeTakeFirstOrThrow();
    caseId = Number(row.id);
  });
  after(() => t.close());

  it('only the office head is offered the step; it needs its ground and a confirmation', async () => {
    const clerk = new Agent(t.app);
    await clerk.login('rop-clerk');
    assert.doesNotMatch((await clerk.get(`/staff/requests/${caseId}`)).body, /action="[^"]*\/reopen"/);
    const head = new Agent(t.app);
    await head.login('rop-head');
    const page = await head.get(`/staff/requests/${caseId}`);
    assert.match(page.body, /action="[^"]*\/reopen"/);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '1';
    const refused = await head.post(`/staff/requests/${caseId}/reopen`, {
      _csrf: csrfFrom(page.body),
      version,
      reason: '',
      confirm: '1',
    });
    assert.ok([409, 422].includes(refused.statusCode), String(refused.statusCode));
    assert.match(refused.body, /重新办理的依据/);
    const ok = await head.post(`/staff/requests/${caseId}/reopen`, {
      _csrf: csrfFrom(page.body),
      version,
      reason: '桂住建复决〔2026〕3号行政复议决定书责令重新答复',
      confirm: '1',
    });
    assert.equal(ok.statusCode, 303);
    const r = await t.db.db
      .selectFrom('requests')
      .select(['state', 'closed_on', 'outcome'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([r.state, r.closed_on, r.outcome], ['assigned', null, null]);
  });

  it('the year closed keeps its outcome; the year reopened counts it as received', async () => {
    const y2025 = await t.services.reports.generate(systemCtx('test'), organId, 2025);
    assert.equal(y2025.table3.rows['unable.not_held'][6], 1);
    assert.equal(y2025.table3.rows.carried_over[6], 0);
    const y2026 = await t.services.reports.generate(systemCtx('test'), organId, 2026);
    assert.equal(y2026.table3.rows.received[6], 1);
    assert.equal(y2026.table3.rows.carried_in[6], 0);
    assert.equal(y2026.table3.rows.carried_over[6], 1);
  });
});
