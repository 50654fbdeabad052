// Pieces shared by the staff pages: role labels, account status, the organ picker.
import type { StaffNavItem } from '../../../ui/layout.js';
import { isRole, ROLE_LABELS } from '../staff.roles.js';

export type Nav = StaffNavItem[];

export interface OrganOption {
  id: number;
  name: string;
}

export const roleLabel = (r: string) => (isRole(r) ? ROLE_LABELS[r] : r);

export function RoleTags({ roles }: { roles: readonly string[] }) {
  if (roles.length === 0) return <span class="hint">无</span>;
  return (
    <>
      {roles.map((r) => (
        <span class="tag">{roleLabel(r)}</span>
      ))}
    </>
  );
}

export function StatusTags({ active, locked }: { active: number; locked: boolean }) {
  return (
    <>
      <span class="tag">{active === 1 ? '启用' : '停用'}</span>
      {locked ? <span class="tag">已锁定</span> : null}
    </>
  );
}

/** A GET form choosing which organ a page shows (no CSRF token: it changes nothing). */
export function OrganPicker(props: { action: string; organs: readonly OrganOption[]; current: number }) {
  if (props.organs.length < 2) return null;
  return (
    <form method="get" action={props.action} class="actions">
      <div class="field">
        <label for="f-organ">机关</label>
        <select id="f-organ" name="organ">
          {props.organs.map((o) => (
            <option value={String(o.id)} selected={o.id === props.current}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        查看
      </button>
    </form>
  );
}

/** The note shown wherever roles are assigned: who grants the officer roles. */
export function OfficerRolesHint({ id }: { id?: string }) {
  return (
    <p class="hint" id={id}>
      三员分立：系统管理员、安全保密管理员、安全审计员不能由同一人担任。安全保密管理员和安全审计员由服务器运维人员使用{' '}
      <code>gongkai user add</code>（新增账号）或 <code>gongkai user roles</code>（调整角色）命令指定，不能在此分配。
    </p>
  );
}

/** Role checkboxes. Disabled boxes are not submitted, so a disabled box that is checked carries its
 * value in a hidden field: the role is kept, not silently taken away. */
export function RolesFieldset(props: {
  options: readonly string[];
  checked: readonly string[];
  disabled?: readonly string[];
  error?: string | undefined;
}) {
  const disabled = props.disabled ?? [];
  return (
    <fieldset id="f-roles" class={`field${props.error ? ' field-error' : ''}`} aria-describedby="f-roles-hint">
      <legend>角色</legend>
      <OfficerRolesHint id="f-roles-hint" />
      {props.error ? <p class="error-message">{props.error}</p> : null}
      {props.options.map((r) => {
        const id = `f-roles-${r}`;
        const off = disabled.includes(r);
        const on = props.checked.includes(r);
        return (
          <div class="check">
            <input type="checkbox" id={id} name={off ? undefined : 'roles'} value={r} checked={on} disabled={off} />
            <label for={id}>
              {roleLabel(r)}
              {off ? <span class="hint">（不能在此更改）</span> : null}
            </label>
            {off && on ? <input type="hidden" name="roles" value={r} /> : null}
          </div>
        );
      })}
    </fieldset>
  );
}
