// Outgoing mail over SMTP (nodemailer). Configured by GONGKAI_SMTP_URL and GONGKAI_MAIL_FROM (src/config.ts);
// without them mail is disabled and sending throws MailDisabledError, which the caller records
// (e.g. the outbox marks the message failed with that reason) instead of losing the message silently.
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string | undefined;
  /** A stable Message-ID (`<…@…>`), e.g. the same for each delivery of one outbox message. */
  messageId?: string | undefined;
}

export interface Mailer {
  /** False when no SMTP server is configured. */
  readonly enabled: boolean;
  /** Sends one message; resolves to its Message-ID. Throws MailDisabledError, MailInputError or MailSendError. */
  sendMail(message: MailMessage): Promise<string>;
  /** Closes pooled connections. */
  close(): void;
}

export class MailDisabledError extends Error {
  override name = 'MailDisabledError';
  readonly code = 'MAIL_DISABLED';
  constructor() {
    super('邮件发送未启用：请设置 GONGKAI_SMTP_URL 和 GONGKAI_MAIL_FROM。');
  }
}

export class MailInputError extends Error {
  override name = 'MailInputError';
  readonly code = 'MAIL_INPUT';
}

export class MailSendError extends Error {
  override name = 'MailSendError';
  readonly code = 'MAIL_SEND';
}

// A pragmatic address check: one @, no spaces, no angle brackets or line breaks (no header injection).
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

export function isMailAddress(v: string): boolean {
  return ADDRESS.test(v);
}

/** The SMTP URL with its password replaced, for logs and error messages. */
export function redactSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp://（无效地址）';
  }
}

export interface MailerOptions {
  /** Milliseconds to wait for the server (connection, greeting, each command). Default 20 s. */
  timeoutMs?: number;
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, opts: MailerOptions = {}): Mailer {
  const { smtpUrl, mailFrom } = config;
  if (!smtpUrl || !mailFrom) {
    return {
      enabled: false,
      sendMail: async () => {
        throw new MailDisabledError();
      },
      close: () => {},
    };
  }
  const timeout = opts.timeoutMs ?? 20_000;
  const u = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
    secure: u.protocol === 'smtps:',
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    enabled: true,
    async sendMail(message) {
      const to = (Array.isArray(message.to) ? message.to : [message.to]).map((a) => a.trim());
      if (!to.length || to.some((a) => !isMailAddress(a))) throw new MailInputError('收件人邮箱地址无效。');
      if (!message.subject?.trim() || /[\r\n]/.test(message.subject)) throw new MailInputError('邮件主题不能为空或包含换行。');
      if (typeof message.text !== 'string') throw new MailInputError('邮件正文不能为空。');
      try {
        const info = await transport.sendMail({
          from: mailFrom,
          to,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          ...(message.messageId ? { messageId: message.messageId } : {}),
        });
        return info.messageId;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new MailSendError(`邮件发送失败（${redactSmtpUrl(smtpUrl)}）：${reason}`, { cause: err });
      }
    },
    close() {
      transport.close();
    },
  };
}
