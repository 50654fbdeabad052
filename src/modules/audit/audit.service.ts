import { type VerifyResult, verifyAuditChain } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { staffPolicy } from '../staff/staff.policy.js';

export interface AuditEntryView {
  id: number;
  at: string;
  actorName: string;
  organId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  ip: string | null;
}

export function createAuditService(deps: Deps) {
  const { db } = deps;
  const service = {
    /** Newest first, for the organs the audit officer covers (their own and those below). */
    async list(
      ctx: Ctx,
      organIds: number[],
      opts: { beforeId?: number; limit?: number; action?: string } = {},
    ): Promise<AuditEntryView[]> {
      for (const organId of organIds) authorize(staffPolicy, ctx, 'audit.read', { organId });
      let q = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(Math.min(opts.limit ?? 50, 200));
      // entries of the organs covered, and system-wide entries (calendar, operator) for top-level officers
      const rootOfficer = ctx.actor === 'system' || ctx.actor.rootOrgan;
      q = q.where((eb) =>
        rootOfficer ? eb.or([eb('organ_id', 'in', organIds), eb('organ_id', 'is', null)]) : eb('organ_id', 'in', organIds),
      );
      if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
      if (opts.action) q = q.where('action', '=', opts.action);
      const rows = await q.execute();
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        actorName: r.actor_name,
        organId: r.organ_id === null ? null : Number(r.organ_id),
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        before: r.before_json,
        after: r.after_json,
        requestId: r.request_id,
        ip: r.ip,
      }));
    },
    /** The distinct actions recorded for the organs the audit officer covers (for the filter). */
    async actions(ctx: Ctx, organIds: number[]): Promise<string[]> {
      for (const organId of organIds) authorize(staffPolicy, ctx, 'audit.read', { organId });
      if (organIds.length === 0) return [];
      const rootOfficer = ctx.actor === 'system' || ctx.actor.rootOrgan;
      const rows = await db
        .selectFrom('audit_log')
        .select('action')
        .distinct()
        .where((eb) =>
          rootOfficer ? eb.or([eb('organ_id', 'in', organIds), eb('organ_id', 'is', null)]) : eb('organ_id', 'in', organIds),
        )
        .orderBy('action')
        .execute();
      return rows.map((r) => r.action);
    },
    /**
     * One screen of the log: `size` entries newest first (older than `beforeId`), the id to continue
     * from when older entries exist, and the actions to filter by.
     */
    async page(
      ctx: Ctx,
      organIds: number[],
      opts: { beforeId?: number; action?: string; size?: number } = {},
    ): Promise<{ entries: AuditEntryView[]; olderBefore: number | null; actions: string[] }> {
      const size = Math.min(opts.size ?? 50, 199);
      const rows = await service.list(ctx, organIds, { beforeId: opts.beforeId, action: opts.action, limit: size + 1 });
      const entries = rows.slice(0, size);
      const last = entries[entries.length - 1];
      return {
        entries,
        olderBefore: rows.length > size && last ? last.id : null,
        actions: await service.actions(ctx, organIds),
      };
    },
    /** Verifies the whole chain: an audit officer's, or the operator's, check. */
    /** `anchorRows`: also report the hash of that row, to compare with an anchor kept elsewhere. */
    async verify(ctx: Ctx, anchorRows?: number): Promise<VerifyResult> {
      if (ctx.actor !== 'system') authorize(staffPolicy, ctx, 'audit.read', { organId: ctx.actor.organId });
      return verifyAuditChain(db, deps.config, anchorRows);
    },
  };
  return service;
}

export type AuditService = ReturnType<typeof createAuditService>;
