// Writes of derived due dates in bulk: one UPDATE per batch instead of one per case. After a
// calendar change most open cases may move (bench/requests.bench.ts: 100,000 cases), and one
// statement per case cost a round trip each on PostgreSQL (docs/performance.md).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/connect.js';

export interface DueUpdate {
  id: number;
  due: { reply_due: string | null; correction_due: string | null; awaiting: string | null };
}

/** Rows per statement: 4 parameters each, well under both databases' limits. */
const CHUNK = 500;

/**
 * Sets `reply_due`, `correction_due` and `awaiting` of each case to the given values (the same
 * writes as `requestsRepo.setDue` for each, without a version change), in as few statements as
 * the chunk size allows. Runs on SQLite (≥ 3.33, UPDATE … FROM) and PostgreSQL alike.
 */
export async function setDueMany(db: Executor, updates: readonly DueUpdate[]): Promise<void> {
  for (let i = 0; i < updates.length; i += CHUNK) {
    const rows = updates
      .slice(i, i + CHUNK)
      .map((u) => sql`(${u.id}, ${u.due.reply_due}, ${u.due.correction_due}, ${u.due.awaiting})`);
    await sql`WITH v(id, reply_due, correction_due, awaiting) AS (VALUES ${sql.join(rows)})
      UPDATE requests SET reply_due = v.reply_due, correction_due = v.correction_due, awaiting = v.awaiting
      FROM v WHERE requests.id = CAST(v.id AS BIGINT)`.execute(db);
  }
}
