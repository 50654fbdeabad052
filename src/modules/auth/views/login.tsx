import { Csrf, ErrorSummary, Field } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import { m } from '../../../ui/messages.js';
import type { ViewCtx } from '../../../ui/view.js';

export function LoginPage(props: { ctx: ViewCtx; username?: string; error?: string; next?: string; info?: string }) {
  return (
    <StaffLayout ctx={props.ctx} title={m.staff.login} nav={[]}>
      <h1>{m.staff.login}</h1>
      {props.info ? (
        <div class="notice" role="status">
          {props.info}
        </div>
      ) : null}
      <ErrorSummary message={props.error} />
      <form method="post" action="/staff/login" class="stack">
        <Csrf token={props.ctx.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field name="username" label={m.staff.username} value={props.username} autocomplete="username" required />
        <Field name="password" label={m.staff.password} type="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit">{m.staff.submitLogin}</button>
        </div>
      </form>
    </StaffLayout>
  );
}
