// Who may run the report checker and decide on its findings (PURE). Organ-scoped, fail-closed: the
// disclosure office, its head and leaders run it for their organ and confirm or dismiss findings;
// supervisors also read the runs of the organs below theirs and check their published reports.
import { type Actor, definePolicy, hasRole, inSubtree, ownOrgan } from '../../platform/policy.js';

interface OrganSubject {
  organId: number;
}
const CHECKERS = ['office_staff', 'office_head', 'leader', 'supervisor'];

export const checkerPolicy = definePolicy({
  'report_check.run': (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, ...CHECKERS),
  'report_check.read': (a: Actor, s: OrganSubject) =>
    (ownOrgan(a, s.organId) && hasRole(a, ...CHECKERS)) || (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
  'report_check.review': (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, ...CHECKERS),
  /** Check every subordinate organ's published report, and parents against the sum of their children. */
  'report_check.subordinates': (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, 'supervisor'),
});
