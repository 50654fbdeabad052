// What the applicant and the office are told by mail about a request (the texts; sending is the
// outbox's, see modules/notify). Plain text: it reads the same in every mail client.
import type { Tx } from '../../platform/db/connect.js';
import { notifyMail } from '../notify/notify.js';
import type { RequestRow } from './requests.repository.js';

const zhDate = (ymd: string) => `${Number(ymd.slice(0, 4))}年${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`;

/** The private tracking link: absolute when the portal's public address is configured. */
export function trackingLink(publicUrl: string | undefined, token: string): string {
  return `${publicUrl ? publicUrl.replace(/\/+$/, '') : ''}/requests/track/${token}`;
}

export function receivedMail(row: RequestRow, organName: string, link: string): { subject: string; text: string } {
  const lines = [
    `${row.applicant_name}：`,
    '',
    `${organName}已收到您的政府信息公开申请。`,
    `申请编号：${row.reference}`,
    `收到申请日期：${zhDate(row.received_on)}`,
    ...(row.reply_due ? [`答复期限：${zhDate(row.reply_due)}前（如需补正、征求意见或延期，将另行告知）`] : []),
    '',
    '您可以通过下面的专用链接随时查看办理进度和给您的文书。此链接仅发给您本人，请勿转发：',
    link.startsWith('/') ? `本网站 ${link}` : link,
    '',
    '本邮件由系统自动发送，请勿直接回复。',
  ];
  return { subject: `【${organName}】政府信息公开申请已收到（${row.reference}）`, text: lines.join('\n') };
}

/** Enqueues the acknowledgement to the applicant, in the transaction that registered the request. */
export async function acknowledgeByMail(
  tx: Tx,
  cfg: { secret: string; publicUrl?: string | undefined },
  row: RequestRow,
  token: string,
  at: Date,
): Promise<boolean> {
  if (!row.email) return false;
  const organ = await tx.selectFrom('organs').select('name').where('id', '=', row.organ_id).executeTakeFirst();
  const { subject, text } = receivedMail(row, organ?.name ?? '', trackingLink(cfg.publicUrl, token));
  return notifyMail(tx, cfg.secret, {
    to: row.email,
    subject,
    text,
    key: `request:${row.id}:received`,
    at,
    organId: row.organ_id,
  });
}
