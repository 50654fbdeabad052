// The annual report's drafting, approval and publication (use cases). The figures are never
// stored while the report is a draft (they are read from the records each time); only the edited
// text is, with its placeholders. Submitting freezes the report as it will be published (the
// snapshot) and puts it, with its .docx and PDF, into the 政府信息公开年报 column as a catalogue
// item submitted for approval; approving approves and publishes that item (reports.workflow.ts).
import { Readable } from 'node:stream';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, invalid } from '../../platform/http/errors.js';
import { definePolicy, hasRole, inSubtree, ownOrgan } from '../../platform/policy.js';
import { CHECKLIST_KEYS } from '../publications/publications.workflow.js';
import type { AnnualReportTable } from './reports.tables.js';
import type { AnnualReport, ReportSection } from './reports.types.js';
import { type ReportAction, type ReportState, ReportTransitionRefused, reportPreflight } from './reports.workflow.js';

/** What publishing needs from the rest of the report module (built in the composition root). */
export interface ReportBuilder {
  /** The report of the organ for the year, its sections resolved from `sections` (or the draft). */
  build(ctx: Ctx, organId: number, year: number, sections: ReportSection[] | null): Promise<AnnualReport>;
  /** The drafted sections (with placeholders) for a report. */
  draft(report: AnnualReport): ReportSection[];
  /** Chinese messages for unknown placeholders, by section key. */
  validate(sections: ReportSection[], report: AnnualReport): Record<string, string>;
  /** The body HTML of the catalogue item and of the staff page (tables and text); `cellHref`
   * turns each figure of tables 2–4 into a link to the records behind it. */
  bodyHtml(
    report: AnnualReport,
    opts?: {
      cellHref?: (ref: string) => string | undefined;
      /** Under the page's own h1 (the report's title): the title is left out. */
      embedded?: boolean;
      /** false: no charts (a published body keeps no SVG: the catalogue's allow-list would leave their text). */
      charts?: boolean;
    },
  ): string;
  /** The report as one standalone, printable HTML document. */
  documentHtml(report: AnnualReport): string;
  docx(report: AnnualReport): Promise<Buffer>;
  pdf(report: AnnualReport): Promise<Buffer>;
}

interface PublicationsPort {
  columns(ctx: Ctx, organId: number): Promise<Array<{ id: number; code: string }>>;
  createDraft(ctx: Ctx, input: unknown): Promise<{ id: number; version: number; state: string }>;
  updateDraft(ctx: Ctx, id: number, input: unknown): Promise<{ id: number; version: number; state: string }>;
  get(ctx: Ctx, id: number): Promise<{ publication: { id: number; version: number; state: string } }>;
  submit(ctx: Ctx, id: number, input: unknown): Promise<{ id: number; version: number; state: string }>;
  returnToAuthor(ctx: Ctx, id: number, input: unknown): Promise<{ id: number; version: number }>;
  approve(ctx: Ctx, id: number, input: unknown): Promise<{ id: number; version: number }>;
  publish(ctx: Ctx, id: number, input: unknown): Promise<{ id: number; version: number; published_at?: string | null }>;
  list?(
    ctx: Ctx,
    f: { organId: number; columnId?: number; state?: 'published'; pageSize?: number },
  ): Promise<{ items: Array<{ publication: { id: number; title: string } }> }>;
}
interface AttachmentsPort {
  list(ctx: Ctx, publicationId: number): Promise<Array<{ id: number }>>;
  upload(ctx: Ctx, publicationId: number, file: { filename: string; stream: Readable }): Promise<unknown>;
  remove(ctx: Ctx, attachmentId: number): Promise<void>;
}
interface OrgansPort {
  byId(id: number): Promise<{ id: number; name: string; kind: string } | undefined>;
}

export type AnnualReportRow = Omit<AnnualReportTable, 'id'> & { id: number };
type Patch = Partial<Omit<AnnualReportRow, 'id'>>;

const ANNUAL_REPORT_COLUMN = 'annual-report';
const READERS = ['office_head', 'office_staff', 'leader', 'supervisor', 'liaison'];

/** Who may read, draft and approve an organ's report (supervisors read the organs below). */
export const reportPublishingPolicy = definePolicy({
  'report.read': (a, s: { organId: number }) =>
    (ownOrgan(a, s.organId) && hasRole(a, ...READERS)) || (hasRole(a, 'supervisor') && inSubtree(a, s.organId)),
  'report.draft': (a, s: { organId: number }) => ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'office_staff'),
  'report.review': (a, s: { organId: number }) => ownOrgan(a, s.organId) && hasRole(a, 'office_head', 'leader'),
});

const Year = z.coerce
  .number({ invalid_type_error: '年度格式不正确。' })
  .int()
  .min(2000, '年度格式不正确。')
  .max(2200, '年度格式不正确。');
