// Mail through a real SMTP server (smtp-server) on an ephemeral port.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/config.js';
import { createMailer, MailDisabledError, MailInputError, MailSendError } from '../../src/platform/mail/mail.js';
import { header, part, type Received } from '../support/smtp.js';

describe('mail over SMTP', () => {
  const inbox: Received[] = [];
  let server: SMTPServer;
  let port: number;

  before(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === 'gongkai' && auth.password === 's3cret:pw') cb(null, { user: auth.username });
        else cb(new Error('535 认证失败'));
      },
      onRcptTo(address, _session, cb) {
        if (address.address.endsWith('@refused.example')) cb(new Error('550 mailbox unavailable'));
        else cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const config = () => ({
    smtpUrl: `smtp://gongkai:${encodeURIComponent('s3cret:pw')}@127.0.0.1:${port}`,
    mailFrom: '示范市生态环境局 <gongkai@example.gov.cn>',
  });

  it('delivers a message with its Chinese subject and bodies intact and returns its Message-ID', async () => {
    const mailer = createMailer(config());
    try {
      assert.equal(mailer.enabled, true);
      const subject = '政府信息公开申请答复书（申请编号：GK-2026-000123）';
      const text = '张三：\n本机关于2026年10月28日收到您提出的政府信息公开申请。“引号”、〔2026〕与 emoji 🙂 都应原样到达。\n';
      const id = await mailer.sendMail({
        to: 'zhangsan@example.cn',
        subject,
        text,
        html: '<p>张三：</p><p>特此答复。</p>',
      });
      assert.match(id, /^<.+@.+>$/);
      assert.equal(inbox.length, 1);
      const got = inbox[0]!;
      assert.equal(got.user, 'gongkai', 'signed in with the credentials of the URL');
      assert.equal(got.from, 'gongkai@example.gov.cn');
      assert.deepEqual(got.to, ['zhangsan@example.cn']);
      assert.equal(header(got.raw, 'Subject'), subject);
      assert.equal(header(got.raw, 'Message-ID'), id);
      assert.match(header(got.raw, 'From'), /示范市生态环境局.*<gongkai@example\.gov\.cn>/);
      assert.equal(part(got.raw, 'text/plain').replace(/\r\n/g, '\n'), text);
      assert.equal(part(got.raw, 'text/html').trim(), '<p>张三：</p><p>特此答复。</p>');
    } finally {
      mailer.close();
    }
  });

  it('refuses bad addresses and subjects before connecting', async () => {
    const mailer = createMailer(config());
    try {
      const before = inbox.length;
      await assert.rejects(mailer.sendMail({ to: 'not an address', subject: '主题', text: '正文' }), MailInputError);
      await assert.rejects(mailer.sendMail({ to: 'a@b.cn\r\nBcc: x@y.cn', subject: '主题', text: '正文' }), MailInputError);
      await assert.rejects(mailer.sendMail({ to: 'a@b.cn', subject: '主题\r\nBcc: x@y.cn', text: '正文' }), MailInputError);
      assert.equal(inbox.length, before);
    } finally {
      mailer.close();
    }
  });

  it('reports a refusal of the server as MailSendError without the password', async () => {
    const mailer = createMailer(config());
    try {
      const err = await mailer.sendMail({ to: 'nobody@refused.example', subject: '主题', text: '正文' }).then(
        () => assert.fail('should be refused'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof MailSendError);
      assert.match(err.message, /邮件发送失败/);
      assert.ok(!err.message.includes('s3cret'));
    } finally {
      mailer.close();
    }
  });

  it('reports wrong credentials as MailSendError', async () => {
    const mailer = createMailer({ ...config(), smtpUrl: `smtp://gongkai:wrong@127.0.0.1:${port}` });
    try {
      await assert.rejects(mailer.sendMail({ to: 'a@example.cn', subject: '主题', text: '正文' }), MailSendError);
    } finally {
      mailer.close();
    }
  });
});

describe('mail disabled', () => {
  it('without GONGKAI_SMTP_URL sending throws a clear error the caller can record', async () => {
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: undefined });
    assert.equal(mailer.enabled, false);
    const err = await mailer.sendMail({ to: 'a@example.cn', subject: '主题', text: '正文' }).then(
      () => assert.fail('should throw'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof MailDisabledError);
    assert.equal(err.code, 'MAIL_DISABLED');
    assert.match(err.message, /GONGKAI_SMTP_URL/);
  });

  it('is configured only by src/config.ts', () => {
    const base = { GONGKAI_SECRET: 'x'.repeat(40) };
    const none = loadConfig(base);
    assert.equal(none.smtpUrl, undefined);
    assert.equal(none.mailFrom, undefined);
    const on = loadConfig({ ...base, GONGKAI_SMTP_URL: 'smtps://u:p@mail.example.cn:465', GONGKAI_MAIL_FROM: ' gk@example.cn ' });
    assert.equal(on.smtpUrl, 'smtps://u:p@mail.example.cn:465');
    assert.equal(on.mailFrom, 'gk@example.cn');
    assert.throws(() => loadConfig({ ...base, GONGKAI_SMTP_URL: 'smtp://mail.example.cn' }), /GONGKAI_MAIL_FROM/);
    assert.throws(
      () => loadConfig({ ...base, GONGKAI_SMTP_URL: 'http://mail.example.cn', GONGKAI_MAIL_FROM: 'a@b.cn' }),
      /smtp:\/\//,
    );
  });
});
