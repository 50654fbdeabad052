// Deadlines of proactive disclosure (PURE).
// 政府信息公开条例 Art 26: disclose within 20 working days from the day the information is formed
// or changed (norms.md §1.3). "三同步" (norms.md §6.5): a policy document's interpretation is
// published with it, at the latest within 3 working days of the document's publication.
// Working days follow the calendar module (the start day is never counted).

export const ART26_WORKING_DAYS = 20;
/** Unpublished items with this many working days left or fewer are "at risk". */
export const AT_RISK_WORKING_DAYS = 5;
export const INTERPRETATION_WORKING_DAYS = 3;

/** The part of the working-day calendar these rules need. */
export interface WorkingDays {
  addWorkingDays(start: string, n: number): string;
  countWorkingDays(from: string, to: string): number;
}

export type Art26Status = 'open' | 'at_risk' | 'overdue' | 'met' | 'late' | 'not_applicable';

export interface Art26Deadline {
  createdOn: string;
  dueOn: string;
  /** Working days from today (or from the publication date, once published) to the due date;
   * negative when past it. */
  remaining: number;
  status: Art26Status;
}

/** Signed working days from `a` to `b`: positive when b is later. */
function workingDaysBetween(cal: WorkingDays, a: string, b: string): number {
  return b >= a ? cal.countWorkingDays(a, b) : -cal.countWorkingDays(b, a);
}

export function art26Deadline(
  cal: WorkingDays,
  p: { created_on: string; disclosure: string; published_on: string | null },
  today: string,
): Art26Deadline {
  const dueOn = cal.addWorkingDays(p.created_on, ART26_WORKING_DAYS);
  if (p.published_on) {
    const remaining = workingDaysBetween(cal, p.published_on, dueOn);
    return { createdOn: p.created_on, dueOn, remaining, status: p.published_on <= dueOn ? 'met' : 'late' };
  }
  const remaining = workingDaysBetween(cal, today, dueOn);
  if (p.disclosure !== 'proactive') return { createdOn: p.created_on, dueOn, remaining, status: 'not_applicable' };
  const status: Art26Status = remaining < 0 ? 'overdue' : remaining <= AT_RISK_WORKING_DAYS ? 'at_risk' : 'open';
  return { createdOn: p.created_on, dueOn, remaining, status };
}

export type InterpretationStatus = 'on_time' | 'late' | 'pending' | 'missing';

/** Whether a published policy document's interpretation came within 3 working days. `late` and
 * `missing` are flagged; `pending` is still within the window. */
export function interpretationStatus(
  cal: WorkingDays,
  policyPublishedOn: string,
  interpretationPublishedOn: string | null,
  today: string,
): { dueOn: string; status: InterpretationStatus; flagged: boolean } {
  const dueOn = cal.addWorkingDays(policyPublishedOn, INTERPRETATION_WORKING_DAYS);
  let status: InterpretationStatus;
  if (interpretationPublishedOn !== null) status = interpretationPublishedOn <= dueOn ? 'on_time' : 'late';
  else status = today <= dueOn ? 'pending' : 'missing';
  return { dueOn, status, flagged: status === 'late' || status === 'missing' };
}
