import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import { hashPassword, PASSWORD_MIN_LENGTH, passwordProblem, verifyPassword } from '../auth/auth.password.js';
import type { OrganRow, OrganService, UnitRow } from '../organs/organs.service.js';
import { staffPolicy } from './staff.policy.js';
import { type UserRow, usersRepo } from './staff.repository.js';
import { roleSetProblem } from './staff.roles.js';
import { PasswordChange, PasswordReset, RolesInput, UserInput, UserUpdate } from './staff.schemas.js';

export type { UserRow };

/** A user as the back-office lists show them: `locked` is derived from the injected clock. */
export interface UserListItem extends UserRow {
  locked: boolean;
}

/** A user on the security officer's page, with what the officer may do to the account. */
export interface SecurityUserItem extends UserListItem {
  canUnlock: boolean;
  canReset: boolean;
}

/** The roles form carries the version it was rendered with; the CLI sends none. */
const RolesVersion = z.object({
  version: z
    .union([z.literal(''), z.coerce.number().int()])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
});

export const PASSWORD_POLICY = `密码至少 ${PASSWORD_MIN_LENGTH} 个字符，须包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名。`;

/** What the audit log keeps of a user: never the password hash. */
const auditView = (
  u: Pick<UserRow, 'username' | 'display_name' | 'organ_id' | 'unit_id'> & { roles?: string[]; active?: number },
) => ({
  username: u.username,
  display_name: u.display_name,
  organ_id: u.organ_id,
  unit_id: u.unit_id,
  ...(u.roles ? { roles: u.roles } : {}),
  ...(u.active === undefined ? {} : { active: u.active }),
});

