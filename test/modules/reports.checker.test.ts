// The report checker without a database: parsing (spans, quirks), table mapping, text figures and
// findings on hand-written reports in real-world layouts (test/fixtures/reports/), and a .docx.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHtml, ReportReadError, readReport, sniffReport } from '../../src/modules/reports/checker.parse.js';
import { checkReadReport, type Finding, tableFigure } from '../../src/modules/reports/checker.rules.js';
import { checkReportFile, readReportFile } from '../../src/modules/reports/checker.run.js';
import { normalizeLabel, readNumber, readTables, table3RowOf } from '../../src/modules/reports/checker.tables.js';
import { readFigure, readText, sectionHeading } from '../../src/modules/reports/checker.text.js';
import type { Table2_2019, Table2_2021 } from '../../src/modules/reports/reports.types.js';
import { docxFromHtml } from './reports.checker.docx.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/reports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const states = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.key, f.state]));
const notPassing = (fs: Finding[]) => fs.filter((f) => f.state !== 'pass').map((f) => `${f.state} ${f.key}`);

describe('parse: HTML → grids with spans expanded', () => {
  it('expands colspan and rowspan; a merged cell fills every slot it covers with its origin', () => {
    const doc = parseHtml(
      '<table><tr><td rowspan="2" colspan="2">A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td><td colspan="2">E</td></tr></table>',
    );
    const g = doc.tables[0];
    assert.ok(g);
    assert.deepEqual(
      g.map((line) => line.map((c) => c?.text ?? null)),
      [
        ['A', 'A', 'B'],
        ['A', 'A', 'C'],
        ['D', 'E', 'E'],
      ],
    );
    assert.equal(g[1]?.[1], g[0]?.[0], 'the same cell object');
    assert.deepEqual([g[2]?.[2]?.row, g[2]?.[2]?.col], [2, 1]);
  });

  it('keeps text blocks in reading order around tables; skips scripts; a layout table around everything is read through', () => {
    const doc = parseHtml(
      '<html><head><title>标题</title><script>var x="一、总体情况"</script></head><body>' +
        '<table><tr><td><p>一、总体情况</p><p>正文&nbsp;一</p><table><tr><td>1</td></tr></table><p>二、主动公开政府信息情况</p></td></tr></table></body></html>',
    );
    assert.equal(doc.title, '标题');
    assert.deepEqual(doc.blocks, [
      { kind: 'text', text: '一、总体情况' },
      { kind: 'text', text: '正文 一' },
      { kind: 'table', index: 0 },
      { kind: 'text', text: '二、主动公开政府信息情况' },
    ]);
  });

  it('survives very deep markup and absurd spans without recursion or blow-up', () => {
    const deep = `${'<div>'.repeat(20_000)}深${'</div>'.repeat(20_000)}<table><tr><td rowspan="99999" colspan="99999">x</td></tr></table>`;
    const doc = parseHtml(deep);
    assert.equal(doc.blocks[0]?.kind, 'text');
    assert.ok((doc.tables[0]?.[0]?.length ?? 0) <= 80);
  });

  it('sniffs HTML and .docx by content, and refuses anything else in Chinese', async () => {
    assert.equal(sniffReport(Buffer.from('<!doctype html><p>x</p>')), 'html');
    assert.equal(sniffReport(Buffer.from('%PDF-1.7 ...')), null);
    await assert.rejects(readReport(Buffer.from('')), (e: unknown) => e instanceof ReportReadError && /文件为空/.test(e.message));
    await assert.rejects(readReport(Buffer.from('just text')), /无法识别该文件/);
    await assert.rejects(
      readReport(Buffer.from('PK\u0003\u0004word/document.xml broken zip')),
      (e: unknown) => e instanceof ReportReadError && /Word 文件/.test(e.message),
    );
  });

  it('reads a GB18030-encoded page (older portals)', async () => {
    // “统计” in GB18030 is CD B3 BC C6; a page that is not UTF-8 is decoded as GB18030
    const bytes = Buffer.concat([
      Buffer.from('<html><body><p>'),
      Buffer.from([0xcd, 0xb3, 0xbc, 0xc6]),
      Buffer.from('</p></body></html>'),
    ]);
    const { doc } = await readReport(bytes);
    assert.deepEqual(doc.blocks, [{ kind: 'text', text: '统计' }]);
  });
});

