// /staff/outbox: an administrator's list of their organs' failed and waiting messages, with a retry button.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { isAppError, staffNavFor } from '../backoffice/backoffice.http.js';
import type { OutboxListed } from './outbox.service.js';
import { type MessageItem, OUTBOX_HREF, OutboxPage } from './views/outbox-page.js';

const item = (m: OutboxListed): MessageItem => ({
  organ: m.organId === null ? null : (m.organName ?? `#${m.organId}`),
  id: m.id,
  topic: m.topic,
  key: m.key,
  state: m.state,
  attempts: m.attempts,
  nextAttemptAt: m.nextAttemptAt,
  lockedUntil: m.lockedUntil,
  lastError: m.lastError,
  createdAt: m.createdAt,
});

export function outboxRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };

  async function page(req: FastifyRequest, reply: FastifyReply, status = 200, error?: string) {
    const o = await d.outboxAdmin.overview(staffCtx(req));
    return sendPage(
      reply,
      <OutboxPage
        ctx={await d.viewCtx(req, reply)}
        nav={staffNavFor(req.staff?.actor.roles ?? [])}
        counts={o.counts}
        failed={o.failed.map(item)}
        waiting={o.waiting.map(item)}
        everything={o.scope === 'all'}
        error={error}
      />,
      status,
    );
  }

  app.get(OUTBOX_HREF, pre, async (req, reply) => page(req, reply));

  app.post(`${OUTBOX_HREF}/:id/retry`, pre, async (req, reply) => {
    const raw = (req.params as { id?: string }).id ?? '';
    if (!/^\d{1,15}$/.test(raw)) throw notFound('消息不存在。');
    try {
      await d.outboxAdmin.retry(staffCtx(req), Number(raw));
    } catch (err) {
      if (!isAppError(err, 'conflict')) throw err;
      return page(req, reply, 409, err.message);
    }
    return seeOther(reply, `${OUTBOX_HREF}?ok=saved`);
  });
}
