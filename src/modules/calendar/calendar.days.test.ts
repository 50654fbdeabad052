// Tests for the pure working-day calendar.
// Run: node --import tsx --test src/modules/calendar/calendar.days.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { addDays, type CalendarOverride, type IsoDate, isIsoDate, WorkingDayCalendar, weekday } from './calendar.days.js';
// Copied verbatim from shared/reference/norms.md §8.3 (checked against gov.cn notices).
import official from './fixtures/official-2017-2026.json' with { type: 'json' };

const cal = new WorkingDayCalendar([]);

const EPOCH: IsoDate = '1970-01-01';
const dayNum = (d: IsoDate): number => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
const fromNum = (n: number): IsoDate => addDays(EPOCH, n);

/** Dates 2004-01-01..2027-12-31 (the range requested for the property tests). */
const dateArb = fc.integer({ min: dayNum('2004-01-01'), max: dayNum('2027-12-31') }).map(fromNum);
const nArb = fc.integer({ min: 1, max: 400 });

function* eachDay(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

describe('date helpers', () => {
  it('isIsoDate accepts real calendar dates only', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01', '0000-01-01', '9999-12-31', '1970-01-01']) {
      assert.equal(isIsoDate(ok), true, ok);
    }
    const bad: unknown[] = [
      '2023-02-29',
      '1900-02-29',
      '2025-02-30',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '2025-01-32',
      '2025-1-01',
      '2025-01-1',
      '25-01-01',
      ' 2025-01-01',
      '2025-01-01 ',
      '2025-01-01T00:00',
      '2025/01/01',
      '20250101',
      '２０２５-01-01',
      '+02025-01-01',
      '',
      null,
      undefined,
      20250101,
      new Date(0),
      {},
    ];
    for (const b of bad) assert.equal(isIsoDate(b), false, String(b));
  });

  it('addDays and weekday agree with Date UTC arithmetic (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNum('1900-01-01'), max: dayNum('2200-12-31') }),
        fc.integer({ min: -2000, max: 2000 }),
        (n, k) => {
          const d = new Date(n * 86_400_000).toISOString().slice(0, 10);
          assert.equal(isIsoDate(d), true);
          assert.equal(addDays(EPOCH, n), d);
          assert.equal(weekday(d), new Date(`${d}T00:00:00Z`).getUTCDay());
          assert.equal(addDays(d, k), new Date((n + k) * 86_400_000).toISOString().slice(0, 10));
          assert.equal(addDays(addDays(d, k), -k), d);
        },
      ),
    );
  });

  it('known weekdays and month/year rollovers', () => {
    assert.equal(weekday('2026-02-14'), 6);
    assert.equal(weekday('2025-10-01'), 3);
    assert.equal(weekday('1970-01-01'), 4);
    assert.equal(weekday('2000-01-01'), 6);
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('0099-12-31', 1), '0100-01-01'); // no Date.UTC two-digit-year quirk
  });

  it('helpers throw RangeError on bad input', () => {
    assert.throws(() => addDays('2025-02-30', 1), RangeError);
    assert.throws(() => addDays('2025-01-01', 1.5), RangeError);
    assert.throws(() => addDays('2025-01-01', Number.NaN), RangeError);
    assert.throws(() => addDays('9999-12-31', 1), RangeError);
    assert.throws(() => addDays('0000-01-01', -1), RangeError);
    assert.throws(() => weekday('2025-1-1'), RangeError);
  });
});

