// Roles of staff (PURE). 三员分立: the system administrator, the security officer and the
// audit officer are separate people; one user never holds two of the three.
export const ROLES = [
  'admin',
  'security_officer',
  'audit_officer',
  'office_head',
  'office_staff',
  'liaison',
  'leader',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  security_officer: '安全保密管理员',
  audit_officer: '安全审计员',
  office_head: '公开办负责人',
  office_staff: '公开办工作人员',
  liaison: '处室信息联络员',
  leader: '分管领导',
  supervisor: '上级监督人员',
};

/** The three separated officer roles. */
export const OFFICER_ROLES: readonly Role[] = ['admin', 'security_officer', 'audit_officer'];
/** Roles an administrator may grant from the back office; officer roles other than admin are
 * granted only by the server operator (`gongkai user add` / `gongkai user roles`). */
export const GRANTABLE_BY_ADMIN: readonly Role[] = ['admin', 'office_head', 'office_staff', 'liaison', 'leader', 'supervisor'];

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

/** Returns a reason in Chinese when a set of roles breaks a rule, else null. */
export function roleSetProblem(roles: readonly string[]): string | null {
  if (roles.length === 0) return '至少选择一个角色。';
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) return `未知角色：${unknown.join('、')}。`;
  const officers = roles.filter((r) => OFFICER_ROLES.includes(r as Role));
  if (officers.length > 1) {
    return `三员分立：${officers.map((r) => ROLE_LABELS[r as Role]).join('、')}不能由同一人担任。`;
  }
  return null;
}
