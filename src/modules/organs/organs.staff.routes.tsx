// Back-office pages for organs and their units: administrators manage them, supervisors read the
// organs below their own, everyone reads their own organ.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { type AppError, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { type Body, bodyOf, isAppError, staffNavFor, text } from '../backoffice/backoffice.http.js';
import type { UserRow } from '../staff/staff.service.js';
import type { OrganRow, UnitRow } from './organs.service.js';
import { SETTINGS_FIELDS } from './organs.settings.js';
import {
  detailValuesOf,
  emptyUnit,
  type LiaisonOption,
  type Nav,
  type NewOrganValues,
  type OrganDetailValues,
  type OrganView,
  type UnitValues,
} from './views/common.js';
import { OrganListPage } from './views/organ-list.js';
import { emptyNewOrgan, NewOrganPage } from './views/organ-new.js';
import { type OrganEditState, OrganPage } from './views/organ-page.js';
import { OrganSettingsPage, type SettingsEditState, type SettingsValues, settingsValuesOf } from './views/organ-settings.js';
import { NewUnitPage, type UnitEditState, UnitPage, type UnitView, unitValuesOf } from './views/unit-pages.js';

const ORGAN_CONFLICT = '保存失败：该机关的信息在您编辑期间已被他人修改。下面的表单显示的是最新内容，请核对后重新提交。';
const UNIT_CONFLICT = '保存失败：该处室的信息在您编辑期间已被他人修改。下面的表单显示的是最新内容，请核对后重新提交。';

const Id = z.coerce.number().int().positive();
const IdParams = z.object({ id: Id });
const ParentQuery = z.object({ parent: Id });

function idOf(req: FastifyRequest, missing: string): number {
  const r = IdParams.safeParse(req.params);
  if (!r.success) throw notFound(missing);
  return r.data.id;
}

const navFor = (req: FastifyRequest): Nav => staffNavFor(req.staff?.actor.roles ?? []);

const organView = (o: OrganRow): OrganView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  shortName: o.short_name,
  kind: o.kind,
  creditCode: o.credit_code,
  address: o.address,
  phone: o.phone,
  version: o.version,
});

const unitView = (u: UnitRow): UnitView => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  sortOrder: u.sort_order,
  liaisonUserId: u.liaison_user_id,
  version: u.version,
});

const liaisonsOf = (users: readonly UserRow[]): LiaisonOption[] =>
  users.map((u) => ({ id: u.id, displayName: u.display_name, username: u.username, active: u.active === 1 }));

const typedDetails = (b: Body): OrganDetailValues => ({
  name: text(b.name),
  shortName: text(b.shortName),
  kind: text(b.kind),
  creditCode: text(b.creditCode),
  address: text(b.address),
  phone: text(b.phone),
});
const typedNewOrgan = (b: Body): NewOrganValues => ({ ...typedDetails(b), code: text(b.code), parentCode: text(b.parentCode) });
const typedUnit = (b: Body): UnitValues => ({
  name: text(b.name),
  kind: text(b.kind),
  sortOrder: text(b.sortOrder),
  liaisonUserId: text(b.liaisonUserId),
});

