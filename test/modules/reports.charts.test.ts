// The report's charts: ECharts server-side SVG with the figures' labels and values in the drawing
// and in an accessible name (role="img", <title>, <desc>), no style attributes or <style> (CSP).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAll, findOne, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import {
  accessibleSvg,
  applicantChart,
  outcomeChart,
  outcomeFigures,
  reportCharts,
  yearsChart,
} from '../../src/modules/reports/reports.charts.js';
import { renderReportHtml } from '../../src/modules/reports/reports.html.js';
import { report2019, report2021, reportPre2019 } from '../fixtures/reports/reports.fixtures.js';

/** The texts drawn in an SVG (<text> elements), and its root's attributes. */
function svgParts(svg: string) {
  const doc = parseDocument(svg, { xmlMode: true });
  const root = findOne((e) => e.name === 'svg', doc.children, true);
  assert.ok(root, 'an <svg> root');
  return {
    root: root.attribs,
    title: textContent(findOne((e) => e.name === 'title', root.children, false) ?? root.children[0] ?? []),
    texts: findAll((e) => e.name === 'text', root.children).map((e) => textContent(e)),
  };
}

test('by outcome: the six groups with the 总计 figures of table 3 (Shanghai 2019)', () => {
  const t3 = report2019().table3;
  assert.deepEqual(outcomeFigures(t3), [
    { label: '予以公开', value: 272 },
    { label: '部分公开', value: 3 },
    { label: '不予公开', value: 35 },
    { label: '无法提供', value: 337 },
    { label: '不予处理', value: 158 },
    { label: '其他处理', value: 0 },
  ]);
  const chart = outcomeChart(t3);
  const { root, title, texts } = svgParts(chart.svg);
  assert.equal(root.role, 'img');
  assert.equal(title, '本年度政府信息公开申请办理结果');
  assert.equal(
    root['aria-label'],
    '本年度政府信息公开申请办理结果。予以公开272件，部分公开3件，不予公开35件，无法提供337件，不予处理158件，其他处理0件。',
  );
  for (const label of ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理'])
    assert.ok(texts.includes(label), label);
  for (const value of ['272', '3', '35', '337', '158']) assert.ok(texts.includes(value), value);
  assert.ok(!/ style="|<style/.test(chart.svg), 'no inline styles');
  assert.match(chart.svg, /font-family="'Noto Sans CJK SC'/);
});

test('by applicant type: the 一、本年新收 row per column', () => {
  const { root, texts } = svgParts(applicantChart(report2019().table3).svg);
  assert.match(root['aria-label'] ?? '', /自然人821件，商业企业35件，科研机构0件，社会公益组织0件，法律服务机构2件，其他组织1件/);
  for (const t of ['自然人', '商业企业', '法律服务机构', '其他组织', '821', '35']) assert.ok(texts.includes(t), t);
});

test('year over year: received and closed per year, in a line chart with a legend', () => {
  const chart = yearsChart([
    { year: 2021, received: 40, closed: 38 },
    { year: 2022, received: 52, closed: 50 },
    { year: 2023, received: 571, closed: 560 },
  ]);
  const { root, texts } = svgParts(chart.svg);
  assert.equal(
    root['aria-label'],
    `${chart.title}。2021年收到40件、办结38件；2022年收到52件、办结50件；2023年收到571件、办结560件。`,
  );
  for (const t of ['2021年', '2023年', '收到申请', '办结', '40', '571', '560']) assert.ok(texts.includes(t), t);
});

test('reportCharts: two charts (three with earlier years); none for pre-2019 without years; placed in the HTML', () => {
  assert.equal(reportCharts(report2021()).length, 2);
  const years = [
    { year: 2022, received: 1, closed: 1 },
    { year: 2023, received: 2, closed: 2 },
  ];
  assert.equal(reportCharts(report2021(), years).length, 3);
  assert.equal(reportCharts(reportPre2019()).length, 0);
  const html = renderReportHtml(report2021(), { charts: reportCharts(report2021(), years) });
  assert.equal((html.match(/<svg /g) ?? []).length, 3);
  assert.equal((html.match(/role="img"/g) ?? []).length, 3);
});

test('accessibleSvg escapes the title and summary', () => {
  const svg = accessibleSvg('<svg width="1"></svg>', 'a<b', 'c&"d"');
  assert.equal(
    svg,
    '<svg width="1" role="img" aria-label="a&lt;b。c&amp;&quot;d&quot;"><title>a&lt;b</title><desc>c&amp;&quot;d&quot;</desc></svg>',
  );
});
