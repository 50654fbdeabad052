// 待发送消息 for administrators (their organs' messages): counts, failed messages with a retry button, and what waits.
import { Csrf, EmptyState } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';

export const OUTBOX_HREF = '/staff/outbox';

/** What a topic does, in words (unknown topics are shown as they are). */
const TOPIC_LABELS: Record<string, string> = {
  'wechat.publish': '发布到微信公众号',
  'search.index': '更新站内搜索索引',
  'mail.send': '发送电子邮件',
  'sms.send': '发送短信',
};

const STATE_LABELS: Record<string, string> = { pending: '等待发送', sending: '正在发送', done: '已发送', failed: '发送失败' };

export interface MessageItem {
  id: number;
  /** The organ the message was sent for; null: installation-wide. */
  organ: string | null;
  topic: string;
  key: string | null;
  state: string;
  attempts: number;
  nextAttemptAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
}

function MessageTable(props: { items: MessageItem[]; csrf: string; retry: boolean; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="hint">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">内容</th>
            <th scope="col">机关</th>
            <th scope="col">状态</th>
            <th scope="col">已尝试</th>
            <th scope="col">{props.retry ? '最后一次错误' : '下次发送 / 错误'}</th>
            <th scope="col">生成时间</th>
            {props.retry ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr>
              <td>{i.id}</td>
              <th scope="row">
                {TOPIC_LABELS[i.topic] ?? i.topic}
                {i.key ? (
                  <>
                    <br />
                    <code class="hint">{i.key}</code>
                  </>
                ) : null}
              </th>
              <td>{i.organ ?? '全系统'}</td>
              <td>{STATE_LABELS[i.state] ?? i.state}</td>
              <td>{i.attempts} 次</td>
              <td>
                {props.retry ? null : (
                  <>
                    {i.state === 'sending'
                      ? `租约至 ${chinaDateTime(i.lockedUntil, { seconds: true })}`
                      : chinaDateTime(i.nextAttemptAt, { seconds: true })}
                    {i.lastError ? <br /> : null}
                  </>
                )}
                {i.lastError ?? ''}
              </td>
              <td>{chinaDateTime(i.createdAt, { seconds: true })}</td>
              {props.retry ? (
                <td>
                  <form method="post" action={`${OUTBOX_HREF}/${i.id}/retry`}>
                    <Csrf token={props.csrf} />
                    <button type="submit" class="secondary" aria-label={`重新发送第 ${i.id} 号消息`}>
                      重新发送
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OutboxPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  counts: Record<'pending' | 'sending' | 'done' | 'failed', number>;
  failed: MessageItem[];
  waiting: MessageItem[];
  /** Every organ's messages (the server operator), else those of the reader's organs. */
  everything?: boolean;
  error?: string | undefined;
}) {
  const { counts } = props;
  return (
    <StaffLayout ctx={props.ctx} title="待发送消息" nav={props.nav} current={OUTBOX_HREF}>
      <h1>待发送消息</h1>
      <p class="hint">
        微信公众号发布、邮件、短信和搜索索引在业务办结后由系统自动发送；失败时按间隔自动重试，多次失败后在此列出，可在排除原因后重新发送。
      </p>
      <p class="hint">
        {props.everything
          ? '显示全部机关的消息。'
          : '只显示本机关及下级机关的消息；顶级机关的管理员还可看到不属于任何机关的全系统消息。'}
      </p>
      {props.error ? (
        <div class="error-summary" role="alert">
          <h2>{props.error}</h2>
        </div>
      ) : null}
      <dl class="meta">
        <dt>等待发送</dt>
        <dd>{counts.pending}</dd>
        <dt>正在发送</dt>
        <dd>{counts.sending}</dd>
        <dt>发送失败</dt>
        <dd>{counts.failed}</dd>
        <dt>已发送</dt>
        <dd>{counts.done}</dd>
      </dl>
      <h2>发送失败</h2>
      {props.failed.length === 0 ? (
        <EmptyState title="没有发送失败的消息。" />
      ) : (
        <MessageTable items={props.failed} csrf={props.ctx.csrf} retry caption={`最近 ${props.failed.length} 条发送失败的消息`} />
      )}
      <h2>等待或正在发送</h2>
      {props.waiting.length === 0 ? (
        <EmptyState title="没有等待发送的消息。" />
      ) : (
        <MessageTable
          items={props.waiting}
          csrf={props.ctx.csrf}
          retry={false}
          caption={`最近 ${props.waiting.length} 条等待或正在发送的消息`}
        />
      )}
    </StaffLayout>
  );
}
