// The reports service: entered figures (validated, audited), who may generate and aggregate,
// contributors' figures, and the cross-year check against a published report.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createReportsService } from '../../src/modules/reports/reports.service.js';
import type { AnnualReport, ReportContributor } from '../../src/modules/reports/reports.types.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import type { AppError } from '../../src/platform/http/errors.js';
import { buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';

describe('reports service', () => {
  let t: TestApp;
  let organId: number;
  let childId: number;
  const ctx: Record<string, Ctx> = {};

  before(async () => {
    t = await buildTestApp({ now: '2025-01-10T02:00:00.000Z' });
    organId = (await organWithUnits(t.services, 'gx')).organ.id;
    childId = (await organWithUnits(t.services, 'nn', 'gx')).organ.id;
    for (const [name, roles, org] of [
      ['clerk', ['office_staff'], organId],
      ['head', ['office_head'], organId],
      ['childhead', ['office_head'], childId],
    ] as const) {
      const u = await userWithRoles(t.services, org, name, [...roles]);
      const a = await t.services.auth.actorFor(u.id);
      assert.ok(a);
      ctx[name] = actorCtx(a, null, null);
    }
    const csv = [
      'reference,received_on,applicant_type,channel,closed_on,outcome',
      'a,2023-12-20,natural_person,online,2024-01-05,granted',
      'b,2023-12-21,commercial,online,2024-01-06,granted',
      'c,2024-12-01,natural_person,online,,',
    ].join('\n');
    for (const id of [organId, childId])
      await t.services.imports.importRequests(systemCtx('test'), {
        organId: id,
        fileName: 'r.csv',
        content: Buffer.from(csv.replaceAll(/^(\w),/gm, `${id}$1,`)),
      });
  });
  after(() => t.close());

  const svc = () => t.services.reports;
  const fieldError = (field: string, re: RegExp) => (e: AppError) => e.status === 422 && re.test(e.fields[field] ?? '');

  it('entered figures: a fixed list of keys, decimals ≥ 0, Chinese errors, full-width digits read, audited', async () => {
    await assert.rejects(svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.nope', '1'), fieldError('key', /没有这一项/));
    await assert.rejects(
      svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.penalty.decisions', '-3'),
      fieldError('value', /不能小于 0/),
    );
    await assert.rejects(
      svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.penalty.decisions', '三'),
      fieldError('value', /数字/),
    );
    await svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.licensing.decisions', '１２０');
    await svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.licensing.decisions', '121', '更正');
    await svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.penalty.decisions', 4);
    await svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.compulsion.decisions', '0');
    await svc().setFigure(ctx.clerk as Ctx, organId, 2024, 'table2.fees.amount_wan_yuan', '2.02');
    const figures = await svc().figures(ctx.head as Ctx, organId, 2024);
    assert.deepEqual(
      figures.map((f) => [f.key, f.value, f.note, f.enteredBy]),
      [
        ['table2.compulsion.decisions', 0, null, '用户clerk'],
        ['table2.fees.amount_wan_yuan', 2.02, null, '用户clerk'],
        ['table2.licensing.decisions', 121, '更正', '用户clerk'],
        ['table2.penalty.decisions', 4, null, '用户clerk'],
      ],
    );
    const audits = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'report.figure')
      .orderBy('id')
      .execute();
    assert.equal(audits.length, 5);
    assert.equal(audits[1]?.before_json, JSON.stringify({ value: '120', note: null }));
    assert.equal(audits[1]?.after_json, JSON.stringify({ value: '121', note: '更正' }));
    // the change of the 2019 format may be negative
    await svc().setFigure(ctx.clerk as Ctx, organId, 2020, 'table2.licensing.change', '-2');
    await assert.rejects(
      svc().setFigure(ctx.head as Ctx, childId, 2024, 'table2.penalty.decisions', '1'),
      (e: AppError) => e.status === 403,
    );
  });

  it('the report uses the entered figures; with all of them entered table2.entered passes', async () => {
    const r = await svc().generate(ctx.clerk as Ctx, organId, 2024);
    assert.deepEqual(r.table2, {
      rules: { issued: 0, repealed: 0, in_force: 0 },
      normative_documents: { issued: 0, repealed: 0, in_force: 0 },
      licensing: { decisions: 121 },
      penalty: { decisions: 4 },
      compulsion: { decisions: 0 },
      fees: { amount_wan_yuan: 2.02 },
    });
    assert.equal(r.checks.find((c) => c.code === 'table2.entered')?.state, 'pass');
    assert.equal(r.figures?.['table2.fees.amount_wan_yuan'], 2.02);
    assert.equal(r.entered?.length, 4);
    assert.equal(r.generatedAt, '2025-01-10T02:00:00.000Z');
    // 2019 trial format: entered cells in their place, the others 0 and listed
    const r2020 = await svc().generate(ctx.clerk as Ctx, organId, 2020);
    assert.equal((r2020.table2 as { licensing: { change: number } }).licensing.change, -2);
    const entered = r2020.checks.find((c) => c.code === 'table2.entered');
    assert.equal(entered?.state, 'uncertain');
    assert.match(entered?.message ?? '', /政府集中采购采购总金额/);
    assert.equal(r2020.figures?.['table2.procurement.amount'], null);
    const audits = await t.db.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'report.generate').execute();
    assert.ok(audits.some((a) => a.subject_id === 'gx:2024'));
  });

  it('staff of another organ may not generate the report; the parent’s supervisors may aggregate, the child’s may not', async () => {
    await assert.rejects(svc().generate(ctx.childhead as Ctx, organId, 2024), (e: AppError) => e.status === 403);
    await assert.rejects(svc().aggregate(ctx.clerk as Ctx, organId, 2024), (e: AppError) => e.status === 403);
    await assert.rejects(svc().aggregate(ctx.childhead as Ctx, organId, 2024), (e: AppError) => e.status === 403);
    await assert.rejects(svc().generate(ctx.clerk as Ctx, organId, 1999), fieldError('year', /2008/));
    const a = await svc().aggregate(ctx.head as Ctx, organId, 2024);
    assert.equal(a.organs, 1);
    assert.deepEqual(a.table3.rows.carried_in, [1, 1, 0, 0, 0, 0, 2]);
    assert.deepEqual(
      a.children.map((c) => [c.organ.code, c.totals.received, c.totals.carried_over]),
      [['nn', 1, 1]],
    );
    assert.match(a.checks.find((c) => c.code === 'table2.entered')?.message ?? '', /1\/1个机关/);
  });

  it('a published report of last year with other figures: table3.carried_in fails naming both numbers', async () => {
    const snapshot: Pick<AnnualReport, 'table3'> = {
      table3: {
        columns: ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org', 'total'],
        rows: { carried_over: [3, 1, 0, 0, 0, 0, 4] } as AnnualReport['table3']['rows'],
      },
    };
    const now = t.clock.now().toISOString();
    await t.db.db
      .insertInto('annual_reports')
      .values({
        organ_id: organId,
        year: 2023,
        format: '2021',
        state: 'published',
        sections: null,
        snapshot: JSON.stringify(snapshot),
        publication_id: null,
        created_by: null,
        submitted_by: null,
        approved_by: null,
        approved_at: null,
        published_at: '2024-01-20T02:00:00.000Z',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    const r = await svc().generate(ctx.head as Ctx, organId, 2024);
    const c = r.checks.find((x) => x.code === 'table3.carried_in');
    assert.equal(c?.state, 'fail');
    assert.match(c?.message ?? '', /“自然人”列上年结转为1，而上一年度已发布的年报结转下年度为3/);
    assert.match(c?.message ?? '', /“总计”列上年结转为2，而上一年度已发布的年报结转下年度为4/);
    // the 2023 report itself was published on time
    const r23 = await svc().generate(ctx.head as Ctx, organId, 2023);
    assert.deepEqual(r23.checks.find((x) => x.code === 'deadline')?.state, 'pass');
    assert.match(r23.checks.find((x) => x.code === 'deadline')?.message ?? '', /2024-01-20发布/);
  });

  it('contributors add their figures without touching the core; the tables’ figures win on a clash', async () => {
    const seen: unknown[] = [];
    const contributor: ReportContributor = {
      name: 'proactive',
      keys: ['proactive.total', 'table3.received.total'],
      async contribute(input) {
        seen.push(input);
        return { 'proactive.total': 482, 'proactive.wechat': null, 'table3.received.total': 999 };
      },
    };
    const reports = createReportsService({
      db: t.db.db,
      dialect: t.db.dialect,
      clock: t.clock,
      config: t.config,
      organs: t.services.organs,
      publications: t.services.publications,
      appeals: t.services.appeals,
      contributors: [contributor],
    });
    const r = await reports.generate(ctx.head as Ctx, organId, 2024);
    assert.deepEqual(seen, [{ organId, year: 2024, format: '2021' }]);
    assert.equal(r.figures?.['proactive.total'], 482);
    assert.equal(r.figures?.['proactive.wechat'], null);
    assert.equal(r.figures?.['table3.received.total'], 1);
  });
});
