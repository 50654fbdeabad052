// `gongkai report check`, run as a user runs it: a child process, JSON on stdout, exit codes 0/1/2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../../src/modules/reports/reports.codes.js';
import { bundled } from '../support/bundle.js';
import { docxFromHtml } from './reports.checker.docx.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/reports');
const dir = mkdtempSync(join(tmpdir(), 'gongkai-check-'));

function gongkai(args: string[]) {
  const r = spawnSync(process.execPath, [bundled('cli'), ...args], {
    // no database is opened: a URL that cannot exist proves it
    env: {
      ...process.env,
      DATABASE_URL: 'sqlite:/nonexistent/dir/x.db',
      GONGKAI_SECRET: 'cli-test-secret-cli-test-secret-0123456789',
    },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gongkai report check', () => {
  it('a consistent report: exit 0, exactly {format, tables, findings}, tables as in the report JSON', () => {
    const r = gongkai(['report', 'check', join(FIXTURES, 'consistent-2022.html')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['format', 'tables', 'findings']);
    assert.equal(out.format, '2021');
    assert.deepEqual(Object.keys(out.tables), ['table2', 'table3', 'table4']);
    assert.deepEqual(out.tables.table3.columns, TABLE3_COLUMNS);
    assert.deepEqual(Object.keys(out.tables.table3.rows).sort(), [...TABLE3_ROW_CODES].sort());
    assert.deepEqual(out.tables.table3.rows.received, [28, 2, 0, 0, 1, 0, 31]);
    assert.deepEqual(out.tables.table4.reconsideration, { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    assert.equal(out.tables.table2.fees.amount_wan_yuan, 2.02);
    for (const f of out.findings) assert.ok(typeof f.code === 'string' && /[\u4e00-\u9fff]/.test(f.message));
  });

  it('the inconsistent report with --previous: exit 1, each failing finding names its figures', () => {
    const r = gongkai([
      'report',
      'check',
      join(FIXTURES, 'inconsistent-2023.html'),
      '--previous',
      join(FIXTURES, 'consistent-2022.html'),
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /核查发现 8 处不一致/);
    const out = JSON.parse(r.stdout);
    const failed = out.findings.filter((f: { state: string }) => f.state === 'fail');
    assert.deepEqual(
      failed.map((f: { code: string }) => f.code),
      [
        'table3.balance',
        'table3.carried_in',
        'table4.totals',
        'text.figure',
        'text.percent',
        'text.period',
        'text.section5',
        'text.fees',
      ],
    );
    assert.match(failed[3].message, /写32，而表三“一、本年新收政府信息公开申请数量”总计为31/);
  });

  it('a .docx (detected by content, whatever its name) and --year', async () => {
    const html = (await import('node:fs')).readFileSync(join(FIXTURES, 'consistent-2022.html'), 'utf8');
    const p = join(dir, 'report.bin');
    writeFileSync(p, await docxFromHtml(html, '某区住房和城乡建设局2022年政府信息公开工作年度报告'));
    const r = gongkai(['report', 'check', p, '--year', '2022']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).tables.table3.rows.results_total[6], 32);
    const wrongYear = gongkai(['report', 'check', p, '--year', '2024']);
    assert.equal(wrongYear.code, 1);
    assert.match(
      JSON.parse(wrongYear.stdout).findings.find((f: { code: string }) => f.code === 'text.period').message,
      /2022年，而报告年度为2024年/,
    );
  });

  it('an unreadable file: a clear Chinese reason on stderr, exit 2, nothing on stdout', () => {
    const pdf = join(dir, 'r.pdf');
    writeFileSync(pdf, '%PDF-1.7\n%âãÏÓ\n');
    const cases: Array<[string[], RegExp]> = [
      [['report', 'check', join(dir, 'missing.html')], /用法错误：文件不存在/],
      [['report', 'check', pdf], /用法错误：无法识别该文件：请提供 HTML 网页或 Word（\.docx）格式的年度报告/],
      [['report', 'check', join(FIXTURES, 'consistent-2022.html'), '--previous', pdf], /上一年度的报告无法读取/],
      [['report', 'check', join(FIXTURES, 'consistent-2022.html'), '--year', '22'], /年度应为四位数字/],
    ];
    for (const [args, reason] of cases) {
      const r = gongkai(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, reason);
      assert.equal(r.stdout, '');
    }
  });
});
