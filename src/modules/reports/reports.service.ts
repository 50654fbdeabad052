// The annual report's core (Regulation Arts 49–50; report-format.md): tables 2–4 computed from the
// records for any organ and year, the figures entered where no register holds them yet, the
// contributors' named figures, the table checks, and the sum over the organs below a parent.
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { parse } from '../../platform/validation.js';
import type { AppealService } from '../appeals/appeals.service.js';
import type { OrganRow, OrganService } from '../organs/organs.service.js';
import type { PublicationService } from '../publications/publications.service.js';
import { checkTables, type PreviousYear } from './reports.checks.js';
import { formatForYear, publicationDeadline, type ReportFormat, TABLE4_COLUMNS, TABLE4_GROUPS } from './reports.codes.js';
import { reportsPolicy } from './reports.policy.js';
import { reportsRepo as repo } from './reports.repository.js';
import { ENTERED_KEYS, enteredCheck, table2Figures, table2For, toFigures } from './reports.table2.js';
import {
  type CountedGroup,
  type CountedRequest,
  countFromGroups,
  emptyTable3,
  type Reopening,
  reopeningOf,
  sumTable3,
} from './reports.table3.js';
import type {
  AnnualReport,
  EnteredFigure,
  ReportCheck,
  ReportContributor,
  ReportFigures,
  ReportOrgan,
  Table2_2019,
  Table2_2021,
  Table3,
  Table4,
} from './reports.types.js';

export { ENTERED_KEYS };

export interface ReportsDeps extends Deps {
  organs: OrganService;
  publications: PublicationService;
  appeals: AppealService;
  /** Sources of named figures (each register adds its own; see ReportContributor). */
  contributors?: readonly ReportContributor[];
}

/** A subordinate organ in an aggregation, with the totals of its own subtree. */
export interface AggregateChild {
  organ: ReportOrgan;
  /** Organs summed under it: itself and every organ below it. */
  organs: number;
  totals: { received: number; carried_in: number; results_total: number; carried_over: number; appeals: number };
}

export interface AggregateReport extends AnnualReport {
  /** How many organs the sum covers (every organ below the parent, not the parent itself). */
  organs: number;
  children: AggregateChild[];
}

const FigureInput = z.object({
  key: z.enum(ENTERED_KEYS as [string, ...string[]], { errorMap: () => ({ message: '没有这一项数据。' }) }),
  value: z
    .string({ required_error: '请填写数值。' })
    .transform((s) => s.normalize('NFKC').trim().replace(/,/g, ''))
    .pipe(z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, '请填写数字（最多四位小数）。')),
  note: z
    .string()
    .trim()
    .max(500, '说明不能超过 500 个字符。')
    .optional()
    .transform((v) => (v ? v : null)),
});

const TOTAL = 6;
const organOf = (o: OrganRow): ReportOrgan => ({ code: o.code, name: o.name, kind: o.kind });
const num = (v: string): number => Number(v);

/** Table 4 with its groups and columns in the contract's order. */
function orderedTable4(t: object): Table4 {
  const src = t as Partial<Record<string, Partial<Record<string, number>>>>;
  return Object.fromEntries(
    TABLE4_GROUPS.map(([g]) => [g, Object.fromEntries(TABLE4_COLUMNS.map(([c]) => [c, src[g]?.[c] ?? 0]))]),
  ) as Table4;
}
const sumTable4 = (ts: readonly Table4[]): Table4 => {
  const out = orderedTable4({});
  for (const t of ts) for (const [g] of TABLE4_GROUPS) for (const [c] of TABLE4_COLUMNS) out[g][c] += t[g][c];
  return out;
};

/** Sums table 2 objects of the same shape, key by key (decimals kept to four places). */
function sumTable2<T extends Table2_2021 | Table2_2019>(ts: readonly T[], empty: T): T {
  const out = structuredClone(empty) as unknown as Record<string, Record<string, number>>;
  for (const t of ts)
    for (const [row, cols] of Object.entries(t as unknown as Record<string, Record<string, number>>))
      for (const [col, v] of Object.entries(cols)) {
        out[row] ??= {};
        const r = out[row];
        r[col] = Math.round(((r[col] ?? 0) + v) * 10_000) / 10_000;
      }
  return out as unknown as T;
}

