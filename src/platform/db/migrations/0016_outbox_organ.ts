// The organ an outbox message was sent for (issue 6, docs/security.md): an organ's administrator
// sees and retries only the messages of the organs under them. Null means installation-wide (a
// message no organ's action caused). Messages already queued get the organ that can be read from
// them: a WeChat post's publication, the request a mail or SMS to an applicant is about.
import type { Kysely } from 'kysely';
import { type DialectName, refType } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: the migration runs before the schema it describes
type Db = Kysely<any>;

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('organ_id', refType(d), (c) => c.references('organs.id'))
    .execute();
  await db.schema.createIndex('outbox_organ').on('outbox').columns(['organ_id', 'state']).execute();
  await backfillOrgans(db as Db);
}

/** Sets organ_id where the message tells (the outbox is a queue: a few hundred rows at most). */
export async function backfillOrgans(db: Db): Promise<void> {
  const rows: Array<{ id: number | string; topic: string; payload: string; idempotency_key: string | null }> = await db
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload', 'idempotency_key'])
    .where('organ_id', 'is', null)
    .execute();
  for (const r of rows) {
    let organId: number | null = null;
    if (r.topic === 'wechat.publish') {
      const publicationId = Number((JSON.parse(r.payload) as { publicationId?: unknown } | null)?.publicationId);
      if (Number.isSafeInteger(publicationId)) {
        const p = await db.selectFrom('publications').select('organ_id').where('id', '=', publicationId).executeTakeFirst();
        organId = p ? Number(p.organ_id) : null;
      }
    } else {
      // mail and SMS to an applicant or to staff about a request: keys `request:{id}:…`
      const requestId = Number(/^request:(\d{1,15}):/.exec(r.idempotency_key ?? '')?.[1]);
      if (Number.isSafeInteger(requestId) && requestId > 0) {
        const q = await db.selectFrom('requests').select('organ_id').where('id', '=', requestId).executeTakeFirst();
        organId = q ? Number(q.organ_id) : null;
      }
    }
    if (organId !== null) await db.updateTable('outbox').set({ organ_id: organId }).where('id', '=', r.id).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_organ').execute();
  await db.schema.alterTable('outbox').dropColumn('organ_id').execute();
}
