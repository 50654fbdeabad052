// The appeals register (seed 六): reconsideration and litigation cases about the organ's
// disclosure work, linked to requests, feeding table 4 of the annual report; and the share of
// disclosure cases among all the organ's reconsideration cases once their total is entered.
// Each change: policy, validation, one transaction with the audit record, optimistic version.
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, invalid, notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import type { Kind, Result } from './appeals.codes.js';
import { appealsPolicy } from './appeals.policy.js';
import { type AppealPatch, type AppealRow, appealsRepo as repo } from './appeals.repository.js';
import { AppealInput, VersionField, YearTotalInput } from './appeals.schemas.js';
import { countTable4, disclosureShare, type Table4 } from './appeals.table4.js';

export type { AppealRow, Table4 };

const STALE = '该案件已被他人修改，请核对最新内容后重新提交。';
const CHECK = '请检查标出的项目。';

export interface AppealView {
  row: AppealRow;
  requestReference: string | null;
}

export interface Share {
  year: number;
  /** Reconsideration cases about disclosure filed in the year (table 4). */
  cases: number;
  /** All the organ's reconsideration cases of the year, as entered (null: not entered). */
  total: number | null;
  /** Percent, one decimal (null until the total is entered). */
  percent: number | null;
}

/** A row of an appeals import, already checked (modules/imports). */
export interface AppealImportRow {
  reference: string;
  kind: Kind;
  filedOn: string;
  result: Result | null;
  decidedOn: string | null;
  requestId: number | null;
}

const same = (a: AppealRow, p: Required<Pick<AppealPatch, 'kind' | 'filed_on' | 'result' | 'decided_on' | 'request_id'>>) =>
  a.kind === p.kind &&
  a.filed_on === p.filed_on &&
  a.result === p.result &&
  a.decided_on === p.decided_on &&
  a.request_id === p.request_id;

