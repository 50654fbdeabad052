// Who may import records into an organ (PURE): its disclosure office. The server operator (CLI)
// acts as the system. Fail-closed, organ-scoped.
import { type Actor, definePolicy, hasRole, ownOrgan } from '../../platform/policy.js';

export const importsPolicy = definePolicy({
  'import.run': (a: Actor, s: { organId: number }) => ownOrgan(a, s.organId) && hasRole(a, 'office_staff', 'office_head'),
});
