// Read-only queries behind the public portal: only what has been published is ever selected.

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { chinaDate } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/connect.js';
import type { DialectName } from '../../platform/db/dialect.js';
import { type HotStatement, hotRead, hotStatement } from '../../platform/db/hot.js';
import type { Database } from '../../schema.js';
import { jsonList, numOrNull, type PublicationRow } from './publications.repository.js';
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

/** A public attachment as the item page lists it. */
export interface PageAttachment {
  id: number;
  original_name: string;
  media_type: string;
  size: number;
}

export type AroundRel = 'out' | 'in' | 'related' | 'previous';

/** Everything an item page shows from the database, read by one statement (ADR 0016). */
export interface ItemPageData {
  row: PageRow;
  /** The content stamp (the audit log's head) of the same snapshot. */
  stamp: number;
  /** This edition's id and those of the editions before it. */
  editions: number[];
  /** Its links both ways (also those to earlier editions), its related items and its previous edition, each openable. */
  around: Array<{ rel: AroundRel; kind: LinkKind | null; rank: number; brief: PublicBriefRow }>;
  /** Its attachments, oldest first (shown only for a published or superseded item: the caller decides). */
  attachments: PageAttachment[];
}

/** The columns of its row an item's public page reads: catalogue metadata, never the workflow's internals. */
const PAGE_COLS = [
  'id',
  'organ_id',
  'column_id',
  'state',
  'edition',
  'previous_id',
  'superseded_by_id',
  'index_no',
  'title',
  'summary',
  'issuing_organ',
  'created_on',
  'doc_number',
  'theme',
  'genre',
  'keywords',
  'validity',
  'validity_date',
  'published_at',
  'published_on',
  'withdrawn_at',
] as const;

/** What the public page of an item reads of its row, with the body as stored (sanitised), its UTF-8 bytes (ADR 0014). */
export type PageRow = Pick<PublicationRow, (typeof PAGE_COLS)[number]> & { body_bytes: Buffer };

/**
 * The item page's statement: the row with its body as bytes, the content stamp, the edition chain
 * (a recursive walk of previous_id; UNION ends it on a cycle, which bad data alone could make), the
 * links both ways, the related items and the previous edition with their briefs, and the
 * attachments — one statement, so one round trip on PostgreSQL and one snapshot.
 */
function pageStatement(by: 'id' | 'index_no') {
  const agg = (d: DialectName, expr: string) =>
    d === 'postgres' ? `json_agg(json_build_array(${expr}))` : `json_group_array(json_array(${expr}))`;
  const ids = (d: DialectName) => (d === 'postgres' ? 'json_agg(id)' : 'json_group_array(id)');
  const bytes = (d: DialectName) => (d === 'postgres' ? `convert_to(p.body_html, 'UTF8')` : 'CAST(p.body_html AS BLOB)');
  const briefOf = briefCols.map((c) => `b.${c}`).join(', ');
  // each branch of `around` joins the briefs by primary key from its own rows (a join of the whole
  // `around` to publications was planned by SQLite as a scan of every published item); CROSS JOIN
  // keeps SQLite's join order as written
  const text = (d: DialectName, param: string) => `WITH RECURSIVE
  it AS (SELECT id, state, previous_id FROM publications WHERE ${by} = ${param}),
  eds(id) AS (SELECT id FROM it
    UNION SELECT e.previous_id FROM publications e JOIN eds ON e.id = eds.id WHERE e.previous_id IS NOT NULL),
  around AS (
    SELECT 'out' AS rel, l.kind AS kind, 0 AS rank, ${briefOf} FROM it
      JOIN publication_links l ON l.publication_id = it.id JOIN publications b ON b.id = l.target_id
      WHERE it.state <> 'withdrawn'
    UNION ALL SELECT 'in', l.kind, 0, ${briefOf} FROM it CROSS JOIN publication_links l
      JOIN publications b ON b.id = l.publication_id
      WHERE it.state <> 'withdrawn' AND l.target_id IN (SELECT id FROM eds)
    UNION ALL SELECT 'related', NULL, r.rank, ${briefOf} FROM it
      JOIN publication_related r ON r.publication_id = it.id JOIN publications b ON b.id = r.related_id
      WHERE it.state = 'published'
    UNION ALL SELECT 'previous', NULL, 0, ${briefOf} FROM it JOIN publications b ON b.id = it.previous_id)
SELECT ${PAGE_COLS.map((c) => `p.${c}`).join(', ')}, ${bytes(d)} AS body_bytes,
  (SELECT id FROM audit_log ORDER BY id DESC LIMIT 1) AS stamp,
  (SELECT ${ids(d)} FROM eds) AS editions,
  (SELECT ${agg(d, `a.rel, a.kind, a.rank, ${briefCols.map((c) => `a.${c}`).join(', ')}`)} FROM around a) AS around,
  (SELECT ${agg(d, 'x.id, x.original_name, x.media_type, x.size')} FROM attachments x WHERE x.publication_id = p.id) AS attachments
FROM publications p JOIN it ON p.id = it.id`;
  // on PostgreSQL the pages asked for in the same turn are read by one statement (ADR 0020)
  return hotStatement(`gk_item_page_by_${by}`, text('sqlite', '?'), text('postgres', '$1'), {
    batchKey: by === 'id' ? 'bigint' : 'text',
  });
}

