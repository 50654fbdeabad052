// Read-only queries behind the public portal: only what has been published is ever selected.

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
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

  /**
   * Everything an item's page shows of other items, in one query (ADR 0014), each with its brief
   * (only items the public may open): what it points at (`out`), what points at it or at any of
   * its earlier editions (`in`: an interpretation of the first edition still concerns the current
   * one), its stored related items (`related`, by rank) and the edition it revised (`previous`).
   */
  async around(
    db: Executor,
    id: number,
    opts: { editions: readonly number[]; links: boolean; related: boolean; previousId: number | null },
  ): Promise<Array<{ rel: 'out' | 'in' | 'related' | 'previous'; kind: LinkKind | null; rank: number; brief: PublicBriefRow }>> {
    const cols = sql.raw(briefCols.map((c) => `p.${c}`).join(', '));
    const parts = [];
    if (opts.links) {
      parts.push(sql`SELECT 'out' AS rel, l.kind AS kind, 0 AS rank, ${cols} FROM publication_links l
        JOIN publications p ON p.id = l.target_id WHERE l.publication_id = ${id}`);
      parts.push(sql`SELECT 'in', l.kind, 0, ${cols} FROM publication_links l
        JOIN publications p ON p.id = l.publication_id WHERE l.target_id IN (${sql.join([...new Set([id, ...opts.editions])])})`);
    }
    if (opts.related) {
      parts.push(sql`SELECT 'related', NULL, r.rank, ${cols} FROM publication_related r
        JOIN publications p ON p.id = r.related_id WHERE r.publication_id = ${id}`);
    }
    if (opts.previousId !== null) {
      parts.push(sql`SELECT 'previous', NULL, 0, ${cols} FROM publications p WHERE p.id = ${opts.previousId}`);
    }
    if (parts.length === 0) return [];
    type Row = PublicBriefRow & { rel: 'out' | 'in' | 'related' | 'previous'; kind: LinkKind | null; rank: number };
    const rows = (await sql<Row>`${sql.join(parts, sql` UNION ALL `)}`.execute(db)).rows;
    return rows
      .filter((r) => OPENABLE.includes(r.state) && r.published_on !== null)
      .map(({ rel, kind, rank, ...b }) => ({ rel, kind, rank: Number(rank), brief: brief(b) }));
  },
};
