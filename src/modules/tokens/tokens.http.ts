// The JSON API's HTTP scope: bearer-token authentication, a rate limit per token, and errors as
// JSON `{"error":{"code","message","fields"?,"reasons"?}}`.
//
// CSRF: the API routes opt out of the cookie CSRF check (`config.csrf = false`) because they take
// their authority from the `Authorization: Bearer` header alone: a browser never adds that header
// to a cross-site form or link, and a cross-site script cannot send it without a CORS preflight,
// which this server never grants. Cookies give no authority here (sessions are only read under
// /staff), so a request with a session cookie but no token is refused like any other.
import type { FastifyContextConfig, FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { actorCtx, type Ctx } from '../../platform/context.js';
import { AppError, statusOf } from '../../platform/http/errors.js';
import { m } from '../../ui/messages.js';
import type { TokenAuth, TokenService } from './tokens.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The member of staff the API token acts for (API routes only). */
    apiAuth: TokenAuth | undefined;
  }
}

export const UNAUTHORIZED = '未提供有效的访问令牌，或令牌已被吊销、已过期。请在请求头中提供 Authorization: Bearer gk_…';
export const DEFAULT_API_RATE_PER_MINUTE = 300;

export interface ApiError {
  error: { code: string; message: string; fields?: Record<string, string>; reasons?: string[] };
}

/** The code the API reports for an error (the page codes, with 401 named `unauthorized`). */
const apiCode = (code: AppError['code']) => (code === 'unauthenticated' ? 'unauthorized' : code);

export function apiError(err: unknown, req: FastifyRequest): { status: number; body: ApiError } {
  if (err instanceof AppError) {
    const body: ApiError = { error: { code: apiCode(err.code), message: err.message } };
    if (Object.keys(err.fields).length) body.error.fields = err.fields;
    const reasons = (err as { reasons?: unknown }).reasons;
    if (Array.isArray(reasons)) body.error.reasons = reasons as string[];
    return { status: err.status, body };
  }
  const status = statusOf(err);
  if (status === 429) return { status, body: { error: { code: 'rate_limited', message: m.errors.rateLimited } } };
  if (status === 413) return { status, body: { error: { code: 'too_large', message: '提交的内容过大。' } } };
  if (status === 415) return { status, body: { error: { code: 'bad_request', message: '请以 application/json 提交。' } } };
  if (status >= 400 && status < 500) return { status, body: { error: { code: 'bad_request', message: '请求格式不正确。' } } };
  req.log.error({ err, reqId: req.id }, 'unhandled error');
  return {
    status: 500,
    body: { error: { code: 'internal', message: m.errors.internal.replace('{id}', req.id) } },
  };
}

/**
 * Makes `api` (an encapsulated Fastify context) a token-authenticated JSON API: every route in it
 * needs a valid token, and errors are JSON. Returns the route options every API route uses.
 */
export function tokenScope(api: FastifyInstance, tokens: TokenService, ratePerMinute: number): RouteShorthandOptions {
  if (!api.hasRequestDecorator('apiAuth')) api.decorateRequest('apiAuth', undefined);
  api.setErrorHandler((err, req, reply) => {
    const { status, body } = apiError(err, req);
    return reply.code(status).send(body);
  });
  api.addHook('preHandler', async (req) => {
    const auth = await tokens.authenticate(req.headers.authorization);
    if (!auth) throw new AppError('unauthenticated', UNAUTHORIZED);
    req.apiAuth = auth;
  });
  api.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
  return {
    config: {
      csrf: false,
      rateLimit: {
        max: ratePerMinute,
        timeWindow: '1 minute',
        keyGenerator: (req: FastifyRequest) => tokens.rateKey(req.headers.authorization, req.ip),
      },
    } as FastifyContextConfig,
  };
}

/** The service context of an API request: the token's holder, with the request's id and address. */
export function apiCtx(req: FastifyRequest): Ctx {
  if (!req.apiAuth) throw new AppError('unauthenticated', UNAUTHORIZED);
  return actorCtx(req.apiAuth.actor, req.id, req.ip);
}
