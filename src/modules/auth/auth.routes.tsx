import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/http/errors.js';
import { safeLocalPath, seeOther, sendPage } from '../../platform/http/render.js';
import { COOKIE } from '../../platform/http/request.js';
import { fmt, m } from '../../ui/messages.js';
import type { ViewCtxFn } from './auth.http.js';
import type { AuthService } from './auth.service.js';
import { LoginPage } from './views/login.js';

export function authRoutes(app: FastifyInstance, deps: { auth: AuthService; viewCtx: ViewCtxFn; config: Config }) {
  const { auth, viewCtx } = deps;

  app.get('/staff/login', async (req, reply) => {
    const q = req.query as { next?: string; expired?: string };
    if (req.staff) return seeOther(reply, safeLocalPath(q.next, '/staff'));
    const ctx = await viewCtx(req, reply, { forms: true });
    return sendPage(
      reply,
      <LoginPage
        ctx={ctx}
        next={q.next ? safeLocalPath(q.next, '/staff') : undefined}
        info={q.expired ? m.staff.sessionEnded : undefined}
      />,
    );
  });

  app.post(
    '/staff/login',
    { config: { rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const username = typeof body.username === 'string' ? body.username.trim().slice(0, 64) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
      const next = safeLocalPath(body.next, '/staff');
      const result = await auth.login(
        username,
        password,
        { requestId: req.id, ip: req.ip },
        req.headers['user-agent'] ?? null,
        req.cookies[COOKIE.session],
      );
      if (!result.ok) {
        const ctx = await viewCtx(req, reply, { forms: true });
        const error =
          result.reason === 'locked'
            ? fmt(m.staff.locked, {
                until: new Date(result.lockedUntil ?? '').toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
              })
            : result.reason === 'disabled'
              ? m.staff.disabled
              : m.staff.badLogin;
        return sendPage(
          reply,
          <LoginPage ctx={ctx} username={username} error={error} next={next} />,
          result.reason === 'locked' ? 429 : 422,
        );
      }
      reply.setCookie(COOKIE.session, result.token, {
        path: '/staff',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        maxAge: deps.config.sessionMaxHours * 3600,
      });
      return seeOther(reply, next);
    },
  );

  // An expired session still gets signed out cleanly; a live one needs its CSRF token.
  app.post('/staff/logout', { config: { csrf: false } }, async (req, reply) => {
    if (req.staff) {
      if (!auth.csrfValid(req.staff.csrfSecret, (req.body as Record<string, unknown> | undefined)?._csrf)) {
        throw new AppError('csrf', m.errors.csrf);
      }
      await auth.logout(req.staff.token, {
        userId: req.staff.actor.userId,
        name: req.staff.actor.username,
        organId: req.staff.actor.organId,
        requestId: req.id,
        ip: req.ip,
      });
    }
    reply.clearCookie(COOKIE.session, { path: '/staff' });
    return seeOther(reply, '/staff/login');
  });
}
