import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorPage } from '../../ui/layout.js';
import { fmt, m } from '../../ui/messages.js';
import type { ViewCtx } from '../../ui/view.js';
import { AppError, ERROR_TITLES, statusOf } from './errors.js';
import { renderPage } from './render.js';

type ViewCtxFn = (req: FastifyRequest, reply: FastifyReply) => Promise<ViewCtx>;

const wantsJson = (req: FastifyRequest) => req.url.startsWith('/api/');

/** Errors are mapped to HTTP in one place: Chinese pages, JSON for the API, no internals on 500. */
export function registerErrorHandling(app: FastifyInstance, viewCtx: ViewCtxFn): void {
  const send = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) => {
    if (wantsJson(req)) return reply.code(status).send({ error: { code, message } });
    let ctx: ViewCtx;
    try {
      ctx = await viewCtx(req, reply);
    } catch {
      ctx = { script: 'hans', elder: false, path: '/', csrf: '' };
    }
    const title = ERROR_TITLES[status] ?? ERROR_TITLES[500] ?? '';
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(renderPage(<ErrorPage ctx={ctx} status={status} title={title} message={message} />));
  };

  app.setNotFoundHandler((req, reply) => send(req, reply, 404, 'not_found', '您要找的页面不存在或已被移除。'));

  app.setErrorHandler((err, req, reply) => {
    const status = statusOf(err);
    if (err instanceof AppError) {
      if (err.code === 'unauthenticated' && !wantsJson(req)) {
        return reply.code(303).header('location', '/staff/login?expired=1').send();
      }
      if (err.status >= 500) req.log.error({ err, reqId: req.id }, err.message);
      return send(req, reply, err.status, err.code, err.message);
    }
    if (status === 429) return send(req, reply, 429, 'rate_limited', m.errors.rateLimited);
    if (status >= 400 && status < 500) {
      return send(
        req,
        reply,
        status,
        status === 413 ? 'too_large' : 'bad_request',
        status === 413 ? '提交的内容过大。' : '请求格式不正确。',
      );
    }
    req.log.error({ err, reqId: req.id }, 'unhandled error');
    return send(req, reply, 500, 'internal', fmt(m.errors.internal, { id: req.id }));
  });
}
