// The annual report as HTML: golden tests of tables 2–4 (every label, colspan and rowspan, the
// number of data rows and cells) against norms.md §2.4 for the 2021 and 2019 formats, the 2019
// （六） row as the sum of other.*, drill-down links, escaping, the stand-alone document, sections
// and sub-headings, the pre-2019 narrative with its annex, and where charts go.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TABLE3_ROW_CODES } from '../../src/modules/reports/reports.codes.js';
import { formatFigure, table3Grid, textBlocks } from '../../src/modules/reports/reports.grid.js';
import { renderReportHtml } from '../../src/modules/reports/reports.html.js';
import {
  asGolden,
  assertInOrder,
  goldenTable2_2019Shanghai,
  goldenTable2_2021,
  goldenTable3,
  goldenTable4,
  parseTable,
} from '../fixtures/reports/golden.js';
import { cell2021, PRE2019_STATISTICS, report2019, report2021, reportPre2019 } from '../fixtures/reports/reports.fixtures.js';

const SHANGHAI_T3 = [
  [821, 35, 0, 0, 2, 1, 859],
  [18, 0, 0, 0, 0, 0, 18],
  [258, 12, 0, 0, 1, 1, 272],
  [3, 0, 0, 0, 0, 0, 3],
  [14, 0, 0, 0, 0, 0, 14],
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0],
  [5, 0, 0, 0, 0, 0, 5],
  [3, 1, 0, 0, 0, 0, 4],
  [0, 0, 0, 0, 0, 0, 0],
  [10, 2, 0, 0, 0, 0, 12],
  [252, 12, 0, 0, 1, 0, 265],
  [44, 3, 0, 0, 0, 0, 47],
  [25, 0, 0, 0, 0, 0, 25],
  [148, 1, 0, 0, 0, 0, 149],
  [5, 4, 0, 0, 0, 0, 9],
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0], // （六）其他处理
  [767, 35, 0, 0, 2, 1, 805],
  [72, 0, 0, 0, 0, 0, 72],
];
export const SHANGHAI_T4 = [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0];
const T4_2021 = [11, 12, 13, 14, 60, 21, 22, 23, 24, 110, 31, 32, 33, 34, 160];
const values2021 = () => TABLE3_ROW_CODES.map((_, r) => [0, 1, 2, 3, 4, 5, 6].map((c) => cell2021(r, c)));

describe('2021 format tables', () => {
  const html = renderReportHtml(report2021());

  test('table 2: four blocks, labels and spans as norms.md §2.4.1, fees as a decimal', () => {
    const rows = parseTable(html, 'report-table2');
    assert.deepEqual(
      asGolden(rows),
      goldenTable2_2021({ rules: [1, 2, 3], normative: [4, 5, 6], licensing: 7, penalty: 8, compulsion: 9, fees: '2.02' }),
    );
    assert.equal(rows[0]?.[0]?.scope, 'rowgroup');
    assert.equal(rows[1]?.[1]?.scope, 'col');
    assert.equal(rows[2]?.[0]?.scope, 'row');
  });

  test('table 3: 3 head rows, 25 data rows of 7 figures, rowspan 22 on 三、本年度办理结果', () => {
    const rows = parseTable(html, 'report-table3');
    assert.equal(rows.length, 28);
    assert.deepEqual(asGolden(rows), goldenTable3('2021', values2021()));
    for (const row of rows.slice(3)) assert.equal(row.filter((c) => c.tag === 'td').length, 7);
    for (const row of rows.slice(3)) for (const c of row.filter((x) => x.tag === 'th')) assert.ok(c.scope);
  });

  test('table 4: 3 head rows, one row of 15 figures', () => {
    const rows = parseTable(html, 'report-table4');
    assert.deepEqual(asGolden(rows), goldenTable4(T4_2021));
    assert.equal(rows[3]?.filter((c) => c.tag === 'td').length, 15);
  });
});

describe('2019 trial format tables (Shanghai 2019, norms.md §2.6)', () => {
  const html = renderReportHtml(report2019());

  test('table 2: five blocks; the (八) and (九) items span their last column over the width', () => {
    assert.deepEqual(asGolden(parseTable(html, 'report-table2')), goldenTable2_2019Shanghai());
  });

  test('table 3: 23 data rows, rowspan 20, a single （六）其他处理 row', () => {
    const rows = parseTable(html, 'report-table3');
    assert.equal(rows.length, 26);
    assert.deepEqual(asGolden(rows), goldenTable3('2019', SHANGHAI_T3));
  });

  test('table 3: the （六） row holds the sum of the three other.* rows', () => {
    const report = report2019({
      'other.no_correction': [1, 0, 0, 0, 0, 0, 1],
      'other.fee_unpaid': [0, 2, 0, 0, 0, 0, 2],
      'other.other': [3, 0, 0, 0, 1, 0, 4],
    });
    const rows = parseTable(renderReportHtml(report), 'report-table3');
    const other = rows.find((r) => r[0]?.text === '（六）其他处理');
    assert.deepEqual(
      other?.slice(1).map((c) => c.text),
      ['4', '2', '0', '0', '1', '0', '7'],
    );
    assert.equal(table3Grid(report.table3, '2021').bodies[0]?.length, 25);
  });

  test('table 4: the Shanghai row, zeros written as 0', () => {
    assert.deepEqual(asGolden(parseTable(html, 'report-table4')), goldenTable4(SHANGHAI_T4));
  });
});

