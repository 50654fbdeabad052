import { Csrf, ErrorSummary, Field } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { Nav } from './common.js';

export function OwnPasswordPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  passwordPolicy: string;
  message?: string | undefined;
  errors?: Record<string, string>;
}) {
  const errors = props.errors ?? {};
  return (
    <StaffLayout ctx={props.ctx} title="修改密码" nav={props.nav}>
      <h1>修改密码</h1>
      <p class="lead">修改后，您在其他设备或浏览器上的登录会全部结束，当前页面保持登录。</p>
      <ErrorSummary message={props.message} fields={errors} />
      <form method="post" action="/staff/account/password" class="stack" novalidate>
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="username" value={props.ctx.staff?.username ?? ''} autocomplete="username" />
        <Field name="current" label="当前密码" type="password" error={errors.current} autocomplete="current-password" required />
        <Field
          name="password"
          label="新密码"
          type="password"
          error={errors.password}
          hint={props.passwordPolicy}
          autocomplete="new-password"
          required
        />
        <Field
          name="confirm"
          label="再次输入新密码"
          type="password"
          error={errors.confirm}
          autocomplete="new-password"
          required
        />
        <div class="actions">
          <button type="submit">修改密码</button>
          <a class="button secondary" href="/staff">
            取消
          </a>
        </div>
      </form>
    </StaffLayout>
  );
}
