// 审计日志 for the audit officer (安全审计员) of an organ and the organs below it; the service refuses
// everyone else, administrators and security officers included (三员分立).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { sendPage } from '../../platform/http/render.js';
import { parse } from '../../platform/validation.js';
import { m } from '../../ui/messages.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { staffNav } from '../backoffice/backoffice.nav.js';
import { AuditLogPage, VerifyPage } from './views/audit-log.js';

const PAGE_SIZE = 50;

const ListQuery = z.object({
  before: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (/^\d{1,15}$/.test(v) && Number(v) > 0), '记录编号应为正整数。')
    .transform((v) => (v ? Number(v) : undefined)),
  action: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});

export function auditRoutes(app: FastifyInstance, d: RouteDeps): void {
  const nav = (req: FastifyRequest) => [{ href: '/staff', label: m.staff.home }, ...staffNav(req.staff?.actor.roles ?? [])];
  const scope = (req: FastifyRequest) => {
    const a = req.staff?.actor;
    return a ? [a.organId, ...a.descendantOrganIds] : [];
  };

  app.get('/staff/audit', { preHandler: requireStaff }, async (req, reply) => {
    const q = parse(ListQuery, req.query ?? {});
    const page = await d.audit.page(staffCtx(req), scope(req), { beforeId: q.before, action: q.action, size: PAGE_SIZE });
    return sendPage(
      reply,
      <AuditLogPage
        ctx={await d.viewCtx(req, reply)}
        nav={nav(req)}
        entries={page.entries}
        actions={page.actions}
        action={q.action ?? ''}
        olderBefore={page.olderBefore}
        before={q.before ?? null}
      />,
    );
  });

  app.get('/staff/audit/verify', { preHandler: requireStaff }, async (req, reply) => {
    const r = await d.audit.verify(staffCtx(req));
    return sendPage(
      reply,
      <VerifyPage ctx={await d.viewCtx(req, reply)} nav={nav(req)} ok={r.ok} rows={r.rows} head={r.head} broken={r.broken} />,
    );
  });
}
