// Back-office pages of the annual report (年度报告): the years, one year's report with its checks,
// drill-down links and downloads, the text editor, and the steps to publication.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { contentDisposition } from '../attachments/attachments.names.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, type Body, bodyOf, isAppError, list, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { formatForYear, publicationDeadline, TABLE2_2019, TABLE2_2021 } from './reports.codes.js';
import { reportsPolicy } from './reports.policy.js';
import { REPORT_CSS } from './reports.styles.js';
import { ENTERED_2019, ENTERED_2021 } from './reports.table2.js';
import type { ReportSection } from './reports.types.js';
import { ReportTransitionRefused } from './reports.workflow.js';
import {
  type FigureField,
  REPORTS_HREF,
  ReportAggregatePage,
  ReportEditPage,
  ReportFiguresPage,
  ReportListPage,
  ReportPage,
  type ReportPageProps,
  ReportRecordsPage,
  reportHref,
} from './views/report-pages.js';

export const REPORT_CSS_HREF = '/assets/report.css';

const Year = z.coerce.number().int().min(2000).max(2200);
function yearOf(req: FastifyRequest): number {
  const r = Year.safeParse((req.params as { year?: string }).year);
  if (!r.success) throw notFound('没有该年度的年报。');
  return r.data;
}

/** The sections typed in the editor: `key` fields in order, `text.<key>` their text. */
function typedSections(b: Body): Array<{ key: string; text: string }> {
  return list(b.key).map((key) => ({ key, text: text(b[`text.${key}`]) }));
}