describe('official data (chinese-days) against the State Council notices', () => {
  const years = Object.entries(official as Record<string, { off: string[]; work: string[] }>);

  it('fixture covers 2017–2026', () => {
    assert.deepEqual(
      years.map(([y]) => Number(y)),
      [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026],
    );
  });

  for (const [year, { off, work }] of years) {
    it(`${year}: every listed day off is not a working day, every 调休上班 day is`, () => {
      assert.ok(off.length > 0 && work.length > 0);
      for (const d of off) {
        assert.equal(isIsoDate(d), true, d);
        assert.equal(cal.isWorkingDay(d), false, `${d} should be a day off (${year} notice)`);
        assert.equal(cal.reason(d).working, false);
      }
      for (const d of work) {
        assert.equal(isIsoDate(d), true, d);
        assert.equal(cal.isWorkingDay(d), true, `${d} should be a working day (${year} notice)`);
        const r = cal.reason(d);
        assert.equal(r.working, true);
        // A weekend working day must come from the official data, never from the Mon–Fri rule.
        if (weekday(d) === 0 || weekday(d) === 6) assert.equal(r.source, 'official', d);
      }
    });
  }

  it('2017-2026: every other date follows Mon–Fri (no extra official deviations)', () => {
    const off = new Set(years.flatMap(([, v]) => v.off));
    const work = new Set(years.flatMap(([, v]) => v.work));
    for (const d of eachDay('2017-01-01', '2026-12-31')) {
      if (off.has(d) || work.has(d)) continue;
      const w = weekday(d);
      assert.equal(cal.isWorkingDay(d), w !== 0 && w !== 6, d);
    }
  });

  // chinese-days' public API is time-zone dependent: its own date helper mixes UTC parsing
  // with local-time getters, and it builds its holiday tables with that helper at load time,
  // so west of UTC every answer is shifted by one day (TZ=America/Los_Angeles:
  // getDayDetail('2026-02-16').date === '2026-02-15', findWorkday(1, '2025-09-30') === '2025-10-08').
  // Its published JSON (which calendar.days.ts reads) is not affected. The cross-check
  // below is therefore only meaningful where the local offset is UTC or east of it.
  const westOfUtc = new Date(2004, 0, 1).getTimezoneOffset() > 0 || new Date(2004, 6, 1).getTimezoneOffset() > 0;
  it('the precomputed sets agree with the chinese-days public API for 2003–2027', {
    skip: westOfUtc ? 'chinese-days API is unreliable in time zones west of UTC' : false,
  }, () => {
    for (const d of eachDay('2003-01-01', '2027-12-31')) {
      assert.equal(cal.isWorkingDay(d), chineseDays.isWorkday(d), d);
    }
  });

  it('coverage() reports the years of the bundled official data', () => {
    assert.deepEqual(cal.coverage(), { from: 2004, to: 2026 });
  });

  it('years outside the coverage fall back to Mon–Fri', () => {
    for (const d of [...eachDay('2027-01-01', '2027-02-28'), ...eachDay('2003-09-01', '2003-10-31')]) {
      const w = weekday(d);
      assert.equal(cal.isWorkingDay(d), w !== 0 && w !== 6, d);
      assert.equal(cal.reason(d).source, w === 0 || w === 6 ? 'weekend' : 'weekday', d);
    }
  });
});

