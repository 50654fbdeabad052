import type { Executor } from '../../platform/db/connect.js';
import type { AppealTable } from './appeals.tables.js';

export type AppealRow = Omit<AppealTable, 'id'> & { id: number };
type Insert = Omit<AppealRow, 'id' | 'created_at' | 'updated_at' | 'version'>;
export type AppealPatch = Partial<Omit<AppealRow, 'id' | 'organ_id' | 'created_at' | 'updated_at' | 'version'>>;

const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function appeal(r: Record<string, unknown>): AppealRow {
  const row = r as unknown as AppealRow;
  return {
    ...row,
    id: Number(row.id),
    organ_id: Number(row.organ_id),
    request_id: numOrNull(row.request_id),
    joint_defendant: Number(row.joint_defendant),
    version: Number(row.version),
  };
}

export const appealsRepo = {
  async byId(db: Executor, id: number): Promise<AppealRow | undefined> {
    const r = await db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? appeal(r) : undefined;
  },
  async byReferences(db: Executor, organId: number, refs: readonly string[]): Promise<AppealRow[]> {
    const out: AppealRow[] = [];
    for (let i = 0; i < refs.length; i += 500) {
      const chunk = refs.slice(i, i + 500);
      const rows = await db
        .selectFrom('appeals')
        .selectAll()
        .where('organ_id', '=', organId)
        .where('reference', 'in', chunk)
        .execute();
      out.push(...rows.map(appeal));
    }
    return out;
  },
  async insert(db: Executor, v: Insert, at: string): Promise<number> {
    const r = await db
      .insertInto('appeals')
      .values({ ...v, created_at: at, updated_at: at, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },
  /** Optimistic update: only when the row still has `version`. */
  async update(db: Executor, id: number, version: number, patch: AppealPatch, at: string): Promise<boolean> {
    const r = await db
      .updateTable('appeals')
      .set({ ...patch, updated_at: at, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** The organ's cases, newest filed first; `year` filters by the year filed. */
  async list(db: Executor, organId: number, f: { year?: number | undefined; kind?: string | undefined }): Promise<AppealRow[]> {
    let q = db.selectFrom('appeals').selectAll().where('organ_id', '=', organId);
    if (f.year !== undefined) {
      const y = String(f.year).padStart(4, '0');
      q = q.where('filed_on', '>=', `${y}-01-01`).where('filed_on', '<=', `${y}-12-31`);
    }
    if (f.kind) q = q.where('kind', '=', f.kind as AppealRow['kind']);
    const rows = await q.orderBy('filed_on', 'desc').orderBy('id', 'desc').limit(2000).execute();
    return rows.map(appeal);
  },
  /** What table 4 counts: every case of the organ filed in the year (no limit). */
  async filedIn(db: Executor, organId: number, year: number) {
    const y = String(year).padStart(4, '0');
    const rows = await db
      .selectFrom('appeals')
      .select(['kind', 'filed_on', 'result', 'decided_on', 'joint_defendant'])
      .where('organ_id', '=', organId)
      .where('filed_on', '>=', `${y}-01-01`)
      .where('filed_on', '<=', `${y}-12-31`)
      .execute();
    return rows.map((r) => ({ ...r, joint_defendant: Number(r.joint_defendant) }));
  },
  async yearsOf(db: Executor, organId: number): Promise<number[]> {
    const rows = await db.selectFrom('appeals').select('filed_on').where('organ_id', '=', organId).execute();
    return [...new Set(rows.map((r) => Number(r.filed_on.slice(0, 4))))].sort((a, b) => b - a);
  },
  async yearTotal(db: Executor, organId: number, year: number): Promise<number | null> {
    const r = await db
      .selectFrom('appeal_year_totals')
      .select('reconsideration_total')
      .where('organ_id', '=', organId)
      .where('year', '=', year)
      .executeTakeFirst();
    return r ? Number(r.reconsideration_total) : null;
  },
  async setYearTotal(db: Executor, organId: number, year: number, total: number, by: number | null, at: string) {
    await db
      .insertInto('appeal_year_totals')
      .values({ organ_id: organId, year, reconsideration_total: total, updated_by: by, updated_at: at })
      .onConflict((oc) =>
        oc.columns(['organ_id', 'year']).doUpdateSet({ reconsideration_total: total, updated_by: by, updated_at: at }),
      )
      .execute();
  },
  /** Requests of the organ by reference (the link of a case to the request it is about). */
  async requestsByReference(db: Executor, organId: number, refs: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await db
        .selectFrom('requests')
        .select(['id', 'reference'])
        .where('organ_id', '=', organId)
        .where('reference', 'in', refs.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.reference, Number(r.id));
    }
    return out;
  },
  async requestReferences(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (ids.length === 0) return out;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('requests')
        .select(['id', 'reference'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(Number(r.id), r.reference);
    }
    return out;
  },
};
