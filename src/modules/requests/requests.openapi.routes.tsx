// GET /api/v1/openapi.json (the document) and /api/docs (the same, as HTML tables for people).
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { sendPage } from '../../platform/http/render.js';
import { API_DOCS_PATH, OPENAPI_PATH, openApiDocument } from './requests.openapi.js';
import { ApiDocsPage } from './views/api-docs.js';

export function openApiRoutes(app: FastifyInstance, d: RouteDeps): void {
  const doc = openApiDocument();
  app.get(OPENAPI_PATH, async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
    return doc;
  });
  app.get(API_DOCS_PATH, async (req, reply) => {
    const ctx = await d.viewCtx(req, reply);
    const organ = await d.organs.portalOrgan();
    return sendPage(reply, <ApiDocsPage ctx={ctx} organName={organ?.name ?? ''} doc={doc} />);
  });
}
