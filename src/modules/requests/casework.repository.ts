// Storage of issued letters, the non-disclosure register and fees (modules/requests casework).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';
import type { Letter } from '../letters/letters.templates.js';

export interface LetterRow {
  id: number;
  request_id: number;
  kind: string;
  /** The letter as issued; null for a historical case whose letter was not generated. */
  letter: Letter | null;
  note: string | null;
  issued_on: string;
  issued_at: string;
  issued_by: number | null;
  issued_by_name: string;
  delivery_method: string | null;
  delivered_on: string | null;
  delivery_proof: string | null;
}

export interface NondisclosureRow {
  id: number;
  request_id: number;
  organ_id: number;
  reference: string;
  information: string;
  ground: string;
  legal_ground: string;
  withheld_parts: string | null;
  approved_by: number | null;
  approver_name: string;
  decided_on: string;
  year: number;
  created_at: string;
}

export interface FeeRow {
  id: number;
  request_id: number;
  organ_id: number;
  method: 'per_request' | 'per_page';
  quantity: number;
  prior_items: number;
  computed_yuan: number;
  amount_yuan: number;
  waived_reason: string | null;
  result: unknown;
  how_to_pay: string | null;
  assessed_on: string;
  paid_on: string | null;
  created_at: string;
  created_by: number | null;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function letterRow(r: Record<string, unknown>): LetterRow {
  return {
    ...(r as unknown as LetterRow),
    id: num(r.id),
    request_id: num(r.request_id),
    issued_by: numOrNull(r.issued_by),
    letter: r.letter === null ? null : (JSON.parse(r.letter as string) as Letter),
  };
}

export const caseworkRepo = {
  async addLetter(db: Executor, v: Omit<LetterRow, 'id' | 'delivery_method' | 'delivered_on' | 'delivery_proof'>) {
    const r = await db
      .insertInto('request_letters')
      .values({ ...v, letter: v.letter === null ? null : JSON.stringify(v.letter) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return num(r.id);
  },
  async letters(db: Executor, requestId: number): Promise<LetterRow[]> {
    const rows = await db.selectFrom('request_letters').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
    return rows.map(letterRow);
  },
  async letter(db: Executor, id: number): Promise<LetterRow | undefined> {
    const r = await db.selectFrom('request_letters').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? letterRow(r) : undefined;
  },
  async setDelivery(
    db: Executor,
    id: number,
    v: { delivery_method: string; delivered_on: string; delivery_proof: string | null },
  ) {
    await db.updateTable('request_letters').set(v).where('id', '=', id).execute();
  },
  async addNondisclosure(db: Executor, v: Omit<NondisclosureRow, 'id'>) {
    await db.insertInto('request_nondisclosure').values(v).execute();
  },
  async register(db: Executor, organId: number, year: number): Promise<NondisclosureRow[]> {
    const rows = await db
      .selectFrom('request_nondisclosure')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('year', '=', year)
      .orderBy('decided_on')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      ...r,
      id: num(r.id),
      request_id: num(r.request_id),
      organ_id: num(r.organ_id),
      approved_by: numOrNull(r.approved_by),
      year: num(r.year),
    }));
  },
  async registerYears(db: Executor, organId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('request_nondisclosure')
      .select('year')
      .distinct()
      .where('organ_id', '=', organId)
      .orderBy('year', 'desc')
      .execute();
    return rows.map((r) => num(r.year));
  },
  async addFee(db: Executor, v: Omit<FeeRow, 'id' | 'result'> & { result: unknown }) {
    await db
      .insertInto('request_fees')
      .values({ ...v, result: JSON.stringify(v.result) })
      .execute();
  },
  async fees(db: Executor, requestId: number): Promise<FeeRow[]> {
    const rows = await db.selectFrom('request_fees').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
    return rows.map((r) => ({
      ...(r as unknown as FeeRow),
      id: num(r.id),
      request_id: num(r.request_id),
      organ_id: num(r.organ_id),
      quantity: num(r.quantity),
      prior_items: num(r.prior_items),
      computed_yuan: num(r.computed_yuan),
      amount_yuan: num(r.amount_yuan),
      created_by: numOrNull(r.created_by),
      result: JSON.parse(r.result) as unknown,
    }));
  },
  /** The latest unpaid fee with an amount due is marked paid. */
  async markPaid(db: Executor, requestId: number, on: string) {
    const r = await db
      .selectFrom('request_fees')
      .select('id')
      .where('request_id', '=', requestId)
      .where('paid_on', 'is', null)
      .where('amount_yuan', '>', 0)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (r) await db.updateTable('request_fees').set({ paid_on: on }).where('id', '=', num(r.id)).execute();
  },
  /** Fees paid in a calendar year (yuan). */
  async collected(db: Executor, organId: number, year: number): Promise<number> {
    const r = await db
      .selectFrom('request_fees')
      .select(sql<string | number | null>`SUM(amount_yuan)`.as('total'))
      .where('organ_id', '=', organId)
      .where('paid_on', '>=', `${year}-01-01`)
      .where('paid_on', '<=', `${year}-12-31`)
      .executeTakeFirst();
    return Number(r?.total ?? 0);
  },
  /** Items the applicant (by identity hash) asked this organ for in the month of `on`, before request `beforeId`. */
  async priorItemsInMonth(db: Executor, organId: number, idHash: string, on: string, beforeId: number): Promise<number> {
    const month = on.slice(0, 7);
    const r = await db
      .selectFrom('requests')
      .select(sql<string | number>`COUNT(*)`.as('n'))
      .where('organ_id', '=', organId)
      .where('id_hash', '=', idHash)
      .where('received_on', '>=', `${month}-01`)
      .where('received_on', '<=', `${month}-31`)
      .where('id', '<', beforeId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async userName(db: Executor, id: number | null): Promise<string> {
    if (id === null) return '';
    const r = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
    return r?.display_name ?? '';
  },
};
