// The app's periodic jobs do real work: a scheduled publication missed during downtime is published.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appJobs } from '../../src/jobs.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, systemCtx } from '../../src/platform/context.js';
import { buildTestApp, organWithUnits, type TestApp, userWithRoles } from '../support/app.js';

describe('app jobs', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
  });
  after(() => t.close());

  it('publishes a scheduled item whose time passed while the server was down', async () => {
    const s = t.services;
    const { organ } = await organWithUnits(s, 'jobs1');
    await s.publications.ensureStandardColumns(systemCtx('test'), organ.id);
    const clerkUser = await userWithRoles(s, organ.id, 'clerk1', ['office_staff']);
    const headUser = await userWithRoles(s, organ.id, 'head1', ['office_head']);
    const clerk = actorCtx((await s.auth.actorFor(clerkUser.id)) ?? assert.fail('no actor'), null, null);
    const head = actorCtx((await s.auth.actorFor(headUser.id)) ?? assert.fail('no actor'), null, null);
    const column = (await s.publications.columns(clerk, organ.id)).find((c) => c.name === '通知公告');
    assert.ok(column);
    const d = await s.publications.createDraft(clerk, {
      columnId: String(column.id),
      title: '关于春节假期值班安排的通知',
      createdOn: '2026-03-01',
      theme: '综合政务\\政务公开',
      genre: 'notice',
      bodyHtml: '<p>值班安排如下。</p>',
    });
    let v = await s.publications.submit(clerk, d.id, { version: String(d.version), checklist: [...CHECKLIST_KEYS] });
    v = await s.publications.approve(head, d.id, { version: String(v.version) });
    v = await s.publications.schedule(head, d.id, { version: String(v.version), publishAt: '2026-03-02T08:00:00.000Z' });
    assert.equal(v.state, 'scheduled');
    // the server is down from 10:00 to 17:00 on 2 March; at start the job catches up
    t.clock.set('2026-03-02T09:00:00.000Z');
    const job = appJobs(s).find((j) => j.name === 'publications.publishDue');
    assert.ok(job);
    await job.run();
    const { publication } = await s.publications.get(head, d.id);
    assert.equal(publication.state, 'published');
    assert.equal(publication.index_no, 'jobs1/2026-00001');
  });
});
