// The transactional outbox: side effects (WeChat, mail, SMS, search indexing) are written as
// messages in the transaction of the change that causes them — a message exists if and only if
// the change committed — and delivered after commit by a dispatcher, at least once.
//
// Delivery: `dispatchDue` claims due messages with a compare-and-set on the row's `version`
// (an UPDATE … WHERE id = ? AND version = ? AND state = ?, the same SQL on SQLite and
// PostgreSQL), so that of several dispatchers (app servers) exactly one wins each message. The
// winner holds a lease (`locked_until`); a message whose lease passed — its server died while
// sending — is claimed again. Handlers must therefore be idempotent: they receive the message id
// and `idempotencyKey` to pass to the remote where its API allows. A failure is retried with
// exponential backoff up to `maxAttempts`, then the message is `failed` with its error, shown to
// the system administrator at /staff/outbox.
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Updateable } from 'kysely';
import type { Database } from '../../schema.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/connect.js';
import type { OutboxState, OutboxTable } from './outbox.tables.js';

export type { OutboxState } from './outbox.tables.js';

export interface EnqueueInput {
  topic: string;
  /** Anything JSON can hold. */
  payload: unknown;
  /** When set, a second message with the same key is not written (the first one stands). */
  key?: string | null | undefined;
  /** Business time of the change (from the injected clock). */
  at: Date;
  /** Deliver no earlier than `at` + this. */
  delayMs?: number;
  /**
   * The organ whose action causes the message: its administrators (and those of the organs above
   * it) see and retry it at /staff/outbox. Leave out only for an installation-wide message.
   */
  organId?: number | null | undefined;
}

/**
 * Writes a message in the caller's transaction. Returns its id, or null when a message with the
 * same key exists already (a no-op).
 */
