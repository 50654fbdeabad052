import { EmptyState } from '../../../ui/components.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import { fmt, m } from '../../../ui/messages.js';
import type { ViewCtx } from '../../../ui/view.js';

export function StaffHome(props: {
  ctx: ViewCtx;
  nav: Array<StaffNavItem & { description: string }>;
  roles: Array<{ label: string; work: string }>;
}) {
  const staff = props.ctx.staff;
  return (
    <StaffLayout
      ctx={props.ctx}
      title={m.staff.home}
      nav={[{ href: '/staff', label: m.staff.home }, ...props.nav]}
      current="/staff"
    >
      <h1>{fmt(m.staff.welcome, { name: staff?.displayName ?? '' })}</h1>
      <dl class="meta">
        <dt>{m.staff.organ}</dt>
        <dd>{staff?.organName}</dd>
        <dt>{m.staff.roles}</dt>
        <dd>
          {props.roles.map((r) => (
            <span class="tag">{r.label}</span>
          ))}
        </dd>
      </dl>
      <h2>我的工作</h2>
      <ul class="columns">
        {props.roles.map((r) => (
          <li class="card">
            <h3>{r.label}</h3>
            <p>{r.work}</p>
          </li>
        ))}
        {props.nav.map((n) => (
          <li class="card">
            <h3>
              <a href={n.href}>{n.label}</a>
            </h3>
            <p>{n.description}</p>
          </li>
        ))}
      </ul>
      <h2>待办事项</h2>
      <EmptyState title="暂无待办事项。" hint="信息发布、依申请公开等业务上线后，待您处理的事项会显示在这里。" />
      <p>
        <a href="/staff/account/password">{m.staff.changePassword}</a>
      </p>
    </StaffLayout>
  );
}
