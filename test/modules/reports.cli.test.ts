// `gongkai report annual|aggregate`, run as a user runs it: a child process on a real database
// (SQLite file, or PostgreSQL with TEST_DATABASE_URL), records imported with `gongkai import`.
// The JSON is checked against the contract of report-format.md, written out here independently.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bundled } from '../support/bundle.js';
import { type TestDb, testDb } from '../support/db.js';

function gongkai(url: string, args: string[]) {
  const r = spawnSync(process.execPath, [bundled('cli'), ...args], {
    env: { ...process.env, DATABASE_URL: url, GONGKAI_SECRET: 'cli-test-secret-cli-test-secret-0123456789' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// report-format.md, "Applicant types" and "Table 3 rows", in order
const COLUMNS = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org', 'total'];
const ROWS = [
  'received',
  'carried_in',
  'granted',
  'partial',
  'withheld.state_secret',
  'withheld.law_prohibits',
  'withheld.three_safeties',
  'withheld.third_party',
  'withheld.internal_affairs',
  'withheld.process_info',
  'withheld.enforcement_file',
  'withheld.query_matter',
  'unable.not_held',
  'unable.needs_creation',
  'unable.still_unclear',
  'declined.petition',
  'declined.duplicate',
  'declined.publication',
  'declined.excessive',
  'declined.confirmation',
  'other.no_correction',
  'other.fee_unpaid',
  'other.other',
  'results_total',
  'carried_over',
];
const TABLE4 = {
  groups: ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'],
  columns: ['upheld', 'corrected', 'other', 'pending', 'total'],
};
const TABLE2_2021 = {
  rules: ['issued', 'repealed', 'in_force'],
  normative_documents: ['issued', 'repealed', 'in_force'],
  licensing: ['decisions'],
  penalty: ['decisions'],
  compulsion: ['decisions'],
  fees: ['amount_wan_yuan'],
};
// norms.md §2.4.2, the 2019 trial format
const TABLE2_2019 = {
  rules: ['made', 'published', 'total_public'],
  normative_documents: ['made', 'published', 'total_public'],
  licensing: ['previous_items', 'change', 'decisions'],
  other_services: ['previous_items', 'change', 'decisions'],
  penalty: ['previous_items', 'change', 'decisions'],
  compulsion: ['previous_items', 'change', 'decisions'],
  fees: ['previous_items', 'change'],
  procurement: ['projects', 'amount'],
};

const shape = (o: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Object.keys(v)]));

describe('gongkai report', () => {
  let db: TestDb;
  let dir: string;
  before(async () => {
    db = await testDb();
    dir = mkdtempSync(join(tmpdir(), 'gongkai-report-cli-'));
    for (const args of [
      ['organ', 'add', '--code', 'gx', '--name', '广西壮族自治区人民政府', '--kind', 'government'],
      ['organ', 'add', '--code', 'zjt', '--name', '自治区住房和城乡建设厅', '--parent', 'gx'],
      ['organ', 'add', '--code', 'nn', '--name', '南宁市人民政府', '--parent', 'gx', '--kind', 'government'],
      ['organ', 'add', '--code', 'nnzj', '--name', '南宁市住房和城乡建设局', '--parent', 'nn'],
    ]) {
      const r = gongkai(db.url, args);
      assert.equal(r.code, 0, r.stderr);
    }
    const file = (name: string, lines: string[]) => {
      const p = join(dir, name);
      writeFileSync(p, ['reference,received_on,applicant_type,channel,closed_on,outcome', ...lines].join('\n'));
      return p;
    };
    const imports: Array<[string, string]> = [
      [
        'zjt',
        file('zjt.csv', [
          'z1,2023-12-30,natural_person,online,2024-01-05,granted',
          'z2,2024-03-01,commercial,post,2024-03-20,partial',
          'z3,2024-11-20,research,email,,',
        ]),
      ],
      ['nn', file('nn.csv', ['n1,2024-02-01,natural_person,online,2024-02-10,unable.not_held'])],
      [
        'nnzj',
        file('nnzj.csv', [
          'j1,2024-04-01,legal_services,online,2024-04-11,granted',
          'j2,2020-05-01,natural_person,online,2020-05-09,granted',
        ]),
      ],
    ];
    for (const [organ, f] of imports) {
      const r = gongkai(db.url, ['import', 'requests', '--organ', organ, f]);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => db.destroy());

  it('report annual --format json: exactly the contract, every row present in order, zeros included', () => {
    const r = gongkai(db.url, ['report', 'annual', '--organ', 'zjt', '--year', '2024', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.organ, { code: 'zjt', name: '自治区住房和城乡建设厅', kind: 'department' });
    assert.equal(j.year, 2024);
    assert.equal(j.format, '2021');
    assert.deepEqual(shape(j.table2), TABLE2_2021);
    assert.deepEqual(j.table3.columns, COLUMNS);
    assert.deepEqual(Object.keys(j.table3.rows), ROWS);
    for (const row of ROWS) assert.equal(j.table3.rows[row].length, 7, row);
    assert.deepEqual(j.table3.rows.received, [0, 1, 1, 0, 0, 0, 2]);
    assert.deepEqual(j.table3.rows.carried_in, [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(j.table3.rows.partial, [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(j.table3.rows['declined.petition'], [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(j.table3.rows.carried_over, [0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(Object.keys(j.table4), TABLE4.groups);
    for (const g of TABLE4.groups) assert.deepEqual(Object.keys(j.table4[g]), TABLE4.columns);
    for (const c of j.checks) {
      assert.deepEqual(Object.keys(c).slice(0, 4), ['code', 'ok', 'state', 'message']);
      assert.equal(typeof c.message, 'string');
    }
    assert.deepEqual(
      j.checks.map((c: { code: string }) => c.code),
      [
        'table3.balance',
        'table3.row_totals',
        'table3.results_total',
        'table4.totals',
        'table3.carried_in',
        'deadline',
        'table2.entered',
        'text.prompts',
        'text.tables',
      ],
    );
    // the text, read back by the report checker, agrees with the tables
    assert.equal(j.checks.find((c: { code: string }) => c.code === 'text.tables').state, 'pass');
    // the text is the draft, its figures read from the records (placeholders resolved)
    const text = j.sections.map((x: { text: string }) => x.text).join('\n');
    assert.doesNotMatch(text, /\{\{/);
    assert.match(text, /统计期限为2024年1月1日至2024年12月31日/);
    // the draft's prompts for section 五 must be written before the report can be published
    assert.equal(j.checks.find((c: { code: string }) => c.code === 'text.prompts').state, 'fail');
    // the entered figures of table 2 are missing: uncertain, named in Chinese
    const entered = j.checks.find((c: { code: string }) => c.code === 'table2.entered');
    assert.equal(entered.state, 'uncertain');
    assert.match(entered.message, /行政许可处理决定数量/);
    assert.equal(j.deadline, '2025-01-31');
  });

  it('a 2019–2020 year has the 2019 trial format’s table 2; --out writes the file', () => {
    const out = join(dir, 'nnzj-2020.json');
    const r = gongkai(db.url, ['report', 'annual', '--organ', 'nnzj', '--year', '2020', '--format', 'json', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const j = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(j.format, '2019');
    assert.deepEqual(shape(j.table2), TABLE2_2019);
    assert.deepEqual(j.table3.rows.granted, [1, 0, 0, 0, 0, 0, 1]);
  });

  it('report aggregate: the sum of every organ below, with each direct child’s totals', () => {
    const r = gongkai(db.url, ['report', 'aggregate', '--organ', 'gx', '--year', '2024']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.organs, 3);
    assert.deepEqual(j.table3.rows.received, [1, 1, 1, 0, 1, 0, 4]);
    assert.deepEqual(j.table3.rows.carried_in, [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(j.table3.rows.granted, [1, 0, 0, 0, 1, 0, 2]);
    assert.deepEqual(
      j.children.map((c: { organ: { code: string }; organs: number; totals: { received: number } }) => [
        c.organ.code,
        c.organs,
        c.totals.received,
      ]),
      [
        ['zjt', 1, 2],
        ['nn', 2, 2],
      ],
    );
    assert.deepEqual(
      j.checks.filter((c: { state: string }) => c.state === 'fail'),
      [],
    );
  });

  it('html, docx and pdf: the same report rendered; bad usage exits 2', async () => {
    const html = gongkai(db.url, ['report', 'annual', '--organ', 'zjt', '--year', '2024', '--format', 'html']);
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /^<!DOCTYPE html>/i);
    assert.match(html.stdout, /自治区住房和城乡建设厅2024年政府信息公开工作年度报告/);
    assert.match(html.stdout, /三、本年度办理结果/);
    const docx = join(dir, 'zjt-2024.docx');
    const d = gongkai(db.url, ['report', 'annual', '--organ', 'zjt', '--year', '2024', '--format', 'docx', '--out', docx]);
    assert.equal(d.code, 0, d.stderr);
    const mammoth = await import('mammoth');
    const read = await mammoth.convertToHtml({ buffer: readFileSync(docx) });
    assert.match(read.value, /一、本年新收政府信息公开申请数量/);
    const pdf = join(dir, 'zjt-2024.pdf');
    const p = gongkai(db.url, ['report', 'annual', '--organ', 'zjt', '--year', '2024', '--format', 'pdf', '--out', pdf]);
    assert.equal(p.code, 0, p.stderr);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const bad = [
      ['report', 'annual', '--organ', 'nope', '--year', '2024'],
      ['report', 'annual', '--organ', 'zjt', '--year', '24'],
      ['report', 'annual', '--organ', 'zjt', '--year', '2024', '--format', 'xls'],
      ['report', 'aggregate', '--organ', 'zjt'],
    ];
    for (const args of bad) {
      const r = gongkai(db.url, args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /用法错误|required option/);
    }
  });
});
