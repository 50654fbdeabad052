import { Csrf, EmptyState, ErrorSummary, FieldShell } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type Nav, type OrganOption, OrganPicker, StatusTags } from './common.js';

export interface SecurityUser {
  id: number;
  username: string;
  displayName: string;
  active: number;
  locked: boolean;
  lockedUntil: string | null;
  canUnlock: boolean;
  canReset: boolean;
}

function UnlockForm({ csrf, user }: { csrf: string; user: SecurityUser }) {
  return (
    <form method="post" action={`/staff/users/${user.id}/unlock`} class="inline">
      <Csrf token={csrf} />
      <button type="submit" aria-label={`解锁 ${user.username}`}>
        解锁
      </button>
    </form>
  );
}

function ResetForm({ csrf, user, error }: { csrf: string; user: SecurityUser; error?: string | undefined }) {
  const id = `f-pw-${user.id}`;
  return (
    <form method="post" action={`/staff/users/${user.id}/password`}>
      <Csrf token={csrf} />
      <input type="hidden" name="username" value={user.username} autocomplete="username" />
      <FieldShell id={id} label={`${user.displayName}的新密码`} error={error}>
        <input
          type="password"
          id={id}
          name="password"
          autocomplete="new-password"
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error pw-policy` : 'pw-policy'}
        />
      </FieldShell>
      <button type="submit" class="secondary">
        重置密码
      </button>
    </form>
  );
}

export function SecurityPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: OrganOption;
  organs: readonly OrganOption[];
  users: readonly SecurityUser[];
  actorUserId: number;
  passwordPolicy: string;
  /** A reset that failed validation: whose, and why. */
  resetError?: { userId: number; message: string } | undefined;
}) {
  const { organ, users, ctx } = props;
  const locked = users.filter((u) => u.locked);
  const err = props.resetError;
  return (
    <StaffLayout ctx={ctx} title="账号安全" nav={props.nav} current="/staff/security">
      <h1>账号安全</h1>
      <p class="lead">{organ.name}：解锁因多次输错密码而被锁定的账号，为工作人员重置密码。</p>
      {err ? <ErrorSummary message="密码未重置，请检查标出的项目。" fields={{ [`pw-${err.userId}`]: err.message }} /> : null}
      <OrganPicker action="/staff/security" organs={props.organs} current={organ.id} />

      <h2>被锁定的账号</h2>
      {locked.length === 0 ? (
        <EmptyState title="目前没有被锁定的账号。" hint="连续输错密码 5 次的账号会被锁定 15 分钟，并显示在这里。" />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">锁定至</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {locked.map((u) => (
                <tr>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>{chinaDateTime(u.lockedUntil)}</td>
                  <td>
                    {u.canUnlock ? (
                      <UnlockForm csrf={ctx.csrf} user={u} />
                    ) : (
                      <span class="hint">不能解锁自己的账号；到期后自动解锁。</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>重置密码</h2>
      <p class="hint" id="pw-policy">
        {props.passwordPolicy}重置后该用户的登录会话全部结束，账号同时解除锁定；请通过安全渠道把新密码告知本人。
      </p>
      {users.length === 0 ? (
        <EmptyState title="本机关还没有工作人员账号。" />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">状态</th>
                <th scope="col">重置密码</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>
                    <StatusTags active={u.active} locked={u.locked} />
                  </td>
                  <td>
                    {u.canReset ? (
                      <ResetForm csrf={ctx.csrf} user={u} error={err?.userId === u.id ? err.message : undefined} />
                    ) : u.id === props.actorUserId ? (
                      <span class="hint">
                        请在<a href="/staff/account/password">修改密码</a>页面修改自己的密码。
                      </span>
                    ) : (
                      <span class="hint">
                        三员账号的密码由服务器运维人员使用 <code>gongkai user password</code> 命令重置。
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
