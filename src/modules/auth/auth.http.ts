// Sessions and CSRF for every request; the view context pages are rendered with.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorCtx, type Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { COOKIE } from '../../platform/http/request.js';
import { m } from '../../ui/messages.js';
import type { ViewCtx } from '../../ui/view.js';
import type { OrganService } from '../organs/organs.service.js';
import type { AuthService } from './auth.service.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuthHooks(app: FastifyInstance, auth: AuthService): void {
  // Staff sessions are looked up only in the back office: public pages stay cacheable.
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/staff')) return;
    const token = req.cookies[COOKIE.session];
    const s = await auth.session(token);
    if (s && token) req.staff = { ...s, token };
  });
  app.addHook('preHandler', async (req) => {
    if (!UNSAFE.has(req.method)) return;
    if (req.routeOptions.config && (req.routeOptions.config as { csrf?: boolean }).csrf === false) return;
    const secret = req.staff?.csrfSecret ?? req.cookies[COOKIE.anon] ?? '';
    const body = req.body as Record<string, unknown> | undefined;
    const token = body?._csrf ?? req.headers['x-csrf-token'];
    if (!secret || !auth.csrfValid(secret, token)) throw new AppError('csrf', m.errors.csrf);
  });
}

/** Refuses anonymous access to back-office routes: to the login page, keeping where they were going. */
export async function requireStaff(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.staff) return;
  const expired = Boolean(req.cookies[COOKIE.session]);
  const next = encodeURIComponent(req.url);
  if (req.method === 'GET') {
    await reply
      .code(303)
      .header('location', `/staff/login?next=${next}${expired ? '&expired=1' : ''}`)
      .send();
    return;
  }
  throw new AppError('unauthenticated', m.staff.sessionEnded);
}

export function staffCtx(req: FastifyRequest): Ctx {
  if (!req.staff) throw new AppError('unauthenticated', m.staff.sessionEnded);
  return actorCtx(req.staff.actor, req.id, req.ip);
}

export function createViewCtx(auth: AuthService, organs: OrganService) {
  return async function viewCtx(req: FastifyRequest, reply: FastifyReply, opts: { forms?: boolean } = {}): Promise<ViewCtx> {
    const ok = (req.query as Record<string, unknown> | undefined)?.ok;
    const notice = typeof ok === 'string' && ok in m.ok ? m.ok[ok as keyof typeof m.ok] : undefined;
    const base = { script: req.script, elder: req.elder, path: req.url, ...(notice ? { notice } : {}) };
    if (req.staff) {
      const a = req.staff.actor;
      const organName = (await organs.byId(a.organId))?.name ?? '';
      return {
        ...base,
        csrf: auth.csrfToken(req.staff.csrfSecret),
        staff: { displayName: a.displayName, username: a.username, roles: a.roles, organName },
      };
    }
    return { ...base, csrf: opts.forms ? auth.csrfToken(req.ensureAnonSecret(reply)) : '' };
  };
}

export type ViewCtxFn = ReturnType<typeof createViewCtx>;
