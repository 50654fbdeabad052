// Reminders of the legal clock: 5 and 1 working days before the reply is due and when overdue,
// by mail (and SMS to a mobile number) to the disclosure office, through the outbox; each stage
// once per due date; none while the applicant is asked to correct; none without an address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reminderStage } from '../../src/modules/requests/requests.reminders.js';
import { buildTestApp, organWithUnits, type TestApp } from '../support/app.js';
import { part, startSmtp } from '../support/smtp.js';
import { application } from './requests.fixtures.js';

const meta = { ip: '203.0.113.9', requestId: null };

describe('requests: reminders of due and overdue replies', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let organId: number;

  before(async () => {
    smtp = await startSmtp();
    t = await buildTestApp({
      now: '2026-03-02T02:00:00.000Z',
      config: { smtpUrl: smtp.url, mailFrom: '测试厅 <gongkai@example.gov.cn>', publicUrl: 'https://gk.example.gov.cn' },
    });
    organId = (await organWithUnits(t.services, 'jt')).organ.id;
    await t.db.db
      .insertInto('organ_settings')
      .values({
        organ_id: organId,
        email: 'gkb@jt.example.gov.cn',
        phone: '0771-1234567',
        updated_at: '2026-03-02T02:00:00.000Z',
        version: 1,
      })
      .execute();
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('stages follow the working days left', () => {
    assert.equal(reminderStage(6, false), null);
    assert.equal(reminderStage(5, false), 'due5');
    assert.equal(reminderStage(2, false), 'due5');
    assert.equal(reminderStage(1, false), 'due1');
    assert.equal(reminderStage(0, false), 'due1');
    assert.equal(reminderStage(0, true), 'overdue');
  });

  it('mails the office at 5 and 1 working days left and when overdue, each once', async () => {
    const { row } = await t.services.requests.submitOnline(organId, application({ email: '', delivery: 'mail' }), meta);
    const due = row.reply_due as string;
    const cal = await t.services.calendar.calendar();
    const dayWithLeft = (n: number) => {
      // the working day from which `n` working days remain until the due date
      let d = due;
      for (let i = 0; i < n; i++) {
        do d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        while (!cal.isWorkingDay(d));
      }
      return d;
    };
    const run = async (day: string) => {
      t.clock.set(`${day}T02:00:00.000Z`);
      return t.services.requestReminders.remind();
    };
    assert.equal((await run(dayWithLeft(6))).enqueued, 0);
    assert.equal((await run(dayWithLeft(5))).enqueued, 1);
    assert.equal((await run(dayWithLeft(4))).enqueued, 0, 'the 5-day reminder is sent once');
    assert.equal((await run(dayWithLeft(1))).enqueued, 1);
    assert.equal((await run(due)).enqueued, 0, 'the due day is within the 1-day stage');
    assert.equal((await run(cal.addWorkingDays(due, 1))).enqueued, 1);
    assert.equal((await run(cal.addWorkingDays(due, 2))).enqueued, 0, 'overdue once');

    await t.services.outbox.dispatchDue();
    const mails = smtp.inbox.filter((m) => m.to.includes('gkb@jt.example.gov.cn'));
    assert.equal(mails.length, 3);
    const texts = mails.map((m) => part(m.raw, 'text/plain'));
    assert.match(texts[0] as string, /还剩 5 个工作日/);
    assert.match(texts[1] as string, /还剩 1 个工作日/);
    assert.match(texts[2] as string, /已超期/);
    for (const text of texts) {
      assert.match(text, new RegExp(row.reference));
      assert.match(text, new RegExp(`https://gk\\.example\\.gov\\.cn/staff/requests/${row.id}`));
      assert.doesNotMatch(text, /张三/, 'the applicant is not named');
    }
  });

  it('sends nothing to an organ without a disclosure office address', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    const other = await organWithUnits(t.services, 'cz');
    await t.services.requests.submitOnline(other.organ.id, application({ email: '', delivery: 'mail' }), meta);
    t.clock.set('2026-12-30T02:00:00.000Z');
    const before = (await t.db.db.selectFrom('outbox').select('id').execute()).length;
    const r = await t.services.requestReminders.remind();
    assert.ok(r.checked >= 1);
    const fresh = await t.db.db.selectFrom('outbox').select(['idempotency_key']).execute();
    // only the first organ's (already reminded) case could have produced one: nothing new
    assert.equal(fresh.length, before);
  });
});
