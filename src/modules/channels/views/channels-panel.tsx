// 发布渠道 on a published item's back-office page: where it went out, a form to record 微博,
// 报刊/媒体, 政府公报 or 年鉴, and the button that sends it to the WeChat official account.
import { Csrf, EmptyState, ErrorSummary, Field, Select } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';

export interface ChannelItem {
  channel: string;
  label: string;
  stateLabel: string;
  sentOn: string | null;
  sentAt: string | null;
  externalId: string | null;
  note: string | null;
  lastError: string | null;
}

export interface ChannelForm {
  values: { channel: string; sentOn: string; note: string };
  errors: Record<string, string>;
  message?: string | undefined;
}

export interface ChannelsPanelProps {
  publicationId: number;
  csrf: string;
  items: ChannelItem[];
  canRecord: boolean;
  /** Choices of the record form: [code, label]. */
  manual: ReadonlyArray<readonly [string, string]>;
  wechat: { offer: boolean; problem: string | null; state: string | null };
  form: ChannelForm;
  /** A refusal to show above the panel (409). */
  refusal?: string | undefined;
}

export const channelsHref = (id: number) => `/staff/publications/${id}/channels`;

export function ChannelsPanel(props: ChannelsPanelProps) {
  const { form } = props;
  const href = channelsHref(props.publicationId);
  return (
    <section aria-labelledby="channels">
      <h2 id="channels">发布渠道</h2>
      {props.refusal ? (
        <div class="warning" role="alert">
          <p>{props.refusal}</p>
        </div>
      ) : null}
      {props.items.length === 0 ? (
        <EmptyState title="尚未登记发布渠道。" />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">渠道</th>
                <th scope="col">状态</th>
                <th scope="col">发布日期</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((i) => (
                <tr>
                  <th scope="row">{i.label}</th>
                  <td>{i.stateLabel}</td>
                  <td>{i.sentOn ?? (i.sentAt ? chinaDateTime(i.sentAt) : '')}</td>
                  <td>
                    {[i.note, i.externalId ? `发布任务编号 ${i.externalId}` : null].filter(Boolean).join('；')}
                    {i.lastError ? <p class="error-message">{i.lastError}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canRecord ? (
        <>
          <h3>发布到微信公众号</h3>
          {props.wechat.problem ? (
            <>
              <p class="hint" id="wechat-off">
                {props.wechat.problem}
              </p>
              <button type="button" disabled aria-describedby="wechat-off">
                发布到微信公众号（未启用）
              </button>
            </>
          ) : props.wechat.offer ? (
            <form method="post" action={`/staff/publications/${props.publicationId}/wechat`}>
              <Csrf token={props.csrf} />
              <p class="hint">正文连同指向本信息永久网址的链接先存为公众号草稿，再提交发布；结果显示在上表中。</p>
              <button type="submit">{props.wechat.state === 'failed' ? '重新发布到微信公众号' : '发布到微信公众号'}</button>
            </form>
          ) : (
            <p class="hint">
              {props.wechat.state === 'sent' ? '已发布到微信公众号。' : '正在发送到微信公众号，请稍候刷新查看结果。'}
            </p>
          )}
          <h3>登记其他发布渠道</h3>
          <form method="post" action={href} class="stack" novalidate>
            <Csrf token={props.csrf} />
            <ErrorSummary message={form.message} fields={form.errors} />
            <Select
              name="channel"
              label="渠道"
              required
              options={[['', '请选择'], ...props.manual]}
              value={form.values.channel}
              error={form.errors.channel}
            />
            <Field
              name="sentOn"
              label="发布日期"
              type="date"
              required
              hint="格式 YYYY-MM-DD"
              value={form.values.sentOn}
              error={form.errors.sentOn}
            />
            <Field name="note" label="说明" hint="如报刊名称和版面、公报期号" value={form.values.note} error={form.errors.note} />
            <button type="submit">登记</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