const Version = z.coerce.number({ invalid_type_error: '格式不正确。' }).int().min(0);
const SectionsInput = z.object({
  version: Version,
  sections: z
    .array(z.object({ key: z.string().min(1).max(40), text: z.string().max(50_000, '文字过长（每节不超过五万字）。') }))
    .max(20),
});
const SubmitInput = z.object({ version: Version, checklist: z.array(z.string()).default([]) });
const ReturnInput = z.object({ version: Version, reason: z.string().trim().max(1000, '退回理由过长。') });
const ApproveInput = z.object({ version: Version });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[i.path.join('.') || 'form'] ??= i.message;
  throw invalid('请检查标出的项目。', fields);
}

const ID_COLUMNS = ['id', 'organ_id', 'publication_id', 'created_by', 'submitted_by', 'approved_by'] as const;
/** Ids as numbers (PostgreSQL returns bigint columns as strings). */
function normal(r: AnnualReportRow): AnnualReportRow {
  const out = { ...r, year: Number(r.year), version: Number(r.version) } as AnnualReportRow & Record<string, unknown>;
  for (const k of ID_COLUMNS) if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  return out;
}

export function createReportPublishing(
  deps: Deps,
  ext: { builder: ReportBuilder; publications: PublicationsPort; attachments: AttachmentsPort; organs: OrgansPort },
) {
  const { db, clock } = deps;
  const { builder, publications, attachments } = ext;

  const rowOf = async (organId: number, year: number): Promise<AnnualReportRow | undefined> => {
    const r = await db
      .selectFrom('annual_reports')
      .selectAll()
      .where('organ_id', '=', organId)
      .where('year', '=', year)
      .executeTakeFirst();
    return r ? normal(r as AnnualReportRow) : undefined;
  };

  async function audit(tx: Tx, ctx: Ctx, row: { id: number; organ_id: number }, action: string, before: unknown, after: unknown) {
    await recordAudit(tx, deps, ctx.audit, clock.now(), {
      action: `report.${action}`,
      subjectType: 'annual_report',
      subjectId: row.id,
      organId: row.organ_id,
      before,
      after,
    });
  }

  const sectionsOf = (row: AnnualReportRow | undefined): ReportSection[] | null =>
    row?.sections ? (JSON.parse(row.sections) as ReportSection[]) : null;

  function actorFacts(ctx: Ctx) {
    return ctx.actor === 'system' ? ('system' as const) : { userId: ctx.actor.userId, roles: ctx.actor.roles };
  }

  function refuseUnless(
    state: ReportState,
    action: ReportAction,
    ctx: Ctx,
    row: AnnualReportRow | undefined,
    report?: AnnualReport,
    reason?: string,
  ) {
    const reasons = reportPreflight(state, action, {
      actor: actorFacts(ctx),
      submittedBy: row?.submitted_by ?? null,
      checks: report?.checks ?? [],
      ...(reason === undefined ? {} : { reason }),
    });
    if (reasons.length) throw new ReportTransitionRefused(reasons);
  }

  /** Writes the row's new state with an optimistic version check, and audits it. */
  async function step(
    ctx: Ctx,
    organId: number,
    year: number,
    row: AnnualReportRow | undefined,
    version: number,
    patch: Patch,
    action: string,
    after: unknown,
  ): Promise<AnnualReportRow> {
    const at = clock.now().toISOString();
    return inTransaction(db, async (tx) => {
      let id: number;
      if (!row) {
        if (version !== 0) throw conflict('该年报已被他人修改，请刷新后重试。');
        const inserted = await tx
          .insertInto('annual_reports')
          .values({
            organ_id: organId,
            year,
            format: String(patch.format ?? ''),
            state: 'draft',
            sections: null,
            snapshot: null,
            publication_id: null,
            created_by: ctx.audit.userId,
            submitted_by: null,
            approved_by: null,
            approved_at: null,
            published_at: null,
            created_at: at,
            updated_at: at,
            version: 1,
            ...patch,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = Number(inserted.id);
      } else {
        const r = await tx
          .updateTable('annual_reports')
          .set({ ...patch, updated_at: at, version: row.version + 1 })
          .where('id', '=', row.id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw conflict('该年报已被他人修改，请刷新后重试。');
        id = row.id;
      }
      await audit(
        tx,
        ctx,
        { id, organ_id: organId },
        action,
        row ? { state: row.state, version: row.version } : undefined,
        after,
      );
      return normal(
        (await tx.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as AnnualReportRow,
      );
    });
  }

  async function columnId(ctx: Ctx, organId: number): Promise<number> {
    const c = (await publications.columns(ctx, organId)).find((x) => x.code === ANNUAL_REPORT_COLUMN);
    if (!c) throw conflict('本机关的目录中没有“政府信息公开年报”栏目，请先在目录中设置。');
    return c.id;
  }

  /** The catalogue item's metadata for the report. */
  function itemInput(report: AnnualReport, column: number, today: string) {
    return {
      columnId: column,
      title: `${report.organ.name}${report.year}年政府信息公开工作年度报告`,
      summary: `${report.organ.name}依据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制的${report.year}年度政府信息公开工作年度报告。`,
      createdOn: today,
      theme: '政务公开',
      genre: 'report',
      keywords: ['政府信息公开', '年度报告'],
      disclosure: 'proactive',
      validity: 'valid',
      docKind: 'other',
      bodyHtml: builder.bodyHtml(report, { embedded: true, charts: false }),
    };
  }

  return {
    can: (ctx: Ctx, action: 'report.read' | 'report.draft' | 'report.review', organId: number) =>
      ctx.actor === 'system' || reportPublishingPolicy.can(ctx.actor, action, { organId }),

    /** The organ's report for the year as it stands: the row (if any), the report with its text. */
    async view(
      ctx: Ctx,
      organId: number,
      year: number,
    ): Promise<{ row: AnnualReportRow | undefined; report: AnnualReport; sections: ReportSection[] }> {
      authorize(reportPublishingPolicy, ctx, 'report.read', { organId });
      const y = parse(Year, year);
      const row = await rowOf(organId, y);
      if (row?.state === 'published' || row?.state === 'submitted') {
        const report = JSON.parse(row.snapshot as string) as AnnualReport;
        return { row, report, sections: sectionsOf(row) ?? report.sections ?? [] };
      }
      const edited = sectionsOf(row);
      const base = await builder.build(ctx, organId, y, edited);
      return { row, report: base, sections: edited ?? builder.draft(base) };
    },

    /** Reports of past years found in the 政府信息公开年报 column that this system did not make (an
     * organ's reports from before it used the system): year → the catalogue item. */
    async publishedElsewhere(ctx: Ctx, organId: number): Promise<Map<number, { id: number; title: string }>> {
      authorize(reportPublishingPolicy, ctx, 'report.read', { organId });
      const inner: Ctx = { actor: 'system', audit: ctx.audit };
      const column = (await publications.columns(inner, organId)).find((c) => c.code === ANNUAL_REPORT_COLUMN);
      const out = new Map<number, { id: number; title: string }>();
      if (!column || !publications.list) return out;
      const ours = new Set(
        (await db.selectFrom('annual_reports').select('publication_id').where('organ_id', '=', organId).execute()).map((r) =>
          Number(r.publication_id),
        ),
      );
      const { items } = await publications.list(inner, { organId, columnId: column.id, state: 'published', pageSize: 200 });
      for (const { publication: p } of items) {
        const m = /((?:19|20)\d{2})年.*年度报告/.exec(p.title);
        if (m && !ours.has(Number(p.id)) && !out.has(Number(m[1]))) out.set(Number(m[1]), { id: Number(p.id), title: p.title });
      }
      return out;
    },

    /** Reports of an organ, newest year first. */
    async list(ctx: Ctx, organId: number): Promise<AnnualReportRow[]> {
      authorize(reportPublishingPolicy, ctx, 'report.read', { organId });
      const rows = await db
        .selectFrom('annual_reports')
        .selectAll()
        .where('organ_id', '=', organId)
        .orderBy('year', 'desc')
        .execute();
      return rows.map((r) => normal(r as AnnualReportRow));
    },

    /** Saves the edited text (placeholders kept); unknown placeholders are refused by section. */
    async saveSections(ctx: Ctx, organId: number, year: number, input: unknown): Promise<AnnualReportRow> {
      authorize(reportPublishingPolicy, ctx, 'report.draft', { organId });
      const y = parse(Year, year);
      const v = parse(SectionsInput, input);
      const row = await rowOf(organId, y);
      refuseUnless(row?.state ?? 'draft', 'edit', ctx, row);
      const report = await builder.build(ctx, organId, y, null);
      const known = new Map(builder.draft(report).map((s) => [s.key, s.heading]));
      const sections: ReportSection[] = v.sections
        .filter((s) => known.has(s.key))
        .map((s) => ({ key: s.key, heading: known.get(s.key) as string, text: s.text.replace(/\r\n/g, '\n') }));
      const errors = builder.validate(sections, report);
      if (Object.keys(errors).length) throw invalid('文字中有无法识别的数据项，请检查标出的部分。', errors);
      return step(ctx, organId, y, row, v.version, { format: report.format, sections: JSON.stringify(sections) }, 'edit', {
        sections: sections.map((s) => s.key),
      });
    },

    /** Freezes the report and submits it, as a catalogue item with its .docx and PDF, for approval. */
    async submit(ctx: Ctx, organId: number, year: number, input: unknown): Promise<AnnualReportRow> {
      authorize(reportPublishingPolicy, ctx, 'report.draft', { organId });
      const y = parse(Year, year);
      const v = parse(SubmitInput, input);
      let row = await rowOf(organId, y);
      if ((row?.version ?? 0) !== v.version) throw conflict('该年报已被他人修改，请刷新后重试。');
      const report = await builder.build(ctx, organId, y, sectionsOf(row));
      refuseUnless(row?.state ?? 'draft', 'submit', ctx, row, report);
      const missing = CHECKLIST_KEYS.filter((k) => !(v.checklist ?? []).includes(k));
      if (missing.length) throw invalid('请逐项确认保密审查。', { checklist: '请逐项确认保密审查。' });
      if (!row) row = await step(ctx, organId, y, undefined, 0, { format: report.format }, 'create', {});
      const today = chinaDate(clock.now());
      const input0 = itemInput(report, await columnId(ctx, organId), today);
      // the catalogue item: created once, updated when the report comes back after a return
      let item = row.publication_id ? (await publications.get(ctx, row.publication_id)).publication : undefined;
      if (item && item.state !== 'draft' && item.state !== 'returned') item = undefined;
      if (item) item = await publications.updateDraft(ctx, item.id, { ...input0, version: item.version });
      else item = await publications.createDraft(ctx, input0);
      row = await step(ctx, organId, y, row, row.version, { publication_id: item.id }, 'item', { publicationId: item.id });
      for (const a of await attachments.list(ctx, item.id)) await attachments.remove(ctx, a.id);
      const base = `${report.organ.name}${report.year}年政府信息公开工作年度报告`;
      await attachments.upload(ctx, item.id, { filename: `${base}.docx`, stream: Readable.from(await builder.docx(report)) });
      await attachments.upload(ctx, item.id, { filename: `${base}.pdf`, stream: Readable.from(await builder.pdf(report)) });
      const fresh = (await publications.get(ctx, item.id)).publication;
      await publications.submit(ctx, item.id, { version: fresh.version, checklist: [...CHECKLIST_KEYS] });
      return step(
        ctx,
        organId,
        y,
        row,
        row.version,
        { state: 'submitted', submitted_by: ctx.audit.userId, snapshot: JSON.stringify(report), format: report.format },
        'submit',
        { publicationId: item.id, checks: report.checks.map((c) => [c.code, c.state]) },
      );
    },

    async returnToAuthor(ctx: Ctx, organId: number, year: number, input: unknown): Promise<AnnualReportRow> {
      authorize(reportPublishingPolicy, ctx, 'report.review', { organId });
      const y = parse(Year, year);
      const v = parse(ReturnInput, input);
      const row = await rowOf(organId, y);
      if (!row) throw new ReportTransitionRefused(['该年度的年报尚未提交，没有可退回的内容。']);
      if (row.version !== v.version) throw conflict('该年报已被他人修改，请刷新后重试。');
      refuseUnless(row.state, 'return', ctx, row, undefined, v.reason);
      if (row.publication_id) {
        const item = (await publications.get(ctx, row.publication_id)).publication;
        await publications.returnToAuthor(ctx, item.id, { version: item.version, reason: v.reason });
      }
      return step(ctx, organId, y, row, v.version, { state: 'draft', snapshot: null, submitted_by: null }, 'return', {
        reason: v.reason,
      });
    },

    /** Approves and publishes the report as submitted (its figures frozen in the snapshot). */
    async approve(ctx: Ctx, organId: number, year: number, input: unknown): Promise<AnnualReportRow> {
      authorize(reportPublishingPolicy, ctx, 'report.review', { organId });
      const y = parse(Year, year);
      const v = parse(ApproveInput, input);
      const row = await rowOf(organId, y);
      if (!row) throw new ReportTransitionRefused(['该年度的年报尚未提交，不能审核。']);
      if (row.version !== v.version) throw conflict('该年报已被他人修改，请刷新后重试。');
      refuseUnless(row.state, 'approve', ctx, row);
      const itemId = row.publication_id as number;
      let item = (await publications.get(ctx, itemId)).publication;
      await publications.approve(ctx, itemId, { version: item.version });
      item = (await publications.get(ctx, itemId)).publication;
      const published = await publications.publish(ctx, itemId, { version: item.version });
      const at = clock.now().toISOString();
      return step(
        ctx,
        organId,
        y,
        row,
        v.version,
        { state: 'published', approved_by: ctx.audit.userId, approved_at: at, published_at: published.published_at ?? at },
        'approve',
        { publicationId: itemId },
      );
    },
  };
}
export type ReportPublishing = ReturnType<typeof createReportPublishing>;
