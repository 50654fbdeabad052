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
import type { StampedView } from '../../platform/db/stamped.js';
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
const NONE: ReadonlySet<string> = new Set();

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
  /** Organs and columns to filter by, as of a view of the memo (ADR 0014). */
  async function choicesIn(v: StampedView) {
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

  function search(form: SearchForm, limit: number, organId: number | undefined) {
    return d.searchIndex.search({
      q: form.q,
      ...(organId != null ? { organId } : {}),
      ...(form.column ? { column: form.column } : {}),
      ...(form.year ? { year: form.year } : {}),
      ...(form.genre ? { genre: form.genre } : {}),
      order: form.order,
      limit,
      offset: (form.page - 1) * limit,
    });
  }

  /**
   * The query parsed, its results (when it has words) and the choices. A query naming no organ and no
   * column is searched first, and the choices are those of the memo as of the stamp the search read
   * with it (one statement for both on PostgreSQL); otherwise the choices come first, to check them.
   * `limit` reads the page size, adding to what was ignored.
   */
  async function answer(raw: unknown, limit: (ignored: string[]) => number) {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (!str(r.organ) && !str(r.column)) {
      const { form, ignored } = parseSearchQuery(raw, NONE, NONE);
      const n = limit(ignored);
      const result = form.q ? await search(form, n, undefined) : undefined;
      const v = result?.stamp != null ? d.publicCatalogue.viewAt(result.stamp) : await d.publicCatalogue.view();
      return { form, ignored, result, ...(await choicesIn(v)) };
    }
    const c = await choicesIn(await d.publicCatalogue.view());
    const { form, ignored } = parseSearchQuery(raw, new Set(c.organs.map((o) => o.code)), new Set(c.columns.keys()));
    const n = limit(ignored);
    const organ = form.organ ? c.organs.find((o) => o.code === form.organ) : undefined;
    const result = form.q ? await search(form, n, organ?.id) : undefined;
    return { form, ignored, result, ...c };
  }

  const organNames = (organs: readonly OrganRow[]) => new Map(organs.map((o) => [o.id, o.name]));

  app.get('/search', async (req, reply) => {
    const ctx = await d.viewCtx(req, reply);
    const { form, ignored, result, organs, columns, portal } = await answer(req.query, () => PAGE_SIZE);
    const view: SearchView = {
      form,
      ignored,
      organs: organs.map((o) => ({ code: o.code, name: o.name })),
      columns: [...columns].map(([code, name]) => ({ code, name })),
      genres: GENRES.map((g) => ({ code: g, name: GENRE_LABELS[g] })),
      years: yearsUpTo(Number(chinaDate(d.clock.now()).slice(0, 4))),
      pageSize: PAGE_SIZE,
    };
    if (result) {
      const names = organNames(organs);
      view.result = {
        total: result.total,
        capped: result.capped,
        items: result.items.map((h) => ({ ...h, organ: names.get(h.organId) ?? '' })),
      };
    }
    return sendPage(reply, <SearchPage ctx={ctx} organName={portal?.name ?? sm.site} view={view} />);
  });

  app.get('/api/v1/search', async (req, reply) => {
    const { form, ignored, result, organs } = await answer(req.query, (ignored) => {
      const rawLimit = str((req.query as Record<string, unknown> | undefined)?.limit);
      if (!rawLimit) return PAGE_SIZE;
      if (/^[1-9]\d?$/.test(rawLimit) && Number(rawLimit) <= API_MAX_LIMIT) return Number(rawLimit);
      ignored.push(sm.badLimit);
      return PAGE_SIZE;
    });
    reply.header('access-control-allow-origin', '*');
    if (!result) return { total: 0, capped: false, page: form.page, items: [], ignored };
    const names = organNames(organs);
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
