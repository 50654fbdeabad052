// The system administrator's view of the outbox: what waits, what failed, and putting a failed
// message back in the queue (audited).
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
  type OutboxState,
  retryMessage,
} from '../../platform/outbox/outbox.js';
import { outboxPolicy } from './outbox.policy.js';

export function createOutboxAdmin(deps: Deps, outbox: Outbox) {
  const { db, clock } = deps;
  return {
    async overview(
      ctx: Ctx,
      limit = 100,
    ): Promise<{ counts: Record<OutboxState, number>; failed: OutboxMessage[]; waiting: OutboxMessage[] }> {
      authorize(outboxPolicy, ctx, 'outbox.manage', {});
      const [counts, failed, waiting] = await Promise.all([
        countByState(db),
        listMessages(db, { states: ['failed'], limit }),
        listMessages(db, { states: ['pending', 'sending'], limit }),
      ]);
      return { counts, failed, waiting };
    },

    async retry(ctx: Ctx, id: number): Promise<void> {
      authorize(outboxPolicy, ctx, 'outbox.manage', {});
      if (!Number.isSafeInteger(id) || !(await messageById(db, id))) throw notFound('消息不存在。');
      const at = clock.now();
      await inTransaction(db, async (tx, afterCommit) => {
        const before = await retryMessage(tx, id, at);
        if (!before) throw conflict('该消息正在发送或已发送成功，无需重试。');
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'outbox.retry',
          subjectType: 'outbox',
          subjectId: id,
          organId: null,
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
