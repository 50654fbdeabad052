import type { Executor } from '../../platform/db/connect.js';
import type { AttachmentTable } from './attachments.tables.js';

export interface AttachmentRow {
  id: number;
  organ_id: number;
  publication_id: number | null;
  original_name: string;
  stored_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_by: number | null;
  created_at: string;
}

const COLS = [
  'id',
  'organ_id',
  'publication_id',
  'original_name',
  'stored_name',
  'media_type',
  'size',
  'sha256',
  'created_by',
  'created_at',
] as const;

type Raw = Omit<AttachmentTable, 'id' | 'text_extract'> & { id: number };
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const row = (r: Raw): AttachmentRow => ({
  ...r,
  id: Number(r.id),
  organ_id: Number(r.organ_id),
  publication_id: numOrNull(r.publication_id),
  size: Number(r.size),
  created_by: numOrNull(r.created_by),
});

export type NewAttachment = Omit<AttachmentTable, 'id'>;

export const attachmentsRepo = {
  async byId(db: Executor, id: number): Promise<AttachmentRow | undefined> {
    const r = await db.selectFrom('attachments').select(COLS).where('id', '=', id).executeTakeFirst();
    return r && row(r);
  },
  async ofPublication(db: Executor, publicationId: number): Promise<AttachmentRow[]> {
    const rows = await db
      .selectFrom('attachments')
      .select(COLS)
      .where('publication_id', '=', publicationId)
      .orderBy('id')
      .execute();
    return rows.map(row);
  },
  async countOf(db: Executor, publicationId: number): Promise<number> {
    const r = await db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('publication_id', '=', publicationId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async texts(db: Executor, publicationId: number): Promise<Array<{ original_name: string; text_extract: string | null }>> {
    return db
      .selectFrom('attachments')
      .select(['original_name', 'text_extract'])
      .where('publication_id', '=', publicationId)
      .orderBy('id')
      .execute();
  },
  async insert(db: Executor, v: NewAttachment): Promise<number> {
    const r = await db.insertInto('attachments').values(v).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  },
  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('attachments').where('id', '=', id).execute();
  },
  async usesOf(db: Executor, storedName: string): Promise<number> {
    const r = await db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('stored_name', '=', storedName)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  /** A new edition carries the attachments of the one it revises: new rows, the same files. */
  async copyAll(db: Executor, fromId: number, toId: number, at: string, by: number | null): Promise<number> {
    const rows = await db.selectFrom('attachments').selectAll().where('publication_id', '=', fromId).orderBy('id').execute();
    for (const { id: _id, ...r } of rows) {
      await db
        .insertInto('attachments')
        .values({ ...r, size: Number(r.size), publication_id: toId, created_by: by, created_at: at })
        .execute();
    }
    return rows.length;
  },
};

/** Marks a publication as touched while it is still editable; false when it no longer is. On
 * PostgreSQL the update also locks the row, so a concurrent transition waits for this transaction. */
export async function touchEditable(db: Executor, publicationId: number, states: readonly string[], now: string) {
  const r = await db
    .updateTable('publications')
    .set({ updated_at: now })
    .where('id', '=', publicationId)
    .where('state', 'in', [...states] as never[])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
