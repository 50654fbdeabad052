// Tests for the pure legal clock of requests.
// Run: node --import tsx --test src/modules/requests/requests.clock.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, type IsoDate, WorkingDayCalendar } from '../calendar/calendar.days.js';
// The State Council notices 2017–2026, copied from shared/reference/norms.md §8.3.
import official from '../calendar/fixtures/official-2017-2026.json' with { type: 'json' };
import { type ClockEvent, type ClockInput, type ClockResult, computeClock, type Rules } from './requests.clock.js';

const cal = new WorkingDayCalendar([]);

// ---------------------------------------------------------------------------
// An independent oracle: a plain day walker over the official fixture (not the calendar module).
// ---------------------------------------------------------------------------
const years = Object.values(official as Record<string, { off: string[]; work: string[] }>);
const OFF = new Set(years.flatMap((y) => y.off));
const WORK = new Set(years.flatMap((y) => y.work));
const next = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const prev = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const plus = (d: IsoDate, k: number): IsoDate =>
  new Date(Date.parse(`${d}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
function oWorking(d: IsoDate): boolean {
  if (WORK.has(d)) return true;
  if (OFF.has(d)) return false;
  const w = new Date(`${d}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
}
/** The n-th working day after `start`, skipping days inside any (after, to] pause. */
function oWalk(start: IsoDate, n: number, pauses: Array<[IsoDate, IsoDate]> = []): IsoDate {
  let d = start;
  while (n > 0) {
    d = next(d);
    if (oWorking(d) && !pauses.some(([a, b]) => d > a && d <= b)) n -= 1;
  }
  return d;
}

const dayNum = (d: IsoDate): number => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
const fromNum = (n: number): IsoDate => new Date(n * 86_400_000).toISOString().slice(0, 10);

const run = (rules: Rules, received: IsoDate, events: ClockEvent[] = [], c = cal): ClockResult =>
  computeClock({ rules, received, events }, c);

// ---------------------------------------------------------------------------
// (a) The scenario of the issue, by hand, on the official 2025 calendar
// (National Day + Mid-autumn 10-01..10-08 off; Sun 09-28 and Sat 10-11 working).
// ---------------------------------------------------------------------------
describe('the issue’s scenario (2019 rules, received Fri 2025-09-26)', () => {
  const base: ClockEvent[] = [
    { type: 'correction_requested', on: '2025-09-30' },
    { type: 'correction_received', on: '2025-10-15' },
    { type: 'consultation_started', on: '2025-10-20' },
    { type: 'consultation_ended', on: '2025-11-03' },
    { type: 'extended', on: '2025-11-10', workingDays: 20 },
  ];

  it('correction notice due 2025-10-13', () => {
    // 7 working days after Fri 09-26: 09-27 Sat off; 09-28 Sun (调休上班) 1, 09-29 2, 09-30 3,
    // 10-01..10-08 off, 10-09 4, 10-10 5, 10-11 Sat (调休上班) 6, 10-12 Sun off, 10-13 Mon 7.
    const r = run('2019', '2025-09-26', base);
    assert.equal(r.correctionNoticeDue, '2025-10-13');
    assert.equal(r.correctionNoticeDue, oWalk('2025-09-26', 7));
  });

  it('without the fee: reply due 2025-11-26 unextended, 2025-12-24 with the 20-day extension', () => {
    // Correction received Wed 10-15: the clock restarts, day 1 is Thu 10-16.
    // 10-16 1, 10-17 2, 10-20 Mon 3 (letter to the third party sent that day, so 10-20 still counts).
    // Consultation: not counted 10-21 .. min(answer 11-03, 15th working day after 10-20 = 11-10) = 11-03
    //   (10-21..24 = 4, 10-27..31 = 5, 11-03 = 1: 10 working days not counted).
    // 11-04 4, 11-05 5, 11-06 6, 11-07 7, 11-10 8 (extension decided), 11-11 9, 11-12 10, 11-13 11, 11-14 12,
    // 11-17..21 13..17, 11-24 18, 11-25 19, 11-26 20 → unextended due Wed 2025-11-26.
    // 11-27 21, 11-28 22, 12-01..05 23..27, 12-08..12 28..32, 12-15..19 33..37, 12-22 38, 12-23 39,
    // 12-24 40 → due Wed 2025-12-24.
    const r = run('2019', '2025-09-26', base);
    assert.deepEqual(r.problems, []);
    assert.equal(r.clockStart, '2025-10-15');
    assert.equal(r.replyDueWithoutExtension, '2025-11-26');
    assert.equal(r.replyDue, '2025-12-24');
    assert.equal(r.extensionDays, 20);
    assert.equal(r.awaiting, null);
    assert.equal(r.feePaymentDue, undefined);
    assert.deepEqual(
      r.paused.map((p) => [p.kind, p.from, p.to]),
      [
        ['correction', '2025-09-27', '2025-10-15'],
        ['consultation', '2025-10-21', '2025-11-03'],
      ],
    );
  });

  it('with a fee notice on Wed 11-12 paid Wed 11-19: due 2025-12-31, fee payment due 2025-12-10', () => {
    // Not counted: 11-13, 11-14, 11-17, 11-18, 11-19 (5 working days), so each due date moves 5 working days:
    // unextended 11-26 → 11-27, 11-28, 12-01, 12-02, 12-03; extended 12-24 → 12-25, 12-26, 12-29, 12-30, 12-31.
    // Fee payment due: 20 working days after 11-12: 11-13 1, 11-14 2, 11-17..21 3..7, 11-24..28 8..12,
    // 12-01..05 13..17, 12-08 18, 12-09 19, 12-10 20.
    const events: ClockEvent[] = [...base, { type: 'fee_notice_sent', on: '2025-11-12' }, { type: 'fee_paid', on: '2025-11-19' }];
    const r = run('2019', '2025-09-26', events);
    assert.deepEqual(r.problems, []);
    assert.equal(r.correctionNoticeDue, '2025-10-13');
    assert.equal(r.replyDueWithoutExtension, '2025-12-03');
    assert.equal(r.replyDue, '2025-12-31');
    assert.equal(r.feePaymentDue, '2025-12-10');
    assert.equal(
      r.replyDue,
      oWalk('2025-10-15', 40, [
        ['2025-10-20', '2025-11-03'],
        ['2025-11-12', '2025-11-19'],
      ]),
    );

    const byDate = new Map(r.receipt.map((d) => [d.date, d]));
    const reason = (d: IsoDate) => byDate.get(d)?.reason;
    assert.equal(r.receipt[0]?.date, '2025-09-27');
    assert.equal(r.receipt.at(-1)?.date, '2025-12-31');
    assert.equal(reason('2025-09-27'), '休息日（星期六）');
    assert.equal(reason('2025-09-28'), '补正前的工作日，因补正重新起算，不计入（调休上班，国庆节）');
    assert.equal(reason('2025-10-01'), '休息日（国庆节）');
    assert.equal(reason('2025-10-06'), '休息日（中秋）');
    assert.equal(reason('2025-10-09'), '等待补正期间，不计入');
    assert.equal(reason('2025-10-11'), '等待补正期间，不计入（调休上班，国庆节）');
    assert.equal(reason('2025-10-15'), '收到补正，重新起算');
    assert.deepEqual(byDate.get('2025-10-16'), { date: '2025-10-16', counted: true, n: 1, reason: '工作日，计第1日' });
    assert.equal(reason('2025-10-20'), '工作日，计第3日');
    assert.equal(reason('2025-10-21'), '征求第三方意见期间，不计入');
    assert.equal(reason('2025-11-03'), '征求第三方意见期间，不计入');
    assert.equal(reason('2025-11-04'), '工作日，计第4日');
    assert.equal(reason('2025-11-13'), '收费通知至缴费期间，不计入');
    assert.equal(reason('2025-11-20'), '工作日，计第11日');
    assert.equal(reason('2025-12-03'), '工作日，计第20日');
    assert.equal(reason('2025-12-04'), '工作日，计第21日（延长期限第1日）');
    assert.deepEqual(r.receipt.at(-1), {
      date: '2025-12-31',
      counted: true,
      n: 40,
      reason: '工作日，计第40日（延长期限第20日）',
    });
    assert.equal(r.receipt.filter((d) => d.counted).length, 40);
  });

  it('without the correction: 20 working days from Fri 09-26 = Thu 2025-10-30', () => {
    // 09-28 1, 09-29 2, 09-30 3, 10-09 4, 10-10 5, 10-11 6, 10-13..17 7..11, 10-20..24 12..16, 10-27..30 17..20.
    const r = run('2019', '2025-09-26');
    assert.equal(r.replyDue, '2025-10-30');
    assert.equal(r.clockStart, '2025-09-26');
    const sun = r.receipt.find((d) => d.date === '2025-09-28');
    assert.deepEqual(sun, { date: '2025-09-28', counted: true, n: 1, reason: '工作日（调休上班，国庆节），计第1日' });
  });
});

// ---------------------------------------------------------------------------
// (b) Every holiday block 2017–2026: a request received on the working day before it.
// ---------------------------------------------------------------------------
describe('holiday blocks 2017–2026 (request received the working day before each block)', () => {
  const offSorted = [...OFF].sort();
  const blocks: Array<{ first: IsoDate; last: IsoDate }> = [];
  for (const d of offSorted) {
    const b = blocks.at(-1);
    if (b && next(b.last) === d) b.last = d;
    else blocks.push({ first: d, last: d });
  }

  it('has the expected blocks (about seven a year)', () => {
    assert.ok(blocks.length >= 60 && blocks.length <= 75, String(blocks.length));
  });

  // Hand-computed rows.
  const hand: Array<[Rules, IsoDate, number, IsoDate, string]> = [
    // Thu 2017-01-26, 2008 rules: 02-03 1, 02-04 Sat (调休) 2, 02-06..10 3..7, 02-13..17 8..12, 02-20 13, 02-21 14, 02-22 15.
    ['2008', '2017-01-26', 0, '2017-02-22', '2017 春节'],
    // Tue 2025-09-30: 10-09 1, 10-10 2, 10-11 Sat 3, 10-13..17 4..8, 10-20..24 9..13, 10-27..31 14..18, 11-03 19, 11-04 20.
    ['2019', '2025-09-30', 0, '2025-11-04', '2025 国庆'],
    // Sat 2026-02-14 (调休上班): 02-24 1, 25 2, 26 3, 27 4, 02-28 Sat 5, 03-02..06 6..10, 03-09..13 11..15, 03-16..20 16..20.
    ['2019', '2026-02-14', 0, '2026-03-20', '2026 春节'],
    // Thu 2020-01-23, extended break to 02-02: 02-03 1 … 02-28 20 (four full weeks), +20: 03-02..27 → 03-27.
    ['2019', '2020-01-23', 20, '2020-03-27', '2020 春节（延长）'],
  ];
  for (const [rules, received, ext, due, label] of hand) {
    it(`by hand: ${label}, ${rules} rules, received ${received}${ext ? ` + ${ext}` : ''} → ${due}`, () => {
      const events: ClockEvent[] = ext ? [{ type: 'extended', on: received, workingDays: ext }] : [];
      const r = run(rules, received, events);
      assert.equal(r.replyDue, due);
      assert.equal(r.replyDue, oWalk(received, (rules === '2019' ? 20 : 15) + ext));
    });
  }

  const seen = new Set<IsoDate>();
  for (const b of blocks) {
    let received = prev(b.first);
    while (!oWorking(received)) received = prev(received);
    if (seen.has(received)) continue;
    seen.add(received);
    const rules: Rules = received < '2019-05-15' ? '2008' : '2019';
    it(`${b.first}..${b.last}: received ${received} (${rules})`, () => {
      const plain = run(rules, received);
      assert.deepEqual(plain.problems, []);
      assert.equal(plain.replyDue, oWalk(received, rules === '2019' ? 20 : 15));
      assert.equal(plain.correctionNoticeDue, rules === '2019' ? oWalk(received, 7) : null);
      // Both rule sets, whatever the date (ignoring the mismatch warning), and a full extension.
      assert.equal(run('2019', received).replyDue, oWalk(received, 20));
      assert.equal(run('2008', received).replyDue, oWalk(received, 15));
      const ext = run('2019', received, [{ type: 'extended', on: received, workingDays: 20 }]);
      assert.equal(ext.replyDue, oWalk(received, 40));
      assert.equal(ext.replyDueWithoutExtension, oWalk(received, 20));
      // Every day of the block is in the receipt as a rest day.
      for (let d = b.first; d <= b.last; d = next(d)) {
        const day = ext.receipt.find((x) => x.date === d);
        assert.ok(day, d);
        assert.equal(day.counted, false);
        assert.match(day.reason, /^休息日（.+）$/);
      }
    });
  }
});

// ---------------------------------------------------------------------------
// Rules, problems and edge cases.
// ---------------------------------------------------------------------------
describe('rules and problems', () => {
  it('received on a rest day: day 1 is the next working day', () => {
    // Sat 2025-10-04 (holiday): 10-09 1, 10-10 2, 10-11 3, 10-13..17 4..8, 10-20..24 9..13, 10-27..31 14..18, 11-03 19, 11-04 20.
    assert.equal(run('2019', '2025-10-04').replyDue, '2025-11-04');
  });

  it('2008: no correction-notice period; several correction rounds each restart the clock', () => {
    const r = run('2008', '2017-03-01', [
      { type: 'correction_requested', on: '2017-03-03' },
      { type: 'correction_received', on: '2017-03-10' },
      { type: 'correction_requested', on: '2017-03-13' },
      { type: 'correction_received', on: '2017-03-20' },
    ]);
    assert.equal(r.correctionNoticeDue, null);
    assert.deepEqual(r.problems, []);
    assert.equal(r.clockStart, '2017-03-20');
    assert.equal(r.replyDue, oWalk('2017-03-20', 15));
    assert.equal(r.receipt.find((d) => d.date === '2017-03-10')?.reason, '收到补正，重新起算');
  });

  it('2019: a late correction notice and a second notice are problems; the second does not restart', () => {
    const r = run('2019', '2025-03-03', [
      { type: 'correction_requested', on: '2025-03-14', deadline: '2025-03-28' }, // due 03-12
      { type: 'correction_received', on: '2025-03-20' },
      { type: 'correction_requested', on: '2025-03-24' },
      { type: 'correction_received', on: '2025-03-31' },
    ]);
    assert.equal(r.correctionNoticeDue, '2025-03-12');
    assert.equal(r.correctionDeadline, '2025-03-28');
    assert.equal(r.clockStart, '2025-03-20');
    assert.equal(r.replyDue, oWalk('2025-03-20', 20));
    assert.equal(r.problems.length, 2, r.problems.join('\n'));
    assert.match(r.problems[0] ?? '', /晚于法定期限 2025-03-12/);
    assert.match(r.problems[1] ?? '', /一次性告知/);
  });

  it('correction awaited: no reply due yet; a late correction is reported but restarts', () => {
    const waiting = run('2019', '2025-03-03', [{ type: 'correction_requested', on: '2025-03-05', deadline: '2025-03-20' }]);
    assert.equal(waiting.awaiting, 'correction');
    assert.equal(waiting.replyDue, null);
    assert.equal(waiting.clockStart, null);
    assert.equal(waiting.correctionDeadline, '2025-03-20');
    assert.equal(waiting.receipt.at(-1)?.date, '2025-03-20');
    assert.equal(waiting.receipt.find((d) => d.date === '2025-03-06')?.reason, '等待补正期间，不计入');
    assert.equal(waiting.receipt.find((d) => d.date === '2025-03-04')?.reason, '补正前的工作日，因补正重新起算，不计入');
    const late = run('2019', '2025-03-03', [
      { type: 'correction_requested', on: '2025-03-05', deadline: '2025-03-20' },
      { type: 'correction_received', on: '2025-03-22' }, // a Saturday
    ]);
    assert.equal(late.clockStart, '2025-03-22');
    assert.match(late.problems[0] ?? '', /晚于补正期限 2025-03-20.*视为放弃申请/);
    assert.equal(late.receipt.find((d) => d.date === '2025-03-22')?.reason, '收到补正，重新起算；休息日（星期六）');
  });

  it('impossible events are problems, never crashes', () => {
    const r = run('2019', '2025-03-03', [
      { type: 'correction_received', on: '2025-03-04' },
      { type: 'consultation_ended', on: '2025-03-05' },
      { type: 'fee_paid', on: '2025-03-06' },
      { type: 'consultation_ended', on: '2025-03-07', ref: 'x' },
      { type: 'extended', on: '2025-02-01', workingDays: 5 },
      { type: 'extended', on: '2025-03-07', workingDays: 0 },
    ]);
    assert.equal(r.replyDue, oWalk('2025-03-03', 20));
    assert.equal(r.problems.length, 6, r.problems.join('\n'));
    assert.match(r.problems.join('\n'), /早于收到申请日期/);
    assert.match(r.problems.join('\n'), /没有待补正的告知/);
    assert.match(r.problems.join('\n'), /没有进行中的征求意见/);
    assert.match(r.problems.join('\n'), /"x"/);
    assert.match(r.problems.join('\n'), /没有待缴费的收费通知/);
    assert.match(r.problems.join('\n'), /正整数/);
  });

  it('garbage input: unknown types, bad dates, bad received, bad rules', () => {
    const junk = [null, 3, 'x', { type: 'nope', on: '2025-01-01' }, { type: 'fee_paid', on: '2025-02-30' }, {}];
    const r = computeClock({ rules: '2019', received: '2025-03-03', events: junk as unknown as ClockEvent[] }, cal);
    assert.equal(r.problems.length, 6);
    assert.equal(r.replyDue, oWalk('2025-03-03', 20));
    const bad = computeClock({ rules: '2019', received: '2025-02-30', events: [] }, cal);
    assert.equal(bad.replyDue, null);
    assert.match(bad.problems[0] ?? '', /收到申请日期无效/);
    const rules = computeClock({ rules: 'x' as Rules, received: '2025-03-03', events: [] }, cal);
    assert.equal(rules.replyDue, oWalk('2025-03-03', 20));
    assert.match(rules.problems[0] ?? '', /2008 或 2019/);
    const edge = computeClock({ rules: '2019', received: '9999-12-20', events: [] }, cal);
    assert.equal(edge.replyDue, null);
    assert.match(edge.problems[0] ?? '', /超出可计算范围/);
  });

  it('events out of order: reported and sorted', () => {
    const r = run('2019', '2025-03-03', [
      { type: 'consultation_ended', on: '2025-03-14' },
      { type: 'consultation_started', on: '2025-03-05' },
    ]);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0] ?? '', /未按日期先后排列/);
    assert.equal(r.replyDue, oWalk('2025-03-03', 20, [['2025-03-05', '2025-03-14']]));
  });

  it('rules that do not match the date of receipt are reported', () => {
    assert.match(run('2008', '2019-05-15').problems[0] ?? '', /2019 年条例施行之后/);
    assert.match(run('2019', '2019-05-14').problems[0] ?? '', /早于 2019 年条例施行日/);
    assert.deepEqual(run('2008', '2019-05-14').problems, []);
  });

  it('consultation (2019): capped at the 15th working day after the letter; third party or organ', () => {
    // Letter Mon 2025-03-03: the 15th working day after it is Mon 03-24.
    const cap = oWalk('2025-03-03', 15);
    assert.equal(cap, '2025-03-24');
    const noAnswer = run('2019', '2025-03-03', [{ type: 'consultation_started', on: '2025-03-03', party: 'organ' }]);
    assert.equal(noAnswer.awaiting, null);
    assert.equal(noAnswer.replyDue, oWalk('2025-03-03', 35));
    assert.deepEqual(noAnswer.paused[0], {
      kind: 'consultation',
      from: '2025-03-04',
      to: '2025-03-24',
      reason: '征求其他机关意见期间（未收到意见，至发函后第 15 个工作日为止）',
    });
    const lateAnswer = run('2019', '2025-03-03', [
      { type: 'consultation_started', on: '2025-03-03' },
      { type: 'consultation_ended', on: '2025-04-15' },
    ]);
    assert.equal(lateAnswer.replyDue, oWalk('2025-03-03', 35));
    assert.equal(lateAnswer.paused[0]?.to, '2025-03-24');
    const early = run('2019', '2025-03-03', [
      { type: 'consultation_started', on: '2025-03-03' },
      { type: 'consultation_ended', on: '2025-03-05' },
    ]);
    assert.equal(early.replyDue, oWalk('2025-03-03', 22));
  });

  it('two overlapping consultations paired by ref', () => {
    const r = run('2019', '2025-03-03', [
      { type: 'consultation_started', on: '2025-03-04', ref: 'a' },
      { type: 'consultation_started', on: '2025-03-06', party: 'organ', ref: 'b' },
      { type: 'consultation_ended', on: '2025-03-07', ref: 'b' },
      { type: 'consultation_ended', on: '2025-03-12', ref: 'a' },
    ]);
    assert.deepEqual(r.problems, []);
    assert.equal(r.replyDue, oWalk('2025-03-03', 20, [['2025-03-04', '2025-03-12']]));
    assert.equal(
      r.receipt.find((d) => d.date === '2025-03-07')?.reason,
      '征求第三方意见期间，不计入；征求其他机关意见期间，不计入',
    );
  });

  it('consultation (2008): third party uncapped and awaited; other organs do not pause', () => {
    const open = run('2008', '2017-03-01', [{ type: 'consultation_started', on: '2017-03-02' }]);
    assert.equal(open.awaiting, 'consultation');
    assert.equal(open.replyDue, null);
    const long = run('2008', '2017-03-01', [
      { type: 'consultation_started', on: '2017-03-02' },
      { type: 'consultation_ended', on: '2017-05-02' },
    ]);
    assert.equal(long.replyDue, oWalk('2017-03-01', 15, [['2017-03-02', '2017-05-02']]));
    const organ = run('2008', '2017-03-01', [
      { type: 'consultation_started', on: '2017-03-02', party: 'organ' },
      { type: 'consultation_ended', on: '2017-03-10' },
    ]);
    assert.equal(organ.replyDue, oWalk('2017-03-01', 15));
    assert.equal(organ.paused.length, 0);
    assert.equal(
      organ.receipt.find((d) => d.date === '2017-03-03')?.reason,
      '工作日，计第2日（2008 年条例：征求其他机关意见期间照常计算）',
    );
  });

  it('extension: capped at the maximum, once, not after the unextended due date', () => {
    const capped = run('2008', '2017-03-01', [{ type: 'extended', on: '2017-03-02', workingDays: 20 }]);
    assert.equal(capped.extensionDays, 15);
    assert.equal(capped.replyDue, oWalk('2017-03-01', 30));
    assert.match(capped.problems[0] ?? '', /超过上限 15/);
    const twice = run('2019', '2025-03-03', [
      { type: 'extended', on: '2025-03-10', workingDays: 10 },
      { type: 'extended', on: '2025-03-20', workingDays: 10 },
    ]);
    assert.equal(twice.extensionDays, 10);
    assert.equal(twice.replyDue, oWalk('2025-03-03', 30));
    assert.match(twice.problems[0] ?? '', /只能延长一次/);
    const due = oWalk('2025-03-03', 20);
    const onDue = run('2019', '2025-03-03', [{ type: 'extended', on: due, workingDays: 5 }]);
    assert.equal(onDue.replyDue, oWalk('2025-03-03', 25));
    const late = run('2019', '2025-03-03', [{ type: 'extended', on: next(due), workingDays: 5 }]);
    assert.equal(late.replyDue, due);
    assert.equal(late.extensionDays, 0);
    assert.match(late.problems[0] ?? '', /晚于原答复期限/);
  });

  it('fee: awaited while unpaid; late payment reported; not under 2008 nor before 2021', () => {
    const unpaid = run('2019', '2025-03-03', [{ type: 'fee_notice_sent', on: '2025-03-10' }]);
    assert.equal(unpaid.awaiting, 'fee_payment');
    assert.equal(unpaid.replyDue, null);
    assert.equal(unpaid.feePaymentDue, oWalk('2025-03-10', 20));
    assert.equal(unpaid.receipt.at(-1)?.date, unpaid.feePaymentDue);
    assert.equal(unpaid.receipt.find((d) => d.date === '2025-03-11')?.reason, '收费通知后尚未缴费，不计入');
    const late = run('2019', '2025-03-03', [
      { type: 'fee_notice_sent', on: '2025-03-10' },
      { type: 'fee_paid', on: '2025-04-30' },
    ]);
    assert.match(late.problems[0] ?? '', /晚于缴费期限/);
    assert.equal(late.replyDue, oWalk('2025-03-03', 20, [['2025-03-10', '2025-04-30']]));
    const old = run('2019', '2020-06-01', [
      { type: 'fee_notice_sent', on: '2020-06-03' },
      { type: 'fee_paid', on: '2020-06-10' },
    ]);
    assert.equal(old.replyDue, oWalk('2020-06-01', 20));
    assert.match(old.problems[0] ?? '', /国办函〔2020〕109号/);
    assert.match(old.problems[1] ?? '', /没有待缴费的收费通知/);
    const y2008 = run('2008', '2017-06-01', [{ type: 'fee_notice_sent', on: '2017-06-03' }]);
    assert.equal(y2008.replyDue, oWalk('2017-06-01', 15));
    assert.match(y2008.problems[0] ?? '', /2008 年条例/);
  });

  it('a consultation or fee notice sent after the due date changes nothing and is reported', () => {
    const due = oWalk('2025-03-03', 20);
    const r = run('2019', '2025-03-03', [
      { type: 'consultation_started', on: due },
      { type: 'consultation_ended', on: plus(due, 10) },
    ]);
    assert.equal(r.replyDue, due);
    assert.match(r.problems[0] ?? '', /已届满或当日届满/);
  });

  it('Art 35 deferral sets the reply due date (2019 only, not once late)', () => {
    const r = run('2019', '2025-03-03', [
      { type: 'deferred', on: '2025-03-10', until: '2025-05-30', reason: '申请数量明显超过合理范围' },
    ]);
    assert.equal(r.replyDue, '2025-05-30');
    assert.equal(r.deferredUntil, '2025-05-30');
    assert.equal(r.replyDueWithoutExtension, oWalk('2025-03-03', 20));
    assert.deepEqual(r.problems, []);
    assert.equal(r.receipt.at(-1)?.date, '2025-05-30');
    assert.equal(r.receipt.at(-1)?.reason, '依第三十五条确定的答复期限内（申请数量明显超过合理范围）');
    assert.equal(r.receipt.filter((d) => d.counted).length, 20);
    const y2008 = run('2008', '2017-03-01', [{ type: 'deferred', on: '2017-03-02', until: '2017-06-30', reason: 'x' }]);
    assert.equal(y2008.replyDue, oWalk('2017-03-01', 15));
    assert.match(y2008.problems[0] ?? '', /第三十五条/);
    const due = oWalk('2025-03-03', 20);
    const late = run('2019', '2025-03-03', [{ type: 'deferred', on: next(due), until: '2025-06-30', reason: 'x' }]);
    assert.equal(late.replyDue, due);
    assert.match(late.problems[0] ?? '', /晚于答复期限/);
    const rest = run('2019', '2025-03-03', [{ type: 'deferred', on: '2025-03-04', until: '2025-05-31', reason: 'x' }]);
    assert.equal(rest.replyDue, '2025-05-31');
    assert.match(rest.problems[0] ?? '', /不是工作日/);
  });

  it('a calendar override (a later-announced day off) moves the due date', () => {
    const before = run('2019', '2027-03-01');
    const c = new WorkingDayCalendar([{ date: '2027-03-10', working: false, notice: '国办发明电〔2027〕1号' }]);
    const after = run('2019', '2027-03-01', [], c);
    assert.equal(after.replyDue, cal.addWorkingDays(before.replyDue ?? '', 1));
    assert.equal(after.receipt.find((d) => d.date === '2027-03-10')?.reason, '休息日（国办发明电〔2027〕1号）');
  });

  it('options.receipt = false skips the receipt only', () => {
    const input: ClockInput = {
      rules: '2019',
      received: '2025-09-26',
      events: [{ type: 'extended', on: '2025-09-29', workingDays: 3 }],
    };
    const full = computeClock(input, cal);
    const lean = computeClock(input, cal, { receipt: false });
    assert.deepEqual(lean, { ...full, receipt: [] });
  });
});

