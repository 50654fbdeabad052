// Back-office pages for accounts: the administrator's users and roles, the security officer's
// unlock and password reset, and every member of staff's own password.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import type { Ctx } from '../../platform/context.js';
import { type AppError, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import type { Actor } from '../../platform/policy.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, type Body, bodyOf, isAppError, list, staffNavFor, text } from '../backoffice/backoffice.http.js';
import type { OrganRow, UnitRow } from '../organs/organs.repository.js';
import { GRANTABLE_BY_ADMIN, ROLES } from './staff.roles.js';
import type { UserListItem } from './staff.service.js';
import type { Nav, OrganOption } from './views/common.js';
import { OwnPasswordPage } from './views/password.js';
import { SecurityPage } from './views/security.js';
import { type EditUser, type ProfileValues, UserEditPage } from './views/user-edit.js';
import { emptyNewUser, NewUserPage, type NewUserValues } from './views/user-new.js';
import { UsersListPage } from './views/users-list.js';

const CONFLICT = '保存失败：该用户已被他人修改。下面显示的是最新内容，请核对后重新提交。';

const Id = z.coerce.number().int().positive();
const IdParams = z.object({ id: Id });
const OrganQuery = z.object({ organ: z.union([z.literal(''), Id]).optional() });

function userIdOf(req: FastifyRequest): number {
  const r = IdParams.safeParse(req.params);
  if (!r.success) throw notFound('用户不存在。');
  return r.data.id;
}

/** `?organ=ID`, else the actor's own organ. */
function organOf(query: unknown, actor: Actor): number {
  const r = OrganQuery.safeParse(query ?? {});
  if (!r.success) throw notFound('机关不存在。');
  return r.data.organ === undefined || r.data.organ === '' ? actor.organId : r.data.organ;
}

const organQuery = (organId: number, actor: Actor) => (organId === actor.organId ? '' : `organ=${organId}`);
const withQuery = (path: string, ...parts: string[]) => {
  const q = parts.filter(Boolean).join('&');
  return q ? `${path}?${q}` : path;
};

const navFor = (actor: Actor): Nav => staffNavFor(actor.roles);
const organOption = (o: OrganRow): OrganOption => ({ id: o.id, name: o.name });

function editUser(u: UserListItem, version = u.version): EditUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    active: u.active,
    locked: u.locked,
    lastLoginAt: u.last_login_at,
    roles: u.roles,
    version,
  };
}

const unitOptions = (units: UnitRow[]) => units.map((u) => ({ id: u.id, name: u.name }));

