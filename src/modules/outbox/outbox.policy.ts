// Who may look after the outbox (PURE): administrators, each for the messages of their own organ
// and the organs below it; a message no organ caused (installation-wide) for the administrators of
// top-level organs. The server operator (the CLI's system context) sees every message.
import { type Actor, definePolicy, hasRole, inSubtree } from '../../platform/policy.js';

export const outboxPolicy = definePolicy({
  /** The list (scoped to the actor's organs by the service). */
  'outbox.read': (a: Actor, _s: Record<string, never>) => hasRole(a, 'admin'),
  /** One message: seeing it and putting it back in the queue. */
  'outbox.manage': (a: Actor, s: { organId: number | null }) =>
    hasRole(a, 'admin') && (s.organId === null ? a.rootOrgan : inSubtree(a, s.organId)),
});
