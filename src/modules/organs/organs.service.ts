import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/policy.js';
import { parse } from '../../platform/validation.js';
import { staffPolicy } from '../staff/staff.policy.js';
import { descendantsOf, type OrganRow, organsRepo, type UnitRow } from './organs.repository.js';
import { OrganInput, OrganUpdate, UnitInput, UnitUpdate } from './organs.schemas.js';

export type { OrganRow, UnitRow };

export function createOrganService(deps: Deps) {
  const { db, dialect, clock } = deps;
  const now = () => clock.now().toISOString();

  async function mustGet(id: number): Promise<OrganRow> {
    const o = await organsRepo.byId(db, id);
    if (!o) throw notFound('机关不存在。');
    return o;
  }

  return {
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
        await recordAudit(tx, dialect, ctx.audit, clock.now(), {
          action: 'organ.create',
          subjectType: 'organ',
          subjectId: id,
          organId: id,
          after: row,
        });
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
        await recordAudit(tx, dialect, ctx.audit, clock.now(), {
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
      return inTransaction(db, async (tx) => {
        const row = { organ_id: organId, name: v.name, kind: v.kind, sort_order: v.sortOrder, liaison_user_id: v.liaisonUserId };
        const id = await organsRepo.insertUnit(tx, row, now());
        await recordAudit(tx, dialect, ctx.audit, clock.now(), {
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
      const u = await organsRepo.unitById(db, unitId);
      if (!u) throw notFound('处室不存在。');
      authorize(staffPolicy, ctx, 'unit.manage', { organId: u.organ_id });
      const v = parse(UnitUpdate, input);
      if (v.liaisonUserId !== null) {
        const liaison = await db.selectFrom('users').select(['organ_id']).where('id', '=', v.liaisonUserId).executeTakeFirst();
        if (!liaison || Number(liaison.organ_id) !== u.organ_id) {
          throw invalid('信息联络员须为本机关人员。', { liaisonUserId: '请选择本机关的人员。' });
        }
      }
      const change = { name: v.name, kind: v.kind, sort_order: v.sortOrder, liaison_user_id: v.liaisonUserId };
      return inTransaction(db, async (tx) => {
        if (!(await organsRepo.updateUnit(tx, unitId, v.version, change, now()))) {
          throw conflict('该处室已被他人修改，请刷新后重试。');
        }
        await recordAudit(tx, dialect, ctx.audit, clock.now(), {
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
