// The demo organ's 2017 appeals (seed 六): 14 reconsideration cases about disclosure among the 85
// reconsideration cases the department handled in the year (16.5%), and 5 lawsuits about
// disclosure in which it was the defendant. Written through the appeals service (validated and
// audited), once: a second run finds the 2017 cases and does nothing. The seed gives the counts
// only; the case numbers, dates and results are the demo's.
import type { Services } from '../../app.js';
import { systemCtx } from '../../platform/context.js';

/** 六: disclosure reconsideration cases, all reconsideration cases, disclosure lawsuits. */
export const SEED_RECONSIDERATION_2017 = 14;
export const SEED_RECONSIDERATION_TOTAL_2017 = 85;
export const SEED_LITIGATION_2017 = 5;

const NOTE = '演示数据：申请人认为市住房城乡建设主管部门对其政府信息公开申请不予答复、答复不完全或不规范。';

/** [filed, result or null (pending on 31 December), decided]. */
const RECONSIDERATIONS: ReadonlyArray<readonly [string, 'upheld' | 'corrected' | 'other' | null, string | null]> = [
  ['2017-01-16', 'upheld', '2017-03-10'],
  ['2017-02-22', 'corrected', '2017-04-18'],
  ['2017-03-20', 'upheld', '2017-05-12'],
  ['2017-04-11', 'upheld', '2017-06-05'],
  ['2017-05-08', 'corrected', '2017-06-30'],
  ['2017-05-25', 'other', '2017-06-20'],
  ['2017-06-19', 'upheld', '2017-08-11'],
  ['2017-07-13', 'corrected', '2017-09-04'],
  ['2017-08-07', 'upheld', '2017-09-29'],
  ['2017-08-28', 'upheld', '2017-10-20'],
  ['2017-09-18', 'corrected', '2017-11-10'],
  ['2017-10-23', 'upheld', '2017-12-15'],
  ['2017-11-13', 'upheld', '2017-12-29'],
  ['2017-12-11', null, null],
];

const LAWSUITS: ReadonlyArray<readonly [string, string, 'upheld' | 'corrected' | 'other' | null, string | null]> = [
  ['（2017）桂0103行初31号', '2017-03-06', 'upheld', '2017-06-22'],
  ['（2017）桂0103行初58号', '2017-05-15', 'upheld', '2017-08-30'],
  ['（2017）桂0103行初87号', '2017-07-24', 'other', '2017-09-15'],
  ['（2017）桂0103行初112号', '2017-09-11', 'upheld', '2017-12-08'],
  ['（2017）桂0103行初139号', '2017-11-20', null, null],
];

/** Loads the 2017 appeals and the year's total of reconsideration cases; false when already there. */
export async function seedDemoAppeals(s: Services, organId: number): Promise<boolean> {
  const ctx = systemCtx('seed:demo');
  if ((await s.appeals.list(ctx, organId, { year: 2017 })).length > 0) return false;
  for (const [i, [filedOn, result, decidedOn]] of RECONSIDERATIONS.entries()) {
    await s.appeals.create(ctx, organId, {
      reference: `桂建复〔2017〕${i + 1}号`,
      kind: 'reconsideration',
      filedOn,
      body: '广西壮族自治区住房和城乡建设厅',
      result: result ?? '',
      decidedOn: decidedOn ?? '',
      note: NOTE,
    });
  }
  for (const [reference, filedOn, result, decidedOn] of LAWSUITS) {
    await s.appeals.create(ctx, organId, {
      reference,
      kind: 'litigation_direct',
      filedOn,
      body: '南宁市青秀区人民法院',
      result: result ?? '',
      decidedOn: decidedOn ?? '',
      note: '演示数据：本厅作为被告的政府信息公开行政诉讼。',
    });
  }
  await s.appeals.setYearTotal(ctx, organId, { year: '2017', total: String(SEED_RECONSIDERATION_TOTAL_2017) });
  return true;
}
