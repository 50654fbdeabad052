// Who may look after the outbox (PURE): the system administrator of a top-level organ, since the
// queue is shared by every organ of the installation.
import { type Actor, definePolicy, hasRole } from '../../platform/policy.js';

export const outboxPolicy = definePolicy({
  'outbox.manage': (a: Actor, _s: Record<string, never>) => hasRole(a, 'admin') && a.rootOrgan,
});