// ---------------------------------------------------------------------------
// (c) Properties over random valid scenarios 2017–2026.
// ---------------------------------------------------------------------------
interface Gen {
  input: ClockInput;
  clockStart: IsoDate;
  base: number;
  ext: number;
  /** Oracle pauses (after, to]. */
  pauses: Array<[IsoDate, IsoDate]>;
}

const receivedArb = fc.integer({ min: dayNum('2017-01-01'), max: dayNum('2026-12-31') }).map(fromNum);
const consultationArb = fc.record({
  start: fc.integer({ min: 0, max: 14 }),
  len: fc.integer({ min: 0, max: 40 }),
  organ: fc.boolean(),
  ended: fc.boolean(),
});
const rawArb = fc.record({
  received: receivedArb,
  correction: fc.option(fc.record({ ask: fc.integer({ min: 0, max: 6 }), answer: fc.integer({ min: 0, max: 30 }) })),
  consultations: fc.array(consultationArb, { maxLength: 2 }),
  extension: fc.option(fc.record({ at: fc.integer({ min: 0, max: 14 }), days: fc.integer({ min: 1, max: 20 }) })),
  fee: fc.option(fc.record({ at: fc.integer({ min: 0, max: 14 }), len: fc.integer({ min: 0, max: 20 }) })),
});
type Raw = typeof rawArb extends fc.Arbitrary<infer T> ? T : never;