export async function enqueue(tx: Executor, m: EnqueueInput): Promise<number | null> {
  const at = m.at.toISOString();
  const row = await tx
    .insertInto('outbox')
    .values({
      topic: m.topic,
      payload: JSON.stringify(m.payload ?? null),
      idempotency_key: m.key ?? null,
      state: 'pending',
      attempts: 0,
      next_attempt_at: new Date(m.at.getTime() + (m.delayMs ?? 0)).toISOString(),
      locked_until: null,
      locked_by: null,
      last_error: null,
      created_at: at,
      done_at: null,
      result: null,
      version: 1,
      organ_id: m.organId ?? null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** What a handler is told about the message it delivers. */
export interface DeliveryCtx {
  id: number;
  topic: string;
  key: string | null;
  /** The key to give the remote for deduplication: the message's key, else `outbox-{id}`. */
  idempotencyKey: string;
  /** 1 for the first delivery. */
  attempt: number;
  /** This is the last delivery allowed: if it fails, the message is `failed`. */
  final: boolean;
  now: Date;
  /** Aborted when the lease runs out: stop, another dispatcher may take over. */
  signal: AbortSignal;
}

// biome-ignore lint/suspicious/noExplicitAny: each topic knows its payload's shape
export type OutboxHandler = (payload: any, ctx: DeliveryCtx) => Promise<unknown>;

/** Thrown by a handler when retrying cannot help (bad configuration, refused content). */
export class PermanentFailure extends Error {}

export interface OutboxOptions {
  /** Deliveries before a message is `failed` (default 6). */
  maxAttempts?: number;
  /** First retry delay; doubled each attempt (default 30 s), up to `maxDelayMs` (default 1 h). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim lasts (default 2 min). */
  leaseMs?: number;
  /** This dispatcher's name in `locked_by` (default: a random one). */
  workerId?: string;
  log?: { error(obj: object, msg: string): void };
}

export interface OutboxMessage {
  id: number;
  topic: string;
  payload: unknown;
  key: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lockedBy: string | null;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
  result: unknown;
  version: number;
  /** Null: installation-wide. */
  organId: number | null;
}

/**
 * Which messages a reader sees: `all` (the server operator), or those of some organs and, for the
 * administrator of a top-level organ, the installation-wide ones (no organ).
 */
export type OutboxScope = 'all' | { organIds: readonly number[]; installationWide: boolean };

/** The condition of a scope (never called with `all`). */
const inScope = (scope: Exclude<OutboxScope, 'all'>) => (eb: ExpressionBuilder<Database, 'outbox'>) => {
  const parts = [];
  if (scope.organIds.length) parts.push(eb('organ_id', 'in', [...scope.organIds]));
  if (scope.installationWide) parts.push(eb('organ_id', 'is', null));
  // no organ and not installation-wide: nothing (ids are positive)
  return parts.length ? eb.or(parts) : eb('id', '<', 0);
};

export interface DispatchReport {
  /** Messages this dispatcher claimed. */
  claimed: number;
  done: number;
  /** Failed this time, to be tried again later. */
  retried: number;
  /** Failed for good. */
  failed: number;
  /** Finished after the lease had passed and another dispatcher had taken over: outcome not recorded. */
  lost: number;
}

const parseJson = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

// biome-ignore lint/suspicious/noExplicitAny: a row of the outbox table as either driver returns it
function toMessage(r: any): OutboxMessage {
  return {
    id: Number(r.id),
    topic: r.topic,
    payload: parseJson(r.payload),
    key: r.idempotency_key,
    state: r.state,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lockedUntil: r.locked_until,
    lockedBy: r.locked_by,
    lastError: r.last_error,
    createdAt: r.created_at,
    doneAt: r.done_at,
    result: parseJson(r.result),
    version: Number(r.version),
    organId: r.organ_id === null || r.organ_id === undefined ? null : Number(r.organ_id),
  };
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

export async function messageById(db: Executor, id: number): Promise<OutboxMessage | undefined> {
  const r = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toMessage(r);
}

export async function messageByKey(db: Executor, key: string): Promise<OutboxMessage | undefined> {
  const r = await db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  return r && toMessage(r);
}

/** Messages in the given states (of the organs in `scope`, default all), newest first. */
export async function listMessages(
  db: Executor,
  f: { states: readonly OutboxState[]; limit?: number; offset?: number; scope?: OutboxScope },
): Promise<OutboxMessage[]> {
  if (f.states.length === 0) return [];
  const scope = f.scope ?? 'all';
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .$if(scope !== 'all', (q) => q.where(inScope(scope as Exclude<OutboxScope, 'all'>)))
    .where('state', 'in', f.states)
    .orderBy('id', 'desc')
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return rows.map(toMessage);
}

export async function countByState(db: Executor, scope: OutboxScope = 'all'): Promise<Record<OutboxState, number>> {
  const rows = await db
    .selectFrom('outbox')
    .$if(scope !== 'all', (q) => q.where(inScope(scope as Exclude<OutboxScope, 'all'>)))
    .select(['state', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('state')
    .execute();
  const out: Record<OutboxState, number> = { pending: 0, sending: 0, done: 0, failed: 0 };
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/**
 * Puts a failed (or waiting) message back in the queue, due now, with a fresh count of attempts.
 * Returns the message as it was, or undefined when there is none or it is being sent or done.
 */
export async function retryMessage(db: Executor, id: number, at: Date): Promise<OutboxMessage | undefined> {
  const before = await messageById(db, id);
  if (!before || (before.state !== 'failed' && before.state !== 'pending')) return undefined;
  const r = await db
    .updateTable('outbox')
    .set({ state: 'pending', attempts: 0, next_attempt_at: at.toISOString(), version: before.version + 1 })
    .where('id', '=', id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? before : undefined;
}

/**
 * Deletes messages delivered before `before` (the outbox is a queue, not an archive). Their keys
 * are then free again: a handler's own records (e.g. a channel row marked sent) must keep a
 * repeated request from sending twice. Returns how many were deleted.
 */
export async function purgeDone(db: Executor, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('outbox')
    .where('state', '=', 'done')
    .where('done_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface OutboxDeps {
  db: Executor;
  clock: Clock;
}

/**
 * A dispatcher. `handlers` maps a topic to its handler; more can be added with `handle()` (so
 * that modules register their own). Only topics with a handler are claimed.
 */
export function createOutbox(deps: OutboxDeps, handlers: Record<string, OutboxHandler> = {}, opts: OutboxOptions = {}) {
  const { db, clock } = deps;
  const table = new Map(Object.entries(handlers));
  const maxAttempts = opts.maxAttempts ?? 6;
  const baseDelayMs = opts.baseDelayMs ?? 30_000;
  const maxDelayMs = opts.maxDelayMs ?? 3_600_000;
  const leaseMs = opts.leaseMs ?? 120_000;
  const workerId = opts.workerId ?? `w-${randomUUID()}`;
  const log = opts.log ?? { error: () => {} };

  /** Delay before attempt `attempts + 1`, after `attempts` deliveries failed. */
  const backoff = (attempts: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));

  /** Records an outcome if this dispatcher still holds the claim (`version`). */
  async function settle(id: number, version: number, set: Updateable<OutboxTable>): Promise<boolean> {
    const r = await db
      .updateTable('outbox')
      .set({ ...set, locked_by: null, locked_until: null, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async function deliver(m: OutboxMessage, version: number, report: DispatchReport): Promise<void> {
    const handler = table.get(m.topic) as OutboxHandler;
    const signal = AbortSignal.timeout(leaseMs);
    let result: unknown;
    let error: unknown;
    let ok = false;
    try {
      result = await handler(m.payload, {
        id: m.id,
        topic: m.topic,
        key: m.key,
        idempotencyKey: m.key ?? `outbox-${m.id}`,
        attempt: m.attempts,
        final: m.attempts >= maxAttempts,
        now: clock.now(),
        signal,
      });
      ok = true;
    } catch (err) {
      error = err;
    }
    const now = clock.now();
    if (ok) {
      const settled = await settle(m.id, version, {
        state: 'done',
        done_at: now.toISOString(),
        result: result === undefined ? null : JSON.stringify(result),
        last_error: null,
      });
      if (settled) report.done++;
      else report.lost++;
      return;
    }
    const giveUp = error instanceof PermanentFailure || m.attempts >= maxAttempts;
    const settled = await settle(
      m.id,
      version,
      giveUp
        ? { state: 'failed', last_error: errorText(error), done_at: now.toISOString() }
        : {
            state: 'pending',
            last_error: errorText(error),
            next_attempt_at: new Date(now.getTime() + backoff(m.attempts)).toISOString(),
          },
    );
    if (!settled) report.lost++;
    else if (giveUp) report.failed++;
    else report.retried++;
    if (!settled || giveUp) log.error({ err: error, outbox: m.id, topic: m.topic }, 'outbox delivery failed');
  }

  /** Claims up to `limit` due messages and delivers them one after the other. */
  async function dispatchDue(limit = 20): Promise<DispatchReport> {
    const report: DispatchReport = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0 };
    const topics = [...table.keys()];
    if (topics.length === 0) return report;
    const now = clock.now();
    const nowIso = now.toISOString();
    const due = await db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', 'in', topics)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('state', '=', 'sending'), eb('locked_until', '<', nowIso)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    for (const row of due) {
      if (stopping) break;
      const m = toMessage(row);
      const expired = m.state === 'sending';
      if (expired && m.attempts >= maxAttempts) {
        // its last delivery was cut off (the server stopped while sending): give up
        const r = await db
          .updateTable('outbox')
          .set({
            state: 'failed',
            last_error: `发送中断（租约 ${m.lockedBy ?? ''} 已过期），已达最多尝试次数 ${maxAttempts}。`,
            done_at: nowIso,
            locked_by: null,
            locked_until: null,
            version: m.version + 1,
          })
          .where('id', '=', m.id)
          .where('version', '=', m.version)
          .where('state', '=', 'sending')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) report.failed++;
        continue;
      }
      const claimed = await db
        .updateTable('outbox')
        .set({
          state: 'sending',
          locked_by: workerId,
          locked_until: new Date(now.getTime() + leaseMs).toISOString(),
          attempts: m.attempts + 1,
          version: m.version + 1,
          ...(expired ? { last_error: `上一次发送未完成（${m.lockedBy ?? ''} 的租约已过期）。` } : {}),
        })
        .where('id', '=', m.id)
        .where('version', '=', m.version)
        .where('state', '=', m.state)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue; // another dispatcher won it
      report.claimed++;
      await deliver({ ...m, attempts: m.attempts + 1 }, m.version + 1, report);
    }
    return report;
  }

  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;

  return {
    workerId,
    maxAttempts,
    backoff,
    /** Registers (or replaces) the handler of a topic. */
    handle(topic: string, handler: OutboxHandler): void {
      table.set(topic, handler);
    },
    topics: () => [...table.keys()],
    dispatchDue,
    /** Deletes messages delivered more than `keepDays` ago. */
    purge: (keepDays = 30) => purgeDone(db, new Date(clock.now().getTime() - keepDays * 86_400_000)),
    /**
     * Dispatches now (after a commit that enqueued something) without waiting for the next tick.
     * Runs never overlap on one server: a kick during a run makes the run go round once more.
     * Never rejects; the promise settles when the queue has been looked at.
     */
    /** Stops dispatching after the delivery under way, which is finished and recorded (a server
     * waits for it before it closes the database, rather than leave the message to its lease). */
    stop(): Promise<void> {
      stopping = true;
      return running ?? Promise.resolve();
    },
    kick(): Promise<void> {
      if (stopping) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            const r = await dispatchDue();
            // a full batch means more may be due
            if (r.claimed >= 20) again = true;
          } while (again && !stopping);
        } catch (err) {
          log.error({ err }, 'outbox dispatch failed');
        } finally {
          running = null;
        }
      })();
      return running;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
