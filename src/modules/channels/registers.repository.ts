import type { Executor } from '../../platform/db/connect.js';
import type { Venue } from './channels.tables.js';

export interface DeliveryRow {
  id: number;
  organ_id: number;
  delivered_on: string;
  venue: Venue;
  venue_name: string | null;
  items: string[];
  /** The publications delivered, with their titles as they were when recorded. */
  publications: Array<{ id: number; title: string }>;
  copies: number;
  note: string | null;
  created_at: string;
}

export interface ConferenceRow {
  id: number;
  organ_id: number;
  held_on: string;
  topic: string;
  speakers: string;
  organiser: string;
  transcript_publication_id: number | null;
  note: string | null;
  created_at: string;
}

const list = <T>(s: string, fallback: T[]): T[] => {
  try {
    const v = JSON.parse(s);
    return Array.isArray(v) ? v : fallback;
  } catch {
    return fallback;
  }
};

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export const registersRepo = {
  async deliveries(db: Executor, organId: number, year: number): Promise<DeliveryRow[]> {
    const [from, to] = yearRange(year);
    const rows = await db
      .selectFrom('venue_deliveries')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('delivered_on', '>=', from)
      .where('delivered_on', '<=', to)
      .orderBy('delivered_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      organ_id: Number(r.organ_id),
      delivered_on: r.delivered_on,
      venue: r.venue,
      venue_name: r.venue_name,
      items: list<string>(r.items, []),
      publications: list<{ id: number; title: string }>(r.publication_ids, []),
      copies: Number(r.copies),
      note: r.note,
      created_at: r.created_at,
    }));
  },

  async addDelivery(
    db: Executor,
    v: Omit<DeliveryRow, 'id' | 'created_at'> & { created_by: number | null },
    now: string,
  ): Promise<number> {
    const r = await db
      .insertInto('venue_deliveries')
      .values({
        organ_id: v.organ_id,
        delivered_on: v.delivered_on,
        venue: v.venue,
        venue_name: v.venue_name,
        items: JSON.stringify(v.items),
        publication_ids: JSON.stringify(v.publications),
        copies: v.copies,
        note: v.note,
        created_at: now,
        created_by: v.created_by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  async deliveryCounts(db: Executor, organId: number, year: number) {
    const [from, to] = yearRange(year);
    const rows = await db
      .selectFrom('venue_deliveries')
      .select([
        'venue',
        (eb) => eb.fn.countAll<string | number>().as('n'),
        (eb) => eb.fn.sum<string | number>('copies').as('copies'),
      ])
      .where('organ_id', '=', organId)
      .where('delivered_on', '>=', from)
      .where('delivered_on', '<=', to)
      .groupBy('venue')
      .execute();
    return rows.map((r) => ({ venue: r.venue, n: Number(r.n), copies: Number(r.copies ?? 0) }));
  },

  async conferences(db: Executor, organId: number, year: number): Promise<ConferenceRow[]> {
    const [from, to] = yearRange(year);
    const rows = await db
      .selectFrom('press_conferences')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .orderBy('held_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      organ_id: Number(r.organ_id),
      transcript_publication_id: r.transcript_publication_id === null ? null : Number(r.transcript_publication_id),
    }));
  },

  async addConference(
    db: Executor,
    v: Omit<ConferenceRow, 'id' | 'created_at'> & { created_by: number | null },
    now: string,
  ): Promise<number> {
    const r = await db
      .insertInto('press_conferences')
      .values({ ...v, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  },

  async conferenceCount(db: Executor, organId: number, year: number): Promise<number> {
    const [from, to] = yearRange(year);
    const r = await db
      .selectFrom('press_conferences')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('organ_id', '=', organId)
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
};
