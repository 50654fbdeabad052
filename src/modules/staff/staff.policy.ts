// Who may manage organs, units, users and roles (PURE).
import { type Actor, definePolicy, hasRole, inSubtree } from '../../platform/policy.js';
import { GRANTABLE_BY_ADMIN, OFFICER_ROLES, type Role } from './staff.roles.js';

interface OrganSubject {
  organId: number;
}
interface UserSubject {
  organId: number;
  /** Roles the target user holds now. */
  roles: readonly string[];
  userId: number;
}
interface RoleGrant extends UserSubject {
  /** Roles being added or removed. */
  changed: readonly string[];
}

const holdsOfficerRoleOtherThanAdmin = (roles: readonly string[]) =>
  roles.some((r) => r === 'security_officer' || r === 'audit_officer');

export const staffPolicy = definePolicy({
  /** Read an organ's record and its units: staff of the organ, or supervisors/admins above it. */
  'organ.read': (a: Actor, s: OrganSubject) =>
    a.organId === s.organId || (hasRole(a, 'supervisor', 'admin') && inSubtree(a, s.organId)),
  /** Create an organ under `organId` (the parent). */
  'organ.create': (a: Actor, s: OrganSubject) => hasRole(a, 'admin') && inSubtree(a, s.organId),
  'organ.update': (a: Actor, s: OrganSubject) => hasRole(a, 'admin') && inSubtree(a, s.organId),
  'unit.manage': (a: Actor, s: OrganSubject) => hasRole(a, 'admin') && inSubtree(a, s.organId),
  'user.list': (a: Actor, s: OrganSubject) => hasRole(a, 'admin', 'security_officer') && inSubtree(a, s.organId),
  'user.create': (a: Actor, s: OrganSubject) => hasRole(a, 'admin') && inSubtree(a, s.organId),
  /** Edit profile and status; the administrator does not manage the security and audit officers. */
  'user.update': (a: Actor, s: UserSubject) =>
    hasRole(a, 'admin') && inSubtree(a, s.organId) && !holdsOfficerRoleOtherThanAdmin(s.roles),
  'user.grant': (a: Actor, s: RoleGrant) =>
    hasRole(a, 'admin') &&
    inSubtree(a, s.organId) &&
    !holdsOfficerRoleOtherThanAdmin(s.roles) &&
    s.changed.every((r) => GRANTABLE_BY_ADMIN.includes(r as Role)) &&
    // an administrator cannot take away their own administrator role (no lock-out)
    !(s.userId === a.userId && s.changed.includes('admin')),
  /** Unlock, reset password: the security officer's work, never on their own account. */
  'user.unlock': (a: Actor, s: UserSubject) => hasRole(a, 'security_officer') && inSubtree(a, s.organId) && s.userId !== a.userId,
  /** Officers' own passwords are reset only by the server operator (CLI), so that no officer can
   * take over another's account. */
  'user.resetPassword': (a: Actor, s: UserSubject) =>
    hasRole(a, 'security_officer') &&
    inSubtree(a, s.organId) &&
    s.userId !== a.userId &&
    !s.roles.some((r) => OFFICER_ROLES.includes(r as Role)),
  'security.read': (a: Actor, s: OrganSubject) => hasRole(a, 'security_officer') && inSubtree(a, s.organId),
  'audit.read': (a: Actor, s: OrganSubject) => hasRole(a, 'audit_officer') && inSubtree(a, s.organId),
  /** The working-day calendar is shared by every organ: administrators of a top-level organ. */
  'calendar.manage': (a: Actor, _s: Record<string, never>) => hasRole(a, 'admin') && a.rootOrgan,
});
