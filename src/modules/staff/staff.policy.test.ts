import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../platform/policy.js';
import { staffPolicy } from './staff.policy.js';
import { roleSetProblem } from './staff.roles.js';

const actor = (roles: string[], organId = 1, descendants: number[] = [], userId = 10): Actor => ({
  userId,
  username: `u${userId}`,
  displayName: '某人',
  organId,
  roles,
  descendantOrganIds: descendants,
  rootOrgan: organId === 1,
});
const user = (roles: string[], organId = 1, userId = 20) => ({ organId, roles, userId });

describe('staff policy', () => {
  it('fails closed: unknown actions and anonymous actors are refused', () => {
    const admin = actor(['admin']);
    // biome-ignore lint/suspicious/noExplicitAny: an action the policy does not know
    assert.equal(staffPolicy.can(admin, 'organ.delete' as any, { organId: 1 } as never), false);
    assert.equal(staffPolicy.can(null, 'organ.read', { organId: 1 }), false);
  });

  it('scopes organs: own organ, and organs below for supervisors and administrators', () => {
    assert.equal(staffPolicy.can(actor(['office_staff']), 'organ.read', { organId: 1 }), true);
    assert.equal(staffPolicy.can(actor(['office_staff'], 1, [2]), 'organ.read', { organId: 2 }), false);
    assert.equal(staffPolicy.can(actor(['supervisor'], 1, [2]), 'organ.read', { organId: 2 }), true);
    assert.equal(staffPolicy.can(actor(['supervisor'], 1, [2]), 'organ.read', { organId: 3 }), false);
    assert.equal(staffPolicy.can(actor(['supervisor'], 1, [2]), 'organ.update', { organId: 2 }), false);
    assert.equal(staffPolicy.can(actor(['admin'], 1, [2]), 'organ.update', { organId: 2 }), true);
    assert.equal(staffPolicy.can(actor(['admin'], 2), 'organ.update', { organId: 1 }), false, 'not upwards');
  });

  it('keeps the three officers apart (三员分立)', () => {
    const admin = actor(['admin']);
    const security = actor(['security_officer'], 1, [], 11);
    const auditor = actor(['audit_officer'], 1, [], 12);
    // only the audit officer reads the audit log
    assert.equal(staffPolicy.can(admin, 'audit.read', { organId: 1 }), false);
    assert.equal(staffPolicy.can(security, 'audit.read', { organId: 1 }), false);
    assert.equal(staffPolicy.can(auditor, 'audit.read', { organId: 1 }), true);
    // only the security officer unlocks and resets, never for officers or themselves
    assert.equal(staffPolicy.can(admin, 'user.unlock', user(['office_staff'])), false);
    assert.equal(staffPolicy.can(security, 'user.unlock', user(['office_staff'])), true);
    assert.equal(staffPolicy.can(security, 'user.resetPassword', user(['audit_officer'])), false);
    assert.equal(staffPolicy.can(security, 'user.resetPassword', user(['admin'])), false);
    assert.equal(staffPolicy.can(security, 'user.resetPassword', user(['security_officer'], 1, 11)), false);
    // the administrator manages users, but neither grants nor edits the other two officers
    assert.equal(staffPolicy.can(auditor, 'user.create', { organId: 1 }), false);
    assert.equal(staffPolicy.can(admin, 'user.grant', { ...user(['office_staff']), changed: ['office_head'] }), true);
    assert.equal(staffPolicy.can(admin, 'user.grant', { ...user(['office_staff']), changed: ['audit_officer'] }), false);
    assert.equal(staffPolicy.can(admin, 'user.update', user(['security_officer'])), false);
    assert.equal(
      staffPolicy.can(admin, 'user.grant', { ...user(['admin'], 1, 10), changed: ['admin'] }),
      false,
      'no self lock-out',
    );
  });

  it('lets only administrators of a top-level organ change the shared calendar', () => {
    assert.equal(staffPolicy.can(actor(['admin'], 1), 'calendar.manage', {}), true);
    assert.equal(staffPolicy.can(actor(['admin'], 2), 'calendar.manage', {}), false);
    assert.equal(staffPolicy.can(actor(['office_head'], 1), 'calendar.manage', {}), false);
  });
});

describe('role sets', () => {
  it('refuses two officer roles in one person, unknown roles and empty sets', () => {
    assert.match(roleSetProblem(['admin', 'audit_officer']) ?? '', /三员分立/);
    assert.match(roleSetProblem(['security_officer', 'audit_officer']) ?? '', /三员分立/);
    assert.match(roleSetProblem(['root']) ?? '', /未知角色/);
    assert.match(roleSetProblem([]) ?? '', /至少/);
    assert.equal(roleSetProblem(['admin', 'office_head', 'leader']), null);
  });
});
