// Reading publications: the staff lists, an item with its history and what the reader may do,
// the Art 26 deadlines and the "三同步" flags (derived from the clock and the calendar, never stored).
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/http/errors.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { OrganService } from '../organs/organs.service.js';
import { POLICY_DOCS_CODE } from './catalogue.columns.js';
import { type Art26Deadline, art26Deadline, type InterpretationStatus, interpretationStatus } from './publications.deadlines.js';
import { type PublicationSubject, publicationsPolicy } from './publications.policy.js';
import { type ColumnRow, type EventRow, type PublicationRow, publicationsRepo as repo } from './publications.repository.js';
import type { LinkKind } from './publications.schemas.js';
import { type Action, actionsFrom, EDITABLE, IN_PROGRESS, STATES, type State } from './publications.workflow.js';

/** Another item as a line of a page: enough to link to it. */
export interface PublicationBrief {
  id: number;
  title: string;
  index_no: string | null;
  state: State;
  published_on: string | null;
}

export interface PublicationView {
  publication: PublicationRow;
  column: ColumnRow | undefined;
  /** What this item points at (the policy it interprets, what it corrects, replaces, repeals). */
  links: Array<{ kind: LinkKind; target: PublicationBrief }>;
  /** What points at this item (its interpretations, corrections, the documents replacing it). */
  linkedFrom: Array<{ kind: LinkKind; source: PublicationBrief }>;
  previous: PublicationBrief | null;
  /** The edition that superseded this one. */
  successor: PublicationBrief | null;
  events: EventRow[];
  deadline: Art26Deadline;
  can: Record<'edit' | Exclude<Action, 'supersede'>, boolean>;
}

export interface DeadlineItem {
  publication: PublicationRow;
  deadline: Art26Deadline;
}

export interface InterpretationFlag {
  policy: PublicationRow;
  dueOn: string;
  status: InterpretationStatus;
  flagged: boolean;
  interpretation: PublicationBrief | null;
}

const brief = (p: PublicationRow): PublicationBrief => ({
  id: p.id,
  title: p.title,
  index_no: p.index_no,
  state: p.state,
  published_on: p.published_on,
});

