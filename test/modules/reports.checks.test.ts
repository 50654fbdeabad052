import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkCarriedIn,
  checkDeadline,
  checkTable3Balance,
  checkTable3ResultsTotal,
  checkTable3RowTotals,
  checkTable4Totals,
  checkTables,
} from '../../src/modules/reports/reports.checks.js';
import { TABLE3_COLUMNS, TABLE3_ROW_CODES } from '../../src/modules/reports/reports.codes.js';
import type { Table3, Table4 } from '../../src/modules/reports/reports.types.js';

/** A table 3 from per-column rows (six applicant values; the total is computed). */
function table3(values: Partial<Record<string, number[]>>): Table3 {
  const rows = {} as Table3['rows'];
  for (const r of TABLE3_ROW_CODES) {
    const six = values[r] ?? [0, 0, 0, 0, 0, 0];
    rows[r] = [...six, six.reduce((a, b) => a + b, 0)];
  }
  return { columns: [...TABLE3_COLUMNS], rows };
}
const zero4 = () => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });

// Shanghai 2019 (norms.md §2.6 Example A), natural persons and commercial companies.
const shanghai = table3({
  received: [821, 35, 0, 0, 2, 1],
  carried_in: [18, 0, 0, 0, 0, 0],
  granted: [258, 12, 0, 0, 1, 1],
  partial: [3, 0, 0, 0, 0, 0],
  'withheld.state_secret': [14, 0, 0, 0, 0, 0],
  'withheld.internal_affairs': [5, 0, 0, 0, 0, 0],
  'withheld.process_info': [3, 1, 0, 0, 0, 0],
  'withheld.query_matter': [10, 2, 0, 0, 0, 0],
  'unable.not_held': [252, 12, 0, 0, 1, 0],
  'unable.needs_creation': [44, 3, 0, 0, 0, 0],
  'unable.still_unclear': [25, 0, 0, 0, 0, 0],
  'declined.petition': [148, 1, 0, 0, 0, 0],
  'declined.duplicate': [5, 4, 0, 0, 0, 0],
  results_total: [767, 35, 0, 0, 2, 1],
  carried_over: [72, 0, 0, 0, 0, 0],
});

test('a real report that balances passes every table check', () => {
  // the outcome rows of the natural-person column sum to 767 in the real report
  const checks = checkTables(
    shanghai,
    {
      reconsideration: { upheld: 5, corrected: 0, other: 0, pending: 2, total: 7 },
      litigation_direct: { upheld: 8, corrected: 0, other: 0, pending: 1, total: 9 },
      litigation_after_reconsideration: zero4(),
    },
    { year: 2019 },
  );
  assert.deepEqual(
    checks.map((c) => [c.code, c.state]),
    [
      ['table3.balance', 'pass'],
      ['table3.row_totals', 'pass'],
      ['table3.results_total', 'pass'],
      ['table4.totals', 'pass'],
      ['table3.carried_in', 'not_assessable'],
    ],
  );
});

test('an unbalanced column is named with its figures and cells', () => {
  const t = structuredClone(shanghai);
  t.rows.carried_over[0] = 70; // 821 + 18 ≠ 767 + 70
  t.rows.carried_over[6] = 70;
  const c = checkTable3Balance(t);
  assert.equal(c.ok, false);
  assert.equal(c.state, 'fail');
  assert.match(c.message, /“自然人”列不平衡：本年新收821＋上年结转18＝839，而办理结果总计767＋结转下年度70＝837/);
  assert.match(c.message, /“总计”列/);
  assert.deepEqual(
    c.evidence?.cells?.slice(0, 4).map((x) => x.ref),
    [
      'table3.received.natural_person',
      'table3.carried_in.natural_person',
      'table3.results_total.natural_person',
      'table3.carried_over.natural_person',
    ],
  );
});

test('a row total that is not the sum of its six columns fails', () => {
  const t = structuredClone(shanghai);
  t.rows.granted[6] = 270;
  const c = checkTable3RowTotals(t);
  assert.equal(c.ok, false);
  assert.match(c.message, /“（一）予以公开”行总计为270，而六类申请人之和为272/);
});

test('（七）总计 must be the sum of the outcome rows', () => {
  const t = structuredClone(shanghai);
  t.rows['unable.not_held'][0] = 250;
  t.rows['unable.not_held'][6] = 263;
  const c = checkTable3ResultsTotal(t);
  assert.equal(c.ok, false);
  assert.match(c.message, /“自然人”列（七）总计为767，而各办理结果之和为765/);
});

test('table 4 group totals', () => {
  const t: Table4 = {
    reconsideration: { upheld: 5, corrected: 1, other: 0, pending: 2, total: 7 },
    litigation_direct: zero4(),
    litigation_after_reconsideration: zero4(),
  };
  const c = checkTable4Totals(t);
  assert.equal(c.ok, false);
  assert.match(c.message, /“行政复议”总计为7，而维持、纠正、其他、尚未审结之和为8/);
});

test('carried in against last year: equal, different, unknown', () => {
  assert.equal(checkCarriedIn(shanghai, { carriedOver: [18, 0, 0, 0, 0, 0, 18], source: 'published' }).state, 'pass');
  const c = checkCarriedIn(shanghai, { carriedOver: [20, 0, 0, 0, 0, 0, 20], source: 'published' });
  assert.equal(c.state, 'fail');
  assert.match(c.message, /“自然人”列上年结转为18，而上一年度已发布的年报结转下年度为20/);
  assert.equal(checkCarriedIn(shanghai, null).state, 'not_assessable');
});

test('Art 49 deadline: departments 31 January, governments 31 March, 2008 rules 31 March', () => {
  assert.match(checkDeadline(2024, 'department', '2025-01-21', null).message, /2025-01-31前发布，还有10天/);
  const late = checkDeadline(2024, 'department', '2025-02-03', null);
  assert.equal(late.state, 'fail');
  assert.match(late.message, /已逾期3天/);
  assert.equal(checkDeadline(2024, 'government', '2025-02-03', null).state, 'pass');
  assert.equal(checkDeadline(2017, 'department', '2018-03-01', null).state, 'pass');
  const published = checkDeadline(2024, 'department', '2025-06-01', '2025-02-02');
  assert.equal(published.state, 'fail');
  assert.match(published.message, /晚于部门的发布期限2025-01-31共2天/);
});
