// Table 2 rows 规章 and 行政规范性文件 counted from the records: issued in the year (成文日期),
// repealed in the year, in force on 31 December; each document once, whatever its editions;
// withdrawn documents stop being in force the day they are withdrawn.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Publishing, publishingOrgan } from '../support/publishing.js';

describe('annual report table 2 from the catalogue', () => {
  let t: TestApp;
  let f: Publishing;
  const doc = (title: string, docKind: string, createdOn: string, over: Record<string, unknown> = {}) =>
    f.published({ title, docKind, createdOn, columnId: f.col('policy-docs'), genre: 'measures', ...over });
  const counts = (year: number) => t.services.publications.table2Documents(f.head, f.organId, year);

  before(async () => {
    t = await buildTestApp({ now: '2025-03-03T02:00:00.000Z' });
    f = await publishingOrgan(t);
  });
  after(() => t.close());

  it('counts issued, repealed and in force per year, each document once', async () => {
    const oldRule = await doc('广西测试厅行政许可实施办法', 'regulation', '2024-11-20');
    await doc('广西测试厅规范性文件管理规定', 'normative', '2025-02-20');
    const n2 = await doc('建筑市场信用评价办法', 'normative', '2025-02-25');
    await doc('一般性工作通知', 'other', '2025-02-26');

    // a new edition of a normative document is still one document
    t.clock.set('2025-06-02T02:00:00.000Z');
    const rev = await t.services.publications.revise(f.author, n2.id, { version: n2.version });
    const upd = await t.services.publications.updateDraft(f.author, rev.id, {
      ...f.input({
        title: '建筑市场信用评价办法（修订）',
        docKind: 'normative',
        createdOn: '2025-02-25',
        columnId: f.col('policy-docs'),
      }),
      version: rev.version,
    });
    const s = await t.services.publications.submit(f.author, upd.id, { version: upd.version, checklist: [...CHECKLIST_KEYS] });
    const a = await t.services.publications.approve(f.head, s.id, { version: s.version });
    await t.services.publications.publish(f.head, a.id, { version: a.version });

    // in 2026 a new regulation repeals the old one
    t.clock.set('2026-03-02T02:00:00.000Z');
    await doc('广西测试厅行政许可实施办法（2026年）', 'regulation', '2026-02-27', { repeals: String(oldRule.id) });

    assert.deepEqual(await counts(2024), {
      rules: { issued: 1, repealed: 0, in_force: 1 },
      normative_documents: { issued: 0, repealed: 0, in_force: 0 },
    });
    assert.deepEqual(await counts(2025), {
      rules: { issued: 0, repealed: 0, in_force: 1 },
      normative_documents: { issued: 2, repealed: 0, in_force: 2 },
    });
    assert.deepEqual(await counts(2026), {
      rules: { issued: 1, repealed: 1, in_force: 1 },
      normative_documents: { issued: 0, repealed: 0, in_force: 2 },
    });
  });

  it('a withdrawn document was in force until it was withdrawn', async () => {
    t.clock.set('2026-04-01T02:00:00.000Z');
    const p = await doc('临时性规范性文件', 'normative', '2026-03-30');
    assert.equal((await counts(2026)).normative_documents.in_force, 3);
    t.clock.set('2027-01-05T02:00:00.000Z');
    await t.services.publications.withdraw(f.head, p.id, { version: p.version, reason: '已被上级文件覆盖' });
    const y2026 = await counts(2026);
    assert.equal(y2026.normative_documents.issued, 1, 'still issued in 2026');
    assert.equal(y2026.normative_documents.in_force, 3, 'withdrawn in 2027: in force at the end of 2026');
    assert.equal((await counts(2027)).normative_documents.in_force, 2);
  });
});