describe('tables: labels and values as printed in real reports', () => {
  it('reads full-width digits, blanks, dashes, units and thousands separators', () => {
    assert.deepEqual(readNumber('３１'), { value: 31, blank: false });
    assert.deepEqual(readNumber(' 1,234 '), { value: 1234, blank: false });
    assert.deepEqual(readNumber('251000元'), { value: 251000, blank: false });
    assert.deepEqual(readNumber('2.02'), { value: 2.02, blank: false });
    for (const blank of ['', ' ', '–', '—', '-', '－', '/', '无']) assert.deepEqual(readNumber(blank), { value: 0, blank: true });
    assert.equal(readNumber('约5'), null);
  });

  it('maps label variants to row codes (spacing, full-width digits, comma for 、, no quotes, merged group label)', () => {
    assert.equal(table3RowOf('１．属于 国家秘密'), 'withheld.state_secret');
    assert.equal(table3RowOf('（三）不予公开 1.属于国家秘密'), 'withheld.state_secret');
    assert.equal(table3RowOf('3.危及三安全一稳定'), 'withheld.three_safeties');
    assert.equal(table3RowOf('1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请'), 'other.no_correction');
    assert.equal(table3RowOf('三、本年度办理结果 （六）其他处理 3.其他'), 'other.other');
    assert.equal(table3RowOf('（六）其他处理'), 'other_2019');
    assert.equal(table3RowOf('三、本年度办理结果 （七）总计'), 'results_total');
    assert.equal(table3RowOf('（三）不予公开'), null);
    assert.equal(normalizeLabel('（二）部分公开（区分处理的，只计这一情形）'), '二部分公开区分处理的只计这一情形');
  });

  it('reads the 2021-format report: all 25 rows, table 2 with merged value cells, table 4', async () => {
    const r = await readReportFile(fixture('consistent-2022.html'));
    const t = r.tables;
    assert.equal(t.format, '2021');
    assert.deepEqual(t.missingRows, []);
    assert.deepEqual(t.problems, []);
    assert.deepEqual(t.table3?.rows.received, [28, 2, 0, 0, 1, 0, 31]);
    assert.deepEqual(t.table3?.rows['other.no_correction'], [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(t.table3?.rows.carried_over, [1, 0, 0, 0, 0, 0, 1]);
    const t2 = t.table2 as Table2_2021;
    assert.deepEqual(t2.normative_documents, { issued: 5, repealed: 1, in_force: 25 });
    assert.deepEqual([t2.licensing.decisions, t2.penalty.decisions, t2.fees.amount_wan_yuan], [120, 8, 2.02]);
    assert.deepEqual(t.table4?.reconsideration, { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    assert.deepEqual(t.table4?.litigation_direct.total, 1);
    assert.equal(t.cells['table3.received.total'], '31');
  });

  it('reads the 2019 trial format (Shanghai 2019): its table 2, the single （六） row, “–” and blank totals as 0, ３１-style digits', async () => {
    const r = await readReportFile(fixture('shanghai-2019.html'));
    const t = r.tables;
    assert.equal(t.format, '2019');
    assert.deepEqual(t.missingRows, []);
    const t2 = t.table2 as Table2_2019;
    assert.deepEqual(t2.rules, { made: 13, published: 13, total_public: 524 });
    assert.deepEqual(t2.procurement, { projects: 6, amount: 251000 });
    assert.deepEqual(t.table3?.rows.received, [821, 35, 0, 0, 2, 1, 859]);
    assert.equal(t.cells['table3.received.natural_person'], '８２１');
    assert.deepEqual(t.table3?.rows.granted, [258, 12, 0, 0, 1, 1, 0]);
    assert.ok(t.blanks.includes('table3.granted.total') && t.blanks.includes('table3.granted.research'));
    assert.deepEqual(t.table3?.rows['other.other'], [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(t.table4?.litigation_direct, { upheld: 8, corrected: 0, other: 0, pending: 1, total: 9 });
    // a blank 总计 is read as the sum of its row when the text is compared
    assert.equal(tableFigure(t, 'granted')?.value, 272);
  });

  it('a flattened table 3 (one label column, group and item in one cell) still maps every row', () => {
    const rows = [
      ['', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
      ['一、本年新收政府信息公开申请数量', '3', '', '', '', '', '', '3'],
      ['（三）不予公开 1.属于国家秘密', '1', '', '', '', '', '', '1'],
      ['（七）总计', '3', '', '', '', '', '', '3'],
    ];
    const html = `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
    const t = readTables(parseHtml(html).tables);
    assert.deepEqual(t.table3?.rows.received, [3, 0, 0, 0, 0, 0, 3]);
    assert.deepEqual(t.table3?.rows['withheld.state_secret'], [1, 0, 0, 0, 0, 0, 1]);
    assert.ok(t.missingRows.includes('carried_in'));
    assert.equal(t.table2, null);
    assert.equal(t.table4, null);
  });
});

describe('text: sections, figures, percentages, years, fees', () => {
  it('reads Chinese numerals and section headings under either title of section 四', () => {
    assert.equal(readFigure('三十一'), 31);
    assert.equal(readFigure('十四'), 14);
    assert.equal(readFigure('一百零五'), 105);
    assert.equal(sectionHeading('四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'), 4);
    assert.equal(sectionHeading('四、政府信息公开行政复议、行政诉讼情况'), 4);
    assert.equal(sectionHeading('五．存在的主要问题及改进情况'), 5);
    assert.equal(sectionHeading('三、进一步加强队伍建设'), null);
  });

  it('a part of the answered requests (按时/延期答复 N 件) is not their total', () => {
    const t = readText([{ kind: 'text', text: '办结的申请中，按时答复29件，延期答复2件，逾期未答复1件；全年答复31件。' }]);
    assert.deepEqual(
      t.figures.map((f) => [f.kind, f.value]),
      [['results_total', 31]],
    );
  });

  it('finds figures with their sentence, percentages with operands, the statistical period and fee statements', () => {
    const t = readText([
      { kind: 'text', text: '本报告所列数据的统计期限为２０２２年１月１日至２０２２年１２月３１日。' },
      { kind: 'text', text: '一、总体情况' },
      { kind: 'text', text: '全年共受理政府信息公开申请三十一件，办结31件，其中予以公开11件，占办结总数的35.5%；行政复议2起。' },
      { kind: 'text', text: '六、其他需要报告的事项' },
      { kind: 'text', text: '本年度收取信息处理费0.2万元。' },
    ]);
    assert.deepEqual(
      t.figures.map((f) => [f.kind, f.value]),
      [
        ['received', 31],
        ['granted', 11],
        ['results_total', 31],
        ['reconsideration', 2],
      ],
    );
    assert.deepEqual(
      t.percents.map((p) => [p.value, p.decimals, p.numerator, p.denominator, p.denominatorKind]),
      [[35.5, 1, 11, null, 'results_total']],
    );
    assert.deepEqual(
      t.years.map((y) => [y.year, y.statPeriod]),
      [
        [2022, true],
        [2022, true],
      ],
    );
    assert.deepEqual(
      t.fees.map((f) => [f.kind, f.amountYuan, f.sentence.section]),
      [['charged', 2000, 6]],
    );
    assert.deepEqual(
      t.sections.map((s) => s.number),
      [1, 6],
    );
  });
});

describe('findings on whole reports', () => {
  it('the consistent 2021-format report: every check passes (carried-in not assessable without last year)', async () => {
    const r = await checkReportFile(fixture('consistent-2022.html'));
    assert.equal(r.format, '2021');
    assert.equal(r.year, 2022);
    assert.deepEqual(notPassing(r.findings), ['not_assessable table3.carried_in']);
    assert.match(r.findings.find((f) => f.key === 'text.figures')?.message ?? '', /正文中12处数字与表格一致/);
  });

  it('the deliberately inconsistent report: each planted inconsistency is found, and nothing else', async () => {
    const r = await checkReportFile(fixture('inconsistent-2023.html'), { previous: fixture('consistent-2022.html') });
    assert.equal(r.year, 2023);
    assert.deepEqual(notPassing(r.findings).sort(), [
      'fail table3.balance',
      'fail table3.carried_in',
      'fail table4.totals',
      'fail text.fees',
      'fail text.figure:received:8',
      'fail text.percent:9:0',
      'fail text.period',
      'fail text.section5',
    ]);
    const by = (key: string) => r.findings.find((f) => f.key === key) as Finding;
    // every message names the figures that disagree, with its evidence
    assert.match(by('text.figure:received:8').message, /写32，而表三“一、本年新收政府信息公开申请数量”总计为31/);
    assert.deepEqual(by('text.figure:received:8').evidence?.cells, [{ ref: 'table3.received.total', value: 31 }]);
    assert.match(by('text.figure:received:8').evidence?.sentences?.[0] ?? '', /受理政府信息公开申请32件/);
    assert.match(by('table3.balance').message, /“自然人”列不平衡：本年新收28＋上年结转2＝30，而办理结果总计29＋结转下年度2＝31/);
    assert.match(by('table3.carried_in').message, /上年结转为2，而导入的上一年度年报结转下年度为1/);
    assert.match(by('table4.totals').message, /“行政复议”总计为3，而维持、纠正、其他、尚未审结之和为2/);
    assert.match(by('text.percent:9:0').message, /写40%，而11÷32＝34\.4%/);
    assert.match(by('text.period').message, /统计期限写的是2022年，而报告年度为2023年/);
    assert.match(by('text.section5').message, /部分为空（仅写“无”）/);
    assert.match(by('text.fees').message, /第六部分称未收取费用，而正文“办理过程中共收取信息处理费200元。”写收取了200元/);
  });

  it('the 2019-format report (Shanghai 2019): consistent, its blank 总计 cells reported once as uncertain', async () => {
    const r = await checkReportFile(fixture('shanghai-2019.html'));
    assert.equal(r.format, '2019');
    assert.deepEqual(notPassing(r.findings), ['uncertain table3.blank_totals', 'not_assessable table3.carried_in']);
    assert.match(r.findings[0]?.message ?? '', /（一）予以公开（272）/);
  });

  it('carried-in passes against last year’s matching carried-over row', async () => {
    const r = await checkReportFile(fixture('consistent-2022.html'), {
      previous: { carriedOver: [2, 0, 0, 0, 0, 0, 2], source: 'published' },
    });
    assert.equal(states(r.findings)['table3.carried_in'], 'pass');
  });

  it('a report without tables or sections: not assessable, each with a clear message; text figures uncertain', async () => {
    const html =
      '<html><body><h1>某局2022年政府信息公开工作年度报告</h1><p>本年共受理政府信息公开申请5件，占全部申请的50%。</p></body></html>';
    const r = await checkReportFile(Buffer.from(html));
    const s = states(r.findings);
    for (const k of [
      'table2.missing',
      'table3.missing',
      'table4.missing',
      'table3.balance',
      'table4.totals',
      'text.sections',
      'text.fees',
    ])
      assert.equal(s[k], 'not_assessable', k);
    assert.equal(s['text.figure:received:1'], 'uncertain');
    assert.equal(s['text.percent:1:0'], 'uncertain');
    assert.equal(s['text.section5'], 'fail');
    assert.equal(s['text.period'], 'uncertain');
    assert.match(r.findings.find((f) => f.key === 'table3.missing')?.message ?? '', /未找到表三/);
  });

  it('a year of another report in the text is flagged; next year’s plans and last year’s comparisons are not', async () => {
    const base = readReportFileSync();
    const r = checkReadReport({
      ...base,
      text: readText([
        { kind: 'text', text: '本报告所列数据的统计期限为2022年1月1日至2022年12月31日。' },
        { kind: 'text', text: '2021年，本局继续推进政务公开。' },
        { kind: 'text', text: '2023年，将进一步加强政策解读。' },
        { kind: 'text', text: '与2021年相比，申请数量有所增加。' },
      ]),
    });
    assert.deepEqual(
      r.filter((f) => f.code === 'text.year').map((f) => [f.key, f.state]),
      [['text.year:1', 'uncertain']],
    );
  });

  it('a .docx written with the docx package (merged cells) reads as its HTML does', async () => {
    const html = fixture('inconsistent-2023.html').toString('utf8');
    const docx = await docxFromHtml(html, '某区住房和城乡建设局2023年政府信息公开工作年度报告');
    assert.equal(sniffReport(docx), 'docx');
    const fromDocx = await checkReportFile(docx, { previous: fixture('consistent-2022.html') });
    const fromHtml = await checkReportFile(Buffer.from(html), { previous: fixture('consistent-2022.html') });
    assert.equal(fromDocx.format, '2021');
    assert.equal(fromDocx.year, 2023);
    assert.deepEqual(fromDocx.tables, fromHtml.tables);
    assert.deepEqual(
      fromDocx.findings.map((f) => [f.code, f.state]),
      fromHtml.findings.map((f) => [f.code, f.state]),
    );
  });
});

/** A read report with empty tables, for text-only rule tests. */
function readReportFileSync() {
  return { title: '', year: 2022, tables: readTables([]), text: readText([]) };
}