describe('known answers', () => {
  it('2026 Spring Festival', () => {
    assert.equal(cal.isWorkingDay('2026-02-14'), true); // Saturday, 调休上班
    assert.equal(cal.isWorkingDay('2026-02-16'), false); // Monday, 春节
    assert.deepEqual(cal.reason('2026-02-14'), { working: true, source: 'official', note: '春节' });
    assert.deepEqual(cal.reason('2026-02-16'), { working: false, source: 'official', note: '春节' });
    assert.deepEqual(cal.reason('2026-03-03'), { working: true, source: 'weekday' });
    assert.deepEqual(cal.reason('2026-03-07'), { working: false, source: 'weekend' });
    assert.equal(cal.nextWorkingDay('2026-02-13'), '2026-02-14');
    assert.equal(cal.nextWorkingDay('2026-02-14'), '2026-02-24');
  });

  it('2025 National Day: 20 working days from Friday 2025-09-26', () => {
    // 09-28 Sun (work) 1, 09-29 2, 09-30 3, [10-01..10-08 off], 10-09 4, 10-10 5, 10-11 Sat (work) 6,
    // 10-13..17 → 7..11, 10-20..24 → 12..16, 10-27 17, 10-28 18, 10-29 19, 10-30 20.
    assert.equal(cal.addWorkingDays('2025-09-26', 20), '2025-10-30');
    assert.equal(cal.addWorkingDays('2025-09-26', 1), '2025-09-28');
    assert.equal(cal.addWorkingDays('2025-09-26', 4), '2025-10-09');
    assert.equal(cal.addWorkingDays('2025-09-26', 6), '2025-10-11');
    assert.equal(cal.countWorkingDays('2025-09-26', '2025-10-30'), 20);
    assert.equal(cal.countWorkingDays('2025-09-30', '2025-10-08'), 0);
    assert.equal(cal.nextWorkingDay('2025-09-30'), '2025-10-09');
    assert.deepEqual(cal.reason('2025-10-02'), { working: false, source: 'official', note: '国庆节' });
    assert.deepEqual(cal.reason('2025-10-06'), { working: false, source: 'official', note: '中秋' }); // 中秋 fell on 10-06
    assert.deepEqual(cal.reason('2025-09-28'), { working: true, source: 'official', note: '国庆节' });
  });

  it('2017 Spring Festival (01-27..02-02 off; Sun 01-22 and Sat 02-04 working)', () => {
    assert.equal(cal.addWorkingDays('2017-01-20', 1), '2017-01-22');
    assert.equal(cal.addWorkingDays('2017-01-20', 5), '2017-01-26');
    assert.equal(cal.addWorkingDays('2017-01-26', 1), '2017-02-03');
    assert.equal(cal.addWorkingDays('2017-01-26', 2), '2017-02-04');
    assert.equal(cal.addWorkingDays('2017-01-26', 3), '2017-02-06');
    // 01-22..26 → 1..5, 02-03 6, 02-04 7, 02-06..10 → 8..12, 02-13..17 → 13..17, 02-20 18, 02-21 19, 02-22 20
    assert.equal(cal.addWorkingDays('2017-01-20', 20), '2017-02-22');
    assert.equal(cal.countWorkingDays('2017-01-20', '2017-02-06'), 8);
  });

  it('2020 Spring Festival extension (国办发明电〔2020〕1号): off until 02-02, 02-01 not a working Saturday', () => {
    assert.equal(cal.isWorkingDay('2020-02-01'), false);
    assert.equal(cal.isWorkingDay('2020-01-31'), false); // originally a working day, off after the extension
    assert.equal(cal.isWorkingDay('2020-01-19'), true); // Sunday, 调休上班
    assert.equal(cal.isWorkingDay('2020-02-03'), true);
    assert.equal(cal.addWorkingDays('2020-01-17', 1), '2020-01-19');
    assert.equal(cal.addWorkingDays('2020-01-17', 2), '2020-01-20');
    assert.equal(cal.addWorkingDays('2020-01-23', 1), '2020-02-03');
    assert.equal(cal.countWorkingDays('2020-01-23', '2020-02-03'), 1);
    // 01-21 1, 01-22 2, 01-23 3, 02-03..07 → 4..8, 02-10..14 → 9..13, 02-17..21 → 14..18, 02-24 19, 02-25 20
    assert.equal(cal.addWorkingDays('2020-01-20', 20), '2020-02-25');
  });

  it('December dates from the next year’s notice (2019 notice: 2018-12-29 work, 12-30/31 off)', () => {
    assert.equal(cal.isWorkingDay('2018-12-29'), true);
    assert.equal(cal.isWorkingDay('2018-12-31'), false);
    assert.equal(cal.addWorkingDays('2018-12-28', 2), '2019-01-02');
  });

  it('n = 0 returns start, even on a non-working day; countWorkingDays edge cases', () => {
    assert.equal(cal.addWorkingDays('2026-02-16', 0), '2026-02-16');
    assert.equal(cal.countWorkingDays('2025-10-30', '2025-10-30'), 0);
    assert.equal(cal.countWorkingDays('2025-10-30', '2025-09-26'), 0);
  });

  it('throws RangeError on bad input', () => {
    assert.throws(() => cal.addWorkingDays('2025-02-30', 1), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-01-01', -1), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-01-01', 1.5), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-01-01', Number.NaN), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-01-01', Number.POSITIVE_INFINITY), RangeError);
    assert.throws(() => cal.addWorkingDays('9999-12-30', 5), RangeError);
    assert.throws(() => cal.isWorkingDay('2025-1-1'), RangeError);
    assert.throws(() => cal.reason('x'), RangeError);
    assert.throws(() => cal.countWorkingDays('2025-01-01', '2025-02-29'), RangeError);
    assert.throws(() => new WorkingDayCalendar([{ date: '2027-02-30', working: true, notice: '' }]), RangeError);
  });
});

