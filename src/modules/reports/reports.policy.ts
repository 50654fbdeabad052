// Who may generate an organ's annual report, enter its figures and sum the reports of the organs
// below (PURE). Organ-scoped and fail-closed (Regulation Art 49: each organ reports on its own
// work; the supervising organ compiles the sum of its subordinates').
import { type Actor, definePolicy, hasRole, inSubtree, ownOrgan } from '../../platform/policy.js';

interface OrganSubject {
  organId: number;
}

const BUSINESS_ROLES = ['office_head', 'office_staff', 'liaison', 'leader'];

export const reportsPolicy = definePolicy({
  /** Generate (read) the report of an organ: its business staff; supervisors for the organs below. */
  'report.generate': (a: Actor, s: OrganSubject) =>
    (ownOrgan(a, s.organId) && hasRole(a, ...BUSINESS_ROLES)) || (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
  /** Enter the figures no register holds yet (licensing decisions, fees, …): the disclosure office. */
  'report.figures': (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_staff', 'office_head'),
  /** Sum the tables of the organs below: the parent organ's office head, leader, supervisor or administrator. */
  'report.aggregate': (a: Actor, s: OrganSubject) =>
    ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'leader', 'supervisor', 'admin'),
});

export type ReportAction = Parameters<typeof reportsPolicy.can>[1];
