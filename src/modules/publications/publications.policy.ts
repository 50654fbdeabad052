// Who may author, approve, publish and read publications (PURE). Segregation of duties
// (ADR 0004): the approver is never the author. Liaisons author only for the unit they serve.
import { type Actor, definePolicy, hasRole, inSubtree, ownOrgan } from '../../platform/policy.js';

export interface PublicationSubject {
  organId: number;
  /** The unit the item belongs to, and that unit's liaison (units.liaison_user_id). */
  unitId: number | null;
  unitLiaisonId: number | null;
  /** The author of the item (null for a new one or one entered by the system). */
  authorId: number | null;
}
interface OrganSubject {
  organId: number;
}

const mayAuthor = (a: Actor, s: PublicationSubject) =>
  ownOrgan(a, s.organId) &&
  (hasRole(a, 'office_staff', 'office_head') || (hasRole(a, 'liaison') && s.unitId !== null && s.unitLiaisonId === a.userId));

const reviewer = (a: Actor, s: OrganSubject) => ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'leader');

const BUSINESS_ROLES = ['office_head', 'office_staff', 'liaison', 'leader', 'supervisor'];

export const publicationsPolicy = definePolicy({
  /** Back-office reading: business staff of the organ; supervisors also the organs below. */
  'publication.read': (a: Actor, s: OrganSubject) =>
    (ownOrgan(a, s.organId) && hasRole(a, ...BUSINESS_ROLES)) || (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
  /** Create a draft, edit it, submit it, start a new edition. */
  'publication.author': mayAuthor,
  /** Approve: a reviewer of the organ who is not the author (four eyes). */
  'publication.approve': (a: Actor, s: PublicationSubject) => reviewer(a, s) && s.authorId !== a.userId,
  'publication.return': (a: Actor, s: PublicationSubject) => reviewer(a, s),
  /** Release an approved item, now or at a set time. */
  'publication.publish': (a: Actor, s: PublicationSubject) =>
    ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'leader', 'office_staff'),
  'publication.withdraw': (a: Actor, s: PublicationSubject) => reviewer(a, s),
  /** Set up the organ's catalogue columns. */
  'catalogue.manage': (a: Actor, s: OrganSubject) =>
    (ownOrgan(a, s.organId) && hasRole(a, 'office_head')) || (hasRole(a, 'admin') && inSubtree(a, s.organId)),
});

export type PublicationAction = Parameters<typeof publicationsPolicy.can>[1];
