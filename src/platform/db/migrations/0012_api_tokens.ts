// API tokens (modules/tokens): a member of staff's bearer tokens for the JSON API under /api/v1.
// Only the SHA-256 of a token is stored; the token is shown once, when it is created.
// Also an index in the order of the requests queue (the API lists it).
import { type Kysely, sql } from 'kysely';
import { type DialectName, idColumn, refType } from '../dialect.js';

export async function up(db: Kysely<unknown>, d: DialectName): Promise<void> {
  const ref = refType(d);
  await idColumn(d, db.schema.createTable('api_tokens'))
    .addColumn('organ_id', ref, (c) => c.notNull().references('organs.id'))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    /** The first characters of the token (`gk_` + 4), to tell tokens apart in lists. */
    .addColumn('token_hint', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(30)')
    .addColumn('revoked_by', ref, (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id']).execute();
  await db.schema.createIndex('api_tokens_organ').on('api_tokens').columns(['organ_id']).execute();
  // The queue's order (requestsRepo.queue and the API list: undated last, then by reply due date
  // and id), so that a page of an organ's queue is read in order instead of sorting every open case
  // (bench/requests.bench.ts, docs/performance.md). The expression must be written as the queries write it.
  await sql`CREATE INDEX requests_queue_order ON requests (organ_id, (CASE WHEN reply_due IS NULL THEN 1 ELSE 0 END), reply_due, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('requests_queue_order').execute();
  await db.schema.dropTable('api_tokens').execute();
}
