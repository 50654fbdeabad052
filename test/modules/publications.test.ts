import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createPublicationService,
  type PublicationRow,
  TransitionRefused,
} from '../../src/modules/publications/publications.service.js';
import { type Action, CHECKLIST_KEYS, type State } from '../../src/modules/publications/publications.workflow.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { AppError } from '../../src/platform/http/errors.js';
import { buildTestApp, type TestApp, userWithRoles } from '../support/app.js';

type Service = ReturnType<typeof createPublicationService>;

const CREDIT = '11450000MB1234567X';
const isCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;
const refused = (re: RegExp) => (e: unknown) => e instanceof TransitionRefused && e.reasons.some((r) => re.test(r));

interface World {
  t: TestApp;
  svc: Service;
  organId: number;
  otherOrganId: number;
  businessUnitId: number;
  officeUnitId: number;
  author: Ctx;
  head: Ctx;
  leader: Ctx;
  staff2: Ctx;
  liaison: Ctx;
  stranger: Ctx;
  headId: number;
  columns: Map<string, number>;
  otherColumns: Map<string, number>;
}

async function world(now: string): Promise<World> {
  const t = await buildTestApp({ now });
  const sys = systemCtx('test');
  const s = t.services;
  const organ = await s.organs.create(sys, { code: 'gxt', name: '广西测试厅', kind: 'department', creditCode: CREDIT });
  const other = await s.organs.create(sys, { code: 'othr', name: '另一机关', kind: 'department' });
  const ids = {
    author: (await userWithRoles(s, organ.id, 'author', ['office_staff'])).id,
    head: (await userWithRoles(s, organ.id, 'head', ['office_head'])).id,
    leader: (await userWithRoles(s, organ.id, 'leader', ['leader'])).id,
    staff2: (await userWithRoles(s, organ.id, 'staff2', ['office_staff'])).id,
    liaison: (await userWithRoles(s, organ.id, 'liaison', ['liaison'])).id,
    stranger: (await userWithRoles(s, other.id, 'stranger', ['office_head'])).id,
  };
  const office = await s.organs.addUnit(sys, organ.id, { name: '办公室', kind: 'office' });
  const business = await s.organs.addUnit(sys, organ.id, {
    name: '业务处',
    kind: 'business',
    liaisonUserId: String(ids.liaison),
  });
  const ctx = async (id: number) => {
    const a = await s.auth.actorFor(id);
    assert.ok(a);
    return actorCtx(a, null, null);
  };
  const svc = createPublicationService(
    { db: t.db.db, dialect: t.db.dialect, clock: t.clock, config: t.config },
    { calendar: s.calendar, organs: s.organs },
  );
  await svc.ensureStandardColumns(sys, organ.id);
  await svc.ensureStandardColumns(sys, other.id);
  const cols = async (organId: number) => new Map((await svc.columns(sys, organId)).map((c) => [c.code, c.id]));
  return {
    t,
    svc,
    organId: organ.id,
    otherOrganId: other.id,
    businessUnitId: business.id,
    officeUnitId: office.id,
    author: await ctx(ids.author),
    head: await ctx(ids.head),
    leader: await ctx(ids.leader),
    staff2: await ctx(ids.staff2),
    liaison: await ctx(ids.liaison),
    stranger: await ctx(ids.stranger),
    headId: ids.head,
    columns: await cols(organ.id),
    otherColumns: await cols(other.id),
  };
}

