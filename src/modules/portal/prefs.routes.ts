import type { FastifyInstance } from 'fastify';
import { safeLocalPath, seeOther } from '../../platform/http/render.js';
import { COOKIE } from '../../platform/http/request.js';

const YEAR = 365 * 24 * 3600;

/** Display preferences are links (GET), so that public pages carry no per-visitor token and stay cacheable. */
export function prefsRoutes(app: FastifyInstance): void {
  app.get('/prefs', async (req, reply) => {
    const q = req.query as { script?: string; elder?: string; return?: string };
    if (q.script === 'hant' || q.script === 'hans') {
      reply.setCookie(COOKIE.script, q.script, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true });
    }
    if (q.elder === '1' || q.elder === '0') {
      reply.setCookie(COOKIE.elder, q.elder, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true });
    }
    reply.header('cache-control', 'no-store');
    return seeOther(reply, safeLocalPath(q.return, '/'));
  });
}
