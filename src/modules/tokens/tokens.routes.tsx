// /staff/tokens: a member of staff's API tokens (create, shown once; revoke); an administrator
// also sees and may revoke every token of their organ.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, bodyOf, staffNavFor, text } from '../backoffice/backoffice.http.js';
import type { TokenService } from './tokens.service.js';
import { TOKENS_HREF, TokensPage, type TokensView } from './views/tokens-page.js';

const Id = z.coerce.number().int().positive();

export function tokenRoutes(app: FastifyInstance, d: RouteDeps & { tokens: TokenService }): void {
  const pre = { preHandler: requireStaff };

  async function show(req: FastifyRequest, reply: FastifyReply, extra: Partial<TokensView> = {}, status = 200) {
    const ctx = staffCtx(req);
    const actor = actorOf(req);
    const view: TokensView = {
      mine: await d.tokens.mine(ctx),
      organ: d.tokens.canListOrgan(actor) ? await d.tokens.ofOrgan(ctx) : null,
      form: { values: {} },
      now: d.clock.now().toISOString(),
      ...extra,
    };
    const vctx = await d.viewCtx(req, reply);
    return sendPage(reply, <TokensPage ctx={vctx} nav={staffNavFor(actor.roles)} view={view} />, status);
  }

  app.get(TOKENS_HREF, pre, (req, reply) => show(req, reply));

  // the new token is rendered in the answer to the POST itself (never in a URL, never stored)
  app.post(TOKENS_HREF, pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      const { row, token } = await d.tokens.create(staffCtx(req), b);
      return show(req, reply, { created: { name: row.name, token } }, 201);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      return show(
        req,
        reply,
        { form: { values: { name: text(b.name), days: text(b.days) }, error: { message: err.message, fields: err.fields } } },
        422,
      );
    }
  });

  app.post(`${TOKENS_HREF}/:id/revoke`, pre, async (req, reply) => {
    const id = Id.safeParse((req.params as { id?: unknown }).id);
    if (!id.success) throw notFound('令牌不存在。');
    await d.tokens.revoke(staffCtx(req), id.data);
    return seeOther(reply, `${TOKENS_HREF}?ok=saved`);
  });
}