export function createReportsService(deps: ReportsDeps) {
  const { db, clock, organs, publications, appeals } = deps;
  const contributors = deps.contributors ?? [];
  // the reports service authorizes its caller; what it reads from other registers is read for it
  const inner = (ctx: Ctx): Ctx => ({ actor: 'system', audit: ctx.audit });

  async function mustOrgan(id: number): Promise<OrganRow> {
    const o = Number.isInteger(id) ? await organs.byId(id) : undefined;
    if (!o) throw notFound('机关不存在。');
    return o;
  }
  function checkYear(year: number): void {
    if (!Number.isInteger(year) || year < 2008 || year > 2100)
      throw invalid('请检查标出的项目。', { year: '年度应为 2008 年以后的四位年份。' });
  }

  /** Table 3 of each organ for year Y (organs without requests get an empty table). */
  async function table3ByOrgan(organIds: readonly number[], year: number): Promise<Map<number, Table3>> {
    const [groups, reopens] = await Promise.all([repo.table3Groups(db, organIds, year), repo.reopenings(db, organIds, year)]);
    interface Slot {
      groups: CountedGroup[];
      reopened: Map<number, { request: CountedRequest; reopenings: Reopening[] }>;
    }
    const byOrgan = new Map<number, Slot>();
    const slot = (id: number): Slot => {
      const s = byOrgan.get(id) ?? { groups: [], reopened: new Map() };
      byOrgan.set(id, s);
      return s;
    };
    for (const g of groups)
      slot(g.organ_id).groups.push({ applicantType: g.applicant_type, start: g.start_row, end: g.end_row, n: g.n });
    for (const e of reopens) {
      const reopened = slot(e.organ_id).reopened;
      const entry = reopened.get(e.request_id) ?? { request: e, reopenings: [] };
      reopened.set(e.request_id, entry);
      const x = reopeningOf(e.on_date, e.data);
      if (x) entry.reopenings.push(x);
    }
    const out = new Map<number, Table3>();
    for (const id of organIds) {
      const s = byOrgan.get(id);
      out.set(id, s ? countFromGroups(s.groups, [...s.reopened.values()], year) : emptyTable3());
    }
    return out;
  }

  /** Last year's carried-over row: the published report's, else an imported report's (one the
   * organ's staff gave the report checker), else the records', else nothing. */
  async function previousYear(organIds: readonly number[], organ: OrganRow | null, year: number): Promise<PreviousYear | null> {
    if (organ !== null) {
      const last = await repo.report(db, organ.id, year - 1);
      if (last?.state === 'published' && last.snapshot) {
        const snap = JSON.parse(last.snapshot) as Partial<AnnualReport>;
        const row = snap.table3?.rows?.carried_over;
        if (Array.isArray(row)) return { carriedOver: row, source: 'published' };
      }
      const imported = await repo.importedReport(db, organ.id, organ.name, year - 1);
      if (imported) {
        const result = JSON.parse(imported.result) as { tables?: { table3?: Partial<Table3> | null } };
        const row = result.tables?.table3?.rows?.carried_over;
        if (Array.isArray(row)) return { carriedOver: row, source: 'imported' };
      }
    }
    if (!(await repo.hasRequestsBefore(db, organIds, `${year}-01-01`))) return null;
    const t = sumTable3([...(await table3ByOrgan(organIds, year - 1)).values()]);
    return { carriedOver: t.rows.carried_over, source: 'records' };
  }

  async function enteredBy(organIds: readonly number[], year: number) {
    const rows = await repo.figures(db, organIds, year);
    const byOrgan = new Map<number, EnteredFigure[]>();
    for (const r of rows) {
      const list = byOrgan.get(Number(r.organ_id)) ?? [];
      list.push({ key: r.key, value: num(r.value), enteredBy: r.display_name ?? '系统', enteredAt: r.entered_at, note: r.note });
      byOrgan.set(Number(r.organ_id), list);
    }
    return byOrgan;
  }

  async function table2Of(ctx: Ctx, organId: number, year: number, format: ReportFormat, entered: readonly EnteredFigure[]) {
    return table2For(format, entered, {
      documents: () => publications.table2Documents(inner(ctx), organId, year),
      publications2019: (kind) => repo.publications2019(db, organId, year, kind),
    });
  }

  async function audit(ctx: Ctx, action: string, organId: number, subject: string, after: unknown): Promise<void> {
    await inTransaction(db, (tx) =>
      recordAudit(tx, deps, ctx.audit, clock.now(), { action, subjectType: 'annual_report', subjectId: subject, organId, after }),
    );
  }

  async function contributed(organId: number, year: number, format: ReportFormat): Promise<ReportFigures> {
    const out: ReportFigures = {};
    for (const c of contributors) Object.assign(out, await c.contribute({ organId, year, format }));
    return out;
  }

  return {
    /** The figure keys staff may enter (table 2 figures no register holds yet). */
    enteredKeys: ENTERED_KEYS,

    /** The annual report of an organ for a year, as the JSON contract of report-format.md. */
    async generate(ctx: Ctx, organId: number, year: number): Promise<AnnualReport> {
      checkYear(year);
      const organ = await mustOrgan(organId);
      authorize(reportsPolicy, ctx, 'report.generate', { organId });
      const format = formatForYear(year);
      const ids = [organ.id];
      const entered = (await enteredBy(ids, year)).get(organ.id) ?? [];
      const [t3map, t4raw, t2, previous, own, extra] = await Promise.all([
        table3ByOrgan(ids, year),
        appeals.table4(organ.id, year),
        table2Of(ctx, organ.id, year, format, entered),
        previousYear(ids, organ, year),
        repo.report(db, organ.id, year),
        contributed(organ.id, year, format),
      ]);
      const table3 = t3map.get(organ.id) as Table3;
      const table4 = orderedTable4(t4raw);
      const publishedOn = own?.state === 'published' && own.published_at ? chinaDate(new Date(own.published_at)) : null;
      const checks: ReportCheck[] = [
        ...checkTables(table3, table4, {
          year,
          previous,
          deadline: { organKind: organ.kind, today: chinaDate(clock.now()), publishedOn },
        }),
        enteredCheck(t2.missing),
      ];
      const report: AnnualReport = {
        organ: organOf(organ),
        year,
        format,
        table2: t2.table,
        table3,
        table4,
        checks,
        figures: { ...extra, ...table2Figures(t2.table, t2.missing), ...toFigures(table3, table4) },
        entered,
        deadline: publicationDeadline(year, organ.kind),
        generatedAt: clock.now().toISOString(),
      };
      await audit(ctx, 'report.generate', organ.id, `${organ.code}:${year}`, {
        format,
        failed: checks.filter((c) => c.state === 'fail').map((c) => c.code),
      });
      return report;
    },

    /** Requests received (本年新收) and closed (办理结果总计) in each of the `span` years up to
     * `year`, counted as table 3 counts them (the year-over-year chart; figures `history.YYYY.*`). */
    async history(
      ctx: Ctx,
      organId: number,
      year: number,
      span = 5,
    ): Promise<Array<{ year: number; received: number; closed: number }>> {
      checkYear(year);
      authorize(reportsPolicy, ctx, 'report.generate', { organId });
      const years = Array.from({ length: span }, (_, i) => year - span + 1 + i).filter((y) => y >= 2008);
      const tables = await Promise.all(years.map((y) => table3ByOrgan([organId], y)));
      return years.map((y, i) => {
        const t = tables[i]?.get(organId) ?? emptyTable3();
        return { year: y, received: t.rows.received[TOTAL] ?? 0, closed: t.rows.results_total[TOTAL] ?? 0 };
      });
    },

    /** Enters (or corrects) a figure no register holds yet; audited with its old value. */
    async setFigure(
      ctx: Ctx,
      organId: number,
      year: number,
      key: unknown,
      value: unknown,
      note?: unknown,
    ): Promise<EnteredFigure> {
      checkYear(year);
      const organ = await mustOrgan(organId);
      authorize(reportsPolicy, ctx, 'report.figures', { organId });
      const v = parse(FigureInput, { key, value: typeof value === 'number' ? String(value) : value, note: note ?? undefined });
      if (num(v.value) < 0 && !v.key.endsWith('.change'))
        throw invalid('请检查标出的项目。', { value: '数值不能小于 0（只有“本年增/减”可以为负数）。' });
      const at = clock.now().toISOString();
      const by = ctx.audit.userId;
      await inTransaction(db, async (tx) => {
        const before = await repo.figure(tx, organ.id, year, v.key);
        await repo.saveFigure(tx, { organId: organ.id, year, key: v.key, value: v.value, note: v.note, by, at });
        await recordAudit(tx, deps, ctx.audit, clock.now(), {
          action: 'report.figure',
          subjectType: 'report_figure',
          subjectId: `${organ.code}:${year}:${v.key}`,
          organId: organ.id,
          before: before ? { value: before.value, note: before.note } : undefined,
          after: { value: v.value, note: v.note },
        });
      });
      return { key: v.key, value: num(v.value), enteredBy: ctx.audit.name, enteredAt: at, note: v.note };
    },

    /** The figures entered for an organ's report of a year. */
    async figures(ctx: Ctx, organId: number, year: number): Promise<EnteredFigure[]> {
      checkYear(year);
      const organ = await mustOrgan(organId);
      authorize(reportsPolicy, ctx, 'report.generate', { organId });
      return (await enteredBy([organ.id], year)).get(organ.id) ?? [];
    },

    /**
     * The sum of the tables of every organ below `parentOrganId` (all levels, not the parent
     * itself: its own report is generated apart, and a parent's tables can then be compared with
     * the sum of its subordinates'). `children` lists each direct child with its subtree's totals.
     */
    async aggregate(ctx: Ctx, parentOrganId: number, year: number): Promise<AggregateReport> {
      checkYear(year);
      const parent = await mustOrgan(parentOrganId);
      authorize(reportsPolicy, ctx, 'report.aggregate', { organId: parent.id });
      const format = formatForYear(year);
      const all = await organs.all();
      const byId = new Map(all.map((o) => [Number(o.id), o]));
      const ids = await organs.descendants(parent.id);
      const [t3map, entered, previous] = await Promise.all([
        table3ByOrgan(ids, year),
        enteredBy(ids, year),
        previousYear(ids, null, year),
      ]);
      const t4map = new Map<number, Table4>();
      const t2list: Array<Table2_2021 | Table2_2019> = [];
      const missing = new Map<string, number>();
      for (const id of ids) {
        t4map.set(id, orderedTable4(await appeals.table4(id, year)));
        const t2 = await table2Of(ctx, id, year, format, entered.get(id) ?? []);
        t2list.push(t2.table);
        for (const k of t2.missing) missing.set(k, (missing.get(k) ?? 0) + 1);
      }
      const empty2 = (
        await table2For(format, [], { documents: async () => zeroDocs(), publications2019: async () => zero2019() })
      ).table;
      const table2 = sumTable2(t2list, empty2);
      const table3 = sumTable3([...t3map.values()]);
      const table4 = sumTable4([...t4map.values()]);
      const children: AggregateChild[] = [];
      for (const child of all.filter((o) => o.parent_id !== null && Number(o.parent_id) === parent.id)) {
        const subtree = [Number(child.id), ...(await organs.descendants(Number(child.id)))];
        const t3 = sumTable3(subtree.map((i) => t3map.get(i) ?? emptyTable3()));
        const t4 = sumTable4(subtree.map((i) => t4map.get(i) ?? orderedTable4({})));
        const total = (row: keyof Table3['rows']) => t3.rows[row][TOTAL] ?? 0;
        children.push({
          organ: organOf(byId.get(Number(child.id)) ?? child),
          organs: subtree.length,
          totals: {
            received: total('received'),
            carried_in: total('carried_in'),
            results_total: total('results_total'),
            carried_over: total('carried_over'),
            appeals: TABLE4_GROUPS.reduce((a, [g]) => a + t4[g].total, 0),
          },
        });
      }
      const checks = [...checkTables(table3, table4, { year, previous }), enteredCheck([...missing.keys()], missing, ids.length)];
      await audit(ctx, 'report.aggregate', parent.id, `${parent.code}:${year}`, { format, organs: ids.length });
      return {
        organ: organOf(parent),
        year,
        format,
        table2,
        table3,
        table4,
        checks,
        figures: { ...table2Figures(table2), ...toFigures(table3, table4) },
        generatedAt: clock.now().toISOString(),
        organs: ids.length,
        children,
      };
    },
  };
}

const zeroDocs = () => ({
  rules: { issued: 0, repealed: 0, in_force: 0 },
  normative_documents: { issued: 0, repealed: 0, in_force: 0 },
});
const zero2019 = () => ({ made: 0, published: 0, total_public: 0 });

export type ReportsService = ReturnType<typeof createReportsService>;
