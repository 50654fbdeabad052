// The applicant's acknowledgement by mail: enqueued in the transaction that registers the request,
// sealed in the outbox (no tracking link or address in clear in the database), delivered through a
// real SMTP server by the outbox, with a tracking link that opens the case. Without an SMTP server
// the message fails at once with the reason, and the request itself is unaffected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemCtx } from '../../src/platform/context.js';
import { buildTestApp, organWithUnits, type TestApp } from '../support/app.js';
import { part, startSmtp } from '../support/smtp.js';
import { application } from './requests.fixtures.js';

const meta = { ip: '203.0.113.9', requestId: null };

describe('requests: acknowledgement by mail through the outbox', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let organId: number;

  before(async () => {
    smtp = await startSmtp();
    t = await buildTestApp({
      now: '2026-03-02T02:00:00.000Z',
      config: { smtpUrl: smtp.url, mailFrom: '测试厅政务公开 <gongkai@example.gov.cn>', publicUrl: 'https://gk.example.gov.cn' },
    });
    organId = (await organWithUnits(t.services, 'jt')).organ.id;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends the reference and a working private link; nothing readable is left in the outbox', async () => {
    const { row, token } = await t.services.requests.submitOnline(organId, application({ email: 'zhangsan@example.cn' }), meta);
    const queued = await t.db.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', `request:${row.id}:received`)
      .execute();
    assert.equal(queued.length, 1);
    const stored = JSON.stringify(queued[0]);
    assert.ok(!stored.includes(token), 'the tracking token is not stored in clear');
    assert.ok(!stored.includes('zhangsan@example.cn'), 'the address is not stored in clear');

    const r = await t.services.outbox.dispatchDue();
    assert.equal(r.done, 1, JSON.stringify(r));
    assert.equal(smtp.inbox.length, 1);
    const mail = smtp.inbox[0];
    assert.ok(mail);
    assert.deepEqual(mail.to, ['zhangsan@example.cn']);
    const text = part(mail.raw, 'text/plain');
    assert.match(text, new RegExp(`申请编号：${row.reference}`));
    const link = /https:\/\/gk\.example\.gov\.cn(\/requests\/track\/[A-Za-z0-9_-]+)/.exec(text);
    assert.ok(link, text);
    const page = await t.app.inject({ method: 'GET', url: link[1] as string });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(row.reference));
    // delivered once: a second dispatch sends nothing
    await t.services.outbox.dispatchDue();
    assert.equal(smtp.inbox.length, 1);
  });

  it('no address, no mail; a staff intake without e-mail enqueues nothing', async () => {
    const { row } = await t.services.requests.submitOnline(organId, application({ email: '', delivery: 'mail' }), meta);
    const queued = await t.db.db
      .selectFrom('outbox')
      .select('id')
      .where('idempotency_key', '=', `request:${row.id}:received`)
      .execute();
    assert.deepEqual(queued, []);
  });
});

describe('requests: acknowledgement without a mail server', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ now: '2026-03-02T02:00:00.000Z' });
  });
  after(() => t.close());

  it('fails at once with the reason for the administrator; the request stands', async () => {
    const organId = (await organWithUnits(t.services, 'jt')).organ.id;
    const { row } = await t.services.requests.submitOnline(organId, application(), meta);
    const r = await t.services.outbox.dispatchDue();
    assert.equal(r.failed, 1, JSON.stringify(r));
    const msg = await t.db.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', '=', `request:${row.id}:received`)
      .executeTakeFirst();
    assert.equal(msg?.state, 'failed');
    assert.match(String(msg?.last_error), /邮件发送未启用/);
    const view = await t.services.requests.view(systemCtx('test'), row.id);
    assert.equal(view.row.state, 'registered');
  });
});