/** Factories named after the states they leave an item in. */
function factories(w: World) {
  const col = (code: string) => w.columns.get(code) as number;
  const input = (over: Record<string, unknown> = {}) => ({
    columnId: col('notices'),
    title: '关于开展2025年政务公开工作的通知',
    summary: '部署年度政务公开工作。',
    createdOn: '2025-09-01',
    docNumber: '桂测办〔2025〕1号',
    theme: '综合政务\\政务公开',
    genre: 'notice',
    keywords: '政务公开，通知',
    bodyHtml: '<p>各处室：</p><p>现将有关事项通知如下。</p>',
    ...over,
  });
  const draft = (over: Record<string, unknown> = {}, ctx: Ctx = w.author) => w.svc.createDraft(ctx, input(over));
  const submitted = async (over: Record<string, unknown> = {}) => {
    const p = await draft(over);
    return w.svc.submit(w.author, p.id, { version: p.version, checklist: [...CHECKLIST_KEYS] });
  };
  const returned = async (over: Record<string, unknown> = {}) => {
    const p = await submitted(over);
    return w.svc.returnToAuthor(w.head, p.id, { version: p.version, reason: '请补充附件。' });
  };
  const approved = async (over: Record<string, unknown> = {}) => {
    const p = await submitted(over);
    return w.svc.approve(w.head, p.id, { version: p.version });
  };
  const scheduled = async (publishAt: string, over: Record<string, unknown> = {}) => {
    const p = await approved(over);
    return w.svc.schedule(w.staff2, p.id, { version: p.version, publishAt });
  };
  const published = async (over: Record<string, unknown> = {}) => {
    const p = await approved(over);
    return w.svc.publish(w.staff2, p.id, { version: p.version });
  };
  const withdrawn = async (over: Record<string, unknown> = {}) => {
    const p = await published(over);
    return w.svc.withdraw(w.head, p.id, { version: p.version, reason: '内容有误。' });
  };
  /** A published item whose new edition has been published: returns the old edition. */
  const superseded = async (over: Record<string, unknown> = {}) => {
    const old = await published(over);
    const next = await w.svc.revise(w.author, old.id, { version: old.version });
    const s = await w.svc.submit(w.author, next.id, { version: next.version, checklist: [...CHECKLIST_KEYS] });
    const a = await w.svc.approve(w.head, s.id, { version: s.version });
    await w.svc.publish(w.staff2, a.id, { version: a.version });
    return (await w.svc.get(w.head, old.id)).publication;
  };
  return { col, input, draft, submitted, returned, approved, scheduled, published, withdrawn, superseded };
}

const EXPECTED: Record<string, State> = {
  'draft/submit': 'submitted',
  'returned/submit': 'submitted',
  'submitted/return': 'returned',
  'submitted/approve': 'approved',
  'approved/return': 'returned',
  'approved/schedule': 'scheduled',
  'approved/publish': 'published',
  'scheduled/return': 'returned',
  'scheduled/schedule': 'scheduled',
  'scheduled/publish': 'published',
  'published/withdraw': 'withdrawn',
  'published/revise': 'published',
};

