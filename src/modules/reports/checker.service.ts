// The report checker in the back office: runs on uploaded or pasted reports, and a supervisor's
// runs on every subordinate organ's published report (annual_reports.snapshot) with parents
// compared to the sum of their children. Runs are kept in report_checks (result JSON: title, kind,
// format, year, tables, findings); staff confirm or dismiss a finding by its key, with a note
// (report_finding_reviews). Authorization in checker.policy.ts; every run and decision is audited.
import { recordAudit } from '../../platform/audit/audit.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import type { OrganService } from '../organs/organs.service.js';
import { compareWithChildren } from './checker.aggregate.js';
import { ReportReadError } from './checker.parse.js';
import { checkerPolicy } from './checker.policy.js';
import type { Finding } from './checker.rules.js';
import { type CheckResult, checkReportFile } from './checker.run.js';
import { checkTables, type PreviousYear } from './reports.checks.js';
import type { AnnualReport } from './reports.types.js';

export interface StoredResult {
  title: string;
  kind: 'html' | 'docx' | 'generated';
  format: string | null;
  year: number | null;
  tables: CheckResult['tables'];
  findings: Finding[];
  previousName?: string | null;
}

export interface CheckRun {
  id: number;
  organId: number;
  subjectOrganId: number | null;
  subjectName: string | null;
  year: number | null;
  format: string | null;
  sourceKind: string;
  sourceName: string | null;
  createdAt: string;
  result: StoredResult;
}

export interface FindingReview {
  key: string;
  decision: 'confirmed' | 'dismissed';
  note: string | null;
  decidedBy: string | null;
  decidedAt: string;
}

export interface UploadedReport {
  fileName: string;
  bytes: Uint8Array;
}

const userOf = (ctx: Ctx) => (ctx.actor === 'system' ? null : ctx.actor.userId);
const short = (s: string | null | undefined, n: number) => (s ? s.slice(0, n) : null);

