import { reportError } from '../logging.js';
import type { Db, Tx } from './connect.js';

export type AfterCommit = (fn: () => Promise<void> | void) => void;

/**
 * Runs `fn` in a transaction. Side effects registered with `afterCommit` run only once the
 * transaction has committed (mail, indexing, outbox delivery), never inside it.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const hooks: Array<() => Promise<void> | void> = [];
  const result = await db.transaction().execute((tx) => fn(tx, (h) => hooks.push(h)));
  for (const h of hooks) {
    try {
      await h();
    } catch (err) {
      // After-commit work must not undo a committed change; it is retried by its own mechanism.
      reportError('after-commit hook failed', err);
    }
  }
  return result;
}
