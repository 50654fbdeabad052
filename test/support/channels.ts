// Shared set-up of the channels tests: an organ with its standard columns, its staff, and a
// factory that publishes an item through the real workflow.
import assert from 'node:assert/strict';
import type { Services } from '../../src/app.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { organWithUnits, userWithRoles } from './app.js';

export interface ChannelWorld {
  organId: number;
  otherOrganId: number;
  clerk: Ctx;
  head: Ctx;
  publish(title: string, over?: Record<string, unknown>): Promise<{ id: number; indexNo: string; publishedOn: string }>;
  draft(title: string): Promise<number>;
}

export async function channelWorld(s: Services): Promise<ChannelWorld> {
  const { organ } = await organWithUnits(s, 'chn1');
  const other = await organWithUnits(s, 'chn2');
  await s.publications.ensureStandardColumns(systemCtx('test'), organ.id);
  const users = {
    clerk: await userWithRoles(s, organ.id, 'clerk1', ['office_staff']),
    head: await userWithRoles(s, organ.id, 'head1', ['office_head']),
  };
  await userWithRoles(s, organ.id, 'liaison1', ['liaison']);
  await userWithRoles(s, other.organ.id, 'stranger', ['office_head']);
  const ctx = async (id: number) => actorCtx((await s.auth.actorFor(id)) ?? assert.fail('no actor'), null, null);
  const clerk = await ctx(users.clerk.id);
  const head = await ctx(users.head.id);
  const column = (await s.publications.columns(clerk, organ.id)).find((c) => c.name === '通知公告');
  assert.ok(column);
  const draft = async (title: string, over: Record<string, unknown> = {}) =>
    (
      await s.publications.createDraft(clerk, {
        columnId: String(column.id),
        title,
        summary: '部署年度政务公开工作。',
        createdOn: '2026-03-01',
        theme: '综合政务\\政务公开',
        genre: 'notice',
        bodyHtml: '<p>各处室：</p><p>现将有关事项通知如下。</p>',
        ...over,
      })
    ).id;
  return {
    organId: organ.id,
    otherOrganId: other.organ.id,
    clerk,
    head,
    draft,
    async publish(title, over = {}) {
      const id = await draft(title, over);
      let v = (await s.publications.get(clerk, id)).publication;
      v = await s.publications.submit(clerk, id, { version: String(v.version), checklist: [...CHECKLIST_KEYS] });
      v = await s.publications.approve(head, id, { version: String(v.version) });
      v = await s.publications.publish(head, id, { version: String(v.version) });
      return { id, indexNo: v.index_no as string, publishedOn: v.published_on as string };
    },
  };
}
