import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeFee, type FeeInput, FeeInputError, perRequestRate } from './fees.js';

const ON = '2026-11-25';

describe('computeFee: 按件计收 (国办函〔2020〕109号第四条)', () => {
  const cases: Array<[prior: number, items: number, yuan: number]> = [
    [0, 1, 0],
    [0, 10, 0],
    [9, 1, 0], // the 10th of the month
    [10, 1, 100], // the 11th
    [0, 11, 100],
    [0, 30, 2000], // 20 × 100
    [29, 1, 100], // the 30th
    [30, 1, 200], // the 31st: first band above 30
    [0, 40, 2000 + 10 * 200],
    [40, 1, 300], // the 41st
    [0, 50, 2000 + 2000 + 3000],
    [50, 1, 400], // the 51st
    [5, 10, 500], // items 6–15: five free, five at 100
  ];
  for (const [prior, items, yuan] of cases) {
    it(`${prior} earlier this month + ${items} → ${yuan} 元`, () => {
      const r = computeFee({ method: 'per_request', on: ON, priorItemsThisMonth: prior, items });
      assert.equal(r.amountYuan, yuan);
      assert.equal(r.computedYuan, yuan);
      assert.equal(r.method, 'per_request');
      assert.equal(
        r.breakdown.reduce((s, l) => s + l.count, 0),
        items,
      );
      assert.match(r.basis, /第四十二条.*第三条、第四条/);
    });
  }

  it('explains each band', () => {
    const r = computeFee({ method: 'per_request', on: ON, priorItemsThisMonth: 8, items: 25 });
    assert.deepEqual(
      r.breakdown.map((l) => l.label),
      ['第9—10件：不收费', '第11—30件：100元/件 × 20件 = 2000元', '第31—33件：200元/件 × 3件 = 600元'],
    );
    assert.equal(r.amountYuan, 2600);
  });

  it('rates per position', () => {
    assert.deepEqual(
      [1, 10, 11, 30, 31, 40, 41, 50, 51, 100, 101].map(perRequestRate),
      [0, 0, 100, 100, 200, 200, 300, 300, 400, 800, 900],
    );
  });
});

describe('computeFee: 按量计收 (第五条)', () => {
  const cases: Array<[pages: number, yuan: number]> = [
    [0, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 700 + 2000],
    [201, 2700 + 40],
    [250, 2700 + 50 * 40],
  ];
  for (const [pages, yuan] of cases) {
    it(`${pages} pages → ${yuan} 元`, () => {
      const r = computeFee({ method: 'per_page', on: ON, pages });
      assert.equal(r.amountYuan, yuan);
      assert.equal(r.method, 'per_page');
      assert.ok(r.breakdown.every((l) => l.unit === '页'));
    });
  }
});

describe('computeFee: dates, waivers, bad input', () => {
  it('is free before 2021-01-01 (seed 五: 2017 free), with the reason', () => {
    for (const on of ['2017-06-01', '2020-12-31']) {
      const r = computeFee({ method: 'per_page', on, pages: 500 });
      assert.equal(r.amountYuan, 0);
      assert.equal(r.computedYuan, 0);
      assert.match(r.note ?? '', /2021年1月1日起施行/);
    }
    assert.equal(computeFee({ method: 'per_page', on: '2021-01-01', pages: 31 }).amountYuan, 10);
  });

  it('waives with a reason and keeps the computed amount', () => {
    const r = computeFee({ method: 'per_page', on: ON, pages: 40, waiver: { reason: '申请人为低保对象' } });
    assert.equal(r.amountYuan, 0);
    assert.equal(r.computedYuan, 100);
    assert.deepEqual(r.waived, { reason: '申请人为低保对象', amountYuan: 100 });
  });

  it('refuses a waiver without a reason', () => {
    assert.throws(() => computeFee({ method: 'per_page', on: ON, pages: 40, waiver: { reason: '  ' } }), FeeInputError);
  });

  it('never combines both methods', () => {
    const both = { method: 'per_request', on: ON, priorItemsThisMonth: 0, items: 12, pages: 80 } as unknown as FeeInput;
    assert.throws(() => computeFee(both), /不得同时适用/);
    const both2 = { method: 'per_page', on: ON, pages: 80, items: 3 } as unknown as FeeInput;
    assert.throws(() => computeFee(both2), /不得同时适用/);
  });

  it('refuses negative, fractional and missing quantities and bad dates', () => {
    assert.throws(() => computeFee({ method: 'per_page', on: ON, pages: -1 }), FeeInputError);
    assert.throws(() => computeFee({ method: 'per_page', on: ON, pages: 1.5 }), FeeInputError);
    assert.throws(() => computeFee({ method: 'per_request', on: ON, priorItemsThisMonth: 0, items: 0 }), FeeInputError);
    assert.throws(() => computeFee({ method: 'per_page', on: '2026/11/25', pages: 3 }), FeeInputError);
    assert.throws(() => computeFee({ method: 'x', on: ON } as unknown as FeeInput), /计费方式/);
  });
});

