import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { countTable4, disclosureShare } from '../../src/modules/appeals/appeals.table4.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import type { AppError } from '../../src/platform/http/errors.js';
import { Agent, buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';
import { application } from './requests.fixtures.js';

const zero = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
const isCode = (code: string) => (e: AppError) => e.code === code;

describe('appeals: table 4 counting rules (pure)', () => {
  it('counts cases filed in Y with the result known on 31 December Y; later decisions are pending', () => {
    const t = countTable4(
      [
        { kind: 'reconsideration', filed_on: '2025-03-01', result: 'upheld', decided_on: '2025-06-01', joint_defendant: 0 },
        { kind: 'reconsideration', filed_on: '2025-12-30', result: 'corrected', decided_on: '2026-01-05', joint_defendant: 0 },
        { kind: 'reconsideration', filed_on: '2025-11-01', result: null, decided_on: null, joint_defendant: 0 },
        { kind: 'reconsideration', filed_on: '2024-12-31', result: 'upheld', decided_on: '2025-01-10', joint_defendant: 0 },
        { kind: 'litigation_direct', filed_on: '2025-01-01', result: 'other', decided_on: '2025-12-31', joint_defendant: 0 },
        {
          kind: 'litigation_after_reconsideration',
          filed_on: '2025-05-05',
          result: 'corrected',
          decided_on: '2025-09-09',
          joint_defendant: 0,
        },
        // the reconsideration body as joint defendant: counted only for the original body
        {
          kind: 'litigation_after_reconsideration',
          filed_on: '2025-05-06',
          result: 'upheld',
          decided_on: '2025-09-09',
          joint_defendant: 1,
        },
      ],
      2025,
    );
    assert.deepEqual(t, {
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 2, total: 3 },
      litigation_direct: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
      litigation_after_reconsideration: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
    });
    assert.deepEqual(Object.keys(t), ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration']);
    assert.deepEqual(Object.keys(t.reconsideration), ['upheld', 'corrected', 'other', 'pending', 'total']);
    assert.deepEqual(countTable4([], 2017), {
      reconsideration: zero,
      litigation_direct: zero,
      litigation_after_reconsideration: zero,
    });
  });

  it('property: every case filed in Y and not a joint defendant is counted once; totals add up; later results are pending', () => {
    const day = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const appeal = fc
      .record({
        kind: fc.constantFrom('reconsideration', 'litigation_direct', 'litigation_after_reconsideration'),
        filed_on: day,
        result: fc.constantFrom('upheld', 'corrected', 'other', null),
        later: fc.integer({ min: 0, max: 500 }),
        joint_defendant: fc.constantFrom(0, 1),
      })
      .map(({ later, ...a }) => ({
        ...a,
        decided_on: a.result === null ? null : new Date(Date.parse(a.filed_on) + later * 86_400_000).toISOString().slice(0, 10),
      }));
    fc.assert(
      fc.property(fc.array(appeal, { maxLength: 60 }), fc.constantFrom(2024, 2025, 2026), (cases, year) => {
        const t = countTable4(cases, year);
        const counted = cases.filter((c) => c.filed_on.startsWith(String(year)) && c.joint_defendant === 0);
        let all = 0;
        for (const cell of Object.values(t)) {
          assert.equal(cell.total, cell.upheld + cell.corrected + cell.other + cell.pending);
          all += cell.total;
        }
        assert.equal(all, counted.length);
        const pending = counted.filter((c) => c.decided_on === null || c.decided_on > `${year}-12-31`).length;
        assert.equal(
          Object.values(t).reduce((n, c) => n + c.pending, 0),
          pending,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the share has one decimal (seed 六: 14 of 85 = 16.5%) and needs a total', () => {
    assert.equal(disclosureShare(14, 85), 16.5);
    assert.equal(disclosureShare(1, 3), 33.3);
    assert.equal(disclosureShare(0, 10), 0);
    assert.equal(disclosureShare(3, 0), null);
  });
});

describe('appeals register: service and staff pages', () => {
  let t: TestApp;
  let organId: number;
  let otherOrganId: number;
  let childOrganId: number;
  const ctx: Record<string, Ctx> = {};
  let requestRef: string;

  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
    const { organ } = await organWithUnits(t.services, 'gx');
    const other = await organWithUnits(t.services, 'cz');
    const child = await organWithUnits(t.services, 'nn', 'gx');
    organId = organ.id;
    otherOrganId = other.organ.id;
    childOrganId = child.organ.id;
    for (const [name, roles, org] of [
      ['clerk', ['office_staff'], organId],
      ['leader', ['leader'], organId],
      ['liaison', ['liaison'], organId],
      ['stranger', ['office_head'], otherOrganId],
      ['super', ['supervisor'], organId],
      ['childclerk', ['office_staff'], childOrganId],
    ] as const) {
      const u = await userWithRoles(t.services, org, name, [...roles]);
      const a = await t.services.auth.actorFor(u.id);
      assert.ok(a);
      ctx[name] = actorCtx(a, null, null);
    }
    const { row } = await t.services.requests.registerByStaff(ctx.clerk as Ctx, organId, {
      ...application(),
      channel: 'in_person',
      receivedDate: '2025-02-10',
    });
    requestRef = row.reference;
  });
  after(() => t.close());

  const s = () => t.services.appeals;
  const input = (over: Record<string, string> = {}) => ({
    reference: '桂建复〔2025〕1号',
    kind: 'reconsideration',
    filedOn: '2025-03-01',
    body: '广西壮族自治区人民政府',
    result: '',
    decidedOn: '',
    requestReference: '',
    note: '',
    ...over,
  });

  it('registers a case linked to a request, with an audit record in the same transaction', async () => {
    const row = await s().create(ctx.clerk as Ctx, organId, input({ requestReference: requestRef }));
    assert.equal(row.kind, 'reconsideration');
    assert.equal(row.result, null);
    assert.ok(row.request_id);
    const v = await s().get(ctx.leader as Ctx, row.id);
    assert.equal(v.requestReference, requestRef);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'appeal.create').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.subject_id, String(row.id));
  });

  it('refuses bad input with Chinese messages per field, and duplicates within the organ', async () => {
    const bad = async (over: Record<string, string>, field: string, re: RegExp) =>
      assert.rejects(s().create(ctx.clerk as Ctx, organId, input(over)), (e: AppError) => {
        assert.equal(e.code, 'validation');
        assert.match(e.fields[field] ?? '', re, JSON.stringify(e.fields));
        return true;
      });
    await bad({ reference: '新案', decidedOn: '2025-02-01', result: 'upheld' }, 'decidedOn', /不能早于立案日期/);
    await bad({ reference: '新案', result: 'upheld' }, 'decidedOn', /请填写审结日期/);
    await bad({ reference: '新案', decidedOn: '2025-04-01' }, 'result', /请选择审理结果/);
    await bad({ reference: '新案', filedOn: '2025-02-30' }, 'filedOn', /真实日期/);
    await bad({ reference: '新案', kind: 'appeal' }, 'kind', /选择/);
    await bad({ reference: '新案', requestReference: 'gx-2099-00001' }, 'requestReference', /没有编号/);
    await bad({}, 'reference', /已登记过该案号/);
    // the same case number in another organ is another case
    const elsewhere = await s().create(ctx.stranger as Ctx, otherOrganId, input());
    assert.equal(elsewhere.organ_id, otherOrganId);
  });

  it('is organ-scoped: office staff write, leaders and supervisors above read, others nothing', async () => {
    await assert.rejects(s().create(ctx.leader as Ctx, organId, input({ reference: 'x1' })), isCode('forbidden'));
    await assert.rejects(s().create(ctx.liaison as Ctx, organId, input({ reference: 'x1' })), isCode('forbidden'));
    await assert.rejects(s().create(ctx.stranger as Ctx, organId, input({ reference: 'x1' })), isCode('forbidden'));
    await assert.rejects(s().list(ctx.stranger as Ctx, organId), isCode('forbidden'));
    await assert.rejects(s().list(ctx.liaison as Ctx, organId), isCode('forbidden'));
    await s().create(ctx.childclerk as Ctx, childOrganId, input({ reference: '南宁1' }));
    assert.equal((await s().list(ctx.super as Ctx, childOrganId)).length, 1);
    await assert.rejects(s().list(ctx.childclerk as Ctx, organId), isCode('forbidden'));
    await assert.rejects(s().create(ctx.super as Ctx, childOrganId, input({ reference: 'x2' })), isCode('forbidden'));
  });

  it('updates with optimistic locking', async () => {
    const [first] = await s().list(ctx.clerk as Ctx, organId, { year: 2025 });
    assert.ok(first);
    const row = first.row;
    const updated = await s().update(ctx.clerk as Ctx, row.id, {
      ...input({ result: 'corrected', decidedOn: '2025-06-01', requestReference: requestRef }),
      version: String(row.version),
    });
    assert.equal(updated.version, row.version + 1);
    assert.equal(updated.result, 'corrected');
    await assert.rejects(
      s().update(ctx.clerk as Ctx, row.id, { ...input({ note: '旧版本' }), version: String(row.version) }),
      isCode('conflict'),
    );
    await assert.rejects(
      s().update(ctx.stranger as Ctx, row.id, { ...input(), version: String(updated.version) }),
      isCode('forbidden'),
    );
    assert.equal((await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'appeal.update').execute()).length, 1);
  });

  it('table4(organId, year) follows the counting rules, and the share appears once the total is entered', async () => {
    const c = ctx.clerk as Ctx;
    await s().create(c, organId, input({ reference: 'R2', filedOn: '2025-12-20', result: 'upheld', decidedOn: '2026-01-08' }));
    await s().create(c, organId, input({ reference: 'L1', kind: 'litigation_direct', filedOn: '2025-07-01' }));
    await s().create(
      c,
      organId,
      input({
        reference: 'L2',
        kind: 'litigation_after_reconsideration',
        filedOn: '2025-08-01',
        result: 'upheld',
        decidedOn: '2025-11-30',
      }),
    );
    await s().create(
      c,
      organId,
      input({ reference: 'L3', kind: 'litigation_after_reconsideration', filedOn: '2025-08-02', jointDefendant: '1' }),
    );
    await s().create(c, organId, input({ reference: 'R2024', filedOn: '2024-05-01' }));
    const t4 = await s().table4(organId, 2025);
    assert.deepEqual(t4, {
      reconsideration: { upheld: 0, corrected: 1, other: 0, pending: 1, total: 2 },
      litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
      litigation_after_reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    });
    assert.deepEqual((await s().table4(organId, 2026)).reconsideration, zero);
    assert.deepEqual(await s().share(organId, 2025), { year: 2025, cases: 2, total: null, percent: null });
    await assert.rejects(s().setYearTotal(c, organId, { year: '2025', total: '1' }), (e: AppError) =>
      /不能少于/.test(e.fields.total ?? ''),
    );
    await assert.rejects(s().setYearTotal(c, organId, { year: '2025', total: '-3' }), isCode('validation'));
    await assert.rejects(s().setYearTotal(ctx.leader as Ctx, organId, { year: '2025', total: '12' }), isCode('forbidden'));
    await s().setYearTotal(c, organId, { year: '2025', total: '12' });
    assert.deepEqual(await s().share(organId, 2025), { year: 2025, cases: 2, total: 12, percent: 16.7 });
    await s().setYearTotal(c, organId, { year: '2025', total: '13' });
    assert.equal((await s().share(organId, 2025)).total, 13);
    assert.equal(
      (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'appeal.year_total').execute()).length,
      2,
    );
  });

  it('staff pages: list with filters and table 4, the form keeps what was typed, CSRF, edit', async () => {
    const clerk = new Agent(t.app);
    await clerk.login('clerk');
    const list = await clerk.get('/staff/appeals?year=2025');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('href="/staff/appeals"'), 'nav entry');
    assert.match(
      list.body,
      new RegExp(`<a href="/staff/requests/\\d+"><code>${requestRef}</code></a>`),
      'the linked request by its reference',
    );
    assert.ok(list.body.includes('占本机关全部行政复议案件（13 件）的 15.4%'));
    assert.ok(list.body.includes('共同被告，不计入'));
    assert.ok(!list.body.includes('R2024'));
    const filtered = await clerk.get('/staff/appeals?year=2025&kind=litigation_direct');
    assert.ok(filtered.body.includes('L1'));
    assert.ok(!filtered.body.includes('>R2<'));

    const bad = await clerk.submit('/staff/appeals/new', '/staff/appeals', {
      reference: '桂建复〔2025〕<b>9</b>号',
      kind: 'reconsideration',
      filedOn: '2025-04-01',
      result: 'upheld',
      decidedOn: '2025-03-01',
      body: '某复议机关',
    });
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.body.includes('审结日期不能早于立案日期'));
    assert.ok(bad.body.includes('value="某复议机关"'), 'keeps what was typed');
    assert.ok(bad.body.includes('value="桂建复〔2025〕&lt;b>9&lt;/b>号"'), 'escaped');
    assert.ok(!bad.body.includes('<b>9'));

    const noCsrf = await clerk.post('/staff/appeals', { reference: 'X', kind: 'reconsideration', filedOn: '2025-04-01' });
    assert.equal(noCsrf.statusCode, 403);

    const ok = await clerk.submit('/staff/appeals/new', '/staff/appeals', {
      reference: '桂建复〔2025〕9号',
      kind: 'reconsideration',
      filedOn: '2025-04-01',
      requestReference: requestRef,
    });
    assert.equal(ok.statusCode, 303);
    const [row] = (await s().list(ctx.clerk as Ctx, organId)).filter((v) => v.row.reference === '桂建复〔2025〕9号');
    assert.ok(row);
    const edit = await clerk.get(`/staff/appeals/${row.row.id}/edit`);
    assert.ok(edit.body.includes(`value="${requestRef}"`));
    const saved = await clerk.submit(`/staff/appeals/${row.row.id}/edit`, `/staff/appeals/${row.row.id}/edit`, {
      version: String(row.row.version),
      reference: '桂建复〔2025〕9号',
      kind: 'reconsideration',
      filedOn: '2025-04-01',
      result: 'other',
      decidedOn: '2025-05-01',
    });
    assert.equal(saved.statusCode, 303);
    const stale = await clerk.submit(`/staff/appeals/${row.row.id}/edit`, `/staff/appeals/${row.row.id}/edit`, {
      version: String(row.row.version),
      reference: '桂建复〔2025〕9号',
      kind: 'reconsideration',
      filedOn: '2025-04-01',
      note: '我的修改',
    });
    assert.equal(stale.statusCode, 409);
    assert.ok(stale.body.includes('我的修改'));

    const total = await clerk.submit('/staff/appeals?year=2025', '/staff/appeals/totals', { year: '2025', total: 'abc' });
    assert.equal(total.statusCode, 422);
    assert.ok(total.body.includes('value="abc"'));

    const stranger = new Agent(t.app);
    await stranger.login('stranger');
    assert.equal((await stranger.get(`/staff/appeals/${row.row.id}/edit`)).statusCode, 403);
    assert.equal((await stranger.get(`/staff/appeals?organ=${organId}`)).statusCode, 403);
    const leader = new Agent(t.app);
    await leader.login('leader');
    const read = await leader.get('/staff/appeals?year=2025');
    assert.equal(read.statusCode, 200);
    assert.ok(!read.body.includes('登记案件</a>'));
    assert.equal((await leader.get('/staff/appeals/new')).statusCode, 403);
    const sup = new Agent(t.app);
    await sup.login('super');
    const own = await sup.get('/staff/appeals');
    assert.match(
      own.body,
      new RegExp(`<option value="${childOrganId}"[^>]*>测试机关nn</option>`),
      'a choice of the organs below',
    );
    const below = await sup.get(`/staff/appeals?organ=${childOrganId}`);
    assert.equal(below.statusCode, 200);
    assert.ok(below.body.includes('南宁1'));
    assert.ok(!below.body.includes('登记案件</a>'), 'supervisors read only');
  });

  it('supervisor system ctx reads everything (CLI)', async () => {
    assert.ok((await s().list(systemCtx('test'), organId)).length >= 5);
  });
});
