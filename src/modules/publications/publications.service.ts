// Use cases of the catalogue and the publishing workflow: policy, then the workflow table, then
// one transaction that changes the item, appends its history event and the audit record.
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx, systemCtx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import { attachmentsRepo } from '../attachments/attachments.repository.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { createOrganService, type OrganService } from '../organs/organs.service.js';
import { createCatalogueCommands } from './catalogue.service.js';
import { type PublicationSubject, publicationsPolicy } from './publications.policy.js';
import { createPublicationQueries } from './publications.queries.js';
import { type PublicationRow, publicationsRepo as repo } from './publications.repository.js';
import {
  type LinkKind,
  PublicationInput,
  PublicationUpdate,
  ReasonInput,
  ScheduleInput,
  SubmitInput,
  sanitizeBody,
  VersionInput,
} from './publications.schemas.js';
import { type DocumentCounts, type Table2Documents, table2Documents, table2Records } from './publications.table2.js';
import {
  type Action,
  CHECKLIST_KEYS,
  EDITABLE,
  IN_PROGRESS,
  type State,
  type TransitionFacts,
  transition,
} from './publications.workflow.js';

export type { ColumnRow, EventRow, PublicationRow } from './publications.repository.js';

/** A transition the workflow refuses, with every reason (shown on the confirm page). */
export class TransitionRefused extends AppError {
  constructor(readonly reasons: string[]) {
    super('conflict', reasons.join(' '));
  }
}

export interface PublicationServiceDeps {
  calendar: CalendarService;
  /** Defaults to one built from the same deps. */
  organs?: OrganService;
  /**
   * Called after the commit of every workflow step with the items whose public state may have
   * changed (the search index follows them). Must not throw; a failure is caught up by its owner.
   */
  onCommitted?: (publicationIds: number[]) => Promise<void> | void;
  /** Inside the publishing transaction, after the item is published (the website channel row). */
  onPublished?: (tx: Tx, row: PublicationRow) => Promise<void>;
}

type Patch = Partial<Omit<PublicationRow, 'id' | 'created_at' | 'updated_at' | 'version'>>;

/** What a transition adds beyond the state change. */
interface Step {
  action: Action;
  version: number;
  facts?: Partial<TransitionFacts>;
  patch?: Patch;
  note?: string | null;
  data?: unknown;
  /** Inside the transaction, before the item is updated (e.g. the index number). */
  before?: (tx: Tx) => Promise<Patch>;
  /** Inside the transaction, after the item is updated (e.g. superseding the old edition). */
  after?: (tx: Tx, row: PublicationRow) => Promise<void>;
  at?: Date;
}

const pad5 = (n: number) => String(n).padStart(5, '0');

/** The workflow fields of a new draft (a first edition, or the next edition of a published item). */
function freshDraft(authorId: number | null) {
  return {
    state: 'draft' as const,
    superseded_by_id: null,
    index_no: null,
    checklist: [] as string[],
    checklist_by: null,
    checklist_at: null,
    author_id: authorId,
    approver_id: null,
    approved_at: null,
    submitted_at: null,
    return_reason: null,
    publish_at: null,
    published_at: null,
    published_on: null,
    withdrawn_at: null,
    withdraw_reason: null,
  };
}