describe('computeFee: properties', () => {
  const date = fc.constantFrom('2017-03-01', '2020-12-31', '2021-01-01', '2024-07-15', '2026-11-25');
  const perRequest = fc.record({
    method: fc.constant('per_request' as const),
    on: date,
    priorItemsThisMonth: fc.integer({ min: 0, max: 200 }),
    items: fc.integer({ min: 1, max: 200 }),
  });
  const perPage = fc.record({ method: fc.constant('per_page' as const), on: date, pages: fc.integer({ min: 0, max: 5000 }) });

  it('is never negative, and the breakdown sums to the amount; one method only', () => {
    fc.assert(
      fc.property(fc.oneof(perRequest, perPage), (input) => {
        const r = computeFee(input);
        assert.ok(r.amountYuan >= 0);
        assert.equal(
          r.breakdown.reduce((s, l) => s + l.subtotalYuan, 0),
          r.computedYuan,
        );
        assert.equal(r.method, input.method);
        const units = new Set(r.breakdown.map((l) => l.unit));
        assert.ok(units.size <= 1);
        if (units.size) assert.equal([...units][0], input.method === 'per_page' ? '页' : '件');
      }),
    );
  });

  it('is monotone in pages', () => {
    fc.assert(
      fc.property(perPage, fc.integer({ min: 0, max: 500 }), (input, more) => {
        const a = computeFee(input).amountYuan;
        const b = computeFee({ ...input, pages: input.pages + more }).amountYuan;
        assert.ok(b >= a);
      }),
    );
  });

  it('is monotone in items and in the earlier count of the month', () => {
    fc.assert(
      fc.property(
        perRequest,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (input, moreItems, morePrior) => {
          const a = computeFee(input).amountYuan;
          assert.ok(computeFee({ ...input, items: input.items + moreItems }).amountYuan >= a);
          assert.ok(computeFee({ ...input, priorItemsThisMonth: input.priorItemsThisMonth + morePrior }).amountYuan >= a);
        },
      ),
    );
  });

  it('splitting a month into requests costs the same as one request (cumulative per month)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 10 }), (parts) => {
        let prior = 0;
        let sum = 0;
        for (const items of parts) {
          sum += computeFee({ method: 'per_request', on: ON, priorItemsThisMonth: prior, items }).amountYuan;
          prior += items;
        }
        const whole = computeFee({ method: 'per_request', on: ON, priorItemsThisMonth: 0, items: prior }).amountYuan;
        assert.equal(sum, whole);
      }),
    );
  });

  it('a waiver always leaves nothing to pay', () => {
    fc.assert(
      fc.property(perPage, (input) => {
        assert.equal(computeFee({ ...input, waiver: { reason: '减免' } }).amountYuan, 0);
      }),
    );
  });
});
