// Reminders of the legal clock (issue 4 "Handling"): when a request's reply is due within 5
// working days, within 1 working day, and when it is overdue, the disclosure office is told by
// mail (the organ's 公开办 e-mail of its settings) and, when its settings give a mobile number, by
// SMS — through the outbox. Each reminder is sent once per stage and due date (the outbox key),
// so the hourly job may run on every server; when the due date moves (an extension, a holiday),
// the stages start again for the new date. Cases waiting for the applicant (correction, fee) have
// no running clock and get none. The text names the reference and the dates, never the applicant.
import { chinaDate } from '../../platform/clock.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { normalisePhone } from '../../platform/sms/sms.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { notifyMail, notifySms } from '../notify/notify.js';

/** States whose reply is still owed and whose clock runs. */
const RUNNING = ['registered', 'assigned', 'in_consultation', 'drafting', 'under_review', 'approved'] as const;
export type ReminderStage = 'due5' | 'due1' | 'overdue';
const SMS_TEMPLATE = 'GK_REQUEST_DUE';
const BATCH = 500;

/** The stage a case is in on `today`, from the working days left until its reply is due. */
export function reminderStage(workingDaysLeft: number, overdue: boolean): ReminderStage | null {
  if (overdue) return 'overdue';
  if (workingDaysLeft <= 1) return 'due1';
  if (workingDaysLeft <= 5) return 'due5';
  return null;
}

const zh = (ymd: string) => `${Number(ymd.slice(0, 4))}年${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`;

export function reminderText(stage: ReminderStage, reference: string, due: string, left: number, link: string): string {
  const head =
    stage === 'overdue'
      ? `【已超期】政府信息公开申请 ${reference} 的答复期限为${zh(due)}，现已超期，请立即办理。`
      : `【到期提醒】政府信息公开申请 ${reference} 应于${zh(due)}前答复，还剩 ${left} 个工作日。`;
  return `${head}\n办理页面：${link}`;
}

export function createRequestReminders(deps: Deps, ext: { calendar: CalendarService }) {
  const { db, clock, config } = deps;
  return {
    /** Enqueues the reminders due now; returns how many were new. */
    async remind(now: Date = clock.now()): Promise<{ checked: number; enqueued: number }> {
      const today = chinaDate(now);
      const cal = await ext.calendar.calendar();
      let checked = 0;
      let enqueued = 0;
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('requests as r')
          .leftJoin('organ_settings as s', 's.organ_id', 'r.organ_id')
          .select(['r.id', 'r.organ_id', 'r.reference', 'r.reply_due', 's.email', 's.phone'])
          .where('r.state', 'in', [...RUNNING])
          .where('r.reply_due', 'is not', null)
          .where('r.id', '>', after)
          .orderBy('r.id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        after = Number(rows[rows.length - 1]?.id);
        const due: Array<{ id: number; organId: number; text: string; key: string; email: string | null; phone: string | null }> =
          [];
        for (const r of rows) {
          checked++;
          const replyDue = r.reply_due as string;
          const overdue = today > replyDue;
          const left = overdue ? 0 : cal.countWorkingDays(today, replyDue);
          const stage = reminderStage(left, overdue);
          if (!stage || (!r.email && !r.phone)) continue;
          const link = `${config.publicUrl ?? ''}/staff/requests/${Number(r.id)}`;
          due.push({
            id: Number(r.id),
            organId: Number(r.organ_id),
            text: reminderText(stage, r.reference, replyDue, left, link),
            key: `request:${Number(r.id)}:${stage}:${replyDue}`,
            email: r.email,
            phone: r.phone ? normalisePhone(r.phone) : null,
          });
        }
        if (due.length === 0) continue;
        await inTransaction(db, async (tx) => {
          for (const d of due) {
            const subject = d.text.split('\n')[0] as string;
            if (
              d.email &&
              (await notifyMail(tx, config.secret, {
                to: d.email,
                subject,
                text: d.text,
                key: `${d.key}:mail`,
                at: now,
                organId: d.organId,
              }))
            )
              enqueued++;
            if (
              d.phone &&
              (await notifySms(tx, config.secret, {
                phone: d.phone,
                text: subject,
                template: SMS_TEMPLATE,
                key: `${d.key}:sms`,
                at: now,
                organId: d.organId,
              }))
            )
              enqueued++;
          }
        });
      }
      return { checked, enqueued };
    },
  };
}