function build(raw: Raw): Gen {
  const received = raw.received;
  const rules: Rules = received < '2019-05-15' ? '2008' : '2019';
  const base = rules === '2019' ? 20 : 15;
  const events: ClockEvent[] = [];
  let clockStart = received;
  if (raw.correction) {
    const asked = plus(received, raw.correction.ask);
    clockStart = plus(asked, raw.correction.answer);
    events.push({ type: 'correction_requested', on: asked }, { type: 'correction_received', on: clockStart });
  }
  const pauses: Array<[IsoDate, IsoDate]> = [];
  raw.consultations.forEach((c, k) => {
    const on = plus(clockStart, c.start);
    const party = c.organ ? 'organ' : 'third_party';
    const ended = rules === '2008' || c.ended; // 2008: an unanswered third party would leave the reply undetermined
    const end = plus(on, c.len);
    events.push({ type: 'consultation_started', on, party, ref: `c${k}` });
    if (ended) events.push({ type: 'consultation_ended', on: end, ref: `c${k}` });
    if (rules === '2008') {
      if (!c.organ) pauses.push([on, end]);
    } else {
      const cap = oWalk(on, 15);
      pauses.push([on, ended && end < cap ? end : cap]);
    }
  });
  let ext = 0;
  if (raw.extension) {
    ext = Math.min(raw.extension.days, rules === '2019' ? 20 : 15);
    events.push({ type: 'extended', on: plus(clockStart, raw.extension.at), workingDays: ext });
  }
  if (raw.fee && rules === '2019' && plus(clockStart, raw.fee.at) >= '2021-01-01') {
    const on = plus(clockStart, raw.fee.at);
    const paid = plus(on, raw.fee.len);
    events.push({ type: 'fee_notice_sent', on }, { type: 'fee_paid', on: paid });
    pauses.push([on, paid]);
  }
  events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)); // stable: pairs keep their order
  return { input: { rules, received, events }, clockStart, base, ext, pauses };
}

