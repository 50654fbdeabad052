// Which public pages are kept by the page cache (platform/http/page-cache.ts, ADR 0013), and
// the stamp that says they may have changed: the head of the audit log, to which every change
// of anything public (a publication's state, its attachments, columns, organs, settings) appends
// a row in its own transaction.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import { type PageCacheOptions, registerPageCache } from '../../platform/http/page-cache.js';
import { COOKIE } from '../../platform/http/request.js';
import { SECTIONS } from './views/portal.js';

/** The portal's pages that read no session and set no cookie (portal.routes.tsx). */
export const CACHED_ROUTES: ReadonlySet<string> = new Set([
  '/',
  '/organs/:code',
  '/guide',
  '/organs/:code/guide',
  '/catalogue',
  '/organs/:code/catalogue',
  '/columns/:id',
  '/items/:id',
  '/:organ/xxgk/:code/:serial',
  ...SECTIONS.filter((s) => s.key !== 'guide').map((s) => s.href),
]);

const HEAD = sql<{ id: number | string }>`SELECT id FROM audit_log ORDER BY id DESC LIMIT 1`;

/** The stamp as a scalar subquery, to be read in another statement (the search's: null when the log is empty). */
export const AUDIT_HEAD = sql<number | string | null>`(${HEAD})`;

export async function auditHead(db: Db): Promise<number> {
  // read once per public page (ADR 0014): a plain statement, no query builder
  const r = await HEAD.execute(db);
  return r.rows[0] ? Number(r.rows[0].id) : 0;
}

export type PortalCacheOptions = Omit<PageCacheOptions, 'routes' | 'stamp' | 'sessionCookies'>;

export function registerPortalCache(app: FastifyInstance, db: Db, opts: PortalCacheOptions = {}) {
  return registerPageCache(app, { ...opts, routes: CACHED_ROUTES, stamp: () => auditHead(db), sessionCookies: [COOKIE.session] });
}
