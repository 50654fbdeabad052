// The organ's catalogue (信息公开目录): the standard columns, and columns left empty on purpose.
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import type { OrganService } from '../organs/organs.service.js';
import { STANDARD_COLUMNS } from './catalogue.columns.js';
import { publicationsPolicy } from './publications.policy.js';
import { type ColumnRow, publicationsRepo as repo } from './publications.repository.js';
import { ColumnEmptyInput } from './publications.schemas.js';

/**
 * Adds the standard columns the organ does not have yet (by code), in the caller's transaction;
 * returns how many. Used when an organ is created (it starts with the standard catalogue) and by
 * `ensureStandardColumns` for organs created before a standard column was added.
 */
export async function seedStandardColumns(tx: Tx, deps: Deps, ctx: Ctx, organId: number, at: Date): Promise<number> {
  const have = new Map((await repo.columns(tx, organId)).map((c) => [c.code, c.id]));
  const created: string[] = [];
  for (const c of STANDARD_COLUMNS) {
    if (have.has(c.code)) continue;
    const parentId = c.parentCode === null ? null : (have.get(c.parentCode) ?? null);
    const id = await repo.insertColumn(
      tx,
      {
        organ_id: organId,
        parent_id: parentId,
        code: c.code,
        name: c.name,
        kind: c.kind,
        update_days: c.updateDays,
        sort_order: c.sortOrder,
        standard: 1,
        description: c.description,
        empty_reason: null,
      },
      at.toISOString(),
    );
    have.set(c.code, id);
    created.push(c.code);
  }
  if (created.length) {
    await recordAudit(tx, deps, ctx.audit, at, {
      action: 'catalogue.seed',
      subjectType: 'organ',
      subjectId: organId,
      organId,
      after: { columns: created },
    });
  }
  return created.length;
}

export function createCatalogueCommands(deps: Deps, organs: OrganService) {
  const { db, clock } = deps;
  return {
    // --- catalogue -----------------------------------------------------------------------

    /** Adds the standard columns the organ does not have yet (by code); returns how many. */
    async ensureStandardColumns(ctx: Ctx, organId: number): Promise<number> {
      authorize(publicationsPolicy, ctx, 'catalogue.manage', { organId });
      if (!(await organs.byId(organId))) throw notFound('机关不存在。');
      const at = clock.now();
      return inTransaction(db, (tx) => seedStandardColumns(tx, deps, ctx, organId, at));
    },

    /** The organ's columns, parents before children. */
    async columns(ctx: Ctx, organId: number): Promise<ColumnRow[]> {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId });
      return treeOrder(await repo.columns(db, organId));
    },

    /** Publishes the reason a column is empty on purpose (null clears it). */
    async setColumnEmptyReason(ctx: Ctx, columnId: number, input: unknown): Promise<ColumnRow> {
      const c = await repo.columnById(db, columnId);
      if (!c) throw notFound('栏目不存在。');
      authorize(publicationsPolicy, ctx, 'catalogue.manage', { organId: c.organ_id });
      const v = parse(ColumnEmptyInput, input);
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        if (!(await repo.setColumnEmptyReason(tx, c.id, v.version, v.emptyReason, at.toISOString()))) {
          throw conflict('该栏目已被他人修改，请刷新后重试。');
        }
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'catalogue.empty_reason',
          subjectType: 'catalogue_column',
          subjectId: c.id,
          organId: c.organ_id,
          before: { empty_reason: c.empty_reason },
          after: { empty_reason: v.emptyReason },
        });
        return { ...c, empty_reason: v.emptyReason, version: v.version + 1 };
      });
    },

    /** Last publication date per column (for the freshness check of `columnFreshness`). */
    async lastPublishedByColumn(ctx: Ctx, organId: number): Promise<Map<number, string>> {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId });
      return repo.lastPublishedByColumn(db, organId);
    },
  };
}

/** Columns in tree order (parents before children, by sort order). */
function treeOrder(rows: ColumnRow[]): ColumnRow[] {
  const byParent = new Map<number | null, ColumnRow[]>();
  for (const r of rows) {
    const k = r.parent_id;
    byParent.set(k, [...(byParent.get(k) ?? []), r]);
  }
  const out: ColumnRow[] = [];
  const visit = (parent: number | null) => {
    for (const c of byParent.get(parent) ?? []) {
      out.push(c);
      visit(c.id);
    }
  };
  visit(null);
  return out;
}
