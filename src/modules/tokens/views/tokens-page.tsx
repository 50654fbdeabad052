// /staff/tokens: my API tokens (create, revoke), and for an administrator every token of the organ.
import { Csrf, ErrorSummary, Field, keepAsWritten, Select } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { TokenRow } from '../tokens.service.js';

export const TOKENS_HREF = '/staff/tokens';

export interface TokensView {
  mine: TokenRow[];
  organ: TokenRow[] | null;
  /** The token just created: shown once. */
  created?: { name: string; token: string } | undefined;
  form: { values: Record<string, string>; error?: { message: string; fields: Record<string, string> } | undefined };
  now: string;
}

const DAY_OPTIONS = [
  ['30', '30 天'],
  ['90', '90 天'],
  ['180', '180 天'],
  ['365', '365 天'],
] as const;

function status(t: TokenRow, now: string): string {
  if (t.revoked_at) return `已吊销（${chinaDateTime(t.revoked_at)}）`;
  if (t.expires_at <= now) return '已过期';
  return '有效';
}

function TokenTable(props: { rows: TokenRow[]; csrf: string; now: string; holder?: boolean; caption: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">名称</th>
            {props.holder ? <th scope="col">持有人</th> : null}
            <th scope="col">令牌开头</th>
            <th scope="col">创建时间</th>
            <th scope="col">最近使用</th>
            <th scope="col">到期时间</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((t) => (
            <tr>
              <td>{t.name}</td>
              {props.holder ? (
                <td>
                  {t.display_name}（<span {...keepAsWritten}>{t.username}</span>）
                </td>
              ) : null}
              <td>
                <code {...keepAsWritten}>{t.token_hint}…</code>
              </td>
              <td>{chinaDateTime(t.created_at)}</td>
              <td>{t.last_used_at ? chinaDateTime(t.last_used_at) : '从未使用'}</td>
              <td>{chinaDateTime(t.expires_at)}</td>
              <td>{status(t, props.now)}</td>
              <td>
                {t.revoked_at || t.expires_at <= props.now ? null : (
                  <form method="post" action={`${TOKENS_HREF}/${t.id}/revoke`}>
                    <Csrf token={props.csrf} />
                    <button type="submit" class="secondary">
                      吊销<span class="visually-hidden">令牌“{t.name}”</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TokensPage(props: { ctx: ViewCtx; nav: StaffNavItem[]; view: TokensView }) {
  const { ctx, view } = props;
  const v = view.form.values;
  const e = view.form.error?.fields ?? {};
  return (
    <StaffLayout ctx={ctx} title="API 令牌" nav={props.nav} current={TOKENS_HREF}>
      <h1>API 令牌</h1>
      <p>
        令牌供其他系统通过接口（<a href="/api/docs">接口说明</a>）以您的身份办理依申请公开事项，权限与您本人相同，不会更多。
        请求时在请求头中写 <code {...keepAsWritten}>Authorization: Bearer 令牌</code>。令牌丢失或不再使用时，请立即吊销。
      </p>
      {view.created ? (
        <section class="notice" role="status" aria-labelledby="created-title">
          <h2 id="created-title">令牌“{view.created.name}”已创建</h2>
          <p>请立即复制保存。离开本页后将无法再次查看。</p>
          <p>
            <code class="token" {...keepAsWritten}>
              {view.created.token}
            </code>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="new-title">
        <h2 id="new-title">新建令牌</h2>
        <ErrorSummary message={view.form.error?.message} fields={e} />
        <form method="post" action={TOKENS_HREF} class="stack">
          <Csrf token={ctx.csrf} />
          <Field name="name" label="名称（用途）" value={v.name} error={e.name} hint="如：档案系统对接。" required />
          <Select name="days" label="有效期" options={DAY_OPTIONS} value={v.days ?? '90'} error={e.days} required />
          <div class="actions">
            <button type="submit">创建令牌</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">我的令牌</h2>
        {view.mine.length ? (
          <TokenTable rows={view.mine} csrf={ctx.csrf} now={view.now} caption="我的令牌" />
        ) : (
          <p>您还没有令牌。</p>
        )}
      </section>
      {view.organ ? (
        <section aria-labelledby="organ-title">
          <h2 id="organ-title">本机关的全部令牌</h2>
          {view.organ.length ? (
            <TokenTable
              rows={view.organ}
              csrf={ctx.csrf}
              now={view.now}
              holder
              caption="本机关的全部令牌（管理员可吊销任何令牌）"
            />
          ) : (
            <p>本机关还没有令牌。</p>
          )}
        </section>
      ) : null}
    </StaffLayout>
  );
}