export function createPublicationQueries(deps: Deps, ext: { calendar: CalendarService; organs: OrganService }) {
  const { db, clock } = deps;
  const { organs } = ext;
  const today = () => chinaDate(clock.now());

  async function subjectOf(p: PublicationRow): Promise<PublicationSubject> {
    const unit = p.unit_id === null ? undefined : await organs.unitById(p.unit_id);
    return { organId: p.organ_id, unitId: p.unit_id, unitLiaisonId: unit?.liaison_user_id ?? null, authorId: p.author_id };
  }

  async function readable(ctx: Ctx, id: number): Promise<PublicationRow> {
    const p = Number.isSafeInteger(id) ? await repo.byId(db, id) : undefined;
    if (!p) throw notFound('信息不存在。');
    authorize(publicationsPolicy, ctx, 'publication.read', { organId: p.organ_id });
    return p;
  }

  async function deadlineOf(p: PublicationRow): Promise<Art26Deadline> {
    return art26Deadline(await ext.calendar.calendar(), p, today());
  }

  return {
    /** An item for the back office: metadata, links both ways, editions, history, deadline, buttons. */
    async get(ctx: Ctx, id: number): Promise<PublicationView> {
      const p = await readable(ctx, id);
      const [column, links, linkedFrom, events, s] = await Promise.all([
        repo.columnById(db, p.column_id),
        repo.links(db, p.id),
        repo.linksTo(db, [p.id]),
        repo.events(db, p.id),
        subjectOf(p),
      ]);
      const others = new Map(
        (
          await repo.byIds(db, [
            ...links.map((l) => l.target_id),
            ...linkedFrom.map((l) => l.publication_id),
            ...(p.previous_id ? [p.previous_id] : []),
            ...(p.superseded_by_id ? [p.superseded_by_id] : []),
          ])
        ).map((o) => [o.id, o]),
      );
      const get = (i: number | null) => (i === null ? undefined : others.get(i));
      const allowed = actionsFrom(p.state);
      const may = (a: Action, rule: Parameters<typeof publicationsPolicy.can>[1], subject = s) =>
        allowed.includes(a) && (ctx.actor === 'system' || publicationsPolicy.can(ctx.actor, rule, subject as never));
      const author = ctx.actor === 'system' || publicationsPolicy.can(ctx.actor, 'publication.author', s);
      const prev = get(p.previous_id);
      const next = get(p.superseded_by_id);
      return {
        publication: p,
        column,
        links: links.flatMap((l) => {
          const t = get(l.target_id);
          return t ? [{ kind: l.kind, target: brief(t) }] : [];
        }),
        linkedFrom: linkedFrom.flatMap((l) => {
          const t = get(l.publication_id);
          return t ? [{ kind: l.kind, source: brief(t) }] : [];
        }),
        previous: prev ? brief(prev) : null,
        successor: next ? brief(next) : null,
        events,
        deadline: await deadlineOf(p),
        can: {
          edit: EDITABLE.includes(p.state) && author,
          submit: may('submit', 'publication.author'),
          return: may('return', 'publication.return'),
          approve: may('approve', 'publication.approve'),
          schedule: may('schedule', 'publication.publish'),
          publish: may('publish', 'publication.publish'),
          withdraw: may('withdraw', 'publication.withdraw'),
          revise: may('revise', 'publication.author', { ...s, authorId: null }),
        },
      };
    },

    async history(ctx: Ctx, id: number): Promise<EventRow[]> {
      const p = await readable(ctx, id);
      return repo.events(db, p.id);
    },

    /** The staff list of an organ: by column and state, newest change first, with deadlines. */
    async list(
      ctx: Ctx,
      f: { organId: number; columnId?: number; state?: State; page?: number; pageSize?: number },
    ): Promise<{ items: DeadlineItem[]; total: number }> {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId: f.organId });
      const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 200);
      const page = Math.max(f.page ?? 1, 1);
      const states = f.state && STATES.includes(f.state) ? [f.state] : undefined;
      const { items, total } = await repo.list(db, {
        organIds: [f.organId],
        columnId: f.columnId,
        states,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const cal = await ext.calendar.calendar();
      return { items: items.map((p) => ({ publication: p, deadline: art26Deadline(cal, p, today()) })), total };
    },

    /** Art 26: the working days left to the 20-working-day deadline of one item. */
    async deadline(ctx: Ctx, id: number): Promise<Art26Deadline> {
      return deadlineOf(await readable(ctx, id));
    },

    /** Unpublished proactive items at risk (≤ 5 working days left) and overdue, most urgent first. */
    async deadlines(ctx: Ctx, organId: number): Promise<{ atRisk: DeadlineItem[]; overdue: DeadlineItem[] }> {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId });
      const cal = await ext.calendar.calendar();
      const all = (await repo.inStates(db, organId, IN_PROGRESS))
        .map((p) => ({ publication: p, deadline: art26Deadline(cal, p, today()) }))
        .sort((a, b) => a.deadline.remaining - b.deadline.remaining);
      return {
        atRisk: all.filter((i) => i.deadline.status === 'at_risk'),
        overdue: all.filter((i) => i.deadline.status === 'overdue'),
      };
    },

    /** "三同步": each published policy document (政策文件 column, 规章, 行政规范性文件) with the
     * first interpretation published for it and whether it came within 3 working days. */
    async interpretationFlags(ctx: Ctx, organId: number): Promise<InterpretationFlag[]> {
      authorize(publicationsPolicy, ctx, 'publication.read', { organId });
      const policyColumns = (await repo.columns(db, organId)).filter((c) => c.code === POLICY_DOCS_CODE).map((c) => c.id);
      const policies = await repo.publishedPolicies(db, organId, policyColumns, ['regulation', 'normative']);
      const links = await repo.linksTo(
        db,
        policies.map((p) => p.id),
        'interprets',
      );
      const sources = new Map((await repo.byIds(db, [...new Set(links.map((l) => l.publication_id))])).map((s) => [s.id, s]));
      const cal = await ext.calendar.calendar();
      return policies.map((policy) => {
        const first = links
          .filter((l) => l.target_id === policy.id)
          .map((l) => sources.get(l.publication_id))
          .filter((s): s is PublicationRow => s?.published_on != null)
          .sort((a, b) => (a.published_on as string).localeCompare(b.published_on as string))[0];
        const r = interpretationStatus(cal, policy.published_on as string, first?.published_on ?? null, today());
        return { policy, ...r, interpretation: first ? brief(first) : null };
      });
    },

    /**
     * What the permanent URL of an index number shows: the item once published (also when
     * withdrawn or superseded), and for a superseded one the current edition it points forward to.
     */
    async resolveIndexNo(
      indexNo: string,
    ): Promise<{ publication: PublicationRow; current: PublicationBrief | null } | undefined> {
      const p = await repo.byIndexNo(db, indexNo);
      if (!p || p.published_on === null) return undefined;
      let current: PublicationRow | undefined;
      let at = p;
      for (let hops = 0; at.superseded_by_id !== null && hops < 100; hops++) {
        const next = await repo.byId(db, at.superseded_by_id);
        if (!next) break;
        current = next;
        at = next;
      }
      return { publication: p, current: current ? brief(current) : null };
    },
  };
}
