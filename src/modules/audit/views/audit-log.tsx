// 审计日志: newest first, 50 a page, filtered by action; each row's before/after on demand.
import { EmptyState, ErrorSummary, keepAsWritten, Select } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { AuditEntryView } from '../audit.service.js';

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出',
  'organ.create': '新增机关',
  'organ.update': '修改机关',
  'unit.create': '新增处室',
  'unit.update': '修改处室',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.roles': '调整角色',
  'user.unlock': '解锁账号',
  'user.password_reset': '重置密码',
  'user.password_change': '修改密码',
  'calendar.override': '调整工作日',
  'calendar.override_remove': '删除工作日调整',
};

const SUBJECT_LABELS: Record<string, string> = {
  organ: '机关',
  unit: '处室',
  user: '用户',
  calendar_day: '日期',
};

/** The Chinese label of a known action; unknown actions are shown as recorded. */
export const actionLabel = (action: string) =>
  (Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action] : undefined) ?? action;

const subjectLabel = (type: string) => (Object.hasOwn(SUBJECT_LABELS, type) ? SUBJECT_LABELS[type] : undefined) ?? type;

function pretty(json: string | null): string {
  if (json === null) return '';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function Changes({ e }: { e: AuditEntryView }) {
  if (e.before === null && e.after === null) return <span class="hint">无</span>;
  return (
    <details>
      <summary>查看变更</summary>
      <dl>
        <dt>变更前</dt>
        <dd>{e.before === null ? '（无）' : <pre {...keepAsWritten}>{pretty(e.before)}</pre>}</dd>
        <dt>变更后</dt>
        <dd>{e.after === null ? '（无）' : <pre {...keepAsWritten}>{pretty(e.after)}</pre>}</dd>
      </dl>
    </details>
  );
}

export interface AuditLogPageProps {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  entries: AuditEntryView[];
  actions: string[];
  action: string;
  /** The id older entries start below, when there are any. */
  olderBefore: number | null;
  /** Set when this page continues an earlier one. */
  before: number | null;
}

const listUrl = (params: { before?: number | null; action?: string }) => {
  const q = new URLSearchParams();
  if (params.action) q.set('action', params.action);
  if (params.before) q.set('before', String(params.before));
  const s = q.toString();
  return s ? `/staff/audit?${s}` : '/staff/audit';
};

export function AuditLogPage(p: AuditLogPageProps) {
  const options: Array<[string, string]> = [
    ['', '全部操作'],
    ...p.actions.map((a): [string, string] => [a, actionLabel(a) === a ? a : `${actionLabel(a)}（${a}）`]),
  ];
  if (p.action && !p.actions.includes(p.action)) options.push([p.action, actionLabel(p.action)]);
  return (
    <StaffLayout ctx={p.ctx} title="审计日志" nav={p.nav} current="/staff/audit" styles={['/static/audit.css']}>
      <h1>审计日志</h1>
      <p class="hint">
        本机关及下级机关的全部操作记录，最新的在前，每页 50 条。时间为北京时间。审计日志只能追加，不能修改或删除。
      </p>
      <div class="actions">
        <a class="button secondary" href="/staff/audit/verify">
          校验日志完整性
        </a>
      </div>
      <form method="get" action="/staff/audit" class="stack">
        <Select name="action" label="按操作筛选" options={options} value={p.action} />
        <div class="actions">
          <button type="submit">筛选</button>
          {p.action ? <a href="/staff/audit">清除筛选</a> : null}
        </div>
      </form>
      {p.entries.length === 0 ? (
        <EmptyState title={p.before ? '没有更早的记录了。' : '暂无审计记录。'} />
      ) : (
        <div class="table-wrap">
          <table class="audit-log">
            <caption class="hint">
              {p.action ? `操作：${actionLabel(p.action)}；` : ''}
              本页 {p.entries.length} 条，编号 {p.entries[0]?.id}–{p.entries[p.entries.length - 1]?.id}
            </caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                <th scope="col">请求编号</th>
                <th scope="col">IP</th>
                <th scope="col">变更内容</th>
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr id={`entry-${e.id}`}>
                  <th scope="row">{e.id}</th>
                  <td class="when">{chinaDateTime(e.at, { seconds: true })}</td>
                  <td>{e.actorName}</td>
                  <td class="what">{actionLabel(e.action)}</td>
                  <td class="subject">
                    {subjectLabel(e.subjectType)}
                    {e.subjectId ? ` ${e.subjectId}` : ''}
                  </td>
                  <td class="rid-cell">{e.requestId ? <code class="rid">{e.requestId}</code> : ''}</td>
                  <td>{e.ip ?? ''}</td>
                  <td class="changes">
                    <Changes e={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="翻页" class="actions">
        {p.before ? <a href={listUrl({ action: p.action })}>最新的记录</a> : null}
        {p.olderBefore ? <a href={listUrl({ action: p.action, before: p.olderBefore })}>更早的记录</a> : null}
      </nav>
    </StaffLayout>
  );
}

export interface VerifyPageProps {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  ok: boolean;
  rows: number;
  head: string;
  broken?: { id: number; reason: 'altered' | 'link' } | undefined;
}

export const BROKEN_REASONS = {
  altered: '记录内容被篡改',
  link: '该记录之前的记录被删除或插入',
} as const;

/** A long hash that may wrap on a phone: a break opportunity every 16 characters. */
function breakable(hash: string) {
  const parts = hash.match(/.{1,16}/g) ?? [hash];
  return parts.map((part, i) => (
    <>
      {i > 0 ? <wbr /> : null}
      {part}
    </>
  ));
}

export function VerifyPage(p: VerifyPageProps) {
  return (
    <StaffLayout ctx={p.ctx} title="审计日志完整性校验" nav={p.nav} current="/staff/audit">
      <h1>审计日志完整性校验</h1>
      {p.ok ? (
        <div class="notice" role="status">
          <p>
            审计日志完整：共 {p.rows} 条，链首哈希 <code>{breakable(p.head)}</code>
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary message="审计日志校验未通过" />
          <div class="warning">
            <p>
              审计日志在编号 {p.broken?.id} 的记录处断裂：{BROKEN_REASONS[p.broken?.reason ?? 'altered']}。此前 {p.rows}{' '}
              条记录完好。
            </p>
            {p.broken ? (
              <p>
                <a href={`/staff/audit?before=${p.broken.id + 1}`}>查看编号 {p.broken.id} 附近的记录</a>
              </p>
            ) : null}
            <p>请立即报告本机关负责人，并保留数据库备份以便核查。</p>
          </div>
        </>
      )}
      <p class="hint">
        {
          '每条记录都包含前一条记录的哈希值，任何修改、删除或插入都会使链条在该处断裂。删除最新的若干条记录不会造成断裂，请将上面的条数和链首哈希与备份报告等其他地方记下的数值比对。'
        }
      </p>
      <p>
        <a href="/staff/audit">返回审计日志</a>
      </p>
    </StaffLayout>
  );
}
