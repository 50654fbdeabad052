// The annual report's stylesheet: inlined into the stand-alone document (renderReportHtml), or
// served as a file for the staff and portal pages (their CSP allows no inline styles). Everything
// is scoped under .annual-report (and ul.report-checks, the staff page's list of checks). Screen:
// readable on a phone (tables scroll sideways inside their wrapper); print: A4 after GB/T 9704
// (仿宋 body, 宋体 title, black borders, head rows repeated).
export const REPORT_CSS = `
.annual-report {
  max-width: 56em;
  margin: 0 auto;
  padding: 24px 16px 48px;
  color: #111;
  background: #fff;
  font-family: FangSong, "仿宋", "仿宋_GB2312", STFangsong, "Noto Serif CJK SC", "Noto Sans CJK SC", serif;
  font-size: 1.0625rem;
  line-height: 1.85;
  overflow-wrap: anywhere;
}
.annual-report h1 {
  font-family: SimSun, "宋体", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif;
  font-size: 1.6rem;
  line-height: 1.5;
  text-align: center;
  margin: 0.4em 0 1em;
}
.annual-report h2 {
  font-family: SimHei, "黑体", "Noto Sans CJK SC", sans-serif;
  font-size: 1.2rem;
  margin: 1.4em 0 0.5em;
}
.annual-report h3 {
  font-family: KaiTi, "楷体", "Noto Serif CJK SC", "Noto Sans CJK SC", serif;
  font-size: 1.0625rem;
  margin: 0.8em 0 0.2em;
  text-indent: 2em;
}
.annual-report p {
  margin: 0 0 0.4em;
  text-indent: 2em;
}
.annual-report .report-meta {
  text-align: center;
  text-indent: 0;
  color: #444;
}
.annual-report .report-table-wrap {
  overflow-x: auto;
  margin: 0.6em 0 1.2em;
  -webkit-overflow-scrolling: touch;
}
.annual-report .report-table-wrap:focus-visible {
  outline: 3px solid #1d4ed8;
  outline-offset: 2px;
}
.annual-report table.report-table {
  border-collapse: collapse;
  width: 100%;
  font-family: SimSun, "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", serif;
  font-size: 0.9rem;
  line-height: 1.45;
}
.annual-report table.report-table3 { min-width: 44em; }
.annual-report table.report-table4 { min-width: 52em; }
.annual-report table.report-table2 { min-width: 30em; }
.annual-report .report-table th,
.annual-report .report-table td {
  border: 1px solid #000;
  padding: 4px 6px;
  vertical-align: middle;
  text-align: center;
  overflow-wrap: normal;
  word-break: normal;
}
.annual-report .report-table th { font-weight: 400; background: #f3f4f6; }
.annual-report .report-table th[scope="row"] { text-align: left; }
.annual-report .report-table th[scope="rowgroup"][colspan] { text-align: left; font-weight: 700; }
.annual-report .report-table td.note { font-size: 0.8rem; text-align: left; }
.annual-report .report-table td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.annual-report .report-table td.num a { color: #1d4ed8; text-decoration: underline; }
.annual-report .report-table3 th[scope="row"] { min-width: 9em; }
.annual-report .report-table3 thead th[scope="col"] { min-width: 3.4em; }
.annual-report .report-table3 td.note { width: 32%; }
.annual-report .report-table4 thead th { min-width: 2.6em; }
.annual-report .report-table caption { caption-side: top; text-align: left; }
.annual-report .report-charts { display: grid; gap: 16px; margin: 1em 0; }
.annual-report figure.report-chart { margin: 0; border: 1px solid #d1d5db; padding: 8px; }
.annual-report figure.report-chart svg { display: block; max-width: 100%; height: auto; }
.annual-report figure.report-chart figcaption { text-align: center; font-size: 0.95rem; }
.annual-report .visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
/* the checks listed above the report on the staff page: the state word in its colour */
ul.report-checks { padding-left: 1.2em; }
ul.report-checks li { margin: 0.25em 0; }
ul.report-checks li.check-fail strong { color: #b91c1c; }
ul.report-checks li.check-uncertain strong { color: #92400e; }
ul.report-checks li.check-not_assessable strong { color: #4b5563; }
ul.report-checks li.check-pass strong { color: #166534; }
@media screen and (max-width: 47.99em) {
  .annual-report .report-table-wrap:has(.report-table2, .report-table3, .report-table4)::before {
    content: "表格较宽，可左右滑动查看";
    display: block;
    position: sticky;
    left: 0;
    width: max-content;
    font-size: 0.875rem;
    color: #374151;
  }
}
@media (min-width: 48em) {
  .annual-report { padding: 40px 56px 64px; font-size: 1.125rem; }
}
@media print {
  @page { size: A4; margin: 30mm 24mm 28mm 26mm; }
  .annual-report { max-width: none; padding: 0; font-size: 14pt; line-height: 1.75; }
  .annual-report h1 { font-size: 20pt; }
  .annual-report h2 { font-size: 15pt; break-after: avoid; }
  .annual-report h3 { font-size: 14pt; break-after: avoid; }
  .annual-report .report-table-wrap { overflow: visible; }
  .annual-report table.report-table { min-width: 0; font-size: 9.5pt; }
  .annual-report .report-table3 th[scope="row"]:not([colspan]) { min-width: 12em; }
  .annual-report .report-table3 th[scope="rowgroup"] { width: 3.2em; }
  .annual-report .report-table thead { display: table-header-group; }
  .annual-report .report-table th { background: none; }
  .annual-report .report-table td.num a { color: inherit; text-decoration: none; }
  .annual-report figure.report-chart { break-inside: avoid; border: 0; }
}
`;

/** The page around the stand-alone document. */
export const REPORT_PAGE_CSS = `
html { -webkit-text-size-adjust: 100%; }
body.report-page { margin: 0; background: #fff; }
@media print { body.report-page { background: #fff; } }
`;