const genArb = rawArb.map(build);
const RUNS = { numRuns: 300 };

function pausedWorkingDays(r: ClockResult, from: IsoDate, to: IsoDate, c = cal): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (c.isWorkingDay(d) && r.paused.some((p) => d >= p.from && (p.to === null || d <= p.to))) n += 1;
  }
  return n;
}

describe('properties (random valid scenarios, received 2017–2026)', () => {
  it('valid scenarios raise no problems and match the independent oracle', () => {
    fc.assert(
      fc.property(genArb, (g) => {
        const r = computeClock(g.input, cal);
        assert.deepEqual(r.problems, []);
        assert.equal(r.awaiting, null);
        assert.equal(r.clockStart, g.clockStart);
        assert.equal(r.extensionDays, g.ext);
        assert.equal(r.replyDue, oWalk(g.clockStart, g.base + g.ext, g.pauses));
        assert.equal(r.replyDueWithoutExtension, oWalk(g.clockStart, g.base, g.pauses));
      }),
      RUNS,
    );
  });

  it('replyDue is a working day; counted working days from the clock start = base + extension', () => {
    fc.assert(
      fc.property(genArb, (g) => {
        const r = computeClock(g.input, cal);
        const due = r.replyDue;
        assert.ok(due !== null && r.clockStart !== null);
        assert.equal(cal.isWorkingDay(due), true);
        const counted = cal.countWorkingDays(r.clockStart, due) - pausedWorkingDays(r, r.clockStart, due);
        assert.equal(counted, (g.input.rules === '2019' ? 20 : 15) + r.extensionDays);
      }),
      RUNS,
    );
  });

  it('the receipt lists every day from the day after receipt to replyDue; exactly base + extension counted, numbered 1..N', () => {
    fc.assert(
      fc.property(genArb, (g) => {
        const r = computeClock(g.input, cal);
        const N = g.base + r.extensionDays;
        assert.equal(r.receipt[0]?.date, next(g.input.received));
        assert.equal(r.receipt.at(-1)?.date, r.replyDue);
        r.receipt.forEach((d, k) => {
          assert.equal(d.date, plus(g.input.received, k + 1));
          assert.ok(d.reason.length > 0);
          if (!cal.isWorkingDay(d.date)) assert.equal(d.counted, false);
        });
        const counted = r.receipt.filter((d) => d.counted);
        assert.equal(counted.length, N);
        assert.deepEqual(
          counted.map((d) => d.n),
          Array.from({ length: N }, (_, k) => k + 1),
        );
        assert.equal(r.receipt.at(-1)?.counted, true);
      }),
      RUNS,
    );
  });

  it('adding a consultation never makes replyDue earlier', () => {
    fc.assert(
      fc.property(genArb, consultationArb, (g, c) => {
        const r = computeClock(g.input, cal);
        const on = plus(g.clockStart, c.start);
        const extra: ClockEvent[] = [
          { type: 'consultation_started', on, party: c.organ ? 'organ' : 'third_party', ref: 'extra' },
        ];
        if (g.input.rules === '2008' || c.ended) extra.push({ type: 'consultation_ended', on: plus(on, c.len), ref: 'extra' });
        const events = [...g.input.events, ...extra].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
        const r2 = computeClock({ ...g.input, events }, cal);
        assert.ok(r.replyDue !== null && r2.replyDue !== null);
        assert.ok(r2.replyDue >= r.replyDue, `${r2.replyDue} < ${r.replyDue}`);
      }),
      RUNS,
    );
  });

  it('a longer consultation never makes replyDue earlier', () => {
    fc.assert(
      fc.property(genArb, fc.integer({ min: 1, max: 30 }), (g, more) => {
        const ends = g.input.events.filter((e) => e.type === 'consultation_ended');
        fc.pre(ends.length > 0);
        const target = ends[0];
        const events = g.input.events
          .map((e) => (e === target ? { ...e, on: plus(e.on, more) } : e))
          .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
        const r = computeClock(g.input, cal);
        const r2 = computeClock({ ...g.input, events }, cal);
        assert.ok(r.replyDue !== null && r2.replyDue !== null);
        assert.ok(r2.replyDue >= r.replyDue, `${r2.replyDue} < ${r.replyDue}`);
      }),
      RUNS,
    );
  });

  it('an override turning a counted day into a day off moves replyDue later by at least one working day', () => {
    fc.assert(
      fc.property(genArb, fc.nat(), (g, pick) => {
        const r = computeClock(g.input, cal);
        const counted = r.receipt.filter((d) => d.counted);
        const day = counted[pick % counted.length];
        assert.ok(day && r.replyDue !== null);
        const c2 = new WorkingDayCalendar([{ date: day.date, working: false, notice: '测试' }]);
        const r2 = computeClock(g.input, c2);
        assert.ok(r2.replyDue !== null);
        assert.ok(r2.replyDue > r.replyDue);
        assert.ok(c2.countWorkingDays(r.replyDue, r2.replyDue) >= 1);
        assert.deepEqual(r2.problems, []);
        assert.equal(r2.receipt.filter((d) => d.counted).length, g.base + r2.extensionDays);
      }),
      RUNS,
    );
  });

  it('a longer extension never makes replyDue earlier', () => {
    fc.assert(
      fc.property(genArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10 }), (g, a, at) => {
        const max = g.input.rules === '2019' ? 20 : 15;
        const lo = Math.min(a, max);
        const withExt = (days: number): ClockInput => ({
          ...g.input,
          events: [
            ...g.input.events.filter((e) => e.type !== 'extended'),
            { type: 'extended', on: plus(g.clockStart, at), workingDays: days } as ClockEvent,
          ].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0)),
        });
        const r1 = computeClock(withExt(lo), cal);
        const r2 = computeClock(withExt(max), cal);
        assert.ok(r1.replyDue !== null && r2.replyDue !== null);
        assert.ok(r2.replyDue >= r1.replyDue);
        assert.equal(r2.extensionDays, max);
      }),
      RUNS,
    );
  });

  it('arbitrary event logs never throw; the receipt is contiguous and ends at replyDue', () => {
    const types = [
      'correction_requested',
      'correction_received',
      'consultation_started',
      'consultation_ended',
      'extended',
      'fee_notice_sent',
      'fee_paid',
      'deferred',
    ] as const;
    const anyDate = fc.oneof(
      fc.integer({ min: dayNum('2016-06-01'), max: dayNum('2027-06-30') }).map(fromNum),
      fc.constantFrom('2025-02-30', '', 'x', '2025-1-1'),
    );
    const eventArb = fc.record({
      type: fc.constantFrom(...types, 'bogus'),
      on: anyDate,
      workingDays: fc.integer({ min: -5, max: 60 }),
      until: anyDate,
      deadline: fc.option(anyDate, { nil: undefined }),
      reason: fc.string({ maxLength: 5 }),
      party: fc.constantFrom('third_party', 'organ', 'x', undefined),
      ref: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<Rules>('2008', '2019'),
        receivedArb,
        fc.array(eventArb, { maxLength: 12 }),
        (rules, received, events) => {
          const r = computeClock({ rules, received, events: events as unknown as ClockEvent[] }, cal);
          assert.ok(Array.isArray(r.problems));
          r.receipt.forEach((d, k) => {
            assert.equal(d.date, plus(received, k + 1));
          });
          if (r.replyDue !== null) {
            assert.equal(r.awaiting, null);
            if (r.replyDue > received) assert.equal(r.receipt.at(-1)?.date, r.replyDue);
            assert.ok(r.clockStart !== null && r.replyDueWithoutExtension !== null);
            if (r.deferredUntil === undefined) assert.equal(cal.isWorkingDay(r.replyDue), true);
          } else assert.notEqual(r.awaiting, null);
        },
      ),
      { numRuns: 500 },
    );
  });
});