describe('publications: workflow on the database', () => {
  let w: World;
  let f: ReturnType<typeof factories>;
  before(async () => {
    w = await world('2025-09-26T02:00:00.000Z');
    f = factories(w);
  });
  after(() => w.t.close());

  it('seeds the standard catalogue once: 4 national columns, the 15 Art 20 categories, the organ’s own', async () => {
    const cols = await w.svc.columns(w.head, w.organId);
    assert.equal(cols.length, 27);
    const statutory = cols.find((c) => c.code === 'statutory');
    assert.equal(cols.filter((c) => c.parent_id === statutory?.id).length, 15);
    assert.equal(
      cols.indexOf(statutory as never) + 1,
      cols.findIndex((c) => c.code === 'art20-01'),
      'children follow their parent',
    );
    assert.equal(await w.svc.ensureStandardColumns(systemCtx('test'), w.organId), 0, 'idempotent');
    await assert.rejects(w.svc.ensureStandardColumns(w.author, w.organId), isCode('forbidden'));
    await assert.rejects(
      f.draft({ columnId: statutory?.id }),
      (e) => e instanceof AppError && e.fields.columnId === '请选择具体的子栏目。',
    );
  });

  const states: Array<Exclude<State, 'scheduled'> | 'scheduled'> = [
    'draft',
    'submitted',
    'returned',
    'approved',
    'scheduled',
    'published',
    'withdrawn',
    'superseded',
  ];
  const actions: Array<Exclude<Action, 'supersede'>> = [
    'submit',
    'return',
    'approve',
    'schedule',
    'publish',
    'withdraw',
    'revise',
  ];
  for (const state of states) {
    for (const action of actions) {
      const expected = EXPECTED[`${state}/${action}`];
      it(`${state} × ${action} → ${expected ?? 'refused with a reason'}`, async () => {
        w.t.clock.set('2025-09-26T02:00:00.000Z');
        const p: PublicationRow =
          state === 'scheduled' ? await f.scheduled('2025-09-27T00:00:00.000Z') : await f[state as Exclude<State, 'scheduled'>]();
        assert.equal(p.state, state);
        const v = { version: p.version };
        const run = (): Promise<PublicationRow> => {
          switch (action) {
            case 'submit':
              return w.svc.submit(w.author, p.id, { ...v, checklist: [...CHECKLIST_KEYS] });
            case 'return':
              return w.svc.returnToAuthor(w.head, p.id, { ...v, reason: '请修改。' });
            case 'approve':
              return w.svc.approve(w.head, p.id, v);
            case 'schedule':
              return w.svc.schedule(w.staff2, p.id, { ...v, publishAt: '2025-09-28T00:00:00.000Z' });
            case 'publish':
              return w.svc.publish(w.staff2, p.id, v);
            case 'withdraw':
              return w.svc.withdraw(w.head, p.id, { ...v, reason: '内容有误。' });
            case 'revise':
              return w.svc.revise(w.author, p.id, v);
          }
        };
        if (expected) {
          const r = await run();
          const after = (await w.svc.get(w.head, p.id)).publication;
          assert.equal(after.state, expected);
          assert.equal(after.version, p.version + 1);
          if (action === 'revise') assert.deepEqual([r.state, r.previous_id, r.edition], ['draft', p.id, 2]);
          const events = await w.svc.history(w.head, p.id);
          assert.deepEqual(events.at(-1)?.action, action);
          assert.deepEqual([events.at(-1)?.from_state, events.at(-1)?.to_state], [state, expected]);
        } else {
          await assert.rejects(run(), refused(/^当前状态为“.+”，不能“.+”。$/));
          assert.equal((await w.svc.get(w.head, p.id)).publication.version, p.version, 'nothing changed');
        }
      });
    }
  }
});