export function createStaffService(deps: Deps, ext: { organs: OrganService }) {
  const { organs } = ext;
  const { db, dialect, clock } = deps;
  const now = () => clock.now().toISOString();

  async function mustGet(id: number): Promise<UserRow> {
    const u = await usersRepo.byId(db, id);
    if (!u) throw notFound('用户不存在。');
    return u;
  }

  const lockedNow = (u: Pick<UserRow, 'locked_until'>) => u.locked_until !== null && u.locked_until > now();
  const withLock = (u: UserRow): UserListItem => ({ ...u, locked: lockedNow(u) });

  async function mustGetOrgan(id: number): Promise<OrganRow> {
    const o = await organs.byId(id);
    if (!o) throw notFound('机关不存在。');
    return o;
  }

  /** The user-administration pages (list, new, edit) belong to whoever may create users in the
   * organ: its administrators, and those of the organs above it. */
  const authorizeAdminPages = (ctx: Ctx, organId: number) => authorize(staffPolicy, ctx, 'user.create', { organId });

  async function checkUnit(organId: number, unitId: number | null) {
    if (unitId === null) return;
    const unit = await organs.unitById(unitId);
    if (!unit || unit.organ_id !== organId) throw invalid('所属处室不正确。', { unitId: '请选择本机关的处室。' });
  }

  return {
    get: mustGet,
    /** The id of a user by username (the operator's CLI names users by username). */
    async idOf(username: string): Promise<number | undefined> {
      return (await usersRepo.byUsername(db, username))?.id;
    },
    /** The password rules, said once for every form that sets a password. */
    passwordPolicy: PASSWORD_POLICY,
    /** Locked out now (per the injected clock) after too many failed sign-ins. */
    isLocked: lockedNow,

    /** The users of an organ with its units, for the administrator's list. */
    async directory(ctx: Ctx, organId: number): Promise<{ organ: OrganRow; users: UserListItem[]; units: UnitRow[] }> {
      authorizeAdminPages(ctx, organId);
      const organ = await mustGetOrgan(organId);
      const [users, units] = await Promise.all([usersRepo.byOrgan(db, organId), organs.units(organId)]);
      return { organ, users: users.map(withLock), units };
    },

    /** What the new-user form needs: the organ and its units. */
    async newUserForm(ctx: Ctx, organId: number): Promise<{ organ: OrganRow; units: UnitRow[] }> {
      authorizeAdminPages(ctx, organId);
      const organ = await mustGetOrgan(organId);
      return { organ, units: await organs.units(organId) };
    },

    /** One user for the administrator's edit page, with what the actor may change. */
    async adminView(
      ctx: Ctx,
      id: number,
    ): Promise<{
      user: UserListItem;
      organ: OrganRow;
      units: UnitRow[];
      can: { update: boolean; grant: boolean };
      self: boolean;
    }> {
      const u = await mustGet(id);
      authorizeAdminPages(ctx, u.organ_id);
      const subject = { organId: u.organ_id, roles: u.roles, userId: u.id };
      const actor = ctx.actor;
      const can =
        actor === 'system'
          ? { update: true, grant: true }
          : {
              update: staffPolicy.can(actor, 'user.update', subject),
              grant: staffPolicy.can(actor, 'user.grant', { ...subject, changed: [] }),
            };
      const [organ, units] = await Promise.all([mustGetOrgan(u.organ_id), organs.units(u.organ_id)]);
      return { user: withLock(u), organ, units, can, self: actor !== 'system' && actor.userId === u.id };
    },

    /** Organs whose accounts the actor looks after as security officer. */
    async securityOrgans(ctx: Ctx): Promise<OrganRow[]> {
      const all = await organs.all();
      const actor = ctx.actor;
      if (actor === 'system') return all;
      return all.filter((o) => staffPolicy.can(actor, 'security.read', { organId: o.id }));
    },

    /** The security officer's page for one organ: every account, the locked ones, what may be done. */
    async securityOverview(ctx: Ctx, organId: number): Promise<{ organ: OrganRow; users: SecurityUserItem[] }> {
      authorize(staffPolicy, ctx, 'security.read', { organId });
      const organ = await mustGetOrgan(organId);
      const actor = ctx.actor;
      const users = (await usersRepo.byOrgan(db, organId)).map((u) => {
        const subject = { organId: u.organ_id, roles: u.roles, userId: u.id };
        return {
          ...withLock(u),
          canUnlock: actor === 'system' || staffPolicy.can(actor, 'user.unlock', subject),
          canReset: actor === 'system' || staffPolicy.can(actor, 'user.resetPassword', subject),
        };
      });
      return { organ, users };
    },
    async list(ctx: Ctx, organId: number): Promise<UserRow[]> {
      authorize(staffPolicy, ctx, 'user.list', { organId });
      return usersRepo.byOrgan(db, organId);
    },
    /** Users of an organ for pickers (e.g. a unit's liaison); no policy: names only are shown. */
    namesOf: (organId: number) => usersRepo.byOrgan(db, organId),

    async create(ctx: Ctx, input: unknown): Promise<UserRow> {
      const v = parse(UserInput, input);
      authorize(staffPolicy, ctx, 'user.create', { organId: v.organId });
      const roleProblem = roleSetProblem(v.roles);
      if (roleProblem) throw invalid(roleProblem, { roles: roleProblem });
      if (ctx.actor !== 'system') {
        authorize(staffPolicy, ctx, 'user.grant', { organId: v.organId, roles: [], userId: 0, changed: v.roles });
      }
      const pw = passwordProblem(v.password, v.username);
      if (pw) throw invalid(pw, { password: pw });
      if (!(await organs.byId(v.organId))) throw invalid('机关不存在。', { organId: '机关不存在。' });
      await checkUnit(v.organId, v.unitId);
      if (await usersRepo.byUsername(db, v.username)) throw invalid('用户名已被使用。', { username: '用户名已被使用。' });
      const hash = await hashPassword(v.password);
      return inTransaction(db, async (tx) => {
        const row = { organ_id: v.organId, unit_id: v.unitId, username: v.username, display_name: v.displayName };
        const id = await usersRepo.insert(tx, { ...row, password_hash: hash }, v.roles, now());
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'user.create',
          subjectType: 'user',
          subjectId: id,
          organId: v.organId,
          after: auditView({ ...row, roles: [...v.roles].sort() }),
        });
        return (await usersRepo.byId(tx, id)) as UserRow;
      });
    },

    async update(ctx: Ctx, id: number, input: unknown): Promise<UserRow> {
      const u = await mustGet(id);
      authorize(staffPolicy, ctx, 'user.update', { organId: u.organ_id, roles: u.roles, userId: u.id });
      const v = parse(UserUpdate, input);
      if (ctx.actor !== 'system' && ctx.actor.userId === id && v.active === 0) {
        throw invalid('不能停用自己的账号。', { active: '不能停用自己的账号。' });
      }
      await checkUnit(u.organ_id, v.unitId);
      const change = { display_name: v.displayName, unit_id: v.unitId, active: v.active };
      return inTransaction(db, async (tx) => {
        if (!(await usersRepo.update(tx, id, v.version, change, now()))) throw conflict('该用户已被他人修改，请刷新后重试。');
        // a disabled account loses its sessions at once
        if (v.active === 0) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'user.update',
          subjectType: 'user',
          subjectId: id,
          organId: u.organ_id,
          before: auditView(u),
          after: auditView({ ...u, ...change }),
        });
        return (await usersRepo.byId(tx, id)) as UserRow;
      });
    },

    async setRoles(ctx: Ctx, id: number, input: unknown): Promise<UserRow> {
      const u = await mustGet(id);
      const { roles } = parse(RolesInput, input);
      const { version } = parse(RolesVersion, input);
      // staff always send the version their form showed; only the operator (CLI) may omit it
      if (version === null && ctx.actor !== 'system') throw invalid('页面已过期，请刷新后重试。', { version: '缺少版本号。' });
      const problem = roleSetProblem(roles);
      if (problem) throw invalid(problem, { roles: problem });
      const changed = [...roles.filter((r) => !u.roles.includes(r)), ...u.roles.filter((r) => !roles.includes(r))];
      authorize(staffPolicy, ctx, 'user.grant', { organId: u.organ_id, roles: u.roles, userId: u.id, changed });
      return inTransaction(db, async (tx) => {
        if (!(await usersRepo.bumpVersion(tx, id, version, now()))) throw conflict('该用户已被他人修改，请刷新后重试。');
        await usersRepo.setRoles(tx, id, roles);
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'user.roles',
          subjectType: 'user',
          subjectId: id,
          organId: u.organ_id,
          before: { roles: u.roles },
          after: { roles: [...roles].sort() },
        });
        return (await usersRepo.byId(tx, id)) as UserRow;
      });
    },

    /** Returns the account as it was (for the page to go back to its organ). */
    async unlock(ctx: Ctx, id: number): Promise<UserRow> {
      const u = await mustGet(id);
      authorize(staffPolicy, ctx, 'user.unlock', { organId: u.organ_id, roles: u.roles, userId: u.id });
      await inTransaction(db, async (tx) => {
        await usersRepo.unlock(tx, id);
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'user.unlock',
          subjectType: 'user',
          subjectId: id,
          organId: u.organ_id,
          before: { failed_logins: u.failed_logins, locked_until: u.locked_until },
          after: { failed_logins: 0, locked_until: null },
        });
      });
      return u;
    },

    /** Returns the account as it was (for the page to go back to its organ). */
    async resetPassword(ctx: Ctx, id: number, input: unknown): Promise<UserRow> {
      const u = await mustGet(id);
      authorize(staffPolicy, ctx, 'user.resetPassword', { organId: u.organ_id, roles: u.roles, userId: u.id });
      const { password } = parse(PasswordReset, input);
      const problem = passwordProblem(password, u.username);
      if (problem) throw invalid(problem, { password: problem });
      const hash = await hashPassword(password);
      await inTransaction(db, async (tx) => {
        await usersRepo.setPassword(tx, id, hash, now());
        await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'user.password_reset',
          subjectType: 'user',
          subjectId: id,
          organId: u.organ_id,
        });
      });
      return u;
    },

    /** A signed-in user changes their own password; other sessions of the user end. */
    async changeOwnPassword(ctx: Ctx, keepSessionId: string, input: unknown): Promise<void> {
      if (ctx.actor === 'system') throw invalid('系统操作员无密码。');
      const v = parse(PasswordChange, input);
      const u = await usersRepo.byUsername(db, ctx.actor.username);
      if (!u) throw notFound('用户不存在。');
      if (!(await verifyPassword(u.password_hash, v.current))) throw invalid('当前密码不正确。', { current: '当前密码不正确。' });
      const problem = passwordProblem(v.password, u.username);
      if (problem) throw invalid(problem, { password: problem });
      if (v.password !== v.confirm) throw invalid('两次输入的新密码不一致。', { confirm: '两次输入的新密码不一致。' });
      const hash = await hashPassword(v.password);
      await inTransaction(db, async (tx) => {
        await usersRepo.setPassword(tx, u.id, hash, now());
        await tx.deleteFrom('sessions').where('user_id', '=', u.id).where('id', '!=', keepSessionId).execute();
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'user.password_change',
          subjectType: 'user',
          subjectId: u.id,
          organId: u.organ_id,
        });
      });
    },

    /** The server operator sets a password (CLI); no policy, since the CLI runs on the server. */
    async setPasswordAsOperator(ctx: Ctx, username: string, password: string): Promise<void> {
      if (ctx.actor !== 'system') throw forbidden();
      const u = await usersRepo.byUsername(db, username);
      if (!u) throw notFound(`用户 ${username} 不存在。`);
      const problem = passwordProblem(password, u.username);
      if (problem) throw invalid(problem);
      const hash = await hashPassword(password);
      await inTransaction(db, async (tx) => {
        await usersRepo.setPassword(tx, u.id, hash, now());
        await tx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'user.password_reset',
          subjectType: 'user',
          subjectId: u.id,
          organId: u.organ_id,
        });
      });
    },

    async lockedUsers(ctx: Ctx, organIds: number[]): Promise<UserRow[]> {
      for (const organId of organIds) authorize(staffPolicy, ctx, 'security.read', { organId });
      return usersRepo.locked(db, organIds, now());
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
