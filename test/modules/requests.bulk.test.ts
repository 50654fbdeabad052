import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setDueMany } from '../../src/modules/requests/requests.bulk.js';
import { systemCtx } from '../../src/platform/context.js';
import { buildTestApp, organWithUnits, type TestApp } from '../support/app.js';
import { application } from './requests.fixtures.js';

describe('requests: due dates written in bulk', () => {
  let t: TestApp;
  const ids: number[] = [];
  before(async () => {
    t = await buildTestApp({ now: '2026-03-20T02:00:00.000Z' });
    const { organ } = await organWithUnits(t.services, 'jt');
    await t.services.staff.create(systemCtx('test'), {
      organId: String(organ.id),
      username: 'clerk',
      displayName: '用户clerk',
      password: 'Test#Password2026',
      roles: ['office_staff'],
    });
    const actor = await t.services.auth.actorFor(
      Number((await t.db.db.selectFrom('users').select('id').where('username', '=', 'clerk').executeTakeFirstOrThrow()).id),
    );
    assert.ok(actor);
    const ctx = { actor, audit: { userId: actor.userId, name: 'clerk', organId: organ.id, requestId: null, ip: null } };
    for (let i = 0; i < 3; i++) {
      const { row } = await t.services.requests.registerByStaff(ctx, organ.id, {
        ...application({ idNumber: `45010319900101${1000 + i}`, infoTitle: `第${i}件` }),
        channel: 'in_person',
        receivedDate: '2026-03-02',
      });
      ids.push(row.id);
    }
  });
  after(() => t.close());

  const rows = () =>
    t.db.db
      .selectFrom('requests')
      .select(['id', 'reply_due', 'correction_due', 'awaiting', 'version', 'updated_at'])
      .orderBy('id')
      .execute();

  it('writes each case its own values (nulls included), touches nothing else, and nothing when empty', async () => {
    const before = await rows();
    await setDueMany(t.db.db, []);
    assert.deepEqual(await rows(), before);
    const [a, b, c] = ids as [number, number, number];
    await setDueMany(t.db.db, [
      { id: a, due: { reply_due: '2026-04-01', correction_due: null, awaiting: null } },
      { id: c, due: { reply_due: null, correction_due: '2026-03-27', awaiting: 'correction' } },
    ]);
    const after = await rows();
    const byId = new Map(after.map((r) => [Number(r.id), r]));
    assert.equal(byId.get(a)?.reply_due, '2026-04-01');
    assert.equal(byId.get(a)?.correction_due, null);
    assert.equal(byId.get(c)?.reply_due, null);
    assert.equal(byId.get(c)?.correction_due, '2026-03-27');
    assert.equal(byId.get(c)?.awaiting, 'correction');
    // b is untouched; versions and update times never change (derived data)
    assert.deepEqual(
      after.find((r) => Number(r.id) === b),
      before.find((r) => Number(r.id) === b),
    );
    for (const r of after) {
      const was = before.find((x) => x.id === r.id);
      assert.equal(r.version, was?.version);
      assert.equal(r.updated_at, was?.updated_at);
    }
  });

  it('recomputeOpen (which writes through it) puts back exactly what the clock says', async () => {
    const res = await t.services.requests.recomputeOpen();
    assert.equal(res.checked, 3);
    assert.equal(res.changed, 2, 'the two cases changed above are repaired');
    const again = await t.services.requests.recomputeOpen();
    assert.equal(again.changed, 0);
    const due = new Set((await rows()).map((r) => `${r.reply_due}|${r.correction_due}|${r.awaiting}`));
    assert.equal(due.size, 1, 'three cases received the same day by the same channel: the same dates');
  });
});
