// Who may see and keep the appeals register (PURE). Organ-scoped and fail-closed: the disclosure
// office (office staff and its head) keeps its organ's register; leaders read it; supervisors read
// the registers of the organs below theirs. Staff of another organ get nothing.
import { type Actor, definePolicy, hasRole, inSubtree, ownOrgan } from '../../platform/policy.js';

interface OrganSubject {
  organId: number;
}

export const appealsPolicy = definePolicy({
  'appeal.read': (a: Actor, s: OrganSubject) =>
    (ownOrgan(a, s.organId) && hasRole(a, 'office_staff', 'office_head', 'leader')) ||
    (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
  /** Add and edit cases, enter the year's total of reconsideration cases. */
  'appeal.write': (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_staff', 'office_head'),
});
