import { EmptyState } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type Nav, type OrganOption, OrganPicker, RoleTags, StatusTags } from './common.js';

export interface UserListRow {
  id: number;
  username: string;
  displayName: string;
  unitName: string | null;
  roles: readonly string[];
  active: number;
  locked: boolean;
}

export function UsersListPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: OrganOption;
  organs: readonly OrganOption[];
  users: readonly UserListRow[];
}) {
  const { organ, users } = props;
  const newHref = `/staff/users/new?organ=${organ.id}`;
  return (
    <StaffLayout ctx={props.ctx} title="用户与角色" nav={props.nav} current="/staff/users">
      <h1>用户与角色</h1>
      <p class="lead">{organ.name}的工作人员账号。</p>
      <OrganPicker action="/staff/users" organs={props.organs} current={organ.id} />
      <div class="actions">
        <a class="button" href={newHref}>
          新增用户
        </a>
      </div>
      {users.length === 0 ? (
        <EmptyState title="本机关还没有工作人员账号。" hint="点击“新增用户”创建第一个账号。" />
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="hint">共 {users.length} 个账号</caption>
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">处室</th>
                <th scope="col">角色</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/users/${u.id}`}>{u.username}</a>
                  </th>
                  <td>{u.displayName}</td>
                  <td>{u.unitName ?? <span class="hint">—</span>}</td>
                  <td>
                    <RoleTags roles={u.roles} />
                  </td>
                  <td>
                    <StatusTags active={u.active} locked={u.locked} />
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
