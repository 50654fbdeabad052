// The report as the office reads it: the report service's tables and figures, the text (the
// staff's edited sections, or the draft) with its placeholders resolved, the charts, and the
// renderers (HTML, .docx, PDF). Used by the back office, the publishing steps and the CLI.
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
import { checkReportFile } from './checker.run.js';
import { reportCharts, type YearPoint } from './reports.charts.js';
import { renderReportDocx } from './reports.docx.js';
import { knownFigureKeys } from './reports.figures.js';
import { ReportBody, renderReportHtml } from './reports.html.js';
import { draftSections, unfilledPrompts } from './reports.narrative.js';
import { renderReportPdf } from './reports.pdf.js';
import { resolveSections, validateSections } from './reports.placeholders.js';
import type { ReportBuilder } from './reports.publishing.js';
import type { ReportsService } from './reports.service.js';
import { statisticsOf } from './reports.statistics.js';
import type { AnnualReport, ReportCheck, ReportContributor, ReportSection } from './reports.types.js';

/** A section still holding the draft's 【请填写：…】 prompts cannot be published as it is. */
function promptsCheck(sections: readonly ReportSection[]): ReportCheck {
  const left = unfilledPrompts(sections);
  return left.length
    ? {
        code: 'text.prompts',
        ok: false,
        state: 'fail',
        message: `以下部分仍有“【请填写：…】”提示，请改写为本机关的实际情况：${left.join('、')}`,
      }
    : { code: 'text.prompts', ok: true, state: 'pass', message: '文字部分均已填写' };
}

/**
 * Sentences against tables: the report as it would be published is read back by the report
 * checker (the same deterministic reading it applies to reports the system did not produce), and
 * every text finding that fails is a check of the report. Placeholders keep drafted figures right;
 * this catches a figure typed by hand, a wrong year, an empty section 五.
 */
async function textChecks(html: string, year: number): Promise<ReportCheck[]> {
  const r = await checkReportFile(Buffer.from(html), { year });
  const failed = r.findings.filter((f) => f.code.startsWith('text.') && f.state === 'fail');
  const out: ReportCheck[] = failed.map(({ key: _k, ...f }) => f);
  if (!failed.length) out.push({ code: 'text.tables', ok: true, state: 'pass', message: '文字中的数字与表格一致' });
  return out;
}

export function createReportBuilder(
  deps: { config: Config },
  s: { reports: ReportsService; contributors: readonly ReportContributor[] },
) {
  const draft = (report: AnnualReport): ReportSection[] =>
    draftSections(report.format, { organ: report.organ, year: report.year, figures: report.figures ?? {} });

  /** Requests received and closed in the report's year and the years before (figures `history.YYYY.*`). */
  function years(report: AnnualReport): YearPoint[] {
    const f = report.figures ?? {};
    const out: YearPoint[] = [];
    for (let y = report.year - 4; y <= report.year; y++) {
      const received = f[`history.${y}.received`];
      const closed = f[`history.${y}.closed`];
      if (typeof received === 'number' && typeof closed === 'number' && (received > 0 || closed > 0 || y === report.year))
        out.push({ year: y, received, closed });
    }
    return out;
  }

  const charts = (report: AnnualReport) => (report.format === 'pre2019' ? [] : reportCharts(report, years(report)));
  const statistics = (report: AnnualReport) => (report.format === 'pre2019' ? statisticsOf(report.figures) : []);
  const documentHtml = (report: AnnualReport) =>
    renderReportHtml(report, { charts: charts(report), statistics: statistics(report) });

  const builder: ReportBuilder = {
    async build(ctx: Ctx, organId: number, year: number, sections: ReportSection[] | null): Promise<AnnualReport> {
      // the four years before for the chart; the report's own year is its table 3, counted once
      const [generated, before] = await Promise.all([
        s.reports.generate(ctx, organId, year),
        year > 2008 ? s.reports.history(ctx, organId, year - 1, 4) : Promise.resolve([]),
      ]);
      const total = (row: number[]) => row[row.length - 1] ?? 0;
      const own = { year, received: total(generated.table3.rows.received), closed: total(generated.table3.rows.results_total) };
      const figures = { ...generated.figures };
      for (const h of [...before, own]) {
        figures[`history.${h.year}.received`] = h.received;
        figures[`history.${h.year}.closed`] = h.closed;
      }
      const report = { ...generated, figures };
      const text = sections ?? draft(report);
      const resolved: AnnualReport = { ...report, sections: resolveSections(text, report.figures ?? {}) };
      const checks = [...report.checks, promptsCheck(text)];
      if (report.format !== 'pre2019') checks.push(...(await textChecks(documentHtml(resolved), year)));
      return { ...resolved, checks };
    },
    draft,
    validate(sections, report) {
      const known = knownFigureKeys(s.contributors, report.figures ?? {});
      const out: Record<string, string> = {};
      for (const sec of sections) {
        const errors = validateSections([sec], known);
        if (errors.length) out[sec.key] = errors.join(' ');
      }
      return out;
    },
    bodyHtml: (report, opts = {}) =>
      renderToString(
        <ReportBody
          report={report}
          opts={{
            charts: opts.charts === false ? [] : charts(report),
            statistics: statistics(report),
            ...(opts.cellHref ? { cellHref: opts.cellHref } : {}),
            ...(opts.embedded ? { embedded: true } : {}),
          }}
        />,
      ),
    documentHtml,
    docx: (report) => renderReportDocx(report, { statistics: statistics(report) }),
    pdf: (report) => renderReportPdf(documentHtml(report), { chromiumPath: deps.config.chromiumPath }),
  };
  return builder;
}
