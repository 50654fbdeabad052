// The administrators' view of the outbox: what waits, what failed, and putting a failed message
// back in the queue (audited). Each administrator sees the messages of their own organ and the
// organs below it (and, for a top-level organ, the installation-wide ones); the server operator
// sees all. The scope is applied here, not by the route.
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import {
  countByState,
  listMessages,
  messageById,
  type Outbox,
  type OutboxMessage,
  type OutboxScope,
  type OutboxState,
  retryMessage,
} from '../../platform/outbox/outbox.js';
import { outboxPolicy } from './outbox.policy.js';

/** A message as the back office lists it: with the name of its organ (null: installation-wide). */
export type OutboxListed = OutboxMessage & { organName: string | null };

export function createOutboxAdmin(deps: Deps, outbox: Outbox) {
  const { db, clock } = deps;

  /** The messages `ctx` may see. */
  function scopeOf(ctx: Ctx): OutboxScope {
    if (ctx.actor === 'system') return 'all';
    return { organIds: [ctx.actor.organId, ...ctx.actor.descendantOrganIds], installationWide: ctx.actor.rootOrgan };
  }

  const mayManage = (ctx: Ctx, m: OutboxMessage) =>
    ctx.actor === 'system' || outboxPolicy.can(ctx.actor, 'outbox.manage', { organId: m.organId });

  async function withOrganNames(messages: OutboxMessage[]): Promise<OutboxListed[]> {
    const ids = [...new Set(messages.map((m) => m.organId).filter((id): id is number => id !== null))];
    const rows = ids.length ? await db.selectFrom('organs').select(['id', 'name']).where('id', 'in', ids).execute() : [];
    const names = new Map(rows.map((r) => [Number(r.id), r.name]));
    return messages.map((m) => ({ ...m, organName: m.organId === null ? null : (names.get(m.organId) ?? null) }));
  }

  return {
    async overview(
      ctx: Ctx,
      limit = 100,
    ): Promise<{
      counts: Record<OutboxState, number>;
      failed: OutboxListed[];
      waiting: OutboxListed[];
      scope: 'all' | 'organs';
    }> {
      authorize(outboxPolicy, ctx, 'outbox.read', {});
      const scope = scopeOf(ctx);
      const [counts, failed, waiting] = await Promise.all([
        countByState(db, scope),
        listMessages(db, { states: ['failed'], limit, scope }),
        listMessages(db, { states: ['pending', 'sending'], limit, scope }),
      ]);
      return {
        counts,
        failed: await withOrganNames(failed),
        waiting: await withOrganNames(waiting),
        scope: scope === 'all' ? 'all' : 'organs',
      };
    },

    async retry(ctx: Ctx, id: number): Promise<void> {
      authorize(outboxPolicy, ctx, 'outbox.read', {});
      const message = Number.isSafeInteger(id) ? await messageById(db, id) : undefined;
      // another organ's message is not there, as far as this administrator can tell
      if (!message || !mayManage(ctx, message)) throw notFound('消息不存在。');
      const at = clock.now();
      await inTransaction(db, async (tx, afterCommit) => {
        const before = await retryMessage(tx, id, at);
        if (!before) throw conflict('该消息正在发送或已发送成功，无需重试。');
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'outbox.retry',
          subjectType: 'outbox',
          subjectId: id,
          organId: before.organId,
          before: { state: before.state, attempts: before.attempts, lastError: before.lastError },
          after: { state: 'pending', attempts: 0 },
        });
        afterCommit(() => {
          void outbox.kick();
        });
      });
    },
  };
}

export type OutboxAdmin = ReturnType<typeof createOutboxAdmin>;
