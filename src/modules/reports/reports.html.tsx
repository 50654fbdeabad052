// The annual report as HTML (PURE, preact SSR: every text is escaped). ReportBody goes inside the
// staff and portal layouts; renderReportHtml gives a complete stand-alone zh-CN document (own
// inline CSS, no external assets) to print, save as PDF (reports.pdf.ts) or publish.
// Sections in order (Regulation Art 50; norms.md §2.3), tables 2–4 under their headings for the
// 2019 and 2021 formats (reports.grid.ts), the pre-2019 narrative with its annex table of figures.
import { renderToString } from 'preact-render-to-string';
import { type ReportGrid, reportGrids, reportSections, reportTitle, textBlocks } from './reports.grid.js';
import { REPORT_CSS, REPORT_PAGE_CSS } from './reports.styles.js';
import { type CellHref, GridTable, type ReportStatistic, StatisticsTable } from './reports.tables.html.js';
import type { AnnualReport } from './reports.types.js';

export type { CellHref, ReportStatistic };

/** A chart to place after table 3: an SVG string from reports.charts.ts (trusted markup) and its title. */
export interface ReportChart {
  svg: string;
  title: string;
}

export interface ReportHtmlOptions {
  /** For staff: each figure of tables 2–4 links to the records behind it (`table3.granted.total` → URL). */
  cellHref?: CellHref;
  /** Charts (reports.charts.ts), inserted after section 三's table. */
  charts?: ReportChart[];
  /** The named figures of a pre-2019 report, printed as the annex table 附表 after the sections. */
  statistics?: ReportStatistic[];
  /** Prefix of the element ids (several reports on one page). Default `report`. */
  idPrefix?: string;
  /** Inside a page whose own h1 is the report's title (back office, portal item): no title of its own. */
  embedded?: boolean;
}

export interface ReportDocumentOptions extends ReportHtmlOptions {
  /** Link this stylesheet instead of inlining the CSS (pages served under a CSP without inline styles). */
  stylesheetHref?: string;
}

function SectionText({ text }: { text: string }) {
  return <>{textBlocks(text).map((b) => (b.kind === 'heading' ? <h3>{b.text}</h3> : <p>{b.text}</p>))}</>;
}

function Charts({ charts }: { charts: ReportChart[] }) {
  return (
    <div class="report-charts">
      {charts.map((c) => (
        <figure class="report-chart">
          <div dangerouslySetInnerHTML={{ __html: c.svg }} />
          <figcaption>{c.title}</figcaption>
        </figure>
      ))}
    </div>
  );
}

/** The report itself: title, sections with their tables, charts, annex. */
export function ReportBody({ report, opts = {} }: { report: AnnualReport; opts?: ReportHtmlOptions }) {
  const prefix = opts.idPrefix ?? 'report';
  const grids = reportGrids(report) as Record<string, ReportGrid | undefined>;
  const titleId = `${prefix}-title`;
  return (
    <article
      class="annual-report"
      id={prefix}
      {...(opts.embedded ? { 'aria-label': reportTitle(report) } : { 'aria-labelledby': titleId })}
      lang="zh-CN"
    >
      {opts.embedded ? null : <h1 id={titleId}>{reportTitle(report)}</h1>}
      {reportSections(report).map((s, i) => {
        const headingId = `${prefix}-s${i + 1}`;
        const grid = grids[s.key];
        // the pre-2019 report opens with an untitled paragraph: no empty heading for it
        return (
          <section aria-labelledby={s.heading ? headingId : undefined} data-section={s.key}>
            {s.heading ? <h2 id={headingId}>{s.heading}</h2> : null}
            <SectionText text={s.text} />
            {grid ? <GridTable grid={grid} idPrefix={prefix} cellHref={opts.cellHref} /> : null}
            {s.key === 'table3' && opts.charts?.length ? <Charts charts={opts.charts} /> : null}
          </section>
        );
      })}
      {report.format === 'pre2019' && opts.charts?.length ? <Charts charts={opts.charts} /> : null}
      {report.format === 'pre2019' && opts.statistics?.length ? (
        <section aria-labelledby={`${prefix}-annex`} data-section="annex">
          <h2 id={`${prefix}-annex`}>附表</h2>
          <StatisticsTable rows={opts.statistics} idPrefix={prefix} />
        </section>
      ) : null}
    </article>
  );
}

/** The stand-alone printable page holding only the report. */
export function ReportDocument({ report, opts = {} }: { report: AnnualReport; opts?: ReportDocumentOptions }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{reportTitle(report)}</title>
        {opts.stylesheetHref ? (
          <link rel="stylesheet" href={opts.stylesheetHref} />
        ) : (
          <style dangerouslySetInnerHTML={{ __html: REPORT_CSS + REPORT_PAGE_CSS }} />
        )}
      </head>
      <body class="report-page">
        <main>
          <ReportBody report={report} opts={opts} />
        </main>
      </body>
    </html>
  );
}

/** The stand-alone page as a complete HTML document string. */
export function renderReportHtml(report: AnnualReport, opts: ReportDocumentOptions = {}): string {
  return `<!doctype html>${renderToString(<ReportDocument report={report} opts={opts} />)}`;
}
