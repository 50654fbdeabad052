// The annual report as .docx, read back with mammoth (a docx reader): every table's cells, in
// order, with their merged cells (colspan from gridSpan, rowspan from vertical merge), equal the
// golden grids of norms.md §2.4 and the report's figures; headings and paragraphs in order; A4
// with CJK fonts. (jszip comes with docx and mammoth; used here to read the raw XML.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { TABLE3_ROW_CODES } from '../../src/modules/reports/reports.codes.js';
import { renderReportDocx } from '../../src/modules/reports/reports.docx.js';
import {
  asGolden,
  assertInOrder,
  goldenTable2_2019Shanghai,
  goldenTable2_2021,
  goldenTable3,
  goldenTable4,
  parseTables,
} from '../fixtures/reports/golden.js';
import { cell2021, PRE2019_STATISTICS, report2019, report2021, reportPre2019 } from '../fixtures/reports/reports.fixtures.js';

async function readBack(buffer: Buffer) {
  const { value } = await mammoth.convertToHtml({ buffer });
  return { html: value, tables: parseTables(value).map(asGolden) };
}

describe('.docx round trip through mammoth', () => {
  test('2021: tables 2, 3, 4 cell by cell with their spans; 25 data rows of table 3', async () => {
    const buffer = await renderReportDocx(report2021());
    assert.equal(buffer.subarray(0, 2).toString(), 'PK');
    const { tables } = await readBack(buffer);
    assert.equal(tables.length, 3);
    assert.deepEqual(
      tables[0],
      goldenTable2_2021({ rules: [1, 2, 3], normative: [4, 5, 6], licensing: 7, penalty: 8, compulsion: 9, fees: '2.02' }),
    );
    const values = TABLE3_ROW_CODES.map((_, r) => [0, 1, 2, 3, 4, 5, 6].map((c) => cell2021(r, c)));
    assert.deepEqual(tables[1], goldenTable3('2021', values));
    assert.equal(tables[1]?.length, 28);
    assert.deepEqual(tables[2], goldenTable4([11, 12, 13, 14, 60, 21, 22, 23, 24, 110, 31, 32, 33, 34, 160]));
  });

  test('2019: the trial table 2, 23 rows of table 3 with （六） as the sum, table 4', async () => {
    const report = report2019({ 'other.fee_unpaid': [0, 2, 0, 0, 0, 0, 2], 'other.other': [3, 0, 0, 0, 1, 0, 4] });
    const { tables } = await readBack(await renderReportDocx(report));
    assert.equal(tables.length, 3);
    assert.deepEqual(tables[0], goldenTable2_2019Shanghai());
    assert.equal(tables[1]?.length, 26);
    const other = tables[1]?.find((r) => Array.isArray(r[0]) && r[0][0] === '（六）其他处理');
    assert.deepEqual(other, [['（六）其他处理', 2], '3', '2', '0', '0', '1', '0', '6']);
    const threeRow = tables[1]?.[5];
    assert.deepEqual(threeRow?.[0], ['三、本年度办理结果', 1, 20]);
    assert.deepEqual(tables[2]?.[3], ['5', '0', '0', '2', '7', '8', '0', '0', '1', '9', '0', '0', '0', '0', '0']);
  });

  test('headings and paragraphs in order; sub-headings as level 2', async () => {
    const { html } = await readBack(await renderReportDocx(report2021()));
    assertInOrder(html, [
      '示范市市场监督管理局2023年政府信息公开工作年度报告',
      '<h1>一、总体情况</h1>',
      '（一）主动公开',
      '<h1>二、主动公开政府信息情况</h1>',
      '<h1>三、收到和处理政府信息公开申请情况</h1>',
      '<h1>六、其他需要报告的事项</h1>',
      '本年未收取信息处理费。',
    ]);
    assert.match(html, /<h2>(<strong>)?（五）监督保障/);
  });

  test('pre-2019: the narrative and the annex table, no national tables', async () => {
    const { html, tables } = await readBack(await renderReportDocx(reportPre2019(), { statistics: PRE2019_STATISTICS }));
    assert.equal(tables.length, 1);
    assert.deepEqual(tables[0]?.[0], ['统计指标', '数值']);
    assert.deepEqual(tables[0]?.at(-1), ['政府信息公开专项经费（万元）', '—']);
    assert.ok(html.includes('<h1>七、其他需要报告的事项</h1>'));
  });

  test('A4, CJK fonts (仿宋 body with eastAsia), repeated head rows, text escaped', async () => {
    const report = report2021();
    report.organ.name = '<b>&局';
    const zip = await JSZip.loadAsync(await renderReportDocx(report));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(xml, /w:eastAsia="仿宋"/);
    assert.match(xml, /w:eastAsia="宋体"/);
    assert.equal((xml.match(/<w:tblHeader\/>|<w:tblHeader w:val="true"\/>/g) ?? []).length, 6); // 3 head rows, tables 3 and 4
    assert.ok(xml.includes('&lt;b&gt;&amp;局2023年'));
    // real merged cells: 13 vertical merges (table 3: 8, table 4: 5) continued over 45 cells below
    assert.equal((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length, 13);
    assert.equal((xml.match(/<w:vMerge w:val="continue"\/>/g) ?? []).length, 2 + 1 + 1 + 21 + 7 + 2 + 4 + 2 + 5);
    assert.equal((xml.match(/<w:gridSpan w:val="10"\/>/g) ?? []).length, 1); // 行政诉讼
    const { html } = await readBack(await renderReportDocx(report));
    assert.ok(html.includes('&lt;b&gt;&amp;局2023年政府信息公开工作年度报告'));
  });
});
