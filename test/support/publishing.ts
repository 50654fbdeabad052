// A publishing organ for tests: an organ with its standard columns, an author (office staff) and
// an approver (office head), and helpers that take an item from draft to published by the service.
import assert from 'node:assert/strict';
import type { PublicationRow } from '../../src/modules/publications/publications.service.js';
import { CHECKLIST_KEYS } from '../../src/modules/publications/publications.workflow.js';
import { actorCtx, type Ctx, systemCtx } from '../../src/platform/context.js';
import { type TestApp, userWithRoles } from './app.js';

export interface Publishing {
  organId: number;
  author: Ctx;
  head: Ctx;
  col(code: string): number;
  input(over?: Record<string, unknown>): Record<string, unknown>;
  draft(over?: Record<string, unknown>): Promise<PublicationRow>;
  published(over?: Record<string, unknown>): Promise<PublicationRow>;
}

export async function publishingOrgan(t: TestApp, code = 'gxt', name = '广西测试厅'): Promise<Publishing> {
  const sys = systemCtx('test');
  const organ = await t.services.organs.create(sys, { code, name, kind: 'department' });
  const ctxOf = async (id: number) => {
    const a = await t.services.auth.actorFor(id);
    assert.ok(a);
    return actorCtx(a, null, null);
  };
  const author = await ctxOf((await userWithRoles(t.services, organ.id, `${code}-author`, ['office_staff'])).id);
  const head = await ctxOf((await userWithRoles(t.services, organ.id, `${code}-head`, ['office_head'])).id);
  const cols = new Map((await t.services.publications.columns(sys, organ.id)).map((c) => [c.code, c.id]));
  const col = (c: string) => {
    const id = cols.get(c);
    assert.ok(id, `column ${c}`);
    return id;
  };
  const input = (over: Record<string, unknown> = {}) => ({
    columnId: col('notices'),
    title: '关于做好年度工作的通知',
    summary: '',
    createdOn: '2026-02-20',
    docNumber: '',
    theme: '综合政务\\政务公开',
    genre: 'notice',
    keywords: '',
    bodyHtml: '<p>特此通知。</p>',
    ...over,
  });
  const draft = (over: Record<string, unknown> = {}) => t.services.publications.createDraft(author, input(over));
  const published = async (over: Record<string, unknown> = {}) => {
    const d = await draft(over);
    const s = await t.services.publications.submit(author, d.id, { version: d.version, checklist: [...CHECKLIST_KEYS] });
    const a = await t.services.publications.approve(head, s.id, { version: s.version });
    t.clock.advanceMinutes(1);
    return t.services.publications.publish(head, a.id, { version: a.version });
  };
  return { organId: organ.id, author, head, col, input, draft, published };
}