export function createAppealService(deps: Deps) {
  const { db, clock } = deps;

  async function mustGet(id: number): Promise<AppealRow> {
    const r = Number.isSafeInteger(id) ? await repo.byId(db, id) : undefined;
    if (!r) throw notFound('案件不存在。');
    return r;
  }

  async function requestIdOf(organId: number, reference: string | null): Promise<number | null> {
    if (reference === null) return null;
    const id = (await repo.requestsByReference(db, organId, [reference])).get(reference);
    if (id === undefined) throw invalid(CHECK, { requestReference: `本机关没有编号为“${reference}”的政府信息公开申请。` });
    return id;
  }

  const values = (v: AppealInput, requestId: number | null) => ({
    reference: v.reference,
    kind: v.kind as Kind,
    filed_on: v.filedOn,
    body: v.body,
    result: v.result as Result | null,
    decided_on: v.decidedOn,
    request_id: requestId,
    joint_defendant: v.jointDefendant ? 1 : 0,
    note: v.note,
  });

  async function audit(tx: Tx, ctx: Ctx, r: { id: number; organ_id: number }, action: string, before: unknown, after: unknown) {
    await recordAudit(tx, deps, ctx.audit, clock.now(), {
      action: `appeal.${action}`,
      subjectType: 'appeal',
      subjectId: r.id,
      organId: r.organ_id,
      before,
      after,
    });
  }

  const duplicate = () => invalid(CHECK, { reference: '本机关已登记过该案号的案件。' });

  async function table4(organId: number, year: number): Promise<Table4> {
    return countTable4(await repo.filedIn(db, organId, year), year);
  }

  return {
    can: (ctx: Ctx, action: 'appeal.read' | 'appeal.write', organId: number) =>
      ctx.actor === 'system' || appealsPolicy.can(ctx.actor, action, { organId }),

    async list(
      ctx: Ctx,
      organId: number,
      f: { year?: number | undefined; kind?: string | undefined } = {},
    ): Promise<AppealView[]> {
      authorize(appealsPolicy, ctx, 'appeal.read', { organId });
      const rows = await repo.list(db, organId, f);
      const refs = await repo.requestReferences(db, [
        ...new Set(rows.flatMap((r) => (r.request_id === null ? [] : [r.request_id]))),
      ]);
      return rows.map((row) => ({ row, requestReference: row.request_id === null ? null : (refs.get(row.request_id) ?? null) }));
    },

    async years(ctx: Ctx, organId: number): Promise<number[]> {
      authorize(appealsPolicy, ctx, 'appeal.read', { organId });
      return repo.yearsOf(db, organId);
    },

    async get(ctx: Ctx, id: number): Promise<AppealView> {
      const row = await mustGet(id);
      authorize(appealsPolicy, ctx, 'appeal.read', { organId: row.organ_id });
      const refs = await repo.requestReferences(db, row.request_id === null ? [] : [row.request_id]);
      return { row, requestReference: row.request_id === null ? null : (refs.get(row.request_id) ?? null) };
    },

    async create(ctx: Ctx, organId: number, input: unknown): Promise<AppealRow> {
      authorize(appealsPolicy, ctx, 'appeal.write', { organId });
      const v = parse(AppealInput, input);
      const requestId = await requestIdOf(organId, v.requestReference);
      const at = clock.now().toISOString();
      return inTransaction(db, async (tx) => {
        if ((await repo.byReferences(tx, organId, [v.reference])).length) throw duplicate();
        const row = { organ_id: organId, ...values(v, requestId) };
        const id = await repo.insert(tx, row, at);
        await audit(tx, ctx, { id, organ_id: organId }, 'create', undefined, row);
        return (await repo.byId(tx, id)) as AppealRow;
      });
    },

    async update(ctx: Ctx, id: number, input: unknown): Promise<AppealRow> {
      const before = await mustGet(id);
      authorize(appealsPolicy, ctx, 'appeal.write', { organId: before.organ_id });
      const version = parse(VersionField, (input as Record<string, unknown> | null)?.version);
      const v = parse(AppealInput, input);
      const requestId = await requestIdOf(before.organ_id, v.requestReference);
      if (version !== before.version) throw conflict(STALE);
      const at = clock.now().toISOString();
      return inTransaction(db, async (tx) => {
        const clash = await repo.byReferences(tx, before.organ_id, [v.reference]);
        if (clash.some((c) => c.id !== id)) throw duplicate();
        const patch = values(v, requestId);
        if (!(await repo.update(tx, id, version, patch, at))) throw conflict(STALE);
        await audit(tx, ctx, before, 'update', before, patch);
        return (await repo.byId(tx, id)) as AppealRow;
      });
    },

    /** Table 4 of year Y for one organ (report-format.md shape): public figures, no actor needed. */
    table4,

    /** The share of disclosure cases among all the organ's reconsideration cases of the year. */
    async share(organId: number, year: number): Promise<Share> {
      const [t, total] = await Promise.all([table4(organId, year), repo.yearTotal(db, organId, year)]);
      const cases = t.reconsideration.total;
      return { year, cases, total, percent: total === null ? null : disclosureShare(cases, total) };
    },

    /** Enters the organ's total number of reconsideration cases of a year (all subjects). */
    async setYearTotal(ctx: Ctx, organId: number, input: unknown): Promise<void> {
      authorize(appealsPolicy, ctx, 'appeal.write', { organId });
      const v = parse(YearTotalInput, input);
      const cases = (await table4(organId, v.year)).reconsideration.total;
      if (v.total < cases)
        throw invalid(CHECK, {
          total: `${v.year} 年已登记 ${cases} 件政府信息公开行政复议案件，全部行政复议案件数不能少于此数。`,
        });
      const before = await repo.yearTotal(db, organId, v.year);
      const at = clock.now();
      await inTransaction(db, async (tx) => {
        await repo.setYearTotal(tx, organId, v.year, v.total, ctx.audit.userId, at.toISOString());
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'appeal.year_total',
          subjectType: 'appeal_year_total',
          subjectId: `${organId}:${v.year}`,
          organId,
          before: before === null ? null : { total: before },
          after: { year: v.year, total: v.total },
        });
      });
    },

    /** For imports: the organ's request ids by reference. */
    requestIds: (tx: Tx, organId: number, refs: readonly string[]) => repo.requestsByReference(tx, organId, refs),

    /**
     * For imports, inside the import's transaction: creates or updates the cases by reference
     * (idempotent; a case whose fields are unchanged is left alone). Audited once by the import.
     */
    async applyImport(
      tx: Tx,
      organId: number,
      rows: readonly AppealImportRow[],
      progress?: (done: number) => void,
    ): Promise<{ created: number; updated: number; unchanged: number }> {
      const at = clock.now().toISOString();
      const existing = new Map(
        (
          await repo.byReferences(
            tx,
            organId,
            rows.map((r) => r.reference),
          )
        ).map((r) => [r.reference, r]),
      );
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      let done = 0;
      for (const r of rows) {
        const patch = { kind: r.kind, filed_on: r.filedOn, result: r.result, decided_on: r.decidedOn, request_id: r.requestId };
        const old = existing.get(r.reference);
        if (!old) {
          await repo.insert(
            tx,
            { organ_id: organId, reference: r.reference, body: null, joint_defendant: 0, note: null, ...patch },
            at,
          );
          created++;
        } else if (same(old, patch)) unchanged++;
        else {
          if (!(await repo.update(tx, old.id, old.version, patch, at))) throw conflict(STALE);
          updated++;
        }
        if (++done % 200 === 0) progress?.(done);
      }
      progress?.(done);
      return { created, updated, unchanged };
    },
  };
}

export type AppealService = ReturnType<typeof createAppealService>;
