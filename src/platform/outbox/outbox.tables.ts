import type { Generated } from 'kysely';

export type OutboxState = 'pending' | 'sending' | 'done' | 'failed';

/** One message to the outside world, written in the transaction of the change that caused it. */
export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  /** JSON. */
  payload: string;
  /** Unique when set: enqueuing the same key twice is a no-op. */
  idempotency_key: string | null;
  state: OutboxState;
  /** Deliveries started (a claim counts as one). */
  attempts: number;
  next_attempt_at: string;
  /** While `sending`: the lease; after it passes, another dispatcher may take the message over. */
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
  /** JSON: what the handler returned. */
  result: string | null;
  /** Bumped by every claim and every outcome: the compare-and-set guard between dispatchers. */
  version: number;
  /** The organ whose action caused the message (its administrators see it); null: installation-wide. */
  organ_id: number | null;
}

export interface OutboxTables {
  outbox: OutboxTable;
}
