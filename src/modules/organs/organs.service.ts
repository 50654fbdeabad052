import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/policy.js';
import { parse } from '../../platform/validation.js';
import { staffPolicy } from '../staff/staff.policy.js';
import { descendantsOf, type OrganRow, organsRepo, type UnitRow } from './organs.repository.js';
import { OrganInput, OrganUpdate, UnitInput, UnitUpdate } from './organs.schemas.js';
import { createOrganSettings } from './organs.settings.js';

export type { OrganRow, UnitRow };

type OrganAction = 'organ.read' | 'organ.create' | 'organ.update' | 'unit.manage';

/** An organ as the back-office list shows it: its place in the tree and how many units it has. */
export interface OrganTreeItem extends OrganRow {
  depth: number;
  unitCount: number;
  parentName: string | null;
}

/** An organ's page: the organ, where it sits, its units, and what the reader may do there. */
export interface OrganPageData {
  organ: OrganRow;
  parent: { id: number; name: string; readable: boolean } | null;
  units: UnitRow[];
  children: Array<OrganRow & { readable: boolean }>;
  can: { update: boolean; manageUnits: boolean; createChild: boolean };
}

/** Orders organs as a tree (each parent before its children, siblings by id) with each one's depth;
 * an organ whose parent is not in the list starts a tree of its own. */
export function treeOrder<T extends { id: number; parent_id: number | null }>(rows: readonly T[]): Array<T & { depth: number }> {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number, T[]>();
  const roots: T[] = [];
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    if (r.parent_id !== null && ids.has(r.parent_id)) {
      const list = children.get(r.parent_id) ?? [];
      list.push(r);
      children.set(r.parent_id, list);
    } else {
      roots.push(r);
    }
  }
  const out: Array<T & { depth: number }> = [];
  const visit = (r: T, depth: number) => {
    out.push({ ...r, depth });
    for (const c of children.get(r.id) ?? []) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return out;
}

export interface OrganServiceExt {
  /** Runs in the transaction that creates an organ (e.g. its standard catalogue columns). */
  onCreated?: (tx: Tx, ctx: Ctx, organId: number, at: Date) => Promise<unknown>;
}