describe('properties', () => {
  it('count(start, add(start, n)) = n; result is a working day, strictly after start, minimal', () => {
    fc.assert(
      fc.property(dateArb, nArb, (start, n) => {
        const r = cal.addWorkingDays(start, n);
        assert.equal(cal.countWorkingDays(start, r), n);
        assert.equal(cal.isWorkingDay(r), true);
        assert.ok(r > start);
        assert.equal(cal.countWorkingDays(start, addDays(r, -1)), n - 1); // the n-th, not a later one
      }),
      { numRuns: 500 },
    );
  });

  it('monotonic in n', () => {
    fc.assert(
      fc.property(dateArb, nArb, nArb, (start, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        assert.ok(cal.addWorkingDays(start, lo) < cal.addWorkingDays(start, hi));
        // composition: adding in two steps is the same as adding at once
        assert.equal(cal.addWorkingDays(cal.addWorkingDays(start, lo), hi - lo), cal.addWorkingDays(start, hi));
      }),
      { numRuns: 300 },
    );
  });

  it('nextWorkingDay(d) = addWorkingDays(d, 1)', () => {
    fc.assert(fc.property(dateArb, (d) => cal.nextWorkingDay(d) === cal.addWorkingDays(d, 1)));
  });

  it('an override flips isWorkingDay for that date only, and reason() reports it', () => {
    fc.assert(
      fc.property(dateArb, fc.string({ maxLength: 30 }), (d, notice) => {
        const base = cal.isWorkingDay(d);
        const c = new WorkingDayCalendar([{ date: d, working: !base, notice }]);
        assert.equal(c.isWorkingDay(d), !base);
        assert.deepEqual(c.reason(d), { working: !base, source: 'override', note: notice });
        for (const k of [-3, -2, -1, 1, 2, 3]) {
          const e = addDays(d, k);
          assert.equal(c.isWorkingDay(e), cal.isWorkingDay(e), e);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingDays respects an override (model: n-th element of base working days ± the flipped date)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: -5, max: 100 }), (start, n, offset) => {
        const d = addDays(start, offset);
        const baseWorking = cal.isWorkingDay(d);
        const c = new WorkingDayCalendar([{ date: d, working: !baseWorking, notice: 'test' }]);
        const w = (k: number): IsoDate => (k === 0 ? start : cal.addWorkingDays(start, k));
        let expected: IsoDate;
        if (d <= start || d > w(n)) expected = w(n);
        else if (baseWorking)
          expected = w(n + 1); // one of w1..wn removed
        else expected = [d, w(n - 1)].sort()[1] ?? d; // d inserted before wn: the later of d and w(n-1)
        const got = c.addWorkingDays(start, n);
        assert.equal(got, expected);
        assert.equal(c.countWorkingDays(start, got), n);
        assert.equal(c.isWorkingDay(got), true);
      }),
      { numRuns: 500 },
    );
  });

  it('overrides: later entry for the same date wins; overrides apply outside the official coverage', () => {
    const overrides: CalendarOverride[] = [
      { date: '2027-02-06', working: false, notice: 'first' },
      { date: '2027-02-06', working: true, notice: '国办发明电〔2026〕X号：2027-02-06（周六）上班' },
      { date: '2027-02-08', working: false, notice: '春节' },
    ];
    const c = new WorkingDayCalendar(overrides);
    assert.equal(c.isWorkingDay('2027-02-06'), true);
    assert.equal(c.reason('2027-02-06').note, '国办发明电〔2026〕X号：2027-02-06（周六）上班');
    assert.equal(c.addWorkingDays('2027-02-05', 2), '2027-02-09');
    assert.deepEqual(c.coverage(), { from: 2004, to: 2026 });
    // the base calendar is not affected
    assert.equal(cal.isWorkingDay('2027-02-06'), false);
  });

  it('accepts any iterable of overrides', () => {
    function* gen(): Generator<CalendarOverride> {
      yield { date: '2026-02-16', working: true, notice: 'generator' };
    }
    assert.equal(new WorkingDayCalendar(gen()).isWorkingDay('2026-02-16'), true);
    assert.equal(new WorkingDayCalendar(new Set<CalendarOverride>()).isWorkingDay('2026-02-16'), false);
  });
});
