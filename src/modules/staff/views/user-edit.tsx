import { Csrf, ErrorSummary, Field, Select } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type Nav, type OrganOption, RolesFieldset, RoleTags, StatusTags } from './common.js';

export interface EditUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number | null;
  active: number;
  locked: boolean;
  lastLoginAt: string | null;
  roles: readonly string[];
  version: number;
}

export interface ProfileValues {
  displayName: string;
  unitId: string;
  active: boolean;
}

export function UserEditPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: OrganOption;
  units: ReadonlyArray<{ id: number; name: string }>;
  user: EditUser;
  can: { update: boolean; grant: boolean };
  self: boolean;
  allRoles: readonly string[];
  grantable: readonly string[];
  /** What was typed into the profile form, when it is shown again. */
  profile?: ProfileValues | undefined;
  /** The roles ticked in the roles form, when it is shown again. */
  roles?: readonly string[] | undefined;
  message?: string | undefined;
  errors?: Record<string, string>;
}) {
  const { user, organ } = props;
  const errors = props.errors ?? {};
  const profile: ProfileValues = props.profile ?? {
    displayName: user.displayName,
    unitId: user.unitId === null ? '' : String(user.unitId),
    active: user.active === 1,
  };
  const units: Array<[string, string]> = [
    ['', '（不属于具体处室）'],
    ...props.units.map((u): [string, string] => [String(u.id), u.name]),
  ];
  const disabledRoles = props.allRoles.filter((r) => !props.grantable.includes(r) || (props.self && r === 'admin'));
  const title = `${user.displayName}（${user.username}）`;
  return (
    <StaffLayout ctx={props.ctx} title={title} nav={props.nav} current="/staff/users">
      <p>
        <a href={`/staff/users?organ=${organ.id}`}>返回用户列表</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary message={props.message} fields={errors} />
      <dl class="meta">
        <dt>用户名</dt>
        <dd>{user.username}</dd>
        <dt>所属机关</dt>
        <dd>{organ.name}</dd>
        <dt>角色</dt>
        <dd>
          <RoleTags roles={user.roles} />
        </dd>
        <dt>状态</dt>
        <dd>
          <StatusTags active={user.active} locked={user.locked} />
          {user.locked ? <span class="hint">（由安全保密管理员解锁）</span> : null}
        </dd>
        <dt>最近登录</dt>
        <dd>{user.lastLoginAt ? chinaDateTime(user.lastLoginAt) : '从未登录'}</dd>
      </dl>

      {!props.can.update && !props.can.grant ? (
        <div class="warning">
          该账号担任安全保密管理员或安全审计员。按照三员分立的要求，此类账号的资料、角色和密码由服务器运维人员使用{' '}
          <code>gongkai</code> 命令管理，系统管理员不能在此修改。
        </div>
      ) : null}

      {props.can.update ? (
        <section aria-labelledby="h-profile">
          <h2 id="h-profile">基本信息</h2>
          <form method="post" action={`/staff/users/${user.id}`} class="stack" novalidate>
            <Csrf token={props.ctx.csrf} />
            <input type="hidden" name="version" value={String(user.version)} />
            <Field name="displayName" label="姓名" value={profile.displayName} error={errors.displayName} required />
            <Select name="unitId" label="所属处室" options={units} value={profile.unitId} error={errors.unitId} />
            <div class={`field${errors.active ? ' field-error' : ''}`}>
              {errors.active ? (
                <p class="error-message" id="f-active-error">
                  {errors.active}
                </p>
              ) : null}
              <div class="check">
                <input
                  type="checkbox"
                  id="f-active"
                  name={props.self ? undefined : 'active'}
                  value="1"
                  checked={profile.active}
                  disabled={props.self}
                  aria-describedby="f-active-hint"
                />
                <label for="f-active">启用此账号</label>
                {props.self ? <input type="hidden" name="active" value="1" /> : null}
              </div>
              <p class="hint" id="f-active-hint">
                {props.self ? '不能停用自己的账号。' : '停用后该用户不能登录，已登录的会话立即结束。'}
              </p>
            </div>
            <div class="actions">
              <button type="submit">保存基本信息</button>
            </div>
          </form>
        </section>
      ) : null}

      {props.can.grant ? (
        <section aria-labelledby="h-roles">
          <h2 id="h-roles">角色</h2>
          {props.self ? <p class="hint">不能取消自己的系统管理员角色，以免无人管理本机关的账号。</p> : null}
          <form method="post" action={`/staff/users/${user.id}/roles`} class="stack">
            <Csrf token={props.ctx.csrf} />
            <input type="hidden" name="version" value={String(user.version)} />
            <RolesFieldset
              options={props.allRoles}
              checked={props.roles ?? user.roles}
              disabled={disabledRoles}
              error={errors.roles}
            />
            <div class="actions">
              <button type="submit">保存角色</button>
            </div>
          </form>
        </section>
      ) : null}
    </StaffLayout>
  );
}
