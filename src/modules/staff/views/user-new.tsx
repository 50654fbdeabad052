import { Csrf, ErrorSummary, Field, Select } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type Nav, type OrganOption, RolesFieldset } from './common.js';

export interface NewUserValues {
  username: string;
  displayName: string;
  unitId: string;
  roles: readonly string[];
}

export const emptyNewUser: NewUserValues = { username: '', displayName: '', unitId: '', roles: [] };

export function NewUserPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  organ: OrganOption;
  units: ReadonlyArray<{ id: number; name: string }>;
  grantable: readonly string[];
  passwordPolicy: string;
  values: NewUserValues;
  message?: string | undefined;
  errors?: Record<string, string>;
}) {
  const { values, organ } = props;
  const errors = props.errors ?? {};
  const units: Array<[string, string]> = [
    ['', '（不属于具体处室）'],
    ...props.units.map((u): [string, string] => [String(u.id), u.name]),
  ];
  return (
    <StaffLayout ctx={props.ctx} title="新增用户" nav={props.nav} current="/staff/users">
      <p>
        <a href={`/staff/users?organ=${organ.id}`}>返回用户列表</a>
      </p>
      <h1>新增用户</h1>
      <p class="lead">所属机关：{organ.name}</p>
      <ErrorSummary message={props.message} fields={errors} />
      <form method="post" action="/staff/users" class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="organId" value={String(organ.id)} />
        <Field
          name="username"
          label="用户名"
          value={values.username}
          error={errors.username}
          hint="用于登录，以小写字母开头，3–64 位小写字母、数字、点、下划线或连字符。"
          autocomplete="off"
          required
        />
        <Field name="displayName" label="姓名" value={values.displayName} error={errors.displayName} required />
        <Select name="unitId" label="所属处室" options={units} value={values.unitId} error={errors.unitId} />
        <Field
          name="password"
          label="初始密码"
          type="password"
          error={errors.password}
          hint={`${props.passwordPolicy}请通过安全渠道告知本人，并提醒其登录后修改。`}
          autocomplete="new-password"
          required
        />
        <RolesFieldset options={props.grantable} checked={values.roles} error={errors.roles} />
        <div class="actions">
          <button type="submit">创建用户</button>
          <a class="button secondary" href={`/staff/users?organ=${organ.id}`}>
            取消
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}
