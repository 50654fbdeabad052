// The report as the office reads it: the report service's tables and figures, the text (the
// staff's edited sections, or the draft) with its placeholders resolved, the charts, and the
// renderers (HTML, .docx, PDF). Used by the back office, the publishing steps and the CLI.
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
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

export function createReportBuilder(
  deps: { config: Config },
  s: { reports: ReportsService; contributors: readonly ReportContributor[] },
) {
  const draft = (report: AnnualReport): ReportSection[] =>
    draftSections(report.format, { organ: report.organ, year: report.year, figures: report.figures ?? {} });

  /** Requests received and closed in each of the years before, for the year-over-year chart. */
  function years(report: AnnualReport): YearPoint[] {
    const total = (row: number[] | undefined) => row?.[row.length - 1] ?? 0;
    return [{ year: report.year, received: total(report.table3.rows.received), closed: total(report.table3.rows.results_total) }];
  }

  const charts = (report: AnnualReport) => (report.format === 'pre2019' ? [] : reportCharts(report, years(report)));
  const statistics = (report: AnnualReport) => (report.format === 'pre2019' ? statisticsOf(report.figures) : []);
  const documentHtml = (report: AnnualReport) =>
    renderReportHtml(report, { charts: charts(report), statistics: statistics(report) });

  const builder: ReportBuilder = {
    async build(ctx: Ctx, organId: number, year: number, sections: ReportSection[] | null): Promise<AnnualReport> {
      const report = await s.reports.generate(ctx, organId, year);
      const text = sections ?? draft(report);
      return {
        ...report,
        sections: resolveSections(text, report.figures ?? {}),
        checks: [...report.checks, promptsCheck(text)],
      };
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