describe('the document', () => {
  test('every figure links to its records for staff (table2/3/4 refs; the 2019 （六） row as table3.other.*)', () => {
    const href = (ref: string) => `/staff/reports/drill?ref=${encodeURIComponent(ref)}`;
    const t3 = parseTable(renderReportHtml(report2021(), { cellHref: href }), 'report-table3');
    assert.equal(t3[5]?.find((c) => c.tag === 'td')?.href, href('table3.granted.natural_person'));
    assert.equal(t3[26]?.at(-1)?.href, href('table3.results_total.total'));
    const html2019 = renderReportHtml(report2019(), { cellHref: href });
    const other = parseTable(html2019, 'report-table3').find((r) => r[0]?.text === '（六）其他处理');
    assert.equal(other?.[1]?.href, href('table3.other.natural_person'));
    assert.equal(parseTable(html2019, 'report-table2')[17]?.[2]?.href, href('table2.procurement.amount'));
    assert.equal(parseTable(html2019, 'report-table4')[3]?.[9]?.href, href('table4.litigation_direct.total'));
    const links = parseTable(html2019, 'report-table3')
      .flat()
      .filter((c) => c.href);
    assert.equal(links.length, 23 * 7);
    // without the option, no links
    assert.ok(!renderReportHtml(report2019()).includes('<a '));
  });

  test('escapes text: an organ name with <script> and a section with markup', () => {
    const report = report2021();
    report.organ.name = '<script>alert(1)</script>局';
    report.sections = [{ key: 'problems', heading: '五、存在的主要问题及改进情况', text: '<img src=x onerror=alert(1)>' }];
    const html = renderReportHtml(report);
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;script>alert(1)&lt;/script>局2023年政府信息公开工作年度报告'));
  });

  test('stand-alone: zh-CN, title, inline A4 print styles, no external assets; or a linked stylesheet', () => {
    const html = renderReportHtml(report2021());
    assert.ok(html.startsWith('<!doctype html><html lang="zh-CN">'));
    assert.ok(html.includes('<title>示范市市场监督管理局2023年政府信息公开工作年度报告</title>'));
    assert.ok(html.includes('<h1 id="report-title">示范市市场监督管理局2023年政府信息公开工作年度报告</h1>'));
    assert.match(html, /@page \{ size: A4;/);
    assert.match(html, /th\[scope="row"\]/); // the stylesheet is raw text, not escaped
    assert.ok(!/<link|<script|\ssrc=|url\(/.test(html));
    const linked = renderReportHtml(report2021(), { stylesheetHref: '/static/reports.css' });
    assert.ok(linked.includes('<link rel="stylesheet" href="/static/reports.css"/>'));
    assert.ok(!linked.includes('<style'));
  });

  test('sections in order, sub-headings as h3, tables under their headings; missing table sections put back', () => {
    const html = renderReportHtml(report2021());
    assertInOrder(html, [
      '一、总体情况',
      'id="report-table2"',
      'id="report-table3"',
      'id="report-table4"',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    for (const h of ['（一）主动公开', '（二）依申请公开', '（五）监督保障']) assert.ok(html.includes(`<h3>${h}</h3>`), h);
    assert.ok(html.includes('<p>本年新收政府信息公开申请571件，均已按时答复。</p>'));
    // the 2019 fixture has no table sections: they are put back between 一 and 五
    const h2019 = renderReportHtml(report2019());
    assertInOrder(
      h2019,
      ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理', '四、政府信息公开行政复议', '五、存在的主要问题'].map(
        (x) => `>${x}`,
      ),
    );
  });

  test('charts go after table 3, before section 四', () => {
    const html = renderReportHtml(report2021(), {
      charts: [{ svg: '<svg role="img"><title>t</title></svg>', title: '按办理结果' }],
    });
    const chart = html.indexOf('<figure class="report-chart">');
    assert.ok(chart > html.indexOf('id="report-table3"') && chart < html.indexOf('id="report-table4"'));
    assert.ok(html.includes('<figcaption>按办理结果</figcaption>'));
  });

  test('pre-2019: the narrative sections, no national tables, the annex table of named figures', () => {
    const html = renderReportHtml(reportPre2019(), { statistics: PRE2019_STATISTICS });
    assert.ok(!html.includes('id="report-table3"'));
    assert.ok(html.includes('<h2 id="report-s7">七、其他需要报告的事项</h2>'));
    assert.ok(html.includes('<h3>一、公开深度不够</h3>'));
    const annex = asGolden(parseTable(html, 'report-statistics'));
    assert.deepEqual(annex[0], ['统计指标', '数值']);
    assert.deepEqual(annex[1], ['主动公开政府信息数（条）', '482']);
    assert.deepEqual(annex.at(-1), ['政府信息公开专项经费（万元）', '—']);
    assert.equal(annex.length, PRE2019_STATISTICS.length + 1);
  });
});

describe('textBlocks', () => {
  test('paragraphs by blank lines; （一）/一、 lines are sub-headings; a run-on heading ends at 。', () => {
    assert.deepEqual(textBlocks('甲。\n乙。\n\n（一）主动公开\n丙。\n\n二、依申请公开。本年31件。\n\n  \n'), [
      { kind: 'p', text: '甲。乙。' },
      { kind: 'heading', text: '（一）主动公开' },
      { kind: 'p', text: '丙。' },
      { kind: 'heading', text: '二、依申请公开' },
      { kind: 'p', text: '本年31件。' },
    ]);
    assert.deepEqual(textBlocks(''), []);
  });
});

test('formatFigure: zeros as 0, decimals as given, no floating-point noise, blank for no figure', () => {
  assert.deepEqual([0, 2.02, 0.1 + 0.2, -3, 251000, null].map(formatFigure), ['0', '2.02', '0.3', '-3', '251000', '']);
});
