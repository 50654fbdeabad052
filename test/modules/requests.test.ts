import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { computeClock } from '../../src/modules/requests/requests.clock.js';
import { onlineReceiptDate } from '../../src/modules/requests/requests.service.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import type { AppError } from '../../src/platform/http/errors.js';
import { buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application, ID } from './requests.fixtures.js';

describe('requests: intake, handling and the legal clock (service)', () => {
  let t: TestApp;
  let organId: number;
  let otherOrganId: number;
  let businessUnitId: number;
  const ctx: Record<string, Ctx> = {};
  const ids: Record<string, number> = {};
  const meta = { ip: '203.0.113.9', requestId: null };

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const { organ, business } = await organWithUnits(t.services, 'jt');
    const other = await organWithUnits(t.services, 'cz');
    organId = organ.id;
    otherOrganId = other.organ.id;
    businessUnitId = business.id;
    for (const [name, roles, org] of [
      ['clerk', ['office_staff'], organId],
      ['head', ['office_head'], organId],
      ['liaison', ['liaison'], organId],
      ['stranger', ['office_head'], otherOrganId],
    ] as const) {
      const u = await userWithRoles(t.services, org, name, [...roles]);
      ids[name] = u.id;
      const a = await t.services.auth.actorFor(u.id);
      assert.ok(a);
      ctx[name] = actorCtx(a, null, null);
    }
    await t.services.organs.updateUnit(systemCtx('test'), businessUnitId, {
      name: '业务处',
      kind: 'business',
      liaisonUserId: String(ids.liaison),
      version: '1',
    });
  });
  after(() => t.close());

  const s = () => t.services.requests;
  const clockOf = async (id: number) => {
    const view = await s().view(systemCtx('test'), id);
    const events = view.events.flatMap((e) => (e.clock ? [e.clock] : []));
    return {
      view,
      expected: computeClock({ rules: '2019', received: view.row.received_on, events }, await t.services.calendar.calendar()),
    };
  };
  const at = (iso: string) => t.clock.set(iso);

  it('an online request: reference number, tracking token, encrypted identity, due dates from the clock', async () => {
    at('2026-03-02T02:00:00.000Z');
    const { row, token } = await s().submitOnline(organId, application(), meta);
    assert.match(row.reference, /^jt-2026-00001$/);
    assert.equal(row.received_on, '2026-03-02');
    assert.equal(row.state, 'registered');
    assert.ok(token.length >= 30);
    assert.notEqual(row.tracking_hash, token);
    assert.ok(!row.id_number_enc.includes(ID));
    assert.equal(row.id_masked, '450*************34');
    const stored = await t.db.db.selectFrom('requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes(ID), 'the number is nowhere in the row');
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'request').execute();
    assert.ok(!JSON.stringify(audit).includes(ID), 'nor in the audit log');
    const { expected } = await clockOf(row.id);
    assert.equal(row.reply_due, expected.replyDue);
    assert.equal(row.correction_due, expected.correctionNoticeDue);
    assert.ok(row.reply_due && row.reply_due > '2026-03-27');
    const track = await s().track(token);
    assert.equal(track?.reference, row.reference);
    assert.equal(track?.replyDue, row.reply_due);
    assert.equal(await s().track('x'.repeat(32)), undefined);
  });

  it('online requests after office hours or on a day off count from the next working day (Art 31)', async () => {
    const cal = await t.services.calendar.calendar();
    assert.equal(onlineReceiptDate(cal, new Date('2026-03-02T09:29:00Z')).date, '2026-03-02');
    assert.equal(onlineReceiptDate(cal, new Date('2026-03-02T09:31:00Z')).date, '2026-03-03');
    assert.equal(onlineReceiptDate(cal, new Date('2026-03-07T02:00:00Z')).date, '2026-03-09');
  });

  it('intake → assign → correction → extension → decision → approval → reply → close, due dates from history', async () => {
    at('2026-03-02T02:00:00.000Z');
    const { row: r0, token: token0 } = await s().registerByStaff(ctx.clerk as Ctx, organId, {
      ...application({ applicantName: '李四', idNumber: '450103198502023456', infoTitle: '某小区规划许可证' }),
      channel: 'registered_post',
      receivedDate: '2026-02-27',
    });
    assert.equal(r0.received_on, '2026-02-27');
    assert.match(r0.received_rule, /签收之日/);
    let r = await s().assign(ctx.clerk as Ctx, r0.id, { version: r0.version, unitId: String(businessUnitId) });
    assert.equal(r.state, 'assigned');
    assert.equal(r.unit_id, businessUnitId);

    at('2026-03-04T02:00:00.000Z');
    r = await s().requestCorrection(ctx.clerk as Ctx, r.id, {
      version: r.version,
      on: '2026-03-04',
      deadline: '2026-03-18',
      reason: '请写明规划许可证对应的小区名称。',
    });
    assert.equal(r.state, 'awaiting_correction');
    assert.equal(r.reply_due, null, 'no reply is due while a correction is awaited');
    assert.equal(r.correction_due, '2026-03-18');
    const waiting = await s().track(token0);
    assert.equal(waiting?.awaiting, 'correction');
    assert.equal(waiting?.correctionDue, '2026-03-18');
    assert.equal(waiting?.replyDue, null);
    await assert.rejects(
      s().requestCorrection(ctx.clerk as Ctx, r.id, { version: r.version, on: '2026-03-04', reason: '再次补正' }),
      (e: AppError) => e.code === 'conflict',
    );

    at('2026-03-10T02:00:00.000Z');
    r = await s().receiveCorrection(ctx.clerk as Ctx, r.id, { version: r.version, on: '2026-03-10' });
    assert.equal(r.state, 'assigned');
    let { expected } = await clockOf(r.id);
    assert.equal(r.reply_due, expected.replyDue);
    assert.equal(expected.clockStart, '2026-03-10');
    const beforeExtension = r.reply_due as string;

    // the extension needs the office head
    await assert.rejects(
      s().extend(ctx.clerk as Ctx, r.id, { version: r.version, on: '2026-03-10', workingDays: '10', reason: '需调取档案' }),
      (e: AppError) => e.status === 403,
    );
    r = await s().extend(ctx.head as Ctx, r.id, {
      version: r.version,
      on: '2026-03-10',
      workingDays: '10',
      reason: '需调取档案',
    });
    ({ expected } = await clockOf(r.id));
    assert.equal(r.reply_due, expected.replyDue);
    assert.equal(r.reply_due, (await t.services.calendar.calendar()).addWorkingDays(beforeExtension, 10));

    r = await s().startDrafting(ctx.clerk as Ctx, r.id, { version: r.version });
    r = await s().decide(ctx.clerk as Ctx, r.id, {
      version: r.version,
      outcome: 'partial',
      legalGround: '《政府信息公开条例》第十五条',
      releasedParts: '规划许可证正本',
      withheldParts: '附图中的个人住址',
    });
    assert.equal(r.state, 'under_review');
    assert.equal(r.outcome, 'partial');
    assert.equal(r.withheld_parts, '附图中的个人住址');
    // four eyes: the drafter cannot approve a partial disclosure, nor can a non-head
    await assert.rejects(s().approve(ctx.clerk as Ctx, r.id, { version: r.version }), (e: AppError) =>
      /公开办负责人|双人审核/.test(e.message),
    );
    r = await s().approve(ctx.head as Ctx, r.id, { version: r.version });
    assert.equal(r.state, 'approved');
    at('2026-03-20T02:00:00.000Z');
    r = await s().reply(ctx.clerk as Ctx, r.id, { version: r.version, repliedOn: '2026-03-20', method: '电子邮件' });
    assert.equal(r.state, 'replied');
    assert.equal(r.replied_on, '2026-03-20');
    r = await s().close(ctx.clerk as Ctx, r.id, { version: r.version });
    assert.equal(r.state, 'closed');
    assert.equal(r.outcome, 'partial');

    const view = await s().view(ctx.clerk as Ctx, r.id);
    assert.deepEqual(
      view.events.map((e) => e.action),
      [
        'register',
        'assign',
        'request_correction',
        'receive_correction',
        'extend',
        'draft',
        'decide',
        'approve',
        'reply',
        'close',
      ],
    );
    assert.ok(
      view.messages.some((m) => m.body.includes('延长 10 个工作日')),
      'the extension notice goes to the applicant',
    );
    const audits = await t.db.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(r.id)).execute();
    for (const a of [
      'request.register',
      'request.assign',
      'request.extend',
      'request.decide',
      'request.approve',
      'request.reply',
    ])
      assert.ok(
        audits.some((x) => x.action === a),
        a,
      );
  });

  it('four eyes: the office head who drafted a refusal cannot approve it; another head can', async () => {
    at('2026-03-02T02:00:00.000Z');
    const head2 = await userWithRoles(t.services, organId, 'head2', ['office_head']);
    const head2Ctx = actorCtx((await t.services.auth.actorFor(head2.id)) as never, null, null);
    let { row: r } = await s().submitOnline(
      organId,
      application({ idNumber: '450103197001015555', infoTitle: '会议纪要' }),
      meta,
    );
    r = await s().startDrafting(ctx.head as Ctx, r.id, { version: r.version });
    await assert.rejects(
      s().decide(ctx.head as Ctx, r.id, { version: r.version, outcome: 'withheld.process_info' }),
      (e: AppError) => /法律依据/.test(e.message),
    );
    r = await s().decide(ctx.head as Ctx, r.id, {
      version: r.version,
      outcome: 'withheld.process_info',
      legalGround: '条例第十六条第二款',
    });
    await assert.rejects(s().approve(ctx.head as Ctx, r.id, { version: r.version }), (e: AppError) => /双人审核/.test(e.message));
    r = await s().approve(head2Ctx, r.id, { version: r.version });
    assert.equal(r.state, 'approved');
    // a stale version is refused
    await assert.rejects(
      s().returnDecision(head2Ctx, r.id, { version: r.version - 1, reason: '重拟' }),
      (e: AppError) => e.code === 'conflict',
    );
  });

  it("another organ's staff get 403; a liaison sees only the cases of their unit; only handlers see the number", async () => {
    const { row } = await s().submitOnline(
      organId,
      application({ idNumber: '450103196001016666', infoTitle: '桥梁检测报告' }),
      meta,
    );
    await assert.rejects(s().view(ctx.stranger as Ctx, row.id), (e: AppError) => e.status === 403);
    await assert.rejects(s().queue(ctx.stranger as Ctx, { organId }), (e: AppError) => e.status === 403);
    await assert.rejects(s().view(ctx.liaison as Ctx, row.id), (e: AppError) => e.status === 403);
    const assigned = await s().assign(ctx.clerk as Ctx, row.id, { version: row.version, unitId: String(businessUnitId) });
    const seen = await s().view(ctx.liaison as Ctx, assigned.id);
    assert.equal(seen.idUnmasked, false);
    assert.equal(seen.idNumber, '450*************66');
    assert.equal((await s().view(ctx.clerk as Ctx, row.id)).idNumber, '450103196001016666');
    const q = await s().queue(ctx.liaison as Ctx);
    assert.ok(q.length >= 1 && q.every((i) => i.row.unit_id === businessUnitId));
  });

  it('flags a repeated request by the same applicant for similar information', async () => {
    const first = await s().submitOnline(
      organId,
      application({ idNumber: '450103195001017777', infoTitle: '公交线路调整方案' }),
      meta,
    );
    const again = await s().submitOnline(
      organId,
      application({
        idNumber: '450 103 195 001 017 777',
        infoTitle: '公交线路调整方案',
        infoDescription: '请公开2025年城区道路改造项目的资金预算和实际支出明细！',
      }),
      meta,
    );
    assert.equal(again.row.repeat_of_id, first.row.id);
    const other = await s().submitOnline(
      organId,
      application({
        idNumber: '450103195001017777',
        infoTitle: '学校招生计划',
        infoDescription: '2026年秋季学期小学招生划片范围。',
      }),
      meta,
    );
    assert.equal(other.row.repeat_of_id, null);
  });

  it('concurrent submissions get distinct references', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        s().submitOnline(organId, application({ idNumber: `45010319800101${1000 + i}` }), meta),
      ),
    );
    const refs = results.map((r) => r.row.reference);
    assert.equal(new Set(refs).size, refs.length);
    for (const ref of refs) assert.match(ref, /^jt-2026-\d{5}$/);
  });

  it('a holiday added to the calendar moves the due dates of open cases at once', async () => {
    at('2026-03-02T02:00:00.000Z');
    const { row } = await s().submitOnline(organId, application({ idNumber: '450103199909099999', infoTitle: '河道整治' }), meta);
    const due = row.reply_due as string;
    await t.services.calendar.setOverride(systemCtx('test'), { date: '2026-03-16', working: '0', notice: '测试通知', note: '' });
    // the calendar change itself recomputed the open cases: nothing is left to change
    const res = await s().recomputeOpen();
    assert.ok(res.checked >= 1);
    assert.equal(res.changed, 0);
    const after = (await s().view(systemCtx('test'), row.id)).row;
    const cal = await t.services.calendar.calendar();
    assert.equal(after.reply_due, cal.addWorkingDays(due, 1));
    assert.equal(after.reply_due, computeClock({ rules: '2019', received: row.received_on, events: [] }, cal).replyDue);
    // closed cases keep their dates
    const closed = await t.db.db.selectFrom('requests').select(['reply_due']).where('state', '=', 'closed').execute();
    assert.ok(closed.length >= 1);
  });

  it('consultation and fee pauses, deferral, abandonment and withdrawal feed the clock and close with the right code', async () => {
    at('2026-03-02T02:00:00.000Z');
    const clerk = ctx.clerk as Ctx;
    // consultation, then a fee notice and its payment, then an Art 35 deferral
    let { row: r } = await s().submitOnline(
      organId,
      application({ idNumber: '450103198101011111', infoTitle: '征收补偿协议' }),
      meta,
    );
    r = await s().assign(clerk, r.id, { version: r.version, unitId: String(businessUnitId) });
    at('2026-03-04T02:00:00.000Z');
    r = await s().startConsultation(clerk, r.id, {
      version: r.version,
      on: '2026-03-04',
      party: 'third_party',
      reason: '征求被征收人意见',
    });
    assert.equal(r.state, 'in_consultation');
    at('2026-03-11T02:00:00.000Z');
    r = await s().endConsultation(clerk, r.id, { version: r.version, on: '2026-03-11' });
    assert.equal(r.state, 'drafting');
    let { expected } = await clockOf(r.id);
    assert.equal(r.reply_due, expected.replyDue);
    assert.ok(expected.paused.some((p) => p.kind === 'consultation'));
    r = await s().sendFeeNotice(clerk, r.id, { version: r.version, on: '2026-03-11', reason: '按件收费 100 元' });
    assert.equal(r.state, 'awaiting_fee');
    assert.equal(r.awaiting, 'fee_payment');
    at('2026-03-13T02:00:00.000Z');
    r = await s().recordPayment(clerk, r.id, { version: r.version, on: '2026-03-13' });
    ({ expected } = await clockOf(r.id));
    assert.equal(r.reply_due, expected.replyDue);
    r = await s().defer(clerk, r.id, {
      version: r.version,
      on: '2026-03-13',
      until: '2026-06-30',
      reason: '申请数量明显超过合理范围',
    });
    assert.equal(r.reply_due, '2026-06-30');
    r = await s().withdraw(clerk, r.id, { version: r.version, reason: '申请人书面撤回' });
    assert.equal(r.state, 'withdrawn');
    assert.equal(r.outcome, 'other.other');
    await assert.rejects(s().reply(clerk, r.id, { version: r.version, repliedOn: '2026-03-13', method: '邮寄' }), (e: AppError) =>
      /不能“答复申请人”/.test(e.message),
    );

    // no correction by the deadline: closed as other.no_correction, not before the deadline
    at('2026-03-02T02:00:00.000Z');
    ({ row: r } = await s().submitOnline(
      organId,
      application({ idNumber: '450103198202022222', infoTitle: '不明确的申请' }),
      meta,
    ));
    r = await s().requestCorrection(clerk, r.id, {
      version: r.version,
      on: '2026-03-02',
      deadline: '2026-03-09',
      reason: '请说明所需信息',
    });
    at('2026-03-09T02:00:00.000Z');
    await assert.rejects(s().close(clerk, r.id, { version: r.version }), (e: AppError) => /届满后才能办结/.test(e.message));
    at('2026-03-10T02:00:00.000Z');
    r = await s().close(clerk, r.id, { version: r.version });
    assert.equal(r.state, 'closed');
    assert.equal(r.outcome, 'other.no_correction');
    const track = await s().track((await s().submitOnline(organId, application({ idNumber: '450103198303033333' }), meta)).token);
    assert.equal(track?.state, 'registered');
  });

  it('bad input is refused with Chinese messages per field, nothing written', async () => {
    const before = await t.db.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      s().submitOnline(organId, application({ applicantName: '', delivery: 'mail', address: '', idNumber: '!!' }), meta),
      (e: AppError) => e.code === 'validation' && Boolean(e.fields.applicantName && e.fields.address && e.fields.idNumber),
    );
    await assert.rejects(
      s().registerByStaff(ctx.clerk as Ctx, organId, { ...application(), channel: 'fax', receivedDate: '2026-12-31' }),
      (e: AppError) => e.code === 'validation' && /晚于今天/.test(e.fields.receivedDate ?? ''),
    );
    const after = await t.db.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });
});
