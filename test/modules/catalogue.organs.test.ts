// A new organ starts with the national standard catalogue, written in the transaction that
// creates the organ (no organ without its columns, whoever creates it: CLI, back office, demo).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STANDARD_COLUMNS } from '../../src/modules/publications/catalogue.columns.js';
import { systemCtx } from '../../src/platform/context.js';
import { buildTestApp, type TestApp } from '../support/app.js';

describe('catalogue: new organs', () => {
  let t: TestApp;
  const sys = systemCtx('test');
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
  });
  after(() => t.close());

  it('gets every standard column, with parents, at creation', async () => {
    const organ = await t.services.organs.create(sys, { code: 'nnzj', name: '南宁市住房和城乡建设局', kind: 'department' });
    const cols = await t.services.publications.columns(sys, organ.id);
    assert.deepEqual(cols.map((c) => c.code).sort(), STANDARD_COLUMNS.map((c) => c.code).sort());
    const byCode = new Map(cols.map((c) => [c.code, c]));
    for (const c of STANDARD_COLUMNS) {
      const row = byCode.get(c.code);
      assert.ok(row);
      assert.equal(row.parent_id, c.parentCode ? byCode.get(c.parentCode)?.id : null, c.code);
    }
    assert.equal(await t.services.publications.ensureStandardColumns(sys, organ.id), 0, 'nothing left to add');
    const seeded = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'catalogue.seed')
      .where('organ_id', '=', organ.id)
      .execute();
    assert.equal(seeded.length, 1);
  });

  it('a failed creation leaves neither the organ nor columns', async () => {
    await assert.rejects(t.services.organs.create(sys, { code: 'nnzj', name: '重复代码', kind: 'department' }));
    const orphan = await t.db.db
      .selectFrom('catalogue_columns')
      .leftJoin('organs', 'organs.id', 'catalogue_columns.organ_id')
      .select('catalogue_columns.id')
      .where('organs.id', 'is', null)
      .execute();
    assert.deepEqual(orphan, []);
  });
});