export function createPublicationService(deps: Deps, ext: PublicationServiceDeps) {
  const { db, clock } = deps;
  const organs = ext.organs ?? createOrganService(deps);

  async function mustGet(id: number): Promise<PublicationRow> {
    const p = Number.isSafeInteger(id) ? await repo.byId(db, id) : undefined;
    if (!p) throw notFound('信息不存在。');
    return p;
  }

  async function subjectOf(organId: number, unitId: number | null, authorId: number | null): Promise<PublicationSubject> {
    const unit = unitId === null ? undefined : await organs.unitById(unitId);
    return { organId, unitId, unitLiaisonId: unit?.liaison_user_id ?? null, authorId };
  }
  const subject = (p: PublicationRow) => subjectOf(p.organ_id, p.unit_id, p.author_id);

  const can = (ctx: Ctx, action: Parameters<typeof publicationsPolicy.can>[1], s: PublicationSubject) =>
    ctx.actor === 'system' || publicationsPolicy.can(ctx.actor, action, s as never);

  function baseFacts(ctx: Ctx, p: PublicationRow, at: Date): TransitionFacts {
    return {
      actor: ctx.actor === 'system' ? 'system' : { userId: ctx.actor.userId, roles: ctx.actor.roles },
      authorId: p.author_id,
      checklist: p.checklist,
      disclosure: p.disclosure,
      now: at.toISOString(),
    };
  }

  const userId = (ctx: Ctx) => (ctx.actor === 'system' ? null : ctx.actor.userId);

  async function event(
    tx: Tx,
    ctx: Ctx,
    p: { id: number },
    at: Date,
    e: { action: string; from: string | null; to: string; note?: string | null; data?: unknown },
  ) {
    await repo.addEvent(tx, {
      publication_id: p.id,
      at: at.toISOString(),
      actor_user_id: ctx.audit.userId,
      actor_name: ctx.audit.name,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      note: e.note ?? null,
      data: e.data,
    });
  }

  async function audit(tx: Tx, ctx: Ctx, at: Date, p: PublicationRow, action: string, before: unknown, after: unknown) {
    await recordAudit(tx, deps, ctx.audit, at, {
      action: `publication.${action}`,
      subjectType: 'publication',
      subjectId: p.id,
      organId: p.organ_id,
      before,
      after,
    });
  }

  /** Runs one workflow step: the table decides, then one transaction records everything. */
  async function step(ctx: Ctx, p: PublicationRow, s: Step): Promise<PublicationRow> {
    const at = s.at ?? clock.now();
    const r = transition(p.state, s.action, { ...baseFacts(ctx, p, at), ...s.facts });
    if (!r.ok) throw new TransitionRefused(r.reasons);
    if (s.version !== p.version) throw conflict('该信息已被他人修改，请刷新后重试。');
    return inTransaction(db, async (tx, afterCommit) => {
      const extra = s.before ? await s.before(tx) : {};
      const patch: Patch = { ...s.patch, ...extra, state: r.to };
      if (!(await repo.update(tx, p.id, s.version, patch, at.toISOString(), p.state))) {
        throw conflict('该信息已被他人修改，请刷新后重试。');
      }
      const row = (await repo.byId(tx, p.id)) as PublicationRow;
      await event(tx, ctx, p, at, { action: s.action, from: p.state, to: r.to, note: s.note, data: s.data });
      const { body_html: _b, ...shown } = patch;
      await audit(tx, ctx, at, p, s.action, { state: p.state, version: p.version }, shown);
      if (s.after) await s.after(tx, row);
      const notify = ext.onCommitted;
      if (notify) afterCommit(() => notify(p.previous_id === null ? [p.id] : [p.id, p.previous_id]));
      return row;
    });
  }

  /** Metadata shared by create and update, checked against the organ's catalogue. */
  async function checkedValues(v: PublicationInput, organId: number | null, selfId: number | null) {
    const column = await repo.columnById(db, v.columnId);
    if (!column || (organId !== null && column.organ_id !== organId))
      throw invalid('请检查标出的项目。', { columnId: '栏目不存在。' });
    const siblings = await repo.columns(db, column.organ_id);
    if (siblings.some((c) => c.parent_id === column.id))
      throw invalid('请检查标出的项目。', { columnId: '请选择具体的子栏目。' });
    if (v.unitId !== null) {
      const unit = await organs.unitById(v.unitId);
      if (!unit || unit.organ_id !== column.organ_id) throw invalid('请检查标出的项目。', { unitId: '处室不存在。' });
    }
    if (v.createdOn > chinaDate(clock.now())) throw invalid('请检查标出的项目。', { createdOn: '成文日期不能晚于今天。' });
    const links: Array<{ kind: LinkKind; targetId: number }> = [
      ...(v.interprets ? [{ kind: 'interprets' as const, targetId: v.interprets }] : []),
      ...(v.corrects ? [{ kind: 'corrects' as const, targetId: v.corrects }] : []),
      ...v.replaces.map((targetId) => ({ kind: 'replaces' as const, targetId })),
      ...v.repeals.map((targetId) => ({ kind: 'repeals' as const, targetId })),
    ];
    const ids = [...new Set(links.map((l) => l.targetId))];
    const found = new Set((await repo.byIds(db, ids)).map((t) => t.id));
    for (const l of links) {
      if (l.targetId === selfId || !found.has(l.targetId)) {
        throw invalid('请检查标出的项目。', { [l.kind]: `关联的信息（编号 ${l.targetId}）不存在。` });
      }
    }
    const organ = await organs.byId(column.organ_id);
    const values = {
      organ_id: column.organ_id,
      unit_id: v.unitId,
      column_id: column.id,
      title: v.title,
      summary: v.summary,
      issuing_organ: v.issuingOrgan ?? organ?.name ?? '',
      created_on: v.createdOn,
      doc_number: v.docNumber,
      theme: v.theme,
      genre: v.genre,
      keywords: v.keywords,
      disclosure: v.disclosure,
      withheld_reason: v.disclosure === 'proactive' ? null : v.withheldReason,
      validity: v.validity,
      validity_date: v.validity === 'valid' ? null : v.validityDate,
      doc_kind: v.docKind,
      body_html: v.bodyHtml,
    };
    return { values, links };
  }

  /** On publication, the documents this one repeals (废止) or replaces (失效) change validity. */
  async function applyValidityLinks(tx: Tx, ctx: Ctx, row: PublicationRow, at: Date) {
    for (const l of await repo.links(tx, row.id)) {
      if (l.kind !== 'repeals' && l.kind !== 'replaces') continue;
      const t = await repo.byId(tx, l.target_id);
      if (t?.validity !== 'valid') continue;
      const validity = l.kind === 'repeals' ? 'repealed' : 'expired';
      const change = { validity, validity_date: row.published_on } as const;
      if (!(await repo.update(tx, t.id, t.version, change, at.toISOString()))) throw conflict('关联的信息已被他人修改，请重试。');
      await event(tx, ctx, t, at, {
        action: l.kind === 'repeals' ? 'repealed' : 'replaced',
        from: t.state,
        to: t.state,
        data: { by: row.id },
      });
      await audit(tx, ctx, at, t, 'validity', { validity: t.validity }, { ...change, by: row.id });
    }
  }

  async function doPublish(ctx: Ctx, p: PublicationRow, version: number, at: Date, via: 'now' | 'schedule') {
    const organ = await organs.byId(p.organ_id);
    if (!organ) throw notFound('机关不存在。');
    const code = organ.credit_code?.trim() || organ.code;
    const today = chinaDate(at);
    const year = Number(today.slice(0, 4));
    const previous = p.previous_id === null ? undefined : await repo.byId(db, p.previous_id);
    return step(ctx, p, {
      action: 'publish',
      version,
      at,
      data: { via, ...(p.publish_at ? { scheduledFor: p.publish_at } : {}) },
      before: async (tx) => {
        const patch: Patch = { published_at: at.toISOString(), published_on: today };
        if (p.index_no === null) patch.index_no = `${code}/${year}-${pad5(await repo.nextSerial(tx, p.organ_id, year))}`;
        return patch;
      },
      after: async (tx, row) => {
        if (previous) {
          const old = (await repo.byId(tx, previous.id)) as PublicationRow;
          const r = transition(old.state, 'supersede', { ...baseFacts(ctx, old, at), successorPublishing: true });
          if (r.ok) {
            const change = { state: r.to, superseded_by_id: row.id };
            if (!(await repo.update(tx, old.id, old.version, change, at.toISOString(), old.state))) {
              throw conflict('旧版本已被他人修改，请重试。');
            }
            await event(tx, ctx, old, at, { action: 'supersede', from: old.state, to: r.to, data: { by: row.id } });
            await audit(tx, ctx, at, old, 'supersede', { state: old.state }, change);
          }
        }
        await applyValidityLinks(tx, ctx, row, at);
        if (ext.onPublished) await ext.onPublished(tx, row);
      },
    });
  }

  return {
    ...createPublicationQueries(deps, { calendar: ext.calendar, organs }),
    ...createCatalogueCommands(deps, organs),

    // --- authoring -----------------------------------------------------------------------

    async createDraft(ctx: Ctx, input: unknown): Promise<PublicationRow> {
      const v = parse(PublicationInput, input);
      const column = await repo.columnById(db, v.columnId);
      if (!column) throw invalid('请检查标出的项目。', { columnId: '栏目不存在。' });
      const s = await subjectOf(column.organ_id, v.unitId, null);
      authorize(publicationsPolicy, ctx, 'publication.author', s);
      const { values, links } = await checkedValues(v, null, null);
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        const row = { ...values, edition: 1, previous_id: null, ...freshDraft(userId(ctx)) };
        const id = await repo.insert(tx, row, at.toISOString());
        await repo.setLinks(tx, id, links);
        const created = (await repo.byId(tx, id)) as PublicationRow;
        await event(tx, ctx, created, at, { action: 'create', from: null, to: 'draft' });
        const { body_html: _b, ...shown } = values;
        await audit(tx, ctx, at, created, 'create', undefined, { ...shown, links });
        return created;
      });
    },

    /** Edits a draft (or a returned item); `version` is the one the editor started from. */
    async updateDraft(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.author', await subject(p));
      if (!EDITABLE.includes(p.state)) throw new TransitionRefused(['只有草稿或已退回的信息可以修改。']);
      const v = parse(PublicationUpdate, input);
      const { values, links } = await checkedValues(v, p.organ_id, p.id);
      if (v.version !== p.version) throw conflict('该信息已被他人修改，请刷新后重试。');
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        if (!(await repo.update(tx, id, v.version, values, at.toISOString(), p.state))) {
          throw conflict('该信息已被他人修改，请刷新后重试。');
        }
        await repo.setLinks(tx, id, links);
        await event(tx, ctx, p, at, { action: 'edit', from: p.state, to: p.state });
        const { body_html: _b, ...shown } = values;
        await audit(tx, ctx, at, p, 'update', { version: p.version, title: p.title }, { ...shown, links });
        return (await repo.byId(tx, id)) as PublicationRow;
      });
    },

    /**
     * Replaces the body of a draft (从 Word 导入正文): sanitised like any body. `within` runs in the
     * same transaction (the attachments module keeps the original .docx there).
     */
    async replaceBody(
      ctx: Ctx,
      id: number,
      v: { version: number; bodyHtml: string; note: string },
      within?: (tx: Tx, p: PublicationRow) => Promise<void>,
    ): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.author', await subject(p));
      if (!EDITABLE.includes(p.state)) throw new TransitionRefused(['只有草稿或已退回的信息可以修改。']);
      if (v.version !== p.version) throw conflict('该信息已被他人修改，请刷新后重试。');
      const at = clock.now();
      const body_html = sanitizeBody(v.bodyHtml);
      return inTransaction(db, async (tx) => {
        if (!(await repo.update(tx, id, v.version, { body_html }, at.toISOString(), p.state))) {
          throw conflict('该信息已被他人修改，请刷新后重试。');
        }
        if (within) await within(tx, p);
        await event(tx, ctx, p, at, { action: 'edit', from: p.state, to: p.state, note: v.note });
        await audit(tx, ctx, at, p, 'import_body', { version: p.version }, { note: v.note, length: body_html.length });
        return (await repo.byId(tx, id)) as PublicationRow;
      });
    },

    // --- workflow --------------------------------------------------------------------------

    /** Submits for approval; the author confirms every item of the confidentiality checklist. */
    async submit(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.author', await subject(p));
      const v = parse(SubmitInput, input);
      const checklist = CHECKLIST_KEYS.filter((k) => v.checklist.includes(k));
      const at = clock.now();
      return step(ctx, p, {
        action: 'submit',
        version: v.version,
        at,
        facts: { checklist },
        patch: {
          checklist,
          checklist_by: userId(ctx),
          checklist_at: at.toISOString(),
          submitted_at: at.toISOString(),
          return_reason: null,
        },
        data: { checklist },
      });
    },

    async returnToAuthor(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.return', await subject(p));
      const v = parse(ReasonInput, input);
      return step(ctx, p, {
        action: 'return',
        version: v.version,
        facts: { reason: v.reason },
        patch: { return_reason: v.reason, approver_id: null, approved_at: null, publish_at: null },
        note: v.reason,
      });
    },

    async approve(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.approve', await subject(p));
      const v = parse(VersionInput, input);
      return step(ctx, p, {
        action: 'approve',
        version: v.version,
        patch: { approver_id: userId(ctx), approved_at: clock.now().toISOString() },
      });
    },

    /** Sets (or moves) the time an approved item is published by `publishDue`. */
    async schedule(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.publish', await subject(p));
      const v = parse(ScheduleInput, input);
      return step(ctx, p, {
        action: 'schedule',
        version: v.version,
        facts: { publishAt: v.publishAt },
        patch: { publish_at: v.publishAt },
        data: { publishAt: v.publishAt },
      });
    },

    /** Publishes an approved or scheduled item now; the index number is given at first publication. */
    async publish(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.publish', await subject(p));
      const v = parse(VersionInput, input);
      return doPublish(ctx, p, v.version, clock.now(), 'now');
    },

    /**
     * The scheduler's tick: publishes every scheduled item whose time has come, oldest first,
     * so that a server that was down catches up. An item that fails is reported and left scheduled.
     */
    async publishDue(
      now: Date = clock.now(),
    ): Promise<{ published: Array<{ id: number; indexNo: string }>; failed: Array<{ id: number; reason: string }> }> {
      const ctx = systemCtx('scheduler');
      const published: Array<{ id: number; indexNo: string }> = [];
      const failed: Array<{ id: number; reason: string }> = [];
      for (const p of await repo.due(db, now.toISOString())) {
        try {
          const row = await doPublish(ctx, p, p.version, now, 'schedule');
          published.push({ id: row.id, indexNo: row.index_no as string });
        } catch (err) {
          failed.push({ id: p.id, reason: err instanceof Error ? err.message : String(err) });
        }
      }
      return { published, failed };
    },

    async withdraw(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.withdraw', await subject(p));
      const v = parse(ReasonInput, input);
      return step(ctx, p, {
        action: 'withdraw',
        version: v.version,
        facts: { reason: v.reason },
        patch: { withdrawn_at: clock.now().toISOString(), withdraw_reason: v.reason },
        note: v.reason,
      });
    },

    /** Starts a new edition of a published item: a draft copy linked to it. The old one stays
     * published until the new one is, then it is superseded and points forward. */
    async revise(ctx: Ctx, id: number, input: unknown): Promise<PublicationRow> {
      const p = await mustGet(id);
      authorize(publicationsPolicy, ctx, 'publication.author', await subjectOf(p.organ_id, p.unit_id, null));
      const v = parse(VersionInput, input);
      const open = await repo.openRevisions(db, p.id, IN_PROGRESS);
      let newId = 0;
      await step(ctx, p, {
        action: 'revise',
        version: v.version,
        facts: { hasOpenRevision: open.length > 0 },
        after: async (tx) => {
          const at = clock.now();
          const { id: _i, created_at: _c, updated_at: _u, version: _v, ...copy } = p;
          newId = await repo.insert(
            tx,
            { ...copy, edition: p.edition + 1, previous_id: p.id, ...freshDraft(userId(ctx)) },
            at.toISOString(),
          );
          // the attachments come along: new rows naming the same stored files
          await attachmentsRepo.copyAll(tx, p.id, newId, at.toISOString(), userId(ctx));
          const links = await repo.links(tx, p.id);
          await repo.setLinks(
            tx,
            newId,
            links.map((l) => ({ kind: l.kind, targetId: l.target_id })),
          );
          const created = (await repo.byId(tx, newId)) as PublicationRow;
          await event(tx, ctx, created, at, { action: 'create', from: null, to: 'draft', data: { revises: p.id } });
          await audit(tx, ctx, at, created, 'create', undefined, { revises: p.id, edition: created.edition });
        },
        data: { revision: 'new edition' },
      });
      return (await repo.byId(db, newId)) as PublicationRow;
    },

    /** Table 2 rows 规章 and 行政规范性文件 of the annual report for `year`, from the records. */
    async table2Documents(ctx: Ctx, organId: number, year: number): Promise<Table2Documents> {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId });
      return table2Documents(db, organId, year);
    },

    /** The documents behind one cell of those rows (the report's drill-down). */
    async table2Records(ctx: Ctx, organId: number, year: number, row: keyof Table2Documents, column: keyof DocumentCounts) {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId });
      return table2Records(db, organId, year, row, column);
    },

    /** Items first published in `year`, per column id, with the normative documents and
     * interpretations among them (the annual report's proactive-disclosure figures). */
    async yearCounts(ctx: Ctx, organId: number, year: number) {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId });
      return repo.yearCounts(db, organId, year);
    },

    /** Reasons an action cannot be taken now (empty when it can), for the confirm page. */
    async preflight(ctx: Ctx, id: number, action: Action, facts: Partial<TransitionFacts> = {}): Promise<string[]> {
      const p = await mustGet(id);
      const s = await subject(p);
      authorize(publicationsPolicy, ctx, 'publication.read', s);
      const extra: Partial<TransitionFacts> =
        action === 'revise' ? { hasOpenRevision: (await repo.openRevisions(db, p.id, IN_PROGRESS)).length > 0 } : {};
      const r = transition(p.state, action, { ...baseFacts(ctx, p, clock.now()), ...extra, ...facts });
      const reasons = r.ok ? [] : [...r.reasons];
      const rule = POLICY_OF[action];
      const ruleSubject = action === 'revise' ? { ...s, authorId: null } : s;
      if (reasons.length === 0 && rule && !can(ctx, rule, ruleSubject)) reasons.push('您没有执行此操作的权限。');
      return reasons;
    },
  };
}

/** The policy rule that guards each workflow action. */
const POLICY_OF: Record<Action, Parameters<typeof publicationsPolicy.can>[1] | null> = {
  submit: 'publication.author',
  return: 'publication.return',
  approve: 'publication.approve',
  schedule: 'publication.publish',
  publish: 'publication.publish',
  withdraw: 'publication.withdraw',
  revise: 'publication.author',
  supersede: null,
};

export type PublicationService = ReturnType<typeof createPublicationService>;
export type { State };