describe('publications: rules of the workflow', () => {
  let w: World;
  let f: ReturnType<typeof factories>;
  before(async () => {
    w = await world('2025-09-26T02:00:00.000Z');
    f = factories(w);
  });
  after(() => w.t.close());

  it('submitting needs the confidentiality checklist complete', async () => {
    const p = await f.draft();
    await assert.rejects(w.svc.submit(w.author, p.id, { version: p.version, checklist: [] }), refused(/^保密审查清单尚未完成：/));
    await assert.rejects(
      w.svc.submit(w.author, p.id, { version: p.version, checklist: CHECKLIST_KEYS.slice(0, 2) }),
      refused(/不涉及商业秘密/),
    );
    const s = await w.svc.submit(w.author, p.id, { version: p.version, checklist: [...CHECKLIST_KEYS, 'bogus'] });
    assert.deepEqual(s.checklist, [...CHECKLIST_KEYS]);
    assert.equal(s.state, 'submitted');
  });

  it('four eyes: the author cannot approve their own item; office staff cannot approve at all', async () => {
    const own = await w.svc.createDraft(w.head, f.input());
    const s = await w.svc.submit(w.head, own.id, { version: own.version, checklist: [...CHECKLIST_KEYS] });
    await assert.rejects(w.svc.approve(w.head, s.id, { version: s.version }), isCode('forbidden'));
    assert.deepEqual(await w.svc.preflight(w.head, s.id, 'approve'), ['不能审核批准自己起草的信息（双人审核）。']);
    const other = await f.submitted();
    await assert.rejects(w.svc.approve(w.staff2, other.id, { version: other.version }), isCode('forbidden'));
    await assert.rejects(w.svc.approve(w.author, other.id, { version: other.version }), isCode('forbidden'));
    assert.deepEqual(await w.svc.preflight(w.staff2, other.id, 'approve'), ['只有公开办负责人或分管领导可以审核批准。']);
    const ok = await w.svc.approve(w.leader, s.id, { version: s.version });
    assert.equal(ok.state, 'approved');
    assert.equal((await w.svc.get(w.head, ok.id)).publication.approver_id !== ok.author_id, true);
  });

  it('optimistic locking: a stale version is a conflict, and nothing is written', async () => {
    const p = await f.draft();
    const first = await w.svc.updateDraft(w.author, p.id, { ...f.input({ title: '第一次修改' }), version: p.version });
    assert.equal(first.version, p.version + 1);
    await assert.rejects(
      w.svc.updateDraft(w.staff2, p.id, { ...f.input({ title: '第二次修改' }), version: p.version }),
      (e) => isCode('conflict')(e) && !(e instanceof TransitionRefused),
    );
    await assert.rejects(
      w.svc.submit(w.author, p.id, { version: p.version, checklist: [...CHECKLIST_KEYS] }),
      isCode('conflict'),
    );
    const now = (await w.svc.get(w.author, p.id)).publication;
    assert.deepEqual([now.title, now.version, now.state], ['第一次修改', p.version + 1, 'draft']);
    // a submitted item is no longer editable
    const s = await w.svc.submit(w.author, p.id, { version: now.version, checklist: [...CHECKLIST_KEYS] });
    await assert.rejects(w.svc.updateDraft(w.author, p.id, { ...f.input(), version: s.version }), refused(/只有草稿或已退回/));
  });

  it('returning and withdrawing need a reason; a returned item is edited and submitted again', async () => {
    const p = await f.submitted();
    await assert.rejects(w.svc.returnToAuthor(w.head, p.id, { version: p.version, reason: ' ' }), isCode('validation'));
    const r = await w.svc.returnToAuthor(w.head, p.id, { version: p.version, reason: '请补充政策依据。' });
    assert.deepEqual([r.state, r.return_reason], ['returned', '请补充政策依据。']);
    const e = await w.svc.updateDraft(w.author, r.id, { ...f.input({ summary: '已补充依据。' }), version: r.version });
    const s = await w.svc.submit(w.author, e.id, { version: e.version, checklist: [...CHECKLIST_KEYS] });
    assert.equal(s.state, 'submitted');
    const h = await w.svc.history(w.head, p.id);
    assert.deepEqual(
      h.map((x) => x.action),
      ['create', 'submit', 'return', 'edit', 'submit'],
    );
    assert.equal(h[2]?.note, '请补充政策依据。');
    assert.equal(h[2]?.actor_name, 'head');
  });

  it('liaisons author only for the unit they serve; other organs cannot read', async () => {
    const mine = await w.svc.createDraft(w.liaison, f.input({ unitId: String(w.businessUnitId) }));
    assert.equal(mine.unit_id, w.businessUnitId);
    await assert.rejects(w.svc.createDraft(w.liaison, f.input({ unitId: String(w.officeUnitId) })), isCode('forbidden'));
    await assert.rejects(w.svc.createDraft(w.liaison, f.input()), isCode('forbidden'));
    await assert.rejects(w.svc.createDraft(w.leader, f.input()), isCode('forbidden'));
    await assert.rejects(w.svc.get(w.stranger, mine.id), isCode('forbidden'));
    await assert.rejects(w.svc.list(w.stranger, { organId: w.organId }), isCode('forbidden'));
    await assert.rejects(w.svc.createDraft(w.stranger, f.input()), isCode('forbidden'));
  });

  it('validates the catalogue metadata with Chinese messages', async () => {
    const bad = (over: Record<string, unknown>) => w.svc.createDraft(w.author, f.input(over));
    const fields = async (over: Record<string, unknown>) => {
      try {
        await bad(over);
      } catch (e) {
        assert.ok(e instanceof AppError && e.code === 'validation', String(e));
        return e.fields;
      }
      assert.fail('accepted');
    };
    assert.deepEqual(await fields({ disclosure: 'withheld' }), { withheldReason: '不予公开的，须填写理由及依据。' });
    assert.deepEqual(await fields({ validity: 'repealed' }), { validityDate: '失效或废止的，须填写日期。' });
    assert.deepEqual(await fields({ genre: '命令' }), { genre: '请选择体裁。' });
    assert.deepEqual(await fields({ title: '' }), { title: '此项为必填项。' });
    assert.deepEqual(await fields({ createdOn: '2025-02-30' }), { createdOn: '日期格式应为 YYYY-MM-DD，且须为真实日期。' });
    assert.deepEqual(await fields({ createdOn: '2025-09-27' }), { createdOn: '成文日期不能晚于今天。' });
    assert.deepEqual(await fields({ interprets: '999999' }), { interprets: '关联的信息（编号 999999）不存在。' });
    const ok = await bad({
      disclosure: 'withheld',
      withheldReason: '涉及商业秘密（第十五条）',
      validity: 'expired',
      validityDate: '2025-09-01',
      docKind: 'normative',
    });
    assert.deepEqual(
      [ok.disclosure, ok.withheld_reason, ok.validity, ok.validity_date, ok.doc_kind],
      ['withheld', '涉及商业秘密（第十五条）', 'expired', '2025-09-01', 'normative'],
    );
    assert.deepEqual(ok.keywords, ['政务公开', '通知']);
    assert.equal(ok.issuing_organ, '广西测试厅', 'the organ’s name by default');
    await assert.rejects(
      w.svc.submit(w.author, ok.id, { version: ok.version, checklist: [...CHECKLIST_KEYS] }),
      refused(/主动公开/),
    );
  });

  it('XSS: scripts, event handlers and javascript: URLs are removed from the body', async () => {
    const p = await f.draft({
      title: '<script>alert(1)</script>标题',
      bodyHtml:
        '<p onclick="x()">正文<script>alert("x")</script></p><img src="https://example.gov.cn/a.png" onerror="alert(1)" alt="图">' +
        '<a href="javascript:alert(1)">链接</a><iframe src="https://evil.example"></iframe><style>p{}</style><table><tr><td colspan="2">表</td></tr></table>',
    });
    assert.doesNotMatch(p.body_html, /script|onerror|onclick|javascript:|iframe|style/i);
    assert.match(p.body_html, /<p>正文<\/p>/);
    assert.match(p.body_html, /<img src="https:\/\/example\.gov\.cn\/a\.png" alt="图" \/>/);
    assert.match(p.body_html, /<td colspan="2">表<\/td>/);
    assert.equal(p.title, '<script>alert(1)</script>标题', 'titles are plain text, escaped when shown');
    const u = await w.svc.updateDraft(w.author, p.id, {
      ...f.input({ bodyHtml: '<p>新</p><img src=x onerror=alert(1)>' }),
      version: p.version,
    });
    assert.doesNotMatch(u.body_html, /onerror/);
  });

  it('every change is in the audit log, whose chain stays intact', async () => {
    const p = await f.published();
    const rows = await w.t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'publication')
      .where('subject_id', '=', String(p.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.action),
      ['publication.create', 'publication.submit', 'publication.approve', 'publication.publish'],
    );
    assert.equal((await verifyAuditChain(w.t.db.db, w.t.config)).ok, true);
    await assert.rejects(w.t.db.db.deleteFrom('publication_events').where('publication_id', '=', p.id).execute(), /append-only/);
  });
});

