// Mail and SMS through the outbox: a module that wants to tell someone something enqueues a
// message in its own transaction (`notifyMail`, `notifySms`), so the message exists exactly when
// the change committed; the outbox delivers it (retries, one sender at a time across servers).
//
// Message text can hold what must not lie in the database in clear (a private tracking link,
// an applicant's name): the payload keeps text and address sealed with the instance secret
// (AES-256-GCM, platform/crypto.ts) and the handler opens it just before sending.
// Without a configured SMTP server or SMS gateway, messages fail at once with the reason
// (visible to the system administrator on /staff/outbox) instead of retrying for hours.
import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import { decryptPii, encryptPii } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db/connect.js';
import { MailDisabledError, type Mailer, MailInputError } from '../../platform/mail/mail.js';
import { enqueue, PermanentFailure } from '../../platform/outbox/outbox.js';
import { SmsDisabledError, type SmsGateway, SmsInputError } from '../../platform/sms/sms.js';

export const MAIL_TOPIC = 'mail.send';
export const SMS_TOPIC = 'sms.send';

interface SealedMail {
  to: string;
  subject: string;
  text: string;
}
interface SealedSms {
  phone: string;
  text: string;
  template: string;
}

export interface MailNotice {
  to: string;
  subject: string;
  text: string;
  /** Idempotency key: the same key is enqueued once (e.g. `request:12:received`). */
  key: string;
  at: Date;
  /** The organ the message is sent for (whose administrators see it in the outbox); null: installation-wide. */
  organId: number | null;
}

export interface SmsNotice {
  phone: string;
  text: string;
  /** The template code at the gateway (短信模板). */
  template: string;
  key: string;
  at: Date;
  /** As for mail. */
  organId: number | null;
}

/** Enqueues an e-mail in the caller's transaction; false when the key was already used. */
export async function notifyMail(tx: Executor, secret: string, n: MailNotice): Promise<boolean> {
  const sealed: SealedMail = {
    to: encryptPii(secret, n.to),
    subject: encryptPii(secret, n.subject),
    text: encryptPii(secret, n.text),
  };
  return (await enqueue(tx, { topic: MAIL_TOPIC, payload: sealed, key: n.key, at: n.at, organId: n.organId })) !== null;
}

/** Enqueues an SMS in the caller's transaction; false when the key was already used. */
export async function notifySms(tx: Executor, secret: string, n: SmsNotice): Promise<boolean> {
  const sealed: SealedSms = { phone: encryptPii(secret, n.phone), text: encryptPii(secret, n.text), template: n.template };
  return (await enqueue(tx, { topic: SMS_TOPIC, payload: sealed, key: n.key, at: n.at, organId: n.organId })) !== null;
}

interface OutboxRegistry {
  handle(topic: string, fn: (payload: unknown, ctx: { idempotencyKey: string }) => Promise<unknown>): void;
}

/**
 * The Message-ID of an outbox message's mail: the same for every delivery of that message, so
 * that a second delivery (the server stopped after the SMTP server took the mail and before the
 * outbox recorded it: at-least-once) is recognised as the same message by mail systems.
 */
export const mailMessageId = (idempotencyKey: string) =>
  `<outbox.${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@gongkai>`;

/** Registers the mail and SMS senders on the outbox. */
export function registerNotifyHandlers(
  outbox: OutboxRegistry,
  deps: { config: Pick<Config, 'secret'>; mailer: Mailer; sms: SmsGateway },
): void {
  const open = (v: string) => decryptPii(deps.config.secret, v);
  outbox.handle(MAIL_TOPIC, async (payload, ctx) => {
    const p = payload as SealedMail;
    try {
      const messageId = await deps.mailer.sendMail({
        to: open(p.to),
        subject: open(p.subject),
        text: open(p.text),
        messageId: mailMessageId(ctx.idempotencyKey),
      });
      return { messageId };
    } catch (err) {
      // nothing a retry can fix: say so at once
      if (err instanceof MailDisabledError || err instanceof MailInputError) throw new PermanentFailure(err.message);
      throw err;
    }
  });
  outbox.handle(SMS_TOPIC, async (payload) => {
    const p = payload as SealedSms;
    try {
      const bizId = await deps.sms.send({ phone: open(p.phone), text: open(p.text), template: p.template });
      return { bizId };
    } catch (err) {
      if (err instanceof SmsDisabledError || err instanceof SmsInputError) throw new PermanentFailure(err.message);
      throw err;
    }
  });
}
