// Read-only queries behind the public portal: only what has been published is ever selected.
import type { Executor } from '../../platform/db/connect.js';
import type { LinkKind } from './publications.schemas.js';
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
}

const briefCols = ['id', 'column_id', 'title', 'index_no', 'published_on', 'state'] as const;

const brief = (r: {
  id: number;
  column_id: number;
  title: string;
  index_no: string | null;
  published_on: string | null;
  state: State;
}): PublicBriefRow => ({ ...r, id: Number(r.id), column_id: Number(r.column_id) });

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

  /** Published items of the given columns, newest first, with their total. */
  async published(
    db: Executor,
    columnIds: readonly number[],
    limit: number,
    offset: number,
  ): Promise<{ items: PublicBriefRow[]; total: number }> {
    if (columnIds.length === 0) return { items: [], total: 0 };
    const q = db
      .selectFrom('publications')
      .where('column_id', 'in', [...columnIds])
      .where('state', '=', 'published');
    const [rows, count] = await Promise.all([
      q.select(briefCols).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(brief), total: Number(count.n) };
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
