import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { ColumnKind } from './catalogue.columns.js';
import { type Disclosure, type DocKind, type Genre, type LinkKind, sanitizeBody, type Validity } from './publications.schemas.js';
import type { CatalogueColumnTable, PublicationTable } from './publications.tables.js';
import type { State } from './publications.workflow.js';

export interface ColumnRow {
  id: number;
  organ_id: number;
  parent_id: number | null;
  code: string;
  name: string;
  kind: ColumnKind;
  update_days: number;
  sort_order: number;
  standard: number;
  description: string | null;
  empty_reason: string | null;
  version: number;
}

export interface PublicationRow {
  id: number;
  organ_id: number;
  unit_id: number | null;
  column_id: number;
  state: State;
  edition: number;
  previous_id: number | null;
  superseded_by_id: number | null;
  index_no: string | null;
  title: string;
  summary: string | null;
  issuing_organ: string;
  created_on: string;
  doc_number: string | null;
  theme: string;
  genre: Genre;
  keywords: string[];
  disclosure: Disclosure;
  withheld_reason: string | null;
  validity: Validity;
  validity_date: string | null;
  doc_kind: DocKind;
  body_html: string;
  checklist: string[];
  checklist_by: number | null;
  checklist_at: string | null;
  author_id: number | null;
  approver_id: number | null;
  approved_at: string | null;
  submitted_at: string | null;
  return_reason: string | null;
  publish_at: string | null;
  published_at: string | null;
  published_on: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EventRow {
  id: number;
  publication_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
  data: unknown;
}

export interface LinkRow {
  publication_id: number;
  kind: LinkKind;
  target_id: number;
}

/** The columns of `publications` a caller may write (everything but identity and bookkeeping). */
export type PublicationValues = Omit<PublicationRow, 'id' | 'created_at' | 'updated_at' | 'version'>;
type Patch = Partial<Omit<PublicationRow, 'id' | 'created_at' | 'updated_at' | 'version'>>;

const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
/** A JSON array of strings as stored (keywords, checklist); anything else reads as none. */
export const jsonList = (s: string): string[] => {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

type RawPublication = Omit<PublicationTable, 'id'> & { id: number };
type RawColumn = Omit<CatalogueColumnTable, 'id' | 'created_at' | 'updated_at'> & { id: number };

function publication(r: RawPublication): PublicationRow {
  return {
    ...r,
    id: num(r.id),
    organ_id: num(r.organ_id),
    unit_id: numOrNull(r.unit_id),
    column_id: num(r.column_id),
    edition: num(r.edition),
    previous_id: numOrNull(r.previous_id),
    superseded_by_id: numOrNull(r.superseded_by_id),
    keywords: jsonList(r.keywords),
    checklist: jsonList(r.checklist),
    checklist_by: numOrNull(r.checklist_by),
    author_id: numOrNull(r.author_id),
    approver_id: numOrNull(r.approver_id),
    version: num(r.version),
  };
}

function column(r: RawColumn): ColumnRow {
  return {
    ...r,
    id: num(r.id),
    organ_id: num(r.organ_id),
    parent_id: numOrNull(r.parent_id),
    update_days: num(r.update_days),
    sort_order: num(r.sort_order),
    standard: num(r.standard),
    version: num(r.version),
  };
}

// Bodies are stored sanitised, whichever path writes them (the public page serves them as stored:
// sanitising a 20 KB body took 0.7 ms, more than the rest of the page; ADR 0014).
function toDb(v: Patch) {
  const { keywords, checklist, ...rest } = v;
  return {
    ...rest,
    ...(rest.body_html === undefined ? {} : { body_html: sanitizeBody(rest.body_html) }),
    ...(keywords ? { keywords: JSON.stringify(keywords) } : {}),
    ...(checklist ? { checklist: JSON.stringify(checklist) } : {}),
  };
}

const columnCols = [
  'id',
  'organ_id',
  'parent_id',
  'code',
  'name',
  'kind',
  'update_days',
  'sort_order',
  'standard',
  'description',
  'empty_reason',
  'version',
] as const;

export interface ListFilter {
  organIds: number[];
  columnId?: number | undefined;
  states?: readonly State[] | undefined;
  limit: number;
  offset: number;
}

export const publicationsRepo = {
  // --- columns ---------------------------------------------------------------------------
  async columns(db: Executor, organId: number): Promise<ColumnRow[]> {
    const rows = await db
      .selectFrom('catalogue_columns')
      .select(columnCols)
      .where('organ_id', '=', organId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    return rows.map(column);
  },
  async columnById(db: Executor, id: number): Promise<ColumnRow | undefined> {
    const r = await db.selectFrom('catalogue_columns').select(columnCols).where('id', '=', id).executeTakeFirst();
    return r && column(r);
  },
  async insertColumn(db: Executor, v: Omit<ColumnRow, 'id' | 'version'>, now: string): Promise<number> {
    const r = await db
      .insertInto('catalogue_columns')
      .values({ ...v, created_at: now, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return num(r.id);
  },
  async setColumnEmptyReason(db: Executor, id: number, version: number, reason: string | null, now: string): Promise<boolean> {
    const r = await db
      .updateTable('catalogue_columns')
      .set({ empty_reason: reason, updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /**
   * Items first published in `year` (an item counts once, in the year its first edition was
   * published, whatever later editions or a withdrawal did): per column, the 行政规范性文件 among
   * them, and the interpretations (items linked as 解读 to another).
   */
  async yearCounts(
    db: Executor,
    organId: number,
    year: number,
  ): Promise<{ byColumn: Map<number, number>; normative: number; interpretations: number }> {
    const first = db
      .selectFrom('publications as p')
      .where('p.organ_id', '=', organId)
      .where('p.previous_id', 'is', null)
      .where('p.published_on', '>=', `${year}-01-01`)
      .where('p.published_on', '<=', `${year}-12-31`);
    const [cols, normative, interpretations] = await Promise.all([
      first
        .select(['p.column_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .groupBy('p.column_id')
        .execute(),
      first
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('p.doc_kind', '=', 'normative')
        .executeTakeFirst(),
      first
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('publication_links as l')
              .select('l.publication_id')
              .whereRef('l.publication_id', '=', 'p.id')
              .where('l.kind', '=', 'interprets'),
          ),
        )
        .executeTakeFirst(),
    ]);
    return {
      byColumn: new Map(cols.map((r) => [num(r.column_id), num(r.n)])),
      normative: num(normative?.n ?? 0),
      interpretations: num(interpretations?.n ?? 0),
    };
  },
  /** Latest publication date of published items, per column of an organ. */
  async lastPublishedByColumn(db: Executor, organId: number): Promise<Map<number, string>> {
    const rows = await db
      .selectFrom('publications')
      .select((eb) => ['column_id', eb.fn.max('published_on').as('last')])
      .where('organ_id', '=', organId)
      .where('state', '=', 'published')
      .groupBy('column_id')
      .execute();
    return new Map(rows.filter((r) => r.last !== null).map((r) => [num(r.column_id), String(r.last)]));
  },

  // --- publications ----------------------------------------------------------------------
  async byId(db: Executor, id: number): Promise<PublicationRow | undefined> {
    const r = await db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
    return r && publication(r);
  },
  async byIds(db: Executor, ids: readonly number[]): Promise<PublicationRow[]> {
    if (ids.length === 0) return [];
    return (
      await db
        .selectFrom('publications')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute()
    ).map(publication);
  },
  async byIndexNo(db: Executor, indexNo: string): Promise<PublicationRow | undefined> {
    const r = await db.selectFrom('publications').selectAll().where('index_no', '=', indexNo).executeTakeFirst();
    return r && publication(r);
  },
  async insert(db: Executor, v: PublicationValues, now: string): Promise<number> {
    const r = await db
      .insertInto('publications')
      .values({
        ...v,
        body_html: sanitizeBody(v.body_html),
        keywords: JSON.stringify(v.keywords),
        checklist: JSON.stringify(v.checklist),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return num(r.id);
  },
  /** Optimistic update: false when the version (or, if given, the state) no longer matches. */
  async update(db: Executor, id: number, version: number, v: Patch, now: string, state?: State): Promise<boolean> {
    let q = db
      .updateTable('publications')
      .set({ ...toDb(v), updated_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version);
    if (state) q = q.where('state', '=', state);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async list(db: Executor, f: ListFilter): Promise<{ items: PublicationRow[]; total: number }> {
    if (f.organIds.length === 0) return { items: [], total: 0 };
    let q = db.selectFrom('publications').where('organ_id', 'in', f.organIds);
    if (f.columnId !== undefined) q = q.where('column_id', '=', f.columnId);
    if (f.states?.length) q = q.where('state', 'in', [...f.states]);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(publication), total: Number(count.n) };
  },
  async inStates(db: Executor, organId: number, states: readonly State[]): Promise<PublicationRow[]> {
    const rows = await db
      .selectFrom('publications')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('state', 'in', [...states])
      .orderBy('id')
      .execute();
    return rows.map(publication);
  },
  /** Scheduled items whose time has come, oldest first. */
  async due(db: Executor, now: string): Promise<PublicationRow[]> {
    const rows = await db
      .selectFrom('publications')
      .selectAll()
      .where('state', '=', 'scheduled')
      .where('publish_at', '<=', now)
      .orderBy('publish_at')
      .orderBy('id')
      .execute();
    return rows.map(publication);
  },
  /** Editions revising `id` that are still on their way. */
  async openRevisions(db: Executor, id: number, inProgress: readonly State[]): Promise<number[]> {
    const rows = await db
      .selectFrom('publications')
      .select('id')
      .where('previous_id', '=', id)
      .where('state', 'in', [...inProgress])
      .execute();
    return rows.map((r) => num(r.id));
  },
  /** Published items of an organ in the given columns or of the given document kinds. */
  async publishedPolicies(db: Executor, organId: number, columnIds: number[], kinds: DocKind[]): Promise<PublicationRow[]> {
    const rows = await db
      .selectFrom('publications')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('state', '=', 'published')
      .where((eb) => {
        const ors = [eb('doc_kind', 'in', kinds)];
        if (columnIds.length) ors.push(eb('column_id', 'in', columnIds));
        return eb.or(ors);
      })
      .orderBy('published_at')
      .execute();
    return rows.map(publication);
  },

  // --- index numbers ---------------------------------------------------------------------
  /**
   * The next serial of `organId` in `year`, incremented in the caller's transaction. One
   * statement: on PostgreSQL the row lock serialises concurrent publishers until commit, and a
   * rolled-back transaction gives its serial back; SQLite has one writer at a time.
   */
  async nextSerial(db: Executor, organId: number, year: number): Promise<number> {
    const r = await db
      .insertInto('index_counters')
      .values({ organ_id: organId, year, last_serial: 1 })
      .onConflict((oc) => oc.columns(['organ_id', 'year']).doUpdateSet({ last_serial: sql`index_counters.last_serial + 1` }))
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    return num(r.last_serial);
  },

  // --- events and links ------------------------------------------------------------------
  async addEvent(db: Executor, e: Omit<EventRow, 'id' | 'data'> & { data?: unknown }): Promise<void> {
    await db
      .insertInto('publication_events')
      .values({ ...e, data: e.data === undefined ? null : JSON.stringify(e.data) })
      .execute();
  },
  async events(db: Executor, publicationId: number): Promise<EventRow[]> {
    const rows = await db
      .selectFrom('publication_events')
      .selectAll()
      .where('publication_id', '=', publicationId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      ...r,
      id: num(r.id),
      publication_id: num(r.publication_id),
      actor_user_id: numOrNull(r.actor_user_id),
      data: r.data === null ? null : (JSON.parse(r.data) as unknown),
    }));
  },
  async links(db: Executor, publicationId: number): Promise<LinkRow[]> {
    const rows = await db.selectFrom('publication_links').selectAll().where('publication_id', '=', publicationId).execute();
    return rows.map((r) => ({ ...r, publication_id: num(r.publication_id), target_id: num(r.target_id) }));
  },
  /** Links pointing at any of `targetIds` (e.g. interpretations of a policy document). */
  async linksTo(db: Executor, targetIds: readonly number[], kind?: LinkKind): Promise<LinkRow[]> {
    if (targetIds.length === 0) return [];
    let q = db
      .selectFrom('publication_links')
      .selectAll()
      .where('target_id', 'in', [...targetIds]);
    if (kind) q = q.where('kind', '=', kind);
    return (await q.execute()).map((r) => ({ ...r, publication_id: num(r.publication_id), target_id: num(r.target_id) }));
  },
  async setLinks(db: Executor, publicationId: number, links: Array<{ kind: LinkKind; targetId: number }>): Promise<void> {
    await db.deleteFrom('publication_links').where('publication_id', '=', publicationId).execute();
    if (links.length === 0) return;
    await db
      .insertInto('publication_links')
      .values(links.map((l) => ({ publication_id: publicationId, kind: l.kind, target_id: l.targetId })))
      .execute();
  },
};
