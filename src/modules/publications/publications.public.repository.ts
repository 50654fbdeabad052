// Read-only queries behind the public portal: only what has been published is ever selected.

import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { chinaDate } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import type { Database } from '../../schema.js';
import type { Genre, LinkKind, Validity } from './publications.schemas.js';
import type { State } from './publications.workflow.js';

/** States the public may open by URL: the current edition, a superseded one that points forward,
 * and a withdrawn one (shown as withdrawn, without its body). Drafts and the rest never. */
export const OPENABLE: readonly State[] = ['published', 'superseded', 'withdrawn'];

/** A line of a public list. */
export interface PublicBriefRow {
  id: number;
  column_id: number;
  title: string;
  index_no: string | null;
  published_on: string | null;
  state: State;
  issuing_organ: string;
  summary: string | null;
  published_at: string | null;
}

const briefCols = [
  'id',
  'column_id',
  'title',
  'index_no',
  'published_on',
  'state',
  'issuing_organ',
  'summary',
  'published_at',
] as const;

const brief = (r: PublicBriefRow): PublicBriefRow => ({ ...r, id: Number(r.id), column_id: Number(r.column_id) });

/** Filters of a public list (column pages, the catalogue listing); every one optional. */
export interface PublicFilter {
  /** Year of publication (发布日期). */
  year?: number;
  /** 主题分类, matched exactly. */
  theme?: string;
  genre?: Genre;
  validity?: Validity;
  /** The unit (处室) that prepared the item. */
  unitId?: number;
}

/** What a list covers: some columns (a column and its sub-columns), or everything of an organ. */
export type PublicScope = { columnIds: readonly number[] } | { organId: number };

/** The conditions of a list: published, in scope, and every filter given. */
function inList(eb: ExpressionBuilder<Database, 'publications'>, scope: PublicScope, f: PublicFilter = {}) {
  const c: Expression<SqlBool>[] = [eb('state', '=', 'published')];
  c.push('organId' in scope ? eb('organ_id', '=', scope.organId) : eb('column_id', 'in', [...scope.columnIds]));
  if (f.year !== undefined) {
    // the year in China (UTC+8, no daylight saving) as a range of the indexed moment of publication,
    // which is always written by toISOString() and so compares as text
    c.push(
      eb('published_at', '>=', `${f.year - 1}-12-31T16:00:00.000Z`),
      eb('published_at', '<', `${f.year}-12-31T16:00:00.000Z`),
    );
  }
  if (f.theme !== undefined) c.push(eb('theme', '=', f.theme));
  if (f.genre !== undefined) c.push(eb('genre', '=', f.genre));
  if (f.validity !== undefined) c.push(eb('validity', '=', f.validity));
  if (f.unitId !== undefined) c.push(eb('unit_id', '=', f.unitId));
  return eb.and(c);
}

const emptyScope = (scope: PublicScope) => 'columnIds' in scope && scope.columnIds.length === 0;

export const publicRepo = {
  /** Published items (current editions) per column of an organ. */
  async publishedCounts(db: Executor, organId: number): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('publications')
      .select((eb) => ['column_id', eb.fn.countAll().as('n')])
      .where('organ_id', '=', organId)
      .where('state', '=', 'published')
      .groupBy('column_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.column_id), Number(r.n)]));
  },

  /** Published items of the given columns (or of an organ), filtered, newest first, with their total. */
  async published(
    db: Executor,
    scope: PublicScope | readonly number[],
    limit: number,
    offset: number,
    filter: PublicFilter = {},
  ): Promise<{ items: PublicBriefRow[]; total: number }> {
    const sc: PublicScope = Array.isArray(scope) ? { columnIds: scope } : (scope as PublicScope);
    if (emptyScope(sc)) return { items: [], total: 0 };
    const q = db.selectFrom('publications').where((eb) => inList(eb, sc, filter));
    const [rows, count] = await Promise.all([
      q.select(briefCols).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(brief), total: Number(count.n) };
  },

  /** The values the filters of a list may take: years and themes that occur among its published items. */
  async facets(db: Executor, scope: PublicScope): Promise<{ years: number[]; themes: string[] }> {
    if (emptyScope(scope)) return { years: [], themes: [] };
    // years from the first and last publication (two index look-ups), themes by an index-only scan
    const [range, themes] = await Promise.all([
      db
        .selectFrom('publications')
        .where((eb) => inList(eb, scope))
        .select((eb) => [eb.fn.min('published_at').as('first'), eb.fn.max('published_at').as('last')])
        .executeTakeFirst(),
      db
        .selectFrom('publications')
        .where((eb) => inList(eb, scope))
        .select('theme')
        .distinct()
        .execute(),
    ]);
    const yearOf = (iso: string | null | undefined) => (iso ? Number(chinaDate(new Date(iso)).slice(0, 4)) : Number.NaN);
    const first = yearOf(range?.first);
    const last = yearOf(range?.last);
    const years: number[] = [];
    if (Number.isInteger(first) && Number.isInteger(last))
      for (let y = last; y >= first && years.length < 200; y--) years.push(y);
    return { years, themes: themes.map((r) => r.theme).sort((a, b) => a.localeCompare(b, 'zh-CN')) };
  },

  /** Every current published item of every organ (for the sitemap), oldest id first, a page at a time. */
  async allPublished(
    db: Executor,
    afterId: number,
    limit: number,
  ): Promise<Array<{ id: number; organ_id: number; index_no: string | null; published_at: string | null }>> {
    const rows = await db
      .selectFrom('publications')
      .select(['id', 'organ_id', 'index_no', 'published_at'])
      .where('state', '=', 'published')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), organ_id: Number(r.organ_id) }));
  },

  /** Briefs of the items among `ids` the public may open. */
  async openableBriefs(db: Executor, ids: readonly number[]): Promise<Map<number, PublicBriefRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('publications')
      .select(briefCols)
      .where('id', 'in', [...new Set(ids)])
      .where('state', 'in', [...OPENABLE])
      .where('published_on', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [Number(r.id), brief(r)]));
  },

  /** Links of an item both ways: what it points at, and what points at it. */
  async linksBothWays(
    db: Executor,
    id: number,
  ): Promise<{ out: Array<{ kind: LinkKind; id: number }>; in: Array<{ kind: LinkKind; id: number }> }> {
    const [out, inc] = await Promise.all([
      db.selectFrom('publication_links').select(['kind', 'target_id']).where('publication_id', '=', id).execute(),
      db.selectFrom('publication_links').select(['kind', 'publication_id']).where('target_id', '=', id).execute(),
    ]);
    return {
      out: out.map((l) => ({ kind: l.kind, id: Number(l.target_id) })),
      in: inc.map((l) => ({ kind: l.kind, id: Number(l.publication_id) })),
    };
  },
};
