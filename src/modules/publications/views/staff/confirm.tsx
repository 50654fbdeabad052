// The confirm page of each workflow action: what will happen, why it cannot (then no button),
// and the form that carries the version the reader saw.
import { Checkboxes, Csrf, DateTimeField, ErrorSummary, TextArea } from '../../../../ui/components.js';
import { StaffLayout } from '../../../../ui/layout.js';
import type { ViewCtx } from '../../../../ui/view.js';
import { CONFIDENTIALITY_CHECKLIST } from '../../publications.workflow.js';
import { actionLabel, itemHref, type Nav, PUBLICATIONS_HREF, stateLabel } from './common.js';

/** The workflow actions that have a confirm page. */
export const CONFIRM_ACTIONS = ['submit', 'return', 'approve', 'schedule', 'publish', 'withdraw', 'revise'] as const;
export type ConfirmAction = (typeof CONFIRM_ACTIONS)[number];

const WHAT: Record<ConfirmAction, string> = {
  submit: '提交后，信息进入“待审核”状态，由公开办负责人或分管领导审核；在被退回之前不能再修改。提交前，请逐项确认保密审查清单。',
  return: '信息将退回起草人修改。请写明退回理由，起草人会在信息页面看到。',
  approve: '批准后，信息可以立即发布或定时发布。审核人不能是起草人本人（双人审核）。',
  schedule: '到达设定的时间后，系统自动发布本信息并生成索引号；系统停机期间到期的，恢复后立即补发。',
  publish: '信息将立即在门户网站公开，并生成索引号。索引号生成后不再改变，也不会再分配给其他信息。',
  withdraw: '信息将从门户网站撤下，原链接显示“已撤回”。撤回不能撤销，请写明理由。',
  revise: '将以本信息为底稿新建一个草稿版本。原版本保持公开，直到新版本发布时被新版本替代。',
};

export interface ConfirmValues {
  checklist: readonly string[];
  reason: string;
  publishAt: string;
}
export const emptyConfirm: ConfirmValues = { checklist: [], reason: '', publishAt: '' };

export function ConfirmPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  item: { id: number; title: string; state: string; version: number };
  action: ConfirmAction;
  /** Why the action cannot happen now (then no button). */
  blockers: readonly string[];
  /** Why the last attempt was refused. */
  refused?: readonly string[] | undefined;
  /** A stale version or a form error. */
  message?: string | undefined;
  errors?: Record<string, string>;
  values: ConfirmValues;
}) {
  const { item, action, values } = props;
  const errors = props.errors ?? {};
  const href = itemHref(item.id);
  const title = `${actionLabel(action)}：${item.title}`;
  return (
    <StaffLayout ctx={props.ctx} title={title} nav={props.nav} current={PUBLICATIONS_HREF}>
      <p>
        <a href={href}>返回信息页面</a>
      </p>
      <h1>{title}</h1>
      <p>
        当前状态：<span class="tag">{stateLabel(item.state)}</span>
      </p>
      <p>{WHAT[action]}</p>
      {props.refused?.length ? (
        <div class="warning" role="alert">
          <h2>操作未完成：</h2>
          <ul>
            {props.refused.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorSummary message={props.message} fields={errors} />
      {props.blockers.length ? (
        <div class="warning" role={props.refused?.length ? undefined : 'alert'}>
          <h2>现在不能{actionLabel(action)}：</h2>
          <ul>
            {props.blockers.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <form method="post" action={`${href}/${action}`} class="stack" novalidate>
          <Csrf token={props.ctx.csrf} />
          <input type="hidden" name="version" value={String(item.version)} />
          {action === 'submit' ? (
            <Checkboxes
              name="checklist"
              legend="保密审查清单（请逐项确认）"
              options={CONFIDENTIALITY_CHECKLIST}
              checked={values.checklist}
              error={errors.checklist}
            />
          ) : null}
          {action === 'return' || action === 'withdraw' ? (
            <TextArea
              name="reason"
              label={action === 'return' ? '退回理由' : '撤回理由'}
              value={values.reason}
              error={errors.reason}
              required
              requiredAttr={false}
              rows={3}
            />
          ) : null}
          {action === 'schedule' ? (
            <DateTimeField
              name="publishAt"
              label="发布时间（北京时间）"
              value={values.publishAt}
              error={errors.publishAt}
              required
            />
          ) : null}
          <div class="actions">
            <button type="submit">确认{actionLabel(action)}</button>
            <a class="button secondary" href={href}>
              取消
            </a>
          </div>
        </form>
      )}
    </StaffLayout>
  );
}
