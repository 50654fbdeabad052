import type { Executor } from '../../platform/db/connect.js';

export interface OverrideRow {
  date: string;
  working: boolean;
  notice: string;
  note: string | null;
  updated_at: string;
}

export const calendarRepo = {
  async all(db: Executor): Promise<OverrideRow[]> {
    const rows = await db.selectFrom('calendar_overrides').selectAll().orderBy('date').execute();
    return rows.map((r) => ({
      date: r.date,
      working: Number(r.working) === 1,
      notice: r.notice,
      note: r.note,
      updated_at: r.updated_at,
    }));
  },
  async get(db: Executor, date: string): Promise<OverrideRow | undefined> {
    const r = await db.selectFrom('calendar_overrides').selectAll().where('date', '=', date).executeTakeFirst();
    return r && { date: r.date, working: Number(r.working) === 1, notice: r.notice, note: r.note, updated_at: r.updated_at };
  },
  async upsert(
    db: Executor,
    v: { date: string; working: boolean; notice: string; note: string | null },
    by: number | null,
    now: string,
  ) {
    const values = { date: v.date, working: v.working ? 1 : 0, notice: v.notice, note: v.note, updated_by: by, updated_at: now };
    await db
      .insertInto('calendar_overrides')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('date')
          .doUpdateSet({ working: values.working, notice: values.notice, note: values.note, updated_by: by, updated_at: now }),
      )
      .execute();
  },
  async remove(db: Executor, date: string): Promise<boolean> {
    const r = await db.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};