export function createOrganService(deps: Deps, ext: OrganServiceExt = {}) {
  const { db, dialect, clock } = deps;
  const now = () => clock.now().toISOString();

  async function mustGet(id: number): Promise<OrganRow> {
    const o = await organsRepo.byId(db, id);
    if (!o) throw notFound('机关不存在。');
    return o;
  }

  async function mustGetUnit(id: number): Promise<UnitRow> {
    const u = await organsRepo.unitById(db, id);
    if (!u) throw notFound('处室不存在。');
    return u;
  }

  const allowed = (ctx: Ctx, action: OrganAction, organId: number) =>
    ctx.actor === 'system' || staffPolicy.can(ctx.actor, action, { organId });

  async function visibleTree(ctx: Ctx) {
    const all = await organsRepo.all(db);
    return { all, tree: treeOrder(all.filter((o) => allowed(ctx, 'organ.read', o.id))) };
  }

  /** A liaison is a user of the unit's organ; a newly chosen one must have an active account. */
  async function checkLiaison(organId: number, userId: number | null, current: number | null = null) {
    if (userId === null) return;
    const u = await organsRepo.userOrgan(db, userId);
    if (!u || u.organId !== organId) throw invalid('信息联络员须为本机关人员。', { liaisonUserId: '请选择本机关的人员。' });
    if (!u.active && userId !== current) {
      throw invalid('信息联络员的账号已停用。', { liaisonUserId: '该人员的账号已停用，请另选。' });
    }
  }

  return {
    /** The disclosure office of an organ, for the 公开指南 (organs.settings.ts). */
    settings: createOrganSettings(deps),
    byCode: (code: string) => organsRepo.byCode(db, code),
    byId: (id: number) => organsRepo.byId(db, id),
    /** The organ served at `/`: the configured one, else the first top-level organ. */
    async portalOrgan(): Promise<OrganRow | undefined> {
      if (deps.config.portalOrgan) return organsRepo.byCode(db, deps.config.portalOrgan);
      return organsRepo.firstRoot(db);
    },
    all: () => organsRepo.all(db),
    children: (id: number) => organsRepo.children(db, id),
    units: (organId: number) => organsRepo.units(db, organId),
    unitById: (id: number) => organsRepo.unitById(db, id),
    async descendants(organId: number): Promise<number[]> {
      return descendantsOf(await organsRepo.tree(db), organId);
    },

    /** Organs the actor may see: their own and, for supervisors and administrators, those below. */
    async visibleTo(actor: Actor): Promise<OrganRow[]> {
      const all = await organsRepo.all(db);
      return all.filter((o) => staffPolicy.can(actor, 'organ.read', { organId: o.id }));
    },

    /** The back-office list: the organs the actor may read, as a tree, with their unit counts. */
    async overview(ctx: Ctx): Promise<{ organs: OrganTreeItem[]; can: { create: boolean } }> {
      const [{ all, tree }, counts] = await Promise.all([visibleTree(ctx), organsRepo.unitCounts(db)]);
      const names = new Map(all.map((o) => [o.id, o.name]));
      return {
        organs: tree.map((o) => ({
          ...o,
          unitCount: counts.get(o.id) ?? 0,
          parentName: o.parent_id === null ? null : (names.get(o.parent_id) ?? null),
        })),
        can: { create: tree.some((o) => allowed(ctx, 'organ.create', o.id)) },
      };
    },

    /** The organs the actor may create an organ under, in tree order; refused when there are none. */
    async parentChoices(ctx: Ctx): Promise<Array<OrganRow & { depth: number }>> {
      const { tree } = await visibleTree(ctx);
      const parents = tree.filter((o) => allowed(ctx, 'organ.create', o.id));
      if (parents.length === 0) throw forbidden();
      return parents;
    },

    /** An organ's page for a reader: the organ, its parent, units and child organs. */
    async page(ctx: Ctx, id: number): Promise<OrganPageData> {
      const organ = await mustGet(id);
      authorize(staffPolicy, ctx, 'organ.read', { organId: organ.id });
      const [parent, units, children] = await Promise.all([
        organ.parent_id === null ? undefined : organsRepo.byId(db, organ.parent_id),
        organsRepo.units(db, organ.id),
        organsRepo.children(db, organ.id),
      ]);
      return {
        organ,
        parent: parent ? { id: parent.id, name: parent.name, readable: allowed(ctx, 'organ.read', parent.id) } : null,
        units,
        children: children.map((c) => ({ ...c, readable: allowed(ctx, 'organ.read', c.id) })),
        can: {
          update: allowed(ctx, 'organ.update', organ.id),
          manageUnits: allowed(ctx, 'unit.manage', organ.id),
          createChild: allowed(ctx, 'organ.create', organ.id),
        },
      };
    },

    /** The organ a new unit is being added to, for those who manage its units. */
    async unitForm(ctx: Ctx, organId: number): Promise<OrganRow> {
      const organ = await mustGet(organId);
      authorize(staffPolicy, ctx, 'unit.manage', { organId: organ.id });
      return organ;
    },

    /** A unit's page: readable by whoever may read its organ, editable by those who manage its units. */
    async unitPage(ctx: Ctx, unitId: number): Promise<{ unit: UnitRow; organ: OrganRow; can: { manage: boolean } }> {
      const unit = await mustGetUnit(unitId);
      const organ = await mustGet(unit.organ_id);
      authorize(staffPolicy, ctx, 'organ.read', { organId: organ.id });
      return { unit, organ, can: { manage: allowed(ctx, 'unit.manage', organ.id) } };
    },

    async get(ctx: Ctx, id: number): Promise<OrganRow> {
      const o = await mustGet(id);
      authorize(staffPolicy, ctx, 'organ.read', { organId: o.id });
      return o;
    },

    async create(ctx: Ctx, input: unknown): Promise<OrganRow> {
      const v = parse(OrganInput, input);
      const parent = v.parentCode ? await organsRepo.byCode(db, v.parentCode) : undefined;
      if (v.parentCode && !parent) throw invalid('上级机关不存在。', { parentCode: `找不到代码为 ${v.parentCode} 的机关。` });
      if (!parent && ctx.actor !== 'system') throw invalid('请选择上级机关。', { parentCode: '此项为必填项。' });
      if (parent) authorize(staffPolicy, ctx, 'organ.create', { organId: parent.id });
      if (await organsRepo.byCode(db, v.code)) throw invalid('机关代码已被使用。', { code: `代码 ${v.code} 已被使用。` });
      return inTransaction(db, async (tx) => {
        const row = {
          code: v.code,
          name: v.name,
          short_name: v.shortName,
          kind: v.kind,
          parent_id: parent?.id ?? null,
          credit_code: v.creditCode,
          address: v.address,
          phone: v.phone,
        };
        const id = await organsRepo.insert(tx, row, now());
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'organ.create',
          subjectType: 'organ',
          subjectId: id,
          organId: id,
          after: row,
        });
        if (ext.onCreated) await ext.onCreated(tx, ctx, id, clock.now());
        return { id, version: 1, ...row };
      });
    },

    async update(ctx: Ctx, id: number, input: unknown): Promise<OrganRow> {
      const o = await mustGet(id);
      authorize(staffPolicy, ctx, 'organ.update', { organId: o.id });
      const v = parse(OrganUpdate, input);
      const change = {
        name: v.name,
        short_name: v.shortName,
        kind: v.kind,
        credit_code: v.creditCode,
        address: v.address,
        phone: v.phone,
      };
      return inTransaction(db, async (tx) => {
        if (!(await organsRepo.update(tx, id, v.version, change, now()))) {
          throw conflict('该机关已被他人修改，请刷新后重试。');
        }
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'organ.update',
          subjectType: 'organ',
          subjectId: id,
          organId: id,
          before: o,
          after: change,
        });
        return { ...o, ...change, version: v.version + 1 };
      });
    },

    async addUnit(ctx: Ctx, organId: number, input: unknown): Promise<UnitRow> {
      const o = await mustGet(organId);
      authorize(staffPolicy, ctx, 'unit.manage', { organId: o.id });
      const v = parse(UnitInput, input);
      const existing = await organsRepo.units(db, organId);
      if (existing.some((u) => u.name === v.name)) throw invalid('处室名称重复。', { name: '本机关已有同名处室。' });
      await checkLiaison(organId, v.liaisonUserId);
      return inTransaction(db, async (tx) => {
        const row = { organ_id: organId, name: v.name, kind: v.kind, sort_order: v.sortOrder, liaison_user_id: v.liaisonUserId };
        const id = await organsRepo.insertUnit(tx, row, now());
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'unit.create',
          subjectType: 'unit',
          subjectId: id,
          organId,
          after: row,
        });
        return { id, version: 1, ...row };
      });
    },

    async updateUnit(ctx: Ctx, unitId: number, input: unknown): Promise<UnitRow> {
      const u = await mustGetUnit(unitId);
      authorize(staffPolicy, ctx, 'unit.manage', { organId: u.organ_id });
      const v = parse(UnitUpdate, input);
      const siblings = await organsRepo.units(db, u.organ_id);
      if (siblings.some((s) => s.id !== unitId && s.name === v.name)) {
        throw invalid('处室名称重复。', { name: '本机关已有同名处室。' });
      }
      await checkLiaison(u.organ_id, v.liaisonUserId, u.liaison_user_id);
      const change = { name: v.name, kind: v.kind, sort_order: v.sortOrder, liaison_user_id: v.liaisonUserId };
      return inTransaction(db, async (tx) => {
        if (!(await organsRepo.updateUnit(tx, unitId, v.version, change, now()))) {
          throw conflict('该处室已被他人修改，请刷新后重试。');
        }
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'unit.update',
          subjectType: 'unit',
          subjectId: unitId,
          organId: u.organ_id,
          before: u,
          after: change,
        });
        return { ...u, ...change, version: v.version + 1 };
      });
    },
  };
}

export type OrganService = ReturnType<typeof createOrganService>;