export function staffRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };

  async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: Ctx,
    id: number,
    status: number,
    extra: {
      message?: string;
      errors?: Record<string, string>;
      profile?: ProfileValues;
      roles?: string[];
      version?: number;
    } = {},
  ) {
    const view = await d.staff.adminView(ctx, id);
    return sendPage(
      reply,
      <UserEditPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(actorOf(req))}
        organ={organOption(view.organ)}
        units={unitOptions(view.units)}
        user={editUser(view.user, extra.version)}
        can={view.can}
        self={view.self}
        allRoles={ROLES}
        grantable={GRANTABLE_BY_ADMIN}
        profile={extra.profile}
        roles={extra.roles}
        message={extra.message}
        errors={extra.errors ?? {}}
      />,
      status,
    );
  }

  async function newUserPage(
    req: FastifyRequest,
    reply: FastifyReply,
    organId: number,
    values: NewUserValues,
    status: number,
    err?: AppError,
  ) {
    const form = await d.staff.newUserForm(staffCtx(req), organId);
    return sendPage(
      reply,
      <NewUserPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(actorOf(req))}
        organ={organOption(form.organ)}
        units={unitOptions(form.units)}
        grantable={GRANTABLE_BY_ADMIN}
        passwordPolicy={d.staff.passwordPolicy}
        values={values}
        message={err?.message}
        errors={err?.fields ?? {}}
      />,
      status,
    );
  }

  async function securityPage(
    req: FastifyRequest,
    reply: FastifyReply,
    organId: number,
    status: number,
    resetError?: { userId: number; message: string },
  ) {
    const ctx = staffCtx(req);
    const actor = actorOf(req);
    const { organ, users } = await d.staff.securityOverview(ctx, organId);
    const organs = await d.staff.securityOrgans(ctx);
    return sendPage(
      reply,
      <SecurityPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(actor)}
        organ={organOption(organ)}
        organs={organs.map(organOption)}
        users={users.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          active: u.active,
          locked: u.locked,
          lockedUntil: u.locked_until,
          canUnlock: u.canUnlock,
          canReset: u.canReset,
        }))}
        actorUserId={actor.userId}
        passwordPolicy={d.staff.passwordPolicy}
        resetError={resetError}
      />,
      status,
    );
  }

  // ── the administrator: users and roles ──────────────────────────────────────────────

  app.get('/staff/users', pre, async (req, reply) => {
    const actor = actorOf(req);
    const { organ, users, units } = await d.staff.directory(staffCtx(req), organOf(req.query, actor));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const organs = await d.organs.visibleTo(actor);
    return sendPage(
      reply,
      <UsersListPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(actor)}
        organ={organOption(organ)}
        organs={organs.map(organOption)}
        users={users.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          unitName: u.unit_id === null ? null : (unitName.get(u.unit_id) ?? null),
          roles: u.roles,
          active: u.active,
          locked: u.locked,
        }))}
      />,
    );
  });

  app.get('/staff/users/new', pre, async (req, reply) =>
    newUserPage(req, reply, organOf(req.query, actorOf(req)), emptyNewUser, 200),
  );

  app.post('/staff/users', pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      const u = await d.staff.create(staffCtx(req), b);
      return seeOther(reply, `/staff/users/${u.id}?ok=created`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      const typed = Id.safeParse(b.organId);
      const organId = typed.success ? typed.data : actorOf(req).organId;
      // the password is never sent back
      const values = {
        username: text(b.username),
        displayName: text(b.displayName),
        unitId: text(b.unitId),
        roles: list(b.roles),
      };
      return newUserPage(req, reply, organId, values, 422, err);
    }
  });

  app.get('/staff/users/:id', pre, async (req, reply) => editPage(req, reply, staffCtx(req), userIdOf(req), 200));

  /** A change to an existing user: saved, it goes back to the user's page; lost to another change
   * (409), the latest is shown; refused (422), the form comes back with what was typed (`kept`). */
  async function saveUser(
    req: FastifyRequest,
    reply: FastifyReply,
    save: (ctx: Ctx, id: number, b: Body) => Promise<unknown>,
    kept: (b: Body) => { profile?: ProfileValues; roles?: string[] },
  ) {
    const id = userIdOf(req);
    const ctx = staffCtx(req);
    const b = bodyOf(req);
    try {
      await save(ctx, id, b);
      return seeOther(reply, `/staff/users/${id}?ok=saved`);
    } catch (err) {
      if (isAppError(err, 'conflict')) return editPage(req, reply, ctx, id, 409, { message: CONFLICT });
      if (!isAppError(err, 'validation')) throw err;
      const version = Number(text(b.version));
      return editPage(req, reply, ctx, id, 422, {
        message: err.message,
        errors: err.fields,
        ...kept(b),
        ...(Number.isInteger(version) && text(b.version) !== '' ? { version } : {}),
      });
    }
  }

  app.post('/staff/users/:id', pre, async (req, reply) =>
    saveUser(
      req,
      reply,
      (ctx, id, b) => d.staff.update(ctx, id, b),
      (b) => ({
        profile: { displayName: text(b.displayName), unitId: text(b.unitId), active: ['1', 'on'].includes(text(b.active)) },
      }),
    ),
  );

  app.post('/staff/users/:id/roles', pre, async (req, reply) =>
    saveUser(
      req,
      reply,
      (ctx, id, b) => d.staff.setRoles(ctx, id, b),
      (b) => ({ roles: list(b.roles) }),
    ),
  );

  // ── the security officer: locked accounts and password resets ─────────────────────

  app.get('/staff/security', pre, async (req, reply) => securityPage(req, reply, organOf(req.query, actorOf(req)), 200));

  app.post('/staff/users/:id/unlock', pre, async (req, reply) => {
    const u = await d.staff.unlock(staffCtx(req), userIdOf(req));
    return seeOther(reply, withQuery('/staff/security', organQuery(u.organ_id, actorOf(req)), 'ok=unlocked'));
  });

  app.post('/staff/users/:id/password', pre, async (req, reply) => {
    const id = userIdOf(req);
    try {
      const u = await d.staff.resetPassword(staffCtx(req), id, bodyOf(req));
      return seeOther(reply, withQuery('/staff/security', organQuery(u.organ_id, actorOf(req)), 'ok=saved'));
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      const u = await d.staff.get(id);
      return securityPage(req, reply, u.organ_id, 422, { userId: id, message: err.fields.password ?? err.message });
    }
  });

  // ── everyone: their own password ─────────────────────────────────────────────────────

  async function passwordPage(req: FastifyRequest, reply: FastifyReply, status: number, err?: AppError) {
    return sendPage(
      reply,
      <OwnPasswordPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(actorOf(req))}
        passwordPolicy={d.staff.passwordPolicy}
        message={err?.message}
        errors={err?.fields ?? {}}
      />,
      status,
    );
  }

  app.get('/staff/account/password', pre, async (req, reply) => passwordPage(req, reply, 200));

  app.post('/staff/account/password', pre, async (req, reply) => {
    const sessionId = req.staff?.sessionId ?? '';
    try {
      await d.staff.changeOwnPassword(staffCtx(req), sessionId, bodyOf(req));
      return seeOther(reply, '/staff/account/password?ok=password');
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return passwordPage(req, reply, 422, err);
    }
  });
}
