// Charts of the annual report as SVG strings (PURE: ECharts rendered on the server, no DOM, no
// files): requests by outcome (table 3's outcome groups), requests by applicant type (table 3's
// 一、本年新收 row) and year over year. Each SVG is accessible (role="img", <title> and <desc>,
// aria-label summarising every figure) and carries its styles as presentation attributes, so it
// renders under a CSP without inline styles. Text is Chinese; fonts fall back to Noto Sans CJK SC.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { APPLICANT_COLUMNS, TABLE3_GROUPS, TABLE3_ROWS, type Table3Row } from './reports.codes.js';
import type { ReportChart } from './reports.html.js';
import type { AnnualReport, Table3 } from './reports.types.js';

export const CHART_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
/** ECharts, loaded on first use: it takes ~0.4 s to load, and every command and server start paid it. */
let echartsLib: typeof Echarts | undefined;
const echarts = (): typeof Echarts => {
  echartsLib ??= createRequire(import.meta.url)('echarts') as typeof Echarts;
  return echartsLib;
};
const COLORS = ['#1d4ed8', '#b45309', '#047857', '#9333ea', '#be123c', '#475569', '#0e7490'];

export interface ChartSize {
  width?: number;
  height?: number;
}

/** One year's requests for the year-over-year chart. */
export interface YearPoint {
  year: number;
  received: number;
  closed: number;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders an ECharts option to an SVG string (server side, no animation) and makes it accessible. */
export function renderChartSvg(option: Echarts.EChartsOption, title: string, summary: string, size: ChartSize = {}): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: size.width ?? 640, height: size.height ?? 360 });
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: CHART_FONT, color: '#1f2937' },
      ...option,
    });
    return accessibleSvg(chart.renderToSVGString(), title, summary);
  } finally {
    chart.dispose();
  }
}

/** Adds role, label, <title> and <desc> to the root <svg>, turns style="" attributes into
 * presentation attributes and drops the hover <style> (a CSP without 'unsafe-inline' refuses both). */
export function accessibleSvg(svg: string, title: string, summary: string): string {
  const label = escapeXml(`${title}。${summary}`);
  const withStyles = svg.replace(/<style\b[\s\S]*?<\/style>\s*/g, '').replace(/ style="([^"]*)"/g, (_, css: string) =>
    css
      .split(';')
      .map((decl) => decl.trim())
      .filter(Boolean)
      .map((decl) => {
        const i = decl.indexOf(':');
        const prop = decl.slice(0, i).trim();
        const value = decl.slice(i + 1).trim();
        return PRESENTATION.has(prop) ? ` ${prop}="${value.replace(/"/g, "'")}"` : '';
      })
      .join(''),
  );
  return withStyles.replace(
    /<svg\b([^>]*)>/,
    `<svg$1 role="img" aria-label="${label}"><title>${escapeXml(title)}</title><desc>${escapeXml(summary)}</desc>`,
  );
}

const PRESENTATION = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'opacity',
  'text-anchor',
  'dominant-baseline',
]);

/** A row label without its numbering and its note: '（二）部分公开（区分处理的…）' → '部分公开'. */
const shortLabel = (label: string) => label.replace(/^（[一二三四五六七]）/, '').replace(/（.*$/, '');

const totalOf = (t: Table3, row: Table3Row) => {
  const i = t.columns.indexOf('total');
  return i >= 0 ? (t.rows[row]?.[i] ?? 0) : 0;
};

/** Table 3's outcome groups with their 总计 figures: 予以公开, 部分公开, 不予公开 … 其他处理. */
export function outcomeFigures(t: Table3): Array<{ label: string; value: number }> {
  const label = Object.fromEntries(TABLE3_ROWS) as Record<string, string>;
  const single = (row: Table3Row) => ({ label: shortLabel(label[row] ?? row), value: totalOf(t, row) });
  const groups = TABLE3_GROUPS.map(([group, groupLabel]) => ({
    label: shortLabel(groupLabel),
    value: TABLE3_ROWS.filter(([code]) => code.startsWith(`${group}.`)).reduce((s, [code]) => s + totalOf(t, code), 0),
  }));
  return [single('granted'), single('partial'), ...groups];
}

const summarise = (items: Array<{ label: string; value: number }>, unit: string) =>
  items.map((x) => `${x.label}${x.value}${unit}`).join('，');

/** Bar chart: the year's closed requests by outcome group (table 3, 总计 column). */
export function outcomeChart(t: Table3, size?: ChartSize): ReportChart {
  const items = outcomeFigures(t);
  const title = '本年度政府信息公开申请办理结果';
  const summary = `${summarise(items, '件')}。`;
  const svg = renderChartSvg(
    {
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: items.map((x) => x.label), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: '件', minInterval: 1 },
      series: [{ type: 'bar', data: items.map((x) => x.value), label: { show: true, position: 'top' } }],
    },
    title,
    summary,
    size,
  );
  return { svg, title };
}

/** Horizontal bar chart: the year's new requests (一、本年新收) by applicant type. */
export function applicantChart(t: Table3, size?: ChartSize): ReportChart {
  const received = t.rows.received ?? [];
  const items = APPLICANT_COLUMNS.filter(([c]) => c !== 'total').map(([c, label]) => {
    const i = t.columns.indexOf(c);
    return { label: c === 'other_org' ? '其他组织' : label, value: i >= 0 ? (received[i] ?? 0) : 0 };
  });
  const title = '本年新收政府信息公开申请的申请人类型';
  const summary = `${summarise(items, '件')}。`;
  const svg = renderChartSvg(
    {
      grid: { left: 100, right: 48, top: 16, bottom: 32 },
      yAxis: { type: 'category', data: items.map((x) => x.label), inverse: true },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: items.map((x, i) => ({ value: x.value, itemStyle: { color: COLORS[i % COLORS.length] } })),
          label: { show: true, position: 'right' },
        },
      ],
    },
    title,
    summary,
    size,
  );
  return { svg, title };
}

/** Line chart: requests received and closed, year over year (years in the order given). */
export function yearsChart(points: YearPoint[], size?: ChartSize): ReportChart {
  const title = '历年政府信息公开申请收到和办结情况';
  const summary = `${points.map((p) => `${p.year}年收到${p.received}件、办结${p.closed}件`).join('；')}。`;
  const svg = renderChartSvg(
    {
      grid: { left: 48, right: 24, top: 48, bottom: 32 },
      legend: { data: ['收到申请', '办结'], top: 8 },
      xAxis: { type: 'category', data: points.map((p) => `${p.year}年`) },
      yAxis: { type: 'value', name: '件', minInterval: 1 },
      series: [
        { name: '收到申请', type: 'line', data: points.map((p) => p.received), label: { show: true } },
        { name: '办结', type: 'line', data: points.map((p) => p.closed), label: { show: true, position: 'bottom' } },
      ],
    },
    title,
    summary,
    size,
  );
  return { svg, title };
}

/** The report's charts for the HTML (after table 3): by outcome, by applicant type, and, when
 * earlier years are given, year over year. None for the pre-2019 style (it has no table 3). */
export function reportCharts(report: AnnualReport, years: YearPoint[] = [], size?: ChartSize): ReportChart[] {
  if (report.format === 'pre2019') return years.length > 1 ? [yearsChart(years, size)] : [];
  const charts = [outcomeChart(report.table3, size), applicantChart(report.table3, size)];
  if (years.length > 1) charts.push(yearsChart(years, size));
  return charts;
}
