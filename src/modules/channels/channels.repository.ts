import type { Executor } from '../../platform/db/connect.js';
import type { ChannelCode, ChannelState } from './channels.tables.js';

export interface ChannelRow {
  id: number;
  publication_id: number;
  organ_id: number;
  channel: ChannelCode;
  state: ChannelState;
  sent_at: string | null;
  sent_on: string | null;
  external_id: string | null;
  note: string | null;
  detail: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  recorded_by: number | null;
}

// biome-ignore lint/suspicious/noExplicitAny: a row as either driver returns it
function toRow(r: any): ChannelRow {
  let detail: Record<string, unknown> = {};
  try {
    detail = r.detail ? JSON.parse(r.detail) : {};
  } catch {
    detail = {};
  }
  return {
    ...r,
    id: Number(r.id),
    publication_id: Number(r.publication_id),
    organ_id: Number(r.organ_id),
    recorded_by: r.recorded_by === null ? null : Number(r.recorded_by),
    detail,
  };
}

export type ChannelWrite = {
  state: ChannelState;
  sent_at?: string | null;
  sent_on?: string | null;
  external_id?: string | null;
  note?: string | null;
  detail?: Record<string, unknown>;
  recorded_by?: number | null;
};

/** An organ's channel rows sent (or recorded) with a date in [from, to]. */
const sentBetween = (db: Executor, organId: number, from: string, to: string) =>
  db
    .selectFrom('publication_channels')
    .where('organ_id', '=', organId)
    .where('state', 'in', ['sent', 'recorded'])
    .where('sent_on', '>=', from)
    .where('sent_on', '<=', to);

export const channelsRepo = {
  async forPublication(db: Executor, publicationId: number): Promise<ChannelRow[]> {
    const rows = await db.selectFrom('publication_channels').selectAll().where('publication_id', '=', publicationId).execute();
    return rows.map(toRow);
  },

  async get(db: Executor, publicationId: number, channel: ChannelCode): Promise<ChannelRow | undefined> {
    const r = await db
      .selectFrom('publication_channels')
      .selectAll()
      .where('publication_id', '=', publicationId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    return r && toRow(r);
  },

  /** Creates the row of (publication, channel) or overwrites it. */
  async upsert(
    db: Executor,
    key: { publicationId: number; organId: number; channel: ChannelCode },
    w: ChannelWrite,
    now: string,
  ) {
    const values = {
      state: w.state,
      sent_at: w.sent_at ?? null,
      sent_on: w.sent_on ?? null,
      external_id: w.external_id ?? null,
      note: w.note ?? null,
      detail: w.detail ? JSON.stringify(w.detail) : null,
      recorded_by: w.recorded_by ?? null,
    };
    await db
      .insertInto('publication_channels')
      .values({
        publication_id: key.publicationId,
        organ_id: key.organId,
        channel: key.channel,
        ...values,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['publication_id', 'channel']).doUpdateSet({ ...values, updated_at: now }))
      .execute();
  },

  /** Inserts the row unless one exists (the website row at publication). */
  async insertIfAbsent(
    db: Executor,
    key: { publicationId: number; organId: number; channel: ChannelCode },
    w: ChannelWrite,
    now: string,
  ) {
    await db
      .insertInto('publication_channels')
      .values({
        publication_id: key.publicationId,
        organ_id: key.organId,
        channel: key.channel,
        state: w.state,
        sent_at: w.sent_at ?? null,
        sent_on: w.sent_on ?? null,
        external_id: w.external_id ?? null,
        note: w.note ?? null,
        detail: w.detail ? JSON.stringify(w.detail) : null,
        recorded_by: w.recorded_by ?? null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['publication_id', 'channel']).doNothing())
      .execute();
  },

  async update(db: Executor, id: number, w: Partial<ChannelWrite>, now: string) {
    const { detail, ...rest } = w;
    await db
      .updateTable('publication_channels')
      .set({ ...rest, ...(detail ? { detail: JSON.stringify(detail) } : {}), updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  /** Items that went out on one channel with a date in [from, to], per 体裁 (genre). */
  async genreCounts(
    db: Executor,
    organId: number,
    channel: ChannelCode,
    from: string,
    to: string,
  ): Promise<Array<{ genre: string; n: number }>> {
    const rows = await db
      .selectFrom('publications')
      .select(['genre', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('id', 'in', sentBetween(db, organId, from, to).select('publication_id').where('channel', '=', channel))
      .groupBy('genre')
      .execute();
    return rows.map((r) => ({ genre: r.genre, n: Number(r.n) }));
  },
  /** Items that went out on each channel with a date in [from, to] (sent or recorded). */
  async counts(db: Executor, organId: number, from: string, to: string): Promise<Array<{ channel: ChannelCode; n: number }>> {
    const rows = await sentBetween(db, organId, from, to)
      .select(['channel', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('channel')
      .execute();
    return rows.map((r) => ({ channel: r.channel, n: Number(r.n) }));
  },
};