describe('publications: index numbers', () => {
  let w: World;
  let f: ReturnType<typeof factories>;
  before(async () => {
    w = await world('2025-09-26T02:00:00.000Z');
    f = factories(w);
  });
  after(() => w.t.close());

  it('are {credit code}/{YYYY}-{NNNNN}, serial per organ per year, given at first publication', async () => {
    const d = await f.approved();
    assert.equal(d.index_no, null);
    const a = await w.svc.publish(w.staff2, d.id, { version: d.version });
    const b = await f.published();
    assert.deepEqual([a.index_no, b.index_no], [`${CREDIT}/2025-00001`, `${CREDIT}/2025-00002`]);
    assert.equal(a.published_on, '2025-09-26');
    // another organ without a credit code uses its code, with its own serial
    const o = await w.svc.createDraft(systemCtx('test'), f.input({ columnId: w.otherColumns.get('notices') }));
    const os = await w.svc.submit(systemCtx('test'), o.id, { version: o.version, checklist: [...CHECKLIST_KEYS] });
    const oa = await w.svc.approve(systemCtx('test'), os.id, { version: os.version });
    const op = await w.svc.publish(systemCtx('test'), oa.id, { version: oa.version });
    assert.equal(op.index_no, 'othr/2025-00001');
  });

  it('are never reused after withdrawal, never changed, and start again each year', async () => {
    const a = await f.published();
    const w1 = await w.svc.withdraw(w.head, a.id, { version: a.version, reason: '发布有误。' });
    assert.equal(w1.index_no, a.index_no, 'a withdrawn item keeps its number');
    const b = await f.published();
    assert.notEqual(b.index_no, a.index_no);
    assert.equal(Number(b.index_no?.slice(-5)), Number(a.index_no?.slice(-5)) + 1);
    w.t.clock.set('2026-01-05T02:00:00.000Z');
    const c = await f.published();
    assert.equal(c.index_no, `${CREDIT}/2026-00001`);
    const resolved = await w.svc.resolveIndexNo(a.index_no as string);
    assert.equal(resolved?.publication.state, 'withdrawn');
    w.t.clock.set('2025-09-26T02:00:00.000Z');
  });

  it('two simultaneous publications never share a number, and a lost race leaves no gap', async () => {
    const [x, y] = await Promise.all([f.approved(), f.approved()]);
    const [px, py] = await Promise.all([
      w.svc.publish(w.staff2, x.id, { version: x.version }),
      w.svc.publish(w.head, y.id, { version: y.version }),
    ]);
    assert.notEqual(px.index_no, py.index_no);
    const serials = [px, py].map((p) => Number(p.index_no?.slice(-5))).sort((a, b) => a - b);
    assert.equal(serials[1], (serials[0] as number) + 1);
    // the same item published twice at once: one wins, the other is a conflict and gives its serial back
    const z = await f.approved();
    const results = await Promise.allSettled([
      w.svc.publish(w.staff2, z.id, { version: z.version }),
      w.svc.publish(w.head, z.id, { version: z.version }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(isCode('conflict')(lost.reason), String(lost.reason));
    const won = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<PublicationRow>).value;
    assert.equal(Number(won.index_no?.slice(-5)), (serials[1] as number) + 1);
    const next = await f.published();
    assert.equal(Number(next.index_no?.slice(-5)), (serials[1] as number) + 2, 'no gap');
    const all = await w.t.db.db.selectFrom('publications').select('index_no').where('index_no', 'is not', null).execute();
    assert.equal(new Set(all.map((r) => r.index_no)).size, all.length);
  });

  it('many concurrent publications get distinct consecutive numbers', async () => {
    const items = await Promise.all(Array.from({ length: 6 }, () => f.approved()));
    const out = await Promise.all(items.map((p, i) => w.svc.publish(i % 2 ? w.head : w.staff2, p.id, { version: p.version })));
    const serials = out.map((p) => Number(p.index_no?.slice(-5))).sort((a, b) => a - b);
    assert.equal(new Set(serials).size, 6);
    assert.equal((serials[5] as number) - (serials[0] as number), 5);
  });
});

describe('publications: scheduling, editions, deadlines, 三同步', () => {
  let w: World;
  let f: ReturnType<typeof factories>;
  before(async () => {
    w = await world('2025-09-26T02:00:00.000Z');
    f = factories(w);
  });
  after(() => w.t.close());

  it('scheduled items are published by publishDue, catching up after downtime, in time order', async () => {
    w.t.clock.set('2025-09-26T02:00:00.000Z');
    const late = await f.scheduled('2025-09-26T11:00:00.000Z', { title: '第二条' });
    const early = await f.scheduled('2025-09-26T10:00:00.000Z', { title: '第一条' });
    const future = await f.scheduled('2025-10-20T00:00:00.000Z');
    const a = await f.approved();
    await assert.rejects(
      w.svc.schedule(w.staff2, a.id, { version: a.version, publishAt: '2025-09-26T01:00:00.000Z' }),
      refused(/须晚于当前时间/),
    );
    assert.deepEqual((await w.svc.publishDue()).published, [], 'nothing is due yet');
    w.t.clock.advance(3 * 24 * 3600_000); // the server was down for three days
    const r = await w.svc.publishDue();
    assert.deepEqual(
      r.published.map((x) => x.id),
      [early.id, late.id],
    );
    assert.deepEqual(r.failed, []);
    const e = (await w.svc.get(w.head, early.id)).publication;
    const l = (await w.svc.get(w.head, late.id)).publication;
    assert.equal(e.state, 'published');
    assert.ok((e.index_no as string) < (l.index_no as string));
    assert.equal(e.published_at, '2025-09-29T02:00:00.000Z', 'the true publication time');
    const ev = (await w.svc.history(w.head, early.id)).at(-1);
    assert.deepEqual(
      [ev?.action, ev?.actor_name, ev?.data],
      ['publish', 'scheduler', { via: 'schedule', scheduledFor: '2025-09-26T10:00:00.000Z' }],
    );
    assert.equal((await w.svc.get(w.head, future.id)).publication.state, 'scheduled');
    assert.deepEqual((await w.svc.publishDue()).published, [], 'published once only');
  });

  it('revise: a new edition supersedes the old on publication; the old stays readable and points forward', async () => {
    w.t.clock.set('2025-09-26T02:00:00.000Z');
    const old = await f.published({ title: '第一版' });
    const next = await w.svc.revise(w.author, old.id, { version: old.version });
    assert.deepEqual(
      [next.state, next.edition, next.previous_id, next.index_no, next.title],
      ['draft', 2, old.id, null, '第一版'],
    );
    const o1 = (await w.svc.get(w.head, old.id)).publication;
    assert.equal(o1.state, 'published', 'the old edition stays published meanwhile');
    await assert.rejects(w.svc.revise(w.author, old.id, { version: o1.version }), refused(/已有一个正在办理的新版本/));
    const e = await w.svc.updateDraft(w.author, next.id, { ...f.input({ title: '第二版' }), version: next.version });
    const s = await w.svc.submit(w.author, e.id, { version: e.version, checklist: [...CHECKLIST_KEYS] });
    const a = await w.svc.approve(w.head, s.id, { version: s.version });
    const p = await w.svc.publish(w.staff2, a.id, { version: a.version });
    assert.notEqual(p.index_no, old.index_no);
    const view = await w.svc.get(w.head, old.id);
    assert.deepEqual(
      [view.publication.state, view.publication.superseded_by_id, view.successor?.index_no],
      ['superseded', p.id, p.index_no],
    );
    assert.equal(view.publication.index_no, old.index_no, 'its number never changes');
    const url = await w.svc.resolveIndexNo(old.index_no as string);
    assert.deepEqual([url?.publication.title, url?.current?.id, url?.current?.title], ['第一版', p.id, '第二版']);
    assert.equal((await w.svc.get(w.head, p.id)).previous?.id, old.id);
    assert.deepEqual(
      (await w.svc.history(w.head, old.id)).map((x) => x.action),
      ['create', 'submit', 'approve', 'publish', 'revise', 'supersede'],
    );
  });

  it('Art 26: working days left to the 20-working-day deadline, across National Day 2025', async () => {
    w.t.clock.set('2025-09-30T02:00:00.000Z'); // Tuesday; 10-01…10-08 off; 09-28 and 10-11 are working days
    const open = await f.draft({ createdOn: '2025-09-26' });
    assert.deepEqual(await w.svc.deadline(w.author, open.id), {
      createdOn: '2025-09-26',
      dueOn: '2025-10-30',
      remaining: 17,
      status: 'open',
    });
    const atRisk = await f.submitted({ createdOn: '2025-09-05', title: '快到期' });
    const overdue = await f.draft({ createdOn: '2025-09-01', title: '已逾期' });
    assert.deepEqual(await w.svc.deadline(w.author, atRisk.id), {
      createdOn: '2025-09-05',
      dueOn: '2025-10-10',
      remaining: 2,
      status: 'at_risk',
    });
    assert.deepEqual(await w.svc.deadline(w.author, overdue.id), {
      createdOn: '2025-09-01',
      dueOn: '2025-09-28',
      remaining: -2,
      status: 'overdue',
    });
    const d = await w.svc.deadlines(w.head, w.organId);
    assert.ok(d.atRisk.some((i) => i.publication.id === atRisk.id));
    assert.ok(!d.atRisk.some((i) => i.publication.id === open.id));
    assert.equal(d.overdue[0]?.deadline.remaining, -2);
    assert.ok(d.overdue.some((i) => i.publication.id === overdue.id));
    const pub = await f.published({ createdOn: '2025-09-26' });
    assert.equal((await w.svc.deadline(w.head, pub.id)).status, 'met');
    assert.ok(![...d.atRisk, ...d.overdue].some((i) => i.publication.id === pub.id));
    const listed = await w.svc.list(w.head, { organId: w.organId, state: 'draft' });
    assert.ok(listed.items.every((i) => i.publication.state === 'draft'));
    assert.ok(listed.items.some((i) => i.publication.id === open.id && i.deadline.remaining === 17));
  });

  it('三同步: a policy document without an interpretation within 3 working days is flagged', async () => {
    w.t.clock.set('2025-09-30T02:00:00.000Z');
    const policy = await f.published({ columnId: f.col('policy-docs'), title: '关于促进就业的若干措施', genre: 'measures' });
    const normative = await f.published({ columnId: f.col('art20-01'), title: '某某管理办法', docKind: 'normative' });
    const withInterp = await f.published({ columnId: f.col('policy-docs'), title: '同步解读的文件' });
    await f.published({ columnId: f.col('interpretations'), title: '《同步解读的文件》解读', interprets: String(withInterp.id) });
    const flags = async () => new Map((await w.svc.interpretationFlags(w.head, w.organId)).map((x) => [x.policy.id, x]));
    let m = await flags();
    assert.deepEqual(
      [m.get(policy.id)?.status, m.get(policy.id)?.dueOn, m.get(policy.id)?.flagged],
      ['pending', '2025-10-11', false],
    );
    assert.equal(m.get(withInterp.id)?.status, 'on_time');
    assert.equal(m.get(normative.id)?.status, 'pending', 'normative documents count as policy documents');
    w.t.clock.set('2025-10-13T02:00:00.000Z');
    m = await flags();
    assert.deepEqual([m.get(policy.id)?.status, m.get(policy.id)?.flagged], ['missing', true]);
    const interp = await f.published({
      columnId: f.col('interpretations'),
      title: '图解',
      interprets: String(policy.id),
      createdOn: '2025-10-13',
    });
    m = await flags();
    assert.deepEqual(
      [m.get(policy.id)?.status, m.get(policy.id)?.flagged, m.get(policy.id)?.interpretation?.id],
      ['late', true, interp.id],
    );
    assert.equal(m.get(withInterp.id)?.flagged, false);
    const view = await w.svc.get(w.head, policy.id);
    assert.deepEqual(
      view.linkedFrom.map((l) => [l.kind, l.source.id]),
      [['interprets', interp.id]],
    );
  });

  it('publishing a document that repeals or replaces others changes their validity', async () => {
    w.t.clock.set('2025-10-13T02:00:00.000Z');
    const a = await f.published({ title: '旧办法', createdOn: '2025-10-13' });
    const b = await f.published({ title: '旧规定', createdOn: '2025-10-13' });
    const c = await f.published({ title: '新办法', repeals: String(a.id), replaces: [String(b.id)], createdOn: '2025-10-13' });
    const va = (await w.svc.get(w.head, a.id)).publication;
    const vb = (await w.svc.get(w.head, b.id)).publication;
    assert.deepEqual(
      [va.validity, va.validity_date, vb.validity, vb.validity_date],
      ['repealed', c.published_on, 'expired', c.published_on],
    );
    assert.equal((await w.svc.history(w.head, a.id)).at(-1)?.action, 'repealed');
  });
});
