// Public search: the page `/search` (a GET form that works without JavaScript) and the JSON API
// `/api/v1/search`. Both read the same query parameters and answer from the same index:
//   q       the words (required for results; up to 100 characters)
//   organ   an organ code (default: every organ of the site)
//   column  a column code (e.g. notices, policy-docs)
//   year    a publication year
//   genre   a genre code (e.g. notice, opinion)
//   order   newest (default) | relevance
//   page    1…; 10 per page on the page, `limit` (≤ 50) in the API
// Bad parameters are not errors: the page says which one it ignored and why.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { sendPage } from '../../platform/http/render.js';
import type { OrganRow } from '../organs/organs.service.js';
import type { PublicColumn } from '../publications/publications.public.js';
import { GENRE_LABELS, GENRES } from '../publications/publications.schemas.js';
import type { SearchIndex } from './search.index.js';
import { type SearchForm, SearchPage, type SearchView, sm } from './views/search-page.js';

export const PAGE_SIZE = 10;
const API_MAX_LIMIT = 50;
const MAX_Q = 100;
/** Pages beyond this are not offered (the count itself stops at 1,000). */
const MAX_PAGE = 100;

export interface ParsedQuery {
  form: SearchForm;
  ignored: string[];
}

/** Years offered in the filter: this year back to 2008 (the first Regulation). */
const yearsUpTo = (last: number) => Array.from({ length: Math.max(1, last - 2007) }, (_, i) => last - i);

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function parseSearchQuery(raw: unknown, organCodes: ReadonlySet<string>, columnCodes: ReadonlySet<string>): ParsedQuery {
  const r = (raw ?? {}) as Record<string, unknown>;
  const ignored: string[] = [];
  let q = str(r.q);
  if (q.length > MAX_Q) {
    q = q.slice(0, MAX_Q);
    ignored.push(sm.tooLong);
  }
  const form: SearchForm = { q, order: 'newest', page: 1 };
  const organ = str(r.organ);
  if (organ) {
    if (organCodes.has(organ)) form.organ = organ;
    else ignored.push(sm.badOrgan);
  }
  const column = str(r.column);
  if (column) {
    if (columnCodes.has(column)) form.column = column;
    else ignored.push(sm.badColumn);
  }
  const year = str(r.year);
  if (year) {
    if (/^(19|20)\d\d$/.test(year)) form.year = Number(year);
    else ignored.push(sm.badYear);
  }
  const genre = str(r.genre);
  if (genre) {
    if ((GENRES as readonly string[]).includes(genre)) form.genre = genre;
    else ignored.push(sm.badGenre);
  }
  const order = str(r.order);
  if (order === 'relevance') form.order = 'relevance';
  else if (order && order !== 'newest') ignored.push(sm.badOrder);
  const page = str(r.page);
  if (page) {
    if (/^[1-9]\d{0,4}$/.test(page) && Number(page) <= MAX_PAGE) form.page = Number(page);
    else ignored.push(sm.badPage);
  }
  return { form, ignored };
}

export function searchRoutes(app: FastifyInstance, d: RouteDeps & { searchIndex: SearchIndex }): void {
  /** Organs and columns to filter by: read once per request, memoised under the content stamp (ADR 0014). */
  async function choices() {
    const v = await d.publicCatalogue.view();
    const [organs, portal] = await Promise.all([
      v.get('all-organs', () => d.organs.all()),
      v.get('portal-organ', () => d.organs.portalOrgan()),
    ]);
    const columns = new Map<string, string>();
    // columns are matched by their own code: offer the ones items are placed in (no sub-columns)
    const leaves = (nodes: PublicColumn[]): void => {
      for (const c of nodes) {
        if (c.children.length) leaves(c.children);
        else columns.set(c.code, c.name);
      }
    };
    if (portal) leaves(await d.publicCatalogue.columnTreeIn(v, portal.id));
    return { organs, columns, portal };
  }

  async function run(form: SearchForm, limit: number, organs: readonly OrganRow[]) {
    const organ = form.organ ? organs.find((o) => o.code === form.organ) : undefined;
    const result = await d.searchIndex.search({
      q: form.q,
      ...(organ ? { organId: organ.id } : {}),
      ...(form.column ? { column: form.column } : {}),
      ...(form.year ? { year: form.year } : {}),
      ...(form.genre ? { genre: form.genre } : {}),
      order: form.order,
      limit,
      offset: (form.page - 1) * limit,
    });
    const names = new Map(organs.map((o) => [o.id, o.name]));
    return { result, names };
  }

  app.get('/search', async (req, reply) => {
    const ctx = await d.viewCtx(req, reply);
    const { organs, columns, portal } = await choices();
    const { form, ignored } = parseSearchQuery(req.query, new Set(organs.map((o) => o.code)), new Set(columns.keys()));
    const view: SearchView = {
      form,
      ignored,
      organs: organs.map((o) => ({ code: o.code, name: o.name })),
      columns: [...columns].map(([code, name]) => ({ code, name })),
      genres: GENRES.map((g) => ({ code: g, name: GENRE_LABELS[g] })),
      years: yearsUpTo(Number(chinaDate(d.clock.now()).slice(0, 4))),
      pageSize: PAGE_SIZE,
    };
    if (form.q) {
      const { result, names } = await run(form, PAGE_SIZE, organs);
      view.result = {
        total: result.total,
        capped: result.capped,
        items: result.items.map((h) => ({ ...h, organ: names.get(h.organId) ?? '' })),
      };
    }
    return sendPage(reply, <SearchPage ctx={ctx} organName={portal?.name ?? sm.site} view={view} />);
  });

  app.get('/api/v1/search', async (req, reply) => {
    const { organs, columns } = await choices();
    const { form, ignored } = parseSearchQuery(req.query, new Set(organs.map((o) => o.code)), new Set(columns.keys()));
    const rawLimit = str((req.query as Record<string, unknown> | undefined)?.limit);
    let limit = PAGE_SIZE;
    if (rawLimit) {
      if (/^[1-9]\d?$/.test(rawLimit) && Number(rawLimit) <= API_MAX_LIMIT) limit = Number(rawLimit);
      else ignored.push(sm.badLimit);
    }
    reply.header('access-control-allow-origin', '*');
    if (!form.q) return { total: 0, capped: false, page: form.page, items: [], ignored };
    const { result, names } = await run(form, limit, organs);
    return {
      total: result.total,
      capped: result.capped,
      page: form.page,
      items: result.items.map((h) => ({
        title: h.title,
        url: h.url,
        snippet: h.snippet,
        organ: names.get(h.organId) ?? '',
        publishedOn: h.publishedOn,
      })),
      ignored,
    };
  });
}