export function organRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };

  // ── organs ──────────────────────────────────────────────────────────────────────────

  app.get('/staff/organs', pre, async (req, reply) => {
    const { organs, can } = await d.organs.overview(staffCtx(req));
    return sendPage(
      reply,
      <OrganListPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organs={organs.map((o) => ({
          id: o.id,
          code: o.code,
          name: o.name,
          kind: o.kind,
          depth: o.depth,
          parentName: o.parentName,
          unitCount: o.unitCount,
        }))}
        canCreate={can.create}
      />,
    );
  });

  async function newOrganPage(req: FastifyRequest, reply: FastifyReply, status: number, values?: NewOrganValues, err?: AppError) {
    const parents = await d.organs.parentChoices(staffCtx(req));
    const wanted = ParentQuery.safeParse(req.query ?? {});
    const preset = (wanted.success && parents.find((p) => p.id === wanted.data.parent)) || parents[0];
    return sendPage(
      reply,
      <NewOrganPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        parents={parents.map((p) => ({ code: p.code, name: p.name, depth: p.depth }))}
        values={values ?? emptyNewOrgan(preset?.code ?? '')}
        message={err?.message}
        errors={err?.fields ?? {}}
      />,
      status,
    );
  }

  app.get('/staff/organs/new', pre, async (req, reply) => newOrganPage(req, reply, 200));

  app.post('/staff/organs', pre, async (req, reply) => {
    const b = bodyOf(req);
    try {
      const organ = await d.organs.create(staffCtx(req), b);
      return seeOther(reply, `/staff/organs/${organ.id}?ok=created`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return newOrganPage(req, reply, 422, typedNewOrgan(b), err);
    }
  });

  async function organPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    edit?: (o: OrganView) => OrganEditState,
  ) {
    const data = await d.organs.page(staffCtx(req), id);
    const users = data.units.some((u) => u.liaison_user_id !== null) ? await d.staff.namesOf(id) : [];
    const names = new Map(users.map((u) => [u.id, u.display_name]));
    const organ = organView(data.organ);
    return sendPage(
      reply,
      <OrganPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organ={organ}
        parent={data.parent}
        units={data.units.map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          liaisonName: u.liaison_user_id === null ? null : (names.get(u.liaison_user_id) ?? null),
        }))}
        children={data.children.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, readable: c.readable }))}
        can={data.can}
        edit={edit?.(organ)}
        settingsHref={d.organs.settings.canEdit(staffCtx(req), id) ? `/staff/organs/${id}/settings` : undefined}
      />,
      status,
    );
  }

  app.get('/staff/organs/:id', pre, async (req, reply) => organPage(req, reply, idOf(req, '机关不存在。'), 200));

  app.post('/staff/organs/:id', pre, async (req, reply) => {
    const id = idOf(req, '机关不存在。');
    const b = bodyOf(req);
    try {
      await d.organs.update(staffCtx(req), id, b);
      return seeOther(reply, `/staff/organs/${id}?ok=saved`);
    } catch (err) {
      if (isAppError(err, 'conflict')) {
        return organPage(req, reply, id, 409, (latest) => ({
          values: detailValuesOf(latest),
          version: String(latest.version),
          conflict: { message: ORGAN_CONFLICT, typed: typedDetails(b) },
        }));
      }
      if (!isAppError(err, 'validation')) throw err;
      return organPage(req, reply, id, 422, () => ({
        values: typedDetails(b),
        version: text(b.version),
        message: err.message,
        errors: err.fields,
      }));
    }
  });

  // ── 公开指南 settings ───────────────────────────────────────────────────────────────

  const typedSettings = (b: Body) => Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, text(b[k])])) as SettingsValues;

  async function settingsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    edit?: (latest: SettingsEditState) => SettingsEditState,
  ) {
    const { organ, settings } = await d.organs.settings.form(staffCtx(req), id);
    const latest: SettingsEditState = { values: settingsValuesOf(settings), version: String(settings.version) };
    return sendPage(
      reply,
      <OrganSettingsPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organ={{ id: organ.id, name: organ.name, code: organ.code }}
        edit={edit ? edit(latest) : latest}
        saved={status === 200 && (req.query as { ok?: string } | undefined)?.ok === 'saved'}
      />,
      status,
    );
  }

  app.get('/staff/organs/:id/settings', pre, async (req, reply) => settingsPage(req, reply, idOf(req, '机关不存在。'), 200));

  app.post('/staff/organs/:id/settings', pre, async (req, reply) => {
    const id = idOf(req, '机关不存在。');
    const b = bodyOf(req);
    try {
      await d.organs.settings.update(staffCtx(req), id, b);
      return seeOther(reply, `/staff/organs/${id}/settings?ok=saved`);
    } catch (err) {
      if (isAppError(err, 'conflict')) {
        return settingsPage(req, reply, id, 409, (latest) => ({
          ...latest,
          conflict: {
            message: '保存失败：公开指南设置在您编辑期间已被他人修改。下面的表单显示的是最新内容，请核对后重新提交。',
            typed: typedSettings(b),
          },
        }));
      }
      if (!isAppError(err, 'validation')) throw err;
      return settingsPage(req, reply, id, 422, () => ({
        values: typedSettings(b),
        version: text(b.version),
        message: err.message,
        errors: err.fields,
      }));
    }
  });

  // ── units ───────────────────────────────────────────────────────────────────────────

  async function newUnitPage(
    req: FastifyRequest,
    reply: FastifyReply,
    organId: number,
    status: number,
    values?: UnitValues,
    err?: AppError,
  ) {
    const organ = await d.organs.unitForm(staffCtx(req), organId);
    const users = await d.staff.namesOf(organ.id);
    return sendPage(
      reply,
      <NewUnitPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organ={{ id: organ.id, name: organ.name }}
        liaisons={liaisonsOf(users)}
        values={values ?? emptyUnit}
        message={err?.message}
        errors={err?.fields ?? {}}
      />,
      status,
    );
  }

  app.get('/staff/organs/:id/units/new', pre, async (req, reply) => newUnitPage(req, reply, idOf(req, '机关不存在。'), 200));

  app.post('/staff/organs/:id/units', pre, async (req, reply) => {
    const organId = idOf(req, '机关不存在。');
    const b = bodyOf(req);
    try {
      await d.organs.addUnit(staffCtx(req), organId, b);
      return seeOther(reply, `/staff/organs/${organId}?ok=created`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return newUnitPage(req, reply, organId, 422, typedUnit(b), err);
    }
  });

  async function unitPage(
    req: FastifyRequest,
    reply: FastifyReply,
    unitId: number,
    status: number,
    edit?: (u: UnitView) => UnitEditState,
  ) {
    const data = await d.organs.unitPage(staffCtx(req), unitId);
    const users = await d.staff.namesOf(data.organ.id);
    const unit = unitView(data.unit);
    return sendPage(
      reply,
      <UnitPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organ={{ id: data.organ.id, name: data.organ.name }}
        unit={unit}
        liaisons={liaisonsOf(users)}
        canManage={data.can.manage}
        edit={edit?.(unit)}
      />,
      status,
    );
  }

  app.get('/staff/units/:id', pre, async (req, reply) => unitPage(req, reply, idOf(req, '处室不存在。'), 200));

  app.post('/staff/units/:id', pre, async (req, reply) => {
    const id = idOf(req, '处室不存在。');
    const b = bodyOf(req);
    try {
      const unit = await d.organs.updateUnit(staffCtx(req), id, b);
      return seeOther(reply, `/staff/organs/${unit.organ_id}?ok=saved`);
    } catch (err) {
      if (isAppError(err, 'conflict')) {
        return unitPage(req, reply, id, 409, (latest) => ({
          values: unitValuesOf(latest),
          version: String(latest.version),
          conflict: { message: UNIT_CONFLICT, typed: typedUnit(b) },
        }));
      }
      if (!isAppError(err, 'validation')) throw err;
      return unitPage(req, reply, id, 422, () => ({
        values: typedUnit(b),
        version: text(b.version),
        message: err.message,
        errors: err.fields,
      }));
    }
  });
}
