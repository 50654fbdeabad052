// Bulk writes of imported requests (Kysely only). Imported requests live in the requests table
// like any other; their history gets one `import` event per created or changed request.
import type { Executor } from '../../platform/db/connect.js';
import type { RequestTable } from '../requests/requests.tables.js';

export type ImportedRequestInsert = Omit<RequestTable, 'id' | 'created_at' | 'updated_at' | 'version'>;
export type ImportedRequestPatch = Partial<
  Pick<RequestTable, 'received_on' | 'applicant_type' | 'channel' | 'closed_on' | 'outcome' | 'state' | 'rules'>
>;

export interface ExistingRequest {
  id: number;
  organ_id: number;
  reference: string;
  received_on: string;
  applicant_type: RequestTable['applicant_type'];
  channel: RequestTable['channel'];
  closed_on: string | null;
  outcome: RequestTable['outcome'];
  state: RequestTable['state'];
  rules: string;
  version: number;
}

const CHUNK = 200;

export const importsRepo = {
  /** Requests of any organ with these references (references are unique across organs). */
  async requestsByReference(db: Executor, refs: readonly string[]): Promise<Map<string, ExistingRequest>> {
    const out = new Map<string, ExistingRequest>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await db
        .selectFrom('requests')
        .select([
          'id',
          'organ_id',
          'reference',
          'received_on',
          'applicant_type',
          'channel',
          'closed_on',
          'outcome',
          'state',
          'rules',
          'version',
        ])
        .where('reference', 'in', refs.slice(i, i + 500))
        .execute();
      for (const r of rows)
        out.set(r.reference, { ...r, id: Number(r.id), organ_id: Number(r.organ_id), version: Number(r.version) });
    }
    return out;
  },

  /** Inserts requests in chunks; returns their ids in the order given. */
  async insertRequests(
    db: Executor,
    rows: readonly ImportedRequestInsert[],
    at: string,
    onChunk?: (written: number) => void,
  ): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...r, created_at: at, updated_at: at, version: 1 }));
      const out = await db.insertInto('requests').values(chunk).returning(['id', 'reference']).execute();
      const byRef = new Map(out.map((o) => [o.reference, Number(o.id)]));
      for (const r of chunk) ids.push(byRef.get(r.reference) as number);
      onChunk?.(ids.length);
    }
    return ids;
  },

  async updateRequest(db: Executor, id: number, version: number, patch: ImportedRequestPatch, at: string): Promise<boolean> {
    const r = await db
      .updateTable('requests')
      .set({ ...patch, updated_at: at, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async addEvents(
    db: Executor,
    events: ReadonlyArray<{ request_id: number; on_date: string; from_state: string | null; to_state: string; data: unknown }>,
    actor: { userId: number | null; name: string },
    at: string,
    note: string,
  ) {
    for (let i = 0; i < events.length; i += CHUNK) {
      const chunk = events.slice(i, i + CHUNK).map((e) => ({
        request_id: e.request_id,
        at,
        on_date: e.on_date,
        actor_user_id: actor.userId,
        actor_name: actor.name,
        action: 'import',
        from_state: e.from_state,
        to_state: e.to_state,
        clock: null,
        note,
        data: JSON.stringify(e.data),
      }));
      if (chunk.length) await db.insertInto('request_events').values(chunk).execute();
    }
  },

  /**
   * Imported references in the form `{organ code}-YYYY-NNNNN` move the organ's counter past them,
   * so that the next request registered in the system never gets a number already taken.
   */
  async raiseCounters(db: Executor, organId: number, highest: ReadonlyMap<number, number>) {
    for (const [year, serial] of highest) {
      const cur = await db
        .selectFrom('request_counters')
        .select('last_serial')
        .where('organ_id', '=', organId)
        .where('year', '=', year)
        .executeTakeFirst();
      if (!cur) await db.insertInto('request_counters').values({ organ_id: organId, year, last_serial: serial }).execute();
      else if (Number(cur.last_serial) < serial)
        await db
          .updateTable('request_counters')
          .set({ last_serial: serial })
          .where('organ_id', '=', organId)
          .where('year', '=', year)
          .execute();
    }
  },
};
