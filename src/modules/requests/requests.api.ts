// The JSON API of requests for disclosure (staff, token-authenticated; documented in
// requests.openapi.ts, served at /api/v1/openapi.json):
//   GET  /api/v1/requests                      the queue: filters, pages, sorted by reply due date
//   GET  /api/v1/requests/:reference           one case: due dates, history, the clock receipt
//   POST /api/v1/requests                      staff intake (Art 31 channel and date of receipt)
//   POST /api/v1/requests/:reference/events    an action on the case, with the `version` read
// Authorization lives in the services (the same checks as the back-office pages); every write is
// audited there as the token's holder.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { AppError } from '../../platform/http/errors.js';
import { apiCtx, DEFAULT_API_RATE_PER_MINUTE, tokenScope } from '../tokens/tokens.http.js';
import type { TokenService } from '../tokens/tokens.service.js';
import { performAction } from './requests.actions.js';
import type { RequestApiQueries } from './requests.api.queries.js';
import { ACTIONS, type Action } from './requests.workflow.js';

export const API_REQUESTS = '/api/v1/requests';

/**
 * A JSON body as the services read forms: an object whose `null` members count as not given.
 * Numbers are kept (the schemas coerce them); anything but an object is refused.
 */
export function jsonBody(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b)) throw new AppError('bad_request', '请求体应为 JSON 对象。');
  return Object.fromEntries(Object.entries(b as Record<string, unknown>).filter(([, v]) => v !== null));
}

export function requestApiRoutes(
  app: FastifyInstance,
  d: RouteDeps & { tokens: TokenService; requestApi: RequestApiQueries },
): void {
  const q = d.requestApi;
  const svc = d.requests;
  const reference = (req: FastifyRequest) => String((req.params as { reference: string }).reference);

  app.register(async (api) => {
    const opts = tokenScope(api, d.tokens, d.config.apiRatePerMinute ?? DEFAULT_API_RATE_PER_MINUTE);

    api.get(API_REQUESTS, opts, async (req) => q.list(apiCtx(req), req.query ?? {}));

    api.get(`${API_REQUESTS}/:reference`, opts, async (req) => {
      const ctx = apiCtx(req);
      return q.get(ctx, await q.idOf(reference(req)));
    });

    api.post(API_REQUESTS, opts, async (req, reply) => {
      const ctx = apiCtx(req);
      const actor = req.apiAuth?.actor;
      if (!actor) throw new AppError('unauthenticated', '');
      const { row, token } = await svc.registerByStaff(ctx, actor.organId, jsonBody(req));
      const created = await q.get(ctx, row.id);
      return reply
        .code(201)
        .header('location', `${API_REQUESTS}/${encodeURIComponent(row.reference)}`)
        .send({ case: created, trackingUrl: `${req.protocol}://${req.host}/requests/track/${token}` });
    });

    api.post(`${API_REQUESTS}/:reference/events`, opts, async (req) => {
      const ctx = apiCtx(req);
      const id = await q.idOf(reference(req));
      const b = jsonBody(req);
      const action = b.action;
      if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
        throw new AppError('validation', '请检查标出的项目。', { action: `不支持的操作，应为 ${ACTIONS.join('、')} 之一。` });
      }
      if (b.version === undefined) throw new AppError('validation', '请检查标出的项目。', { version: '此项为必填项。' });
      const { action: _, ...input } = b;
      await performAction(svc, action as Action, ctx, id, input);
      return q.get(ctx, id);
    });
  });
}