export function reportRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const svc = d.reportPublishing;
  const navFor = (req: FastifyRequest) => staffNavFor(req.staff?.actor.roles ?? []);

  // the report's stylesheet for pages that show a report (staff pages, the published item)
  app.get(REPORT_CSS_HREF, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(REPORT_CSS),
  );

  app.get(REPORTS_HREF, pre, async (req, reply) => {
    const ctx = staffCtx(req);
    const actor = actorOf(req);
    const [rows, organ, elsewhere] = await Promise.all([
      svc.list(ctx, actor.organId),
      d.organs.byId(actor.organId),
      svc.publishedElsewhere(ctx, actor.organId),
    ]);
    const thisYear = Number(chinaDate(d.clock.now()).slice(0, 4));
    // last year's report is the one due; earlier years for reference, back to 2017
    const years = [
      ...new Set([...rows.map((r) => r.year), ...Array.from({ length: thisYear - 2017 }, (_, i) => thisYear - 1 - i)]),
    ];
    years.sort((a, b) => b - a);
    return sendPage(
      reply,
      <ReportListPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organName={organ?.name ?? ''}
        rows={years.map((y) => {
          const r = rows.find((x) => x.year === y);
          return {
            year: y,
            format: r?.format || formatForYear(y),
            state: r?.state ?? null,
            earlier: r ? null : (elsewhere.get(y) ?? null),
            deadline: publicationDeadline(y, organ?.kind ?? 'department'),
            publicationId: r?.publication_id ?? null,
          };
        })}
      />,
    );
  });

  async function reportPage(
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    over: Partial<Pick<ReportPageProps, 'refused' | 'submitError' | 'returnError'>> = {},
    status = 200,
  ) {
    const ctx = staffCtx(req);
    const organId = actorOf(req).organId;
    const [{ row, report }, organ] = await Promise.all([svc.view(ctx, organId, year), d.organs.byId(organId)]);
    return sendPage(
      reply,
      <ReportPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        organName={organ?.name ?? ''}
        year={year}
        format={report.format}
        state={row?.state ?? 'draft'}
        version={row?.version ?? 0}
        deadline={publicationDeadline(year, organ?.kind ?? 'department')}
        checks={report.checks}
        bodyHtml={d.reportBuilder.bodyHtml(report, {
          cellHref: (ref) => `${reportHref(year)}/records?ref=${encodeURIComponent(ref)}`,
          embedded: true,
        })}
        can={{
          draft: svc.can(ctx, 'report.draft', organId),
          review: svc.can(ctx, 'report.review', organId),
          aggregate: ctx.actor !== 'system' && reportsPolicy.can(ctx.actor, 'report.aggregate', { organId }),
        }}
        publicationId={row?.publication_id ?? null}
        {...over}
      />,
      status,
    );
  }

  app.get(`${REPORTS_HREF}/:year`, pre, (req, reply) => reportPage(req, reply, yearOf(req)));

  // downloads: the report as it stands (a draft's figures are live; a submitted one's are frozen)
  app.get(`${REPORTS_HREF}/:year/report.:ext`, pre, async (req, reply) => {
    const year = yearOf(req);
    const ext = (req.params as { ext: string }).ext;
    const { report } = await svc.view(staffCtx(req), actorOf(req).organId, year);
    const name = `${report.organ.name}${year}年政府信息公开工作年度报告.${ext}`;
    const b = d.reportBuilder;
    if (ext === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(report, null, 2));
    if (ext === 'html')
      // the stand-alone document carries its own styles (no script): allow exactly that
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
        .send(b.documentHtml(report));
    if (ext === 'docx')
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition(name, false))
        .send(await b.docx(report));
    if (ext === 'pdf')
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(name, false))
        .send(await b.pdf(report));
    throw notFound('不支持该格式。');
  });

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    typed?: { version: number; sections: ReportSection[]; error: { message: string; fields: Record<string, string> } },
  ) => {
    const { row, report, sections } = await svc.view(staffCtx(req), actorOf(req).organId, year);
    const figures = Object.entries(report.figures ?? {})
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, String(v)] as const);
    return sendPage(
      reply,
      <ReportEditPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        year={year}
        version={typed?.version ?? row?.version ?? 0}
        sections={typed?.sections ?? sections}
        figures={figures}
        error={typed?.error}
      />,
      typed ? 422 : 200,
    );
  };

  app.get(`${REPORTS_HREF}/:year/edit`, pre, (req, reply) => {
    if (!svc.can(staffCtx(req), 'report.draft', actorOf(req).organId)) throw forbidden();
    return editPage(req, reply, yearOf(req));
  });

  app.post(`${REPORTS_HREF}/:year/edit`, pre, async (req, reply) => {
    const year = yearOf(req);
    const b = bodyOf(req);
    const sections = typedSections(b);
    try {
      await svc.saveSections(staffCtx(req), actorOf(req).organId, year, { version: text(b.version), sections });
      return seeOther(reply, `${reportHref(year)}?ok=saved`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      const { sections: current } = await svc.view(staffCtx(req), actorOf(req).organId, year);
      const headings = new Map(current.map((s) => [s.key, s.heading]));
      // keep what was typed; the errors point at the section they are about
      const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [headings.has(k) ? `text.${k}` : k, v]));
      return editPage(req, reply, year, {
        version: Number(text(b.version)) || 0,
        sections: sections.map((s) => ({ ...s, heading: headings.get(s.key) ?? s.key })),
        error: { message: err.message, fields },
      });
    }
  });

  /** Runs a step; a refusal re-renders the report page with its reasons. */
  const stepRoute = (
    path: string,
    run: (req: FastifyRequest, year: number, b: Body) => Promise<unknown>,
    ok: string,
    onInvalid?: (b: Body, err: { message: string; fields: Record<string, string> }) => Partial<ReportPageProps>,
  ) =>
    app.post(`${REPORTS_HREF}/:year/${path}`, pre, async (req, reply) => {
      const year = yearOf(req);
      const b = bodyOf(req);
      try {
        await run(req, year, b);
        return seeOther(reply, `${reportHref(year)}?ok=${ok}`);
      } catch (err) {
        if (err instanceof ReportTransitionRefused) return reportPage(req, reply, year, { refused: err.reasons }, 409);
        if (isAppError(err, 'validation') && onInvalid) return reportPage(req, reply, year, onInvalid(b, err), 422);
        if (isAppError(err, 'conflict')) return reportPage(req, reply, year, { refused: [err.message] }, 409);
        throw err;
      }
    });

  stepRoute(
    'submit',
    (req, year, b) =>
      svc.submit(staffCtx(req), actorOf(req).organId, year, { version: text(b.version), checklist: list(b.checklist) }),
    'submitted',
    (b, err) => ({ submitError: { message: err.message, fields: err.fields, checked: list(b.checklist) } }),
  );
  stepRoute(
    'return',
    (req, year, b) =>
      svc.returnToAuthor(staffCtx(req), actorOf(req).organId, year, { version: text(b.version), reason: text(b.reason) }),
    'returned',
    (b, err) => ({ returnError: { message: err.message, reason: text(b.reason) } }),
  );
  stepRoute(
    'approve',
    (req, year, b) => svc.approve(staffCtx(req), actorOf(req).organId, year, { version: text(b.version) }),
    'published',
  );

  app.get(`${REPORTS_HREF}/:year/records`, pre, async (req, reply) => {
    const year = yearOf(req);
    const ref = text((req.query as { ref?: unknown }).ref);
    const r = await d.reportRecords.records(staffCtx(req), actorOf(req).organId, year, ref);
    return sendPage(
      reply,
      <ReportRecordsPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        year={year}
        title={r.title}
        lines={r.lines}
        entered={r.entered}
      />,
    );
  });

  /** Labels of the table 2 cells entered by staff in the year's format. */
  function figureLabels(year: number): Array<[string, string]> {
    const layout: ReadonlyArray<{
      rows: ReadonlyArray<readonly [string, string]>;
      columns: ReadonlyArray<readonly [string, string]>;
    }> = year >= 2021 ? TABLE2_2021 : TABLE2_2019;
    const keys: readonly string[] = year >= 2021 ? ENTERED_2021 : ENTERED_2019;
    return keys.map((k) => {
      const [, row, col] = k.split('.');
      const block = layout.find((b) => b.rows.some(([r]) => r === row));
      return [k, `${block?.rows.find(([r]) => r === row)?.[1] ?? row}：${block?.columns.find(([c]) => c === col)?.[1] ?? col}`];
    });
  }

  const figuresPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    typed?: { key: string; value: string; note: string; error: { message: string; fields: Record<string, string> } },
  ) => {
    const entered = await d.reports.figures(staffCtx(req), actorOf(req).organId, year);
    const fields: FigureField[] = figureLabels(year).map(([key, label]) => {
      const e = entered.find((f) => f.key === key);
      if (typed?.key === key) return { key, label, value: typed.value, note: typed.note, by: '' };
      return {
        key,
        label,
        value: e ? String(e.value) : '',
        note: e?.note ?? '',
        by: e ? `${e.enteredBy}于${e.enteredAt.slice(0, 10)}填报` : '',
      };
    });
    return sendPage(
      reply,
      <ReportFiguresPage ctx={await d.viewCtx(req, reply)} nav={navFor(req)} year={year} fields={fields} error={typed?.error} />,
      typed ? 422 : 200,
    );
  };

  app.get(`${REPORTS_HREF}/:year/figures`, pre, (req, reply) => {
    if (!svc.can(staffCtx(req), 'report.draft', actorOf(req).organId)) throw forbidden();
    return figuresPage(req, reply, yearOf(req));
  });

  app.post(`${REPORTS_HREF}/:year/figures`, pre, async (req, reply) => {
    const year = yearOf(req);
    const b = bodyOf(req);
    const key = text(b.key);
    try {
      await d.reports.setFigure(staffCtx(req), actorOf(req).organId, year, key, text(b.value), text(b.note));
      return seeOther(reply, `${reportHref(year)}/figures?ok=saved`);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      const message = Object.values(err.fields)[0] ?? err.message;
      return figuresPage(req, reply, year, {
        key,
        value: text(b.value),
        note: text(b.note),
        error: { message: err.message, fields: { [key]: message } },
      });
    }
  });

  // the sum of the organs below (汇总): the parent's office head, leaders, supervisors, administrator
  app.get(`${REPORTS_HREF}/:year/aggregate`, pre, async (req, reply) => {
    const year = yearOf(req);
    const organId = actorOf(req).organId;
    const [agg, organ] = await Promise.all([d.reports.aggregate(staffCtx(req), organId, year), d.organs.byId(organId)]);
    // the tables only: the sum has no text of its own
    const body = d.reportBuilder.bodyHtml({ ...agg, sections: [] }, { embedded: true });
    return sendPage(
      reply,
      <ReportAggregatePage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        year={year}
        organName={organ?.name ?? ''}
        organs={agg.organs}
        children={agg.children.map((c) => ({
          name: c.organ.name,
          organs: c.organs,
          received: c.totals.received,
          carriedIn: c.totals.carried_in,
          resultsTotal: c.totals.results_total,
          carriedOver: c.totals.carried_over,
          appeals: c.totals.appeals,
        }))}
        checks={agg.checks}
        bodyHtml={body}
      />,
    );
  });
}