export function createReportCheckerService(deps: Deps, ext: { organs: OrganService }) {
  const { db, clock } = deps;

  type Row = {
    id: number;
    organ_id: number;
    subject_organ_id: number | null;
    subject_name: string | null;
    year: number | null;
    format: string | null;
    source_kind: string;
    source_name: string | null;
    created_at: string;
    result: string;
  };
  const toRun = (r: Row): CheckRun => ({
    id: Number(r.id),
    organId: Number(r.organ_id),
    subjectOrganId: r.subject_organ_id === null ? null : Number(r.subject_organ_id),
    subjectName: r.subject_name,
    year: r.year === null ? null : Number(r.year),
    format: r.format,
    sourceKind: r.source_kind,
    sourceName: r.source_name,
    createdAt: r.created_at,
    result: JSON.parse(r.result) as StoredResult,
  });
  const COLUMNS = [
    'id',
    'organ_id',
    'subject_organ_id',
    'subject_name',
    'year',
    'format',
    'source_kind',
    'source_name',
    'created_at',
    'result',
  ] as const;

  async function store(
    ctx: Ctx,
    organId: number,
    v: { subjectOrganId: number | null; subjectName: string | null; sourceName: string | null; result: StoredResult },
  ): Promise<number> {
    const at = clock.now().toISOString();
    return inTransaction(db, async (tx) => {
      const row = await tx
        .insertInto('report_checks')
        .values({
          organ_id: organId,
          subject_organ_id: v.subjectOrganId,
          subject_name: short(v.subjectName, 200),
          year: v.result.year,
          format: v.result.format,
          source_kind: v.result.kind,
          source_name: short(v.sourceName, 255),
          result: JSON.stringify(v.result),
          created_by: userOf(ctx),
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await recordAudit(tx, deps, ctx.audit, clock.now(), {
        action: 'report_check.run',
        subjectType: 'report_check',
        subjectId: id,
        organId,
        after: {
          source: v.sourceName,
          subject: v.subjectName,
          format: v.result.format,
          year: v.result.year,
          failed: v.result.findings.filter((f) => f.state === 'fail').length,
        },
      });
      return id;
    });
  }

  async function runRow(id: number): Promise<CheckRun> {
    const row = await db.selectFrom('report_checks').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('核查记录不存在。');
    return toRun(row as Row);
  }

  /** Last year's carried-over row from the organ's report published in the system, if any. */
  async function publishedPrevious(organId: number, year: number): Promise<PreviousYear | null> {
    const row = await db
      .selectFrom('annual_reports')
      .select('snapshot')
      .where('organ_id', '=', organId)
      .where('year', '=', year - 1)
      .where('state', '=', 'published')
      .executeTakeFirst();
    const snap = row?.snapshot ? (JSON.parse(row.snapshot) as AnnualReport) : null;
    return snap ? { carriedOver: snap.table3.rows.carried_over, source: 'published' } : null;
  }

  return {
    /** Checks an uploaded or pasted report (and this year's carried-in against a previous report when given). */
    async run(
      ctx: Ctx,
      input: { organId: number; report: UploadedReport; previous?: UploadedReport | null; year?: number | null },
    ): Promise<number> {
      authorize(checkerPolicy, ctx, 'report_check.run', { organId: input.organId });
      let r: CheckResult;
      try {
        r = await checkReportFile(input.report.bytes, {
          ...(input.year ? { year: input.year } : {}),
          ...(input.previous ? { previous: input.previous.bytes } : {}),
        });
      } catch (err) {
        if (err instanceof ReportReadError) throw invalid(err.message, { file: err.message });
        throw err;
      }
      return store(ctx, input.organId, {
        subjectOrganId: null,
        subjectName: r.title || null,
        sourceName: input.report.fileName,
        result: {
          title: r.title,
          kind: r.kind,
          format: r.format,
          year: r.year,
          tables: r.tables,
          findings: r.findings,
          previousName: input.previous?.fileName ?? null,
        },
      });
    },

    /** A run with its reviews (latest decision per finding key). */
    async get(ctx: Ctx, id: number): Promise<{ run: CheckRun; reviews: Map<string, FindingReview>; canReview: boolean }> {
      const run = await runRow(id);
      authorize(checkerPolicy, ctx, 'report_check.read', { organId: run.organId });
      const rows = await db
        .selectFrom('report_finding_reviews as r')
        .leftJoin('users as u', 'u.id', 'r.decided_by')
        .select(['r.finding_key', 'r.decision', 'r.note', 'r.decided_at', 'u.display_name'])
        .where('r.check_id', '=', id)
        .execute();
      const reviews = new Map<string, FindingReview>(
        rows.map((r) => [
          r.finding_key,
          { key: r.finding_key, decision: r.decision, note: r.note, decidedBy: r.display_name ?? null, decidedAt: r.decided_at },
        ]),
      );
      const canReview = ctx.actor === 'system' || checkerPolicy.can(ctx.actor, 'report_check.review', { organId: run.organId });
      return { run, reviews, canReview };
    },

    /** The organ's runs, newest first, and those of the organs below for supervisors (with read rights). */
    async list(ctx: Ctx, organId: number, limit = 50): Promise<CheckRun[]> {
      authorize(checkerPolicy, ctx, 'report_check.read', { organId });
      const rows = await db
        .selectFrom('report_checks')
        .select(COLUMNS)
        .where('organ_id', '=', organId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => toRun(r as Row));
    },

    /** Confirms or dismisses one finding of a run, with a note; a later decision replaces it (both audited). */
    async review(ctx: Ctx, id: number, v: { key: string; decision: string; note: string }): Promise<void> {
      const run = await runRow(id);
      authorize(checkerPolicy, ctx, 'report_check.review', { organId: run.organId });
      if (!run.result.findings.some((f) => f.key === v.key))
        throw invalid('该核查结果不存在，请刷新页面后重试。', { key: '该核查结果不存在。' });
      if (v.decision !== 'confirmed' && v.decision !== 'dismissed')
        throw invalid('请选择“确认”或“排除”。', { decision: '请选择。' });
      const note = v.note.trim();
      if (v.decision === 'dismissed' && !note) throw invalid('排除一项核查结果时请写明理由。', { note: '请写明理由。' });
      if (note.length > 1000) throw invalid('说明不能超过 1000 个字。', { note: '不能超过 1000 个字。' });
      const at = clock.now().toISOString();
      await inTransaction(db, async (tx) => {
        const before = await tx
          .selectFrom('report_finding_reviews')
          .select(['id', 'decision', 'note'])
          .where('check_id', '=', id)
          .where('finding_key', '=', v.key)
          .executeTakeFirst();
        const values = {
          decision: v.decision as 'confirmed' | 'dismissed',
          note: note || null,
          decided_by: userOf(ctx),
          decided_at: at,
        };
        if (before) await tx.updateTable('report_finding_reviews').set(values).where('id', '=', before.id).execute();
        else
          await tx
            .insertInto('report_finding_reviews')
            .values({ check_id: id, finding_key: v.key, ...values })
            .execute();
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'report_check.review',
          subjectType: 'report_check',
          subjectId: `${id}:${v.key}`.slice(0, 200),
          organId: run.organId,
          before: before ? { decision: before.decision, note: before.note } : undefined,
          after: { decision: v.decision, note: note || null },
        });
      });
    },

    /**
     * A supervisor's check of every published report of the year in its subtree (its own included):
     * the table checks (carried-in against the organ's published report of the year before) and, for
     * an organ whose children published theirs, its tables against the sum of theirs. One run each.
     */
    async checkSubordinates(ctx: Ctx, input: { organId: number; year: number }): Promise<number[]> {
      authorize(checkerPolicy, ctx, 'report_check.subordinates', { organId: input.organId });
      const subtree = [input.organId, ...(await ext.organs.descendants(input.organId))];
      const rows = await db
        .selectFrom('annual_reports as a')
        .innerJoin('organs as o', 'o.id', 'a.organ_id')
        .select(['a.organ_id', 'a.snapshot', 'o.name', 'o.parent_id'])
        .where('a.state', '=', 'published')
        .where('a.year', '=', input.year)
        .where('a.organ_id', 'in', subtree)
        .orderBy('a.organ_id')
        .execute();
      const reports = rows
        .filter((r) => r.snapshot)
        .map((r) => ({
          organId: Number(r.organ_id),
          parentId: r.parent_id === null ? null : Number(r.parent_id),
          name: r.name,
          report: JSON.parse(r.snapshot as string) as AnnualReport,
        }));
      const ids: number[] = [];
      for (const r of reports) {
        const previous = await publishedPrevious(r.organId, input.year);
        const findings: Finding[] = checkTables(r.report.table3, r.report.table4, { year: input.year, previous }).map((c) => ({
          key: c.code,
          ...c,
          ...(previous || c.code !== 'table3.carried_in'
            ? {}
            : { message: '系统中没有该机关上一年度已发布的年度报告，无法核对上年结转数' }),
        }));
        const children = reports.filter((c) => c.parentId === r.organId);
        if (children.length) findings.push(...compareWithChildren(r, children));
        ids.push(
          await store(ctx, input.organId, {
            subjectOrganId: r.organId,
            subjectName: r.name,
            sourceName: `${r.name}${input.year}年度报告（已发布）`,
            result: {
              title: `${r.name}${input.year}年政府信息公开工作年度报告`,
              kind: 'generated',
              format: r.report.format,
              year: input.year,
              tables: { table2: r.report.table2, table3: r.report.table3, table4: r.report.table4 },
              findings,
            },
          }),
        );
      }
      return ids;
    },
  };
}
export type ReportCheckerService = ReturnType<typeof createReportCheckerService>;
