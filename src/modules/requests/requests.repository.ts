import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { ClockEvent } from './requests.clock.js';
import type { RequestTable } from './requests.tables.js';
import type { State } from './requests.workflow.js';

export type RequestRow = Omit<RequestTable, 'id'> & { id: number };

export interface RequestEventRow {
  id: number;
  request_id: number;
  at: string;
  on_date: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string;
  clock: ClockEvent | null;
  note: string | null;
  data: unknown;
}

export interface RequestNoteRow {
  id: number;
  request_id: number;
  kind: 'note' | 'message';
  body: string;
  at: string;
  author_user_id: number | null;
  author_name: string;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function request(r: Record<string, unknown>): RequestRow {
  const row = r as unknown as RequestRow;
  return {
    ...row,
    id: num(row.id),
    organ_id: num(row.organ_id),
    unit_id: numOrNull(row.unit_id),
    handler_user_id: numOrNull(row.handler_user_id),
    repeat_of_id: numOrNull(row.repeat_of_id),
    decided_by: numOrNull(row.decided_by),
    approved_by: numOrNull(row.approved_by),
    version: num(row.version),
  };
}

type Insert = Omit<RequestRow, 'id' | 'created_at' | 'updated_at' | 'version'>;
export type Patch = Partial<Omit<RequestRow, 'id' | 'created_at' | 'updated_at' | 'version'>>;

export const requestsRepo = {
  async byId(db: Executor, id: number): Promise<RequestRow | undefined> {
    const r = await db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? request(r) : undefined;
  },
  async byTrackingHash(db: Executor, hash: string): Promise<RequestRow | undefined> {
    const r = await db.selectFrom('requests').selectAll().where('tracking_hash', '=', hash).executeTakeFirst();
    return r ? request(r) : undefined;
  },
  async insert(db: Executor, v: Insert, at: string): Promise<number> {
    const r = await db
      .insertInto('requests')
      .values({ ...v, created_at: at, updated_at: at, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return num(r.id);
  },
  /** Optimistic update: only when the row still has `version` (and `state`, when given). */
  async update(db: Executor, id: number, version: number, patch: Patch, at: string, state?: State): Promise<boolean> {
    let q = db
      .updateTable('requests')
      .set({ ...patch, updated_at: at, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version);
    if (state) q = q.where('state', '=', state);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Derived due dates: written without a version change (they follow from history and calendar). */
  async setDue(
    db: Executor,
    id: number,
    due: { reply_due: string | null; correction_due: string | null; awaiting: string | null },
  ) {
    await db.updateTable('requests').set(due).where('id', '=', id).execute();
  },
  async nextSerial(db: Executor, organId: number, year: number): Promise<number> {
    const r = await db
      .insertInto('request_counters')
      .values({ organ_id: organId, year, last_serial: 1 })
      .onConflict((oc) => oc.columns(['organ_id', 'year']).doUpdateSet({ last_serial: sql`request_counters.last_serial + 1` }))
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    return num(r.last_serial);
  },
  async byApplicant(db: Executor, organId: number, idHash: string): Promise<RequestRow[]> {
    const rows = await db
      .selectFrom('requests')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('id_hash', '=', idHash)
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return rows.map(request);
  },
  async queue(db: Executor, organId: number, f: { states: readonly State[]; unitIds?: readonly number[] | undefined }) {
    let q = db.selectFrom('requests').selectAll().where('organ_id', '=', organId);
    if (f.states.length) q = q.where('state', 'in', [...f.states]);
    if (f.unitIds) q = f.unitIds.length ? q.where('unit_id', 'in', [...f.unitIds]) : q.where(sql<boolean>`1 = 0`);
    const rows = await q
      .orderBy(sql`CASE WHEN reply_due IS NULL THEN 1 ELSE 0 END`)
      .orderBy('reply_due')
      .orderBy('id')
      .limit(500)
      .execute();
    return rows.map(request);
  },
  /**
   * A year's figures for the annual report, aggregated in SQL: requests received in Y per channel;
   * requests closed in Y, those replied by their due date, those extended (Art 33); and requests
   * whose reply fell due in Y before `dueBefore` (today, or 1 January Y+1) and came late or not at
   * all (a request closed without a reply before its due date, e.g. withdrawn, is not late).
   */
  async yearFigures(db: Executor, organId: number, year: number, dueBefore: string) {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const mine = db.selectFrom('requests as r').where('r.organ_id', '=', organId);
    const count = sql<string | number>`COUNT(*)`;
    const [byChannel, closed, overdue] = await Promise.all([
      mine
        .select(['r.channel', count.as('n')])
        .where('r.received_on', '>=', from)
        .where('r.received_on', '<=', to)
        .groupBy('r.channel')
        .execute(),
      mine
        .select([
          count.as('closed'),
          // imported cases carry no due date: whether they were answered on time is not known
          sql<string | number | null>`SUM(CASE WHEN r.reply_due IS NOT NULL THEN 1 ELSE 0 END)`.as('timed'),
          sql<
            string | number | null
          >`SUM(CASE WHEN r.replied_on IS NOT NULL AND r.reply_due IS NOT NULL AND r.replied_on <= r.reply_due THEN 1 ELSE 0 END)`.as(
            'on_time',
          ),
          sql<
            string | number | null
          >`SUM(CASE WHEN EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.action = 'extend') THEN 1 ELSE 0 END)`.as(
            'extended',
          ),
        ])
        .where('r.closed_on', '>=', from)
        .where('r.closed_on', '<=', to)
        .executeTakeFirst(),
      mine
        .select(count.as('n'))
        .where('r.reply_due', '>=', from)
        .where('r.reply_due', '<', dueBefore)
        .where((eb) =>
          eb.or([
            eb('r.replied_on', '>', eb.ref('r.reply_due')),
            eb.and([
              eb('r.replied_on', 'is', null),
              eb.or([eb('r.closed_on', 'is', null), eb('r.closed_on', '>', eb.ref('r.reply_due'))]),
            ]),
          ]),
        )
        .executeTakeFirst(),
    ]);
    return {
      byChannel: new Map(byChannel.map((r) => [r.channel as string, num(r.n)])),
      closed: num(closed?.closed ?? 0),
      onTime: num(closed?.on_time ?? 0),
      /** Closed cases with a due date (on time or not can be said of them). */
      timed: num(closed?.timed ?? 0),
      extended: num(closed?.extended ?? 0),
      overdue: num(overdue?.n ?? 0),
    };
  },
  /** Open cases in id order, a batch at a time (recomputation after a calendar change). */
  async openBatch(db: Executor, open: readonly State[], afterId: number, limit: number) {
    const rows = await db
      .selectFrom('requests')
      .select(['id', 'rules', 'received_on', 'reply_due', 'correction_due', 'awaiting', 'state'])
      .where('state', 'in', [...open])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: num(r.id) }));
  },
  async clockEvents(db: Executor, ids: readonly number[]): Promise<Map<number, ClockEvent[]>> {
    const out = new Map<number, ClockEvent[]>();
    if (ids.length === 0) return out;
    const rows = await db
      .selectFrom('request_events')
      .select(['request_id', 'clock'])
      .where('request_id', 'in', [...ids])
      .where('clock', 'is not', null)
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const id = num(r.request_id);
      const list = out.get(id) ?? [];
      list.push(JSON.parse(r.clock as string) as ClockEvent);
      out.set(id, list);
    }
    return out;
  },
  async addEvent(
    db: Executor,
    e: Omit<RequestEventRow, 'id' | 'data' | 'clock'> & { data?: unknown; clock?: ClockEvent | null },
  ) {
    await db
      .insertInto('request_events')
      .values({
        ...e,
        clock: e.clock ? JSON.stringify(e.clock) : null,
        data: e.data === undefined ? null : JSON.stringify(e.data),
      })
      .execute();
  },
  async events(db: Executor, requestId: number): Promise<RequestEventRow[]> {
    const rows = await db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
    return rows.map((r) => ({
      ...r,
      id: num(r.id),
      request_id: num(r.request_id),
      actor_user_id: numOrNull(r.actor_user_id),
      clock: r.clock === null ? null : (JSON.parse(r.clock) as ClockEvent),
      data: r.data === null ? null : (JSON.parse(r.data) as unknown),
    }));
  },
  async addNote(db: Executor, n: Omit<RequestNoteRow, 'id'>) {
    await db.insertInto('request_notes').values(n).execute();
  },
  async notes(db: Executor, requestId: number, kinds: ReadonlyArray<'note' | 'message'>): Promise<RequestNoteRow[]> {
    const rows = await db
      .selectFrom('request_notes')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('kind', 'in', [...kinds])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, id: num(r.id), request_id: num(r.request_id), author_user_id: numOrNull(r.author_user_id) }));
  },
};
