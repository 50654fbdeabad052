// The demo organ's years as records: 2017 as the seed's annual report tells it (issue 3, "Demo
// data"), and a smaller recent year with items still on their way. One transaction, bulk inserts
// in batches; idempotent (2017 is there when its index counter is; the recent year when the
// organ has any item written after 2017). The search index is rebuilt by the caller (seedDemo).
//
// The registers other modules keep (channels, reading venues, press conferences, media) are not
// tables here: `registers2017()` gives their 2017 rows as data, with the publication ids.
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { systemCtx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { WorkingDayCalendar } from '../calendar/calendar.days.js';
import { UPDATE_DAYS } from '../publications/catalogue.columns.js';
import { publicationsRepo } from '../publications/publications.repository.js';
import { sanitizeBody } from '../publications/publications.schemas.js';
import { CHECKLIST_KEYS } from '../publications/publications.workflow.js';
import { ORGAN_COLUMNS, POWERS_LIST_2016, realDocs2017 } from './demo.2017.data.js';
import {
  type PlannedItem,
  type PressConference,
  plan2017,
  planRecent,
  recentWindow,
  registers2017,
  type VenueDelivery,
  type YearPlan,
} from './demo.plan.js';
import { seedDemoRegisters } from './demo.registers.js';

const INSERT_ROWS = 100;
const EVENT_ROWS = 500;
const ACTOR = 'demo';

/** The official calendar only: the demo is the same whatever overrides a database holds. */
const calendar = () => new WorkingDayCalendar();

let cached2017: YearPlan | undefined;
/** The 2017 plan (computed once per process: it never changes). */
export function demoPlan2017(): YearPlan {
  cached2017 ??= plan2017(calendar(), realDocs2017(), POWERS_LIST_2016);
  return cached2017;
}

export interface DemoLoadResult {
  loaded2017: boolean;
  loadedRecent: boolean;
  /** Items written. */
  items: number;
  ms: number;
}

/** The 2017 registers with the publication ids of the demo organ (what the lead loads). */
export interface DemoRegisters2017 {
  websiteIds: number[];
  wechatIds: number[];
  venueDeliveries: Array<VenueDelivery & { indexNo: string; publicationId: number }>;
  pressConferences: Array<PressConference & { transcriptIndexNo: string; transcriptPublicationId: number }>;
  mediaArticles: { count: number; atLeast: true; note: string };
  /** Items recorded on the media channel (主要媒体). */
  mediaIds: number[];
}

export function createDemoData(deps: Deps) {
  const { db, clock } = deps;

  async function organPrefix(organId: number): Promise<string> {
    const o = await db.selectFrom('organs').select(['code', 'credit_code']).where('id', '=', organId).executeTakeFirstOrThrow();
    return o.credit_code?.trim() || o.code;
  }

  /** The organ's columns by code, adding the demo organ's own columns (文件通知, 公示公告, 办事指南). */
  async function ensureColumns(tx: Tx, organId: number, now: string): Promise<{ ids: Map<string, number>; added: string[] }> {
    const ids = new Map((await publicationsRepo.columns(tx, organId)).map((c) => [c.code, c.id]));
    const added: string[] = [];
    for (const [code, name, kind, sortOrder, description] of ORGAN_COLUMNS) {
      if (ids.has(code)) continue;
      const id = await publicationsRepo.insertColumn(
        tx,
        {
          organ_id: organId,
          parent_id: null,
          code,
          name,
          kind,
          update_days: UPDATE_DAYS[kind],
          sort_order: sortOrder,
          standard: 0,
          description,
          empty_reason: null,
        },
        now,
      );
      ids.set(code, id);
      added.push(code);
    }
    return { ids, added };
  }

  async function write(tx: Tx, organId: number, prefix: string, items: readonly PlannedItem[], cols: Map<string, number>) {
    const units = new Map(
      (await tx.selectFrom('units').select(['id', 'name']).where('organ_id', '=', organId).execute()).map((u) => [
        u.name,
        Number(u.id),
      ]),
    );
    const users = new Map(
      (await tx.selectFrom('users').select(['id', 'username']).where('organ_id', '=', organId).execute()).map((u) => [
        u.username,
        Number(u.id),
      ]),
    );
    const userId = (name: string | null) => (name === null ? null : (users.get(name) ?? null));
    const idOf = new Map<string, number>();
    for (let i = 0; i < items.length; i += INSERT_ROWS) {
      const chunk = items.slice(i, i + INSERT_ROWS);
      const rows = chunk.map((p) => {
        const columnId = cols.get(p.column);
        if (columnId === undefined) throw new Error(`demo: no column ${p.column}`);
        const steps = p.publishedAt ? 4 : p.approvedAt ? 3 : p.submittedAt ? 2 : 1;
        const checked = p.submittedAt !== null;
        return {
          organ_id: organId,
          unit_id: p.unit === null ? null : (units.get(p.unit) ?? null),
          column_id: columnId,
          state: p.state,
          edition: 1,
          previous_id: null,
          superseded_by_id: null,
          index_no: p.serial === null ? null : `${prefix}/${p.serial}`,
          title: p.title,
          summary: p.summary,
          issuing_organ: p.issuingOrgan,
          created_on: p.createdOn,
          doc_number: p.docNumber,
          theme: p.theme,
          genre: p.genre,
          keywords: JSON.stringify(p.keywords),
          disclosure: 'proactive' as const,
          withheld_reason: null,
          validity: 'valid' as const,
          validity_date: null,
          doc_kind: p.docKind,
          body_html: sanitizeBody(p.bodyHtml),
          checklist: JSON.stringify(checked ? CHECKLIST_KEYS : []),
          checklist_by: checked ? userId(p.author) : null,
          checklist_at: p.submittedAt,
          author_id: userId(p.author),
          approver_id: userId(p.approver),
          approved_at: p.approvedAt,
          submitted_at: p.submittedAt,
          return_reason: null,
          publish_at: null,
          published_at: p.publishedAt,
          published_on: p.publishedOn,
          withdrawn_at: null,
          withdraw_reason: null,
          created_at: p.createdAt,
          updated_at: p.publishedAt ?? p.approvedAt ?? p.submittedAt ?? p.createdAt,
          version: steps,
        };
      });
      const back = await tx.insertInto('publications').values(rows).returning(['id', 'title']).execute();
      for (const b of back) idOf.set(b.title, Number(b.id));
    }
    const id = (p: PlannedItem) => idOf.get(p.title) as number;
    // history: create, submit, approve, publish, as far as each item went
    const events = items.flatMap((p) => {
      const e = (at: string, action: string, from: string | null, to: string, who: string | null, data?: unknown) => ({
        publication_id: id(p),
        at,
        actor_user_id: userId(who),
        actor_name: ACTOR,
        action,
        from_state: from,
        to_state: to,
        note: null,
        data: JSON.stringify({ demo: true, ...(data as object) }),
      });
      const out = [e(p.createdAt, 'create', null, 'draft', p.author)];
      if (p.submittedAt) out.push(e(p.submittedAt, 'submit', 'draft', 'submitted', p.author, { checklist: CHECKLIST_KEYS }));
      if (p.approvedAt) out.push(e(p.approvedAt, 'approve', 'submitted', 'approved', p.approver));
      if (p.publishedAt) out.push(e(p.publishedAt, 'publish', 'approved', 'published', p.approver, { via: 'now' }));
      return out;
    });
    for (let i = 0; i < events.length; i += EVENT_ROWS) {
      await tx
        .insertInto('publication_events')
        .values(events.slice(i, i + EVENT_ROWS))
        .execute();
    }
    const byKey = new Map(items.map((p) => [p.key, p]));
    const links = items.flatMap((p) => {
      const target = p.interprets ? byKey.get(p.interprets) : undefined;
      return target ? [{ publication_id: id(p), kind: 'interprets' as const, target_id: id(target) }] : [];
    });
    if (links.length) await tx.insertInto('publication_links').values(links).execute();
  }

  async function setCounters(tx: Tx, organId: number, counters: Map<number, number>) {
    for (const [year, last] of counters) {
      await tx.insertInto('index_counters').values({ organ_id: organId, year, last_serial: last }).execute();
    }
  }

  const counterExists = async (ex: Executor, organId: number, year: number) =>
    Boolean(
      await ex
        .selectFrom('index_counters')
        .select('year')
        .where('organ_id', '=', organId)
        .where('year', '=', year)
        .executeTakeFirst(),
    );

  return {
    /**
     * Loads 2017 and the recent year into the organ's catalogue, each unless already there.
     * Runs in one transaction; nothing is indexed for search here (the caller reindexes).
     */
    async loadYears(organId: number): Promise<DemoLoadResult> {
      const started = performance.now();
      const now = clock.now();
      const recentYear = recentWindow(calendar(), chinaDate(now)).year;
      const wanted = async (ex: Executor) => {
        const written = await ex
          .selectFrom('publications')
          .select('id')
          .where('organ_id', '=', organId)
          .where('created_on', '>=', '2018-01-01')
          .limit(1)
          .executeTakeFirst();
        return {
          want2017: !(await counterExists(ex, organId, 2017)),
          wantRecent: !written && !(await counterExists(ex, organId, recentYear)),
        };
      };
      const nothing = { loaded2017: false, loadedRecent: false, items: 0 };
      // on every start after the first: two small queries, no plan computed
      const first = await wanted(db);
      if (!first.want2017 && !first.wantRecent) return { ...nothing, ms: Math.round(performance.now() - started) };
      const prefix = await organPrefix(organId);
      const full = demoPlan2017();
      const recent = planRecent(calendar(), chinaDate(now));
      const result = await inTransaction(db, async (tx) => {
        const { want2017, wantRecent } = await wanted(tx);
        if (!want2017 && !wantRecent) return nothing;
        const { ids, added } = await ensureColumns(tx, organId, now.toISOString());
        let items = 0;
        if (want2017) {
          // the list of powers of December 2016 comes with 2017, unless 2016 has numbers already
          const has2016 = await counterExists(tx, organId, 2016);
          const take = full.items.filter((i) => !(has2016 && i.publishedOn?.startsWith('2016')));
          await write(tx, organId, prefix, take, ids);
          await setCounters(tx, organId, new Map([...full.counters].filter(([y]) => !(has2016 && y === 2016))));
          items += take.length;
        }
        if (wantRecent) {
          await write(tx, organId, prefix, recent.items, ids);
          await setCounters(tx, organId, recent.counters);
          items += recent.items.length;
        }
        await recordAudit(tx, deps, systemCtx('seed:demo').audit, now, {
          action: 'demo.load',
          subjectType: 'organ',
          subjectId: organId,
          organId,
          after: { columns: added, year2017: want2017, recentYear: wantRecent ? recentYear : null, items },
        });
        return { loaded2017: want2017, loadedRecent: wantRecent, items };
      });
      return { ...result, ms: Math.round(performance.now() - started) };
    },

    /** 2017's channels, reading-venue deliveries, press conferences and media count, with ids. */
    /** Writes the 2017 registers (channels, venue deliveries, press conferences) once. */
    async loadRegisters2017(organId: number): Promise<boolean> {
      return seedDemoRegisters(deps, organId, await this.registers2017(organId));
    },

    async registers2017(organId: number): Promise<DemoRegisters2017> {
      const prefix = await organPrefix(organId);
      const reg = registers2017(calendar(), demoPlan2017());
      const rows = await db
        .selectFrom('publications')
        .select(['id', 'index_no'])
        .where('organ_id', '=', organId)
        .where('index_no', 'like', `${prefix}/2017-%`)
        .execute();
      const byIndex = new Map(rows.map((r) => [r.index_no as string, Number(r.id)]));
      const idOf = (serial: string) => {
        const id = byIndex.get(`${prefix}/${serial}`);
        if (id === undefined) throw new Error(`demo: 2017 item ${serial} is not loaded`);
        return id;
      };
      return {
        websiteIds: reg.website.map(idOf),
        wechatIds: reg.wechat.map(idOf),
        venueDeliveries: reg.venueDeliveries.map((v) => ({
          ...v,
          indexNo: `${prefix}/${v.serial}`,
          publicationId: idOf(v.serial),
        })),
        pressConferences: reg.pressConferences.map((p) => ({
          ...p,
          transcriptIndexNo: `${prefix}/${p.transcriptSerial}`,
          transcriptPublicationId: idOf(p.transcriptSerial),
        })),
        mediaArticles: reg.mediaArticles,
        mediaIds: reg.media.map(idOf),
      };
    },
  };
}

export type DemoData = ReturnType<typeof createDemoData>;
