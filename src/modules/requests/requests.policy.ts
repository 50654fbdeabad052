// Who may see and handle requests (PURE). Organ-scoped and fail-closed: the disclosure office
// (office staff and its head) handles; a unit's liaison sees the cases assigned to the unit;
// leaders read their organ's cases; supervisors read the organs below theirs. Staff of another
// organ get nothing.
import { type Actor, definePolicy, hasRole, inSubtree, ownOrgan } from '../../platform/policy.js';

export interface RequestSubject {
  organId: number;
  /** The unit the case is assigned to, and that unit's liaison. */
  unitId: number | null;
  unitLiaisonId: number | null;
}
interface OrganSubject {
  organId: number;
}

const handler = (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_staff', 'office_head');
const liaisonOf = (a: Actor, s: RequestSubject) =>
  ownOrgan(a, s.organId) && hasRole(a, 'liaison') && s.unitId !== null && s.unitLiaisonId === a.userId;

export const requestsPolicy = definePolicy({
  /** The queue of an organ (a liaison's queue is filtered to their units). */
  'request.queue': (a: Actor, s: OrganSubject) =>
    (ownOrgan(a, s.organId) && hasRole(a, 'office_staff', 'office_head', 'leader', 'liaison')) ||
    (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
  /** A case page (identity number masked unless `request.identity`). */
  'request.read': (a: Actor, s: RequestSubject) =>
    handler(a, s) ||
    (ownOrgan(a, s.organId) && hasRole(a, 'leader')) ||
    liaisonOf(a, s) ||
    (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
  /** The unmasked identity document number: the handling staff only. */
  'request.identity': (a: Actor, s: RequestSubject) => handler(a, s),
  /** Register, assign, correct, consult, fees, decide, reply, close, withdraw. */
  'request.handle': (a: Actor, s: RequestSubject) => handler(a, s),
  /** Staff-only notes: handlers and the liaison of the assigned unit. */
  'request.note': (a: Actor, s: RequestSubject) => handler(a, s) || liaisonOf(a, s),
  /** Approve a decision, consent to an extension (the workflow adds the four-eyes rule). */
  'request.approve': (a: Actor, s: RequestSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'office_staff'),
  'request.extend': (a: Actor, s: RequestSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_head'),
  /** The non-disclosure register (不予公开备案) of an organ: the office, its leaders, supervisors above it. */
  'request.register': (a: Actor, s: OrganSubject) =>
    (ownOrgan(a, s.organId) && hasRole(a, 'office_staff', 'office_head', 'leader')) ||
    (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
});

export type RequestAction = Parameters<typeof requestsPolicy.can>[1];
