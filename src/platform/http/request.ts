// What the HTTP layer attaches to each request.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../policy.js';

export const COOKIE = {
  session: 'gk_sid',
  anon: 'gk_anon',
  script: 'gk_script',
  elder: 'gk_elder',
} as const;

export interface StaffSession {
  sessionId: string;
  token: string;
  actor: Actor;
  csrfSecret: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    script: 'hans' | 'hant';
    elder: boolean;
    staff: StaffSession | undefined;
    /** The secret CSRF tokens are bound to: the staff session's, else an anonymous cookie. */
    csrfSecret: string;
  }
}

export interface CookieOptions {
  secure: boolean;
}

/** Display preferences (简/繁, elder mode) and the anonymous CSRF secret, from cookies. */
export function registerRequestBasics(app: FastifyInstance, opts: CookieOptions): void {
  app.decorateRequest('script', 'hans');
  app.decorateRequest('elder', false);
  app.decorateRequest('staff', undefined);
  app.decorateRequest('csrfSecret', '');
  // synchronous hooks on every request (here and in the page cache): no promise per hook
  app.addHook('onRequest', (req, _reply, done) => {
    req.script = req.cookies[COOKIE.script] === 'hant' ? 'hant' : 'hans';
    req.elder = req.cookies[COOKIE.elder] === '1';
    done();
  });
  // The anonymous secret is only set where a form needs it, so cached public pages carry no cookie.
  app.decorateRequest('ensureAnonSecret', function (this: FastifyRequest, reply: FastifyReply) {
    let secret = this.cookies[COOKIE.anon];
    if (!secret || !/^[A-Za-z0-9_-]{20,64}$/.test(secret)) {
      secret = randomBytes(24).toString('base64url');
      reply.setCookie(COOKIE.anon, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secure });
    }
    return secret;
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    ensureAnonSecret(reply: FastifyReply): string;
  }
}