const PAGE_BY: Record<'id' | 'index_no', HotStatement> = { id: pageStatement('id'), index_no: pageStatement('index_no') };

type RawPage = Omit<PageRow, 'keywords' | 'body_bytes'> & {
  keywords: string;
  body_bytes: Uint8Array;
  stamp: number | string | null;
  editions: string | number[] | null;
  around: string | unknown[][] | null;
  attachments: string | unknown[][] | null;
};

/** A JSON aggregate: text on SQLite, parsed by the driver on PostgreSQL; null when nothing was aggregated. */
function aggregate<T>(v: string | T[] | null): T[] {
  if (v === null) return [];
  return typeof v === 'string' ? (JSON.parse(v) as T[]) : v;
}

/** A brief from its values in `briefCols` order, after the three of `around` (rel, kind, rank). */
function briefOfArray(a: unknown[]): PublicBriefRow {
  return {
    id: Number(a[3]),
    column_id: Number(a[4]),
    title: a[5] as string,
    index_no: a[6] as string | null,
    published_on: a[7] as string | null,
    state: a[8] as State,
    issuing_organ: a[9] as string,
    summary: a[10] as string | null,
    published_at: a[11] as string | null,
  };
}

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
  /** An item's public page, by id or index number, in one statement (ADR 0016); undefined if there is no such row. */
  async page(db: Executor, dialect: DialectName, by: { id: number } | { indexNo: string }): Promise<ItemPageData | undefined> {
    const r = (
      await hotRead<RawPage>(db, dialect, 'id' in by ? PAGE_BY.id : PAGE_BY.index_no, ['id' in by ? by.id : by.indexNo])
    )[0];
    if (!r) return undefined;
    const b = r.body_bytes;
    const row: PageRow = {
      id: Number(r.id),
      organ_id: Number(r.organ_id),
      column_id: Number(r.column_id),
      state: r.state,
      edition: Number(r.edition),
      previous_id: numOrNull(r.previous_id),
      superseded_by_id: numOrNull(r.superseded_by_id),
      index_no: r.index_no,
      title: r.title,
      summary: r.summary,
      issuing_organ: r.issuing_organ,
      created_on: r.created_on,
      doc_number: r.doc_number,
      theme: r.theme,
      genre: r.genre,
      keywords: jsonList(r.keywords),
      validity: r.validity,
      validity_date: r.validity_date,
      published_at: r.published_at,
      published_on: r.published_on,
      withdrawn_at: r.withdrawn_at,
      body_bytes: Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    };
    return {
      row,
      stamp: r.stamp === null ? 0 : Number(r.stamp),
      editions: aggregate<number>(r.editions).map(Number),
      // only what the public may open (filtered here: a condition on `around` in the statement was
      // pushed by SQLite into its branches, where it chose to scan every published item)
      around: aggregate<unknown[]>(r.around)
        .map((a) => ({
          rel: a[0] as AroundRel,
          kind: (a[1] ?? null) as LinkKind | null,
          rank: Number(a[2]),
          brief: briefOfArray(a),
        }))
        .filter((a) => OPENABLE.includes(a.brief.state) && a.brief.published_on !== null),
      attachments: aggregate<unknown[]>(r.attachments)
        .map((a) => ({ id: Number(a[0]), original_name: String(a[1]), media_type: String(a[2]), size: Number(a[3]) }))
        .sort((x, y) => x.id - y.id),
    };
  },

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

  /**
   * The newest published items of each group of columns (the home page's cards: a top-level column
   * and its sub-columns), `limit` per group, in one statement: a branch per group, each read along
   * the (column, state, published) index and cut at `limit`. No counts (the column tree has them).
   */
  async latestOf(db: Executor, groups: ReadonlyArray<readonly number[]>, limit: number): Promise<PublicBriefRow[][]> {
    const live = groups.map((g, i) => [i, g] as const).filter(([, g]) => g.length > 0);
    if (live.length === 0) return groups.map(() => []);
    const cols = sql.raw(briefCols.join(', '));
    const branches = live.map(
      ([i, g]) => sql`SELECT * FROM (SELECT ${sql.lit(i)} AS g, ${cols} FROM publications
        WHERE column_id IN (${sql.join([...g])}) AND state = 'published'
        ORDER BY published_at DESC, id DESC LIMIT ${limit}) x${sql.raw(String(i))}`,
    );
    const rows = (await sql<PublicBriefRow & { g: number }>`${sql.join(branches, sql` UNION ALL `)}`.execute(db)).rows;
    const out: PublicBriefRow[][] = groups.map(() => []);
    for (const { g, ...r } of rows) out[Number(g)]?.push(brief(r));
    // each branch's order is its own; the union's is not promised
    for (const list of out) list.sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id - a.id);
    return out;
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
};
