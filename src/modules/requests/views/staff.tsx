// Back-office pages of requests: the queue by reply due date, staff intake (Art 31 channels), and
// the case page with the clock's "why this date" receipt, the history, notes and every action.
import type { ComponentChildren } from 'preact';
import { Csrf, EmptyState, ErrorSummary, Field, Radios, Select, TextArea } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import {
  APPLICANT_TYPES,
  CHANNELS,
  DELIVERIES,
  FORMS_WANTED,
  ID_TYPES,
  labelOf,
  OUTCOME_LABELS,
  OUTCOMES,
  type Outcome,
} from '../requests.codes.js';
import type { CaseView, QueueItem } from '../requests.service.js';
import { ACTION_LABELS, type Action, actionsFrom, needsHeadApproval, STATE_LABELS, STATES } from '../requests.workflow.js';
import { APPLY_FIELDS } from './public.js';

export const REQUESTS_HREF = '/staff/requests';
export const caseHref = (id: number) => `${REQUESTS_HREF}/${id}`;

export interface FormError {
  message: string;
  fields: Record<string, string>;
}

const AWAITING_LABELS: Record<string, string> = {
  correction: '等待申请人补正',
  fee_payment: '等待申请人缴费',
  consultation: '等待第三方答复',
};

function Flags({ item }: { item: Pick<QueueItem, 'overdue' | 'dueSoon'> }) {
  if (item.overdue) return <strong class="tag flag-overdue">已逾期</strong>;
  if (item.dueSoon) return <span class="tag flag-soon">即将到期</span>;
  return null;
}

export function QueuePage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  items: QueueItem[];
  units: ReadonlyArray<{ id: number; name: string }>;
  filter: { state: string; unitId: string };
  canRegister: boolean;
}) {
  const states: Array<readonly [string, string]> = [
    ['', '办理中（全部未答复）'],
    ...STATES.map((s) => [s, STATE_LABELS[s]] as const),
    ['all', '全部'],
  ];
  const units: Array<readonly [string, string]> = [['', '全部处室'], ...props.units.map((u) => [String(u.id), u.name] as const)];
  return (
    <StaffLayout ctx={props.ctx} title="依申请公开" nav={props.nav} current={REQUESTS_HREF}>
      <h1>依申请公开</h1>
      <p>
        <a href={`${REQUESTS_HREF}/register`}>不予公开备案</a>
      </p>
      {props.canRegister ? (
        <p>
          <a href={`${REQUESTS_HREF}/new`}>登记来信、当面、传真、电子邮件申请</a>
        </p>
      ) : null}
      <form method="get" action={REQUESTS_HREF} class="filters">
        <Select name="state" label="状态" options={states} value={props.filter.state} />
        <Select name="unit" label="承办处室" options={units} value={props.filter.unitId} />
        <div class="actions">
          <button type="submit">筛选</button>
        </div>
      </form>
      {props.items.length === 0 ? (
        <EmptyState title="没有符合条件的申请。" />
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="hint">按答复期限排序；“即将到期”指 5 个工作日内到期。</caption>
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">申请人</th>
                <th scope="col">所需信息</th>
                <th scope="col">状态</th>
                <th scope="col">收到申请</th>
                <th scope="col">答复期限</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((i) => (
                <tr>
                  <th scope="row">
                    <a href={caseHref(i.row.id)}>{i.row.reference}</a>
                    {i.row.repeat_of_id !== null ? <span class="tag">疑似重复申请</span> : null}
                  </th>
                  <td>{i.row.applicant_name}</td>
                  <td>{i.row.info_title ?? i.row.info_description.slice(0, 40)}</td>
                  <td>{STATE_LABELS[i.row.state]}</td>
                  <td>{i.row.received_on}</td>
                  <td>
                    {i.row.reply_due ?? (i.row.awaiting ? (AWAITING_LABELS[i.row.awaiting] ?? '—') : '—')} <Flags item={i} />
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

export const INTAKE_FIELDS = [...APPLY_FIELDS, 'channel', 'receivedDate'] as const;

export function IntakePage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  values: Record<string, string>;
  error?: FormError | undefined;
}) {
  const v = props.values;
  const f = props.error?.fields ?? {};
  const channels = CHANNELS.filter(([c]) => c !== 'online');
  return (
    <StaffLayout ctx={props.ctx} title="登记申请" nav={props.nav} current={REQUESTS_HREF}>
      <h1>登记申请</h1>
      <p class="lead">来信、当面、传真、电子邮件提出的申请，按条例第三十一条确定收到申请之日。</p>
      <ErrorSummary message={props.error?.message} fields={f} />
      <form method="post" action={`${REQUESTS_HREF}/new`} novalidate>
        <Csrf token={props.ctx.csrf} />
        <Radios name="channel" legend="申请渠道" options={channels} value={v.channel} error={f.channel} required />
        <Field
          name="receivedDate"
          label="收到申请之日"
          type="date"
          value={v.receivedDate}
          error={f.receivedDate}
          required
          hint="当面：提交之日；挂号信：本机关签收之日；平信、传真：与申请人确认之日；电子邮件：邮件系统收到之日。"
        />
        <Radios
          name="applicantType"
          legend="申请人类型"
          options={APPLICANT_TYPES}
          value={v.applicantType}
          error={f.applicantType}
          required
        />
        <Field name="applicantName" label="姓名或名称" value={v.applicantName} error={f.applicantName} required />
        <Field name="contactPerson" label="联系人（法人或其他组织）" value={v.contactPerson} error={f.contactPerson} />
        <Select name="idType" label="身份证明类型" options={ID_TYPES} value={v.idType} error={f.idType} required />
        <Field name="idNumber" label="证件号码" value={v.idNumber} error={f.idNumber} required autocomplete="off" />
        <Field name="phone" label="联系电话" type="tel" value={v.phone} error={f.phone} />
        <Field name="email" label="电子邮箱" type="email" value={v.email} error={f.email} />
        <Field name="address" label="通信地址" value={v.address} error={f.address} />
        <Field name="infoTitle" label="信息名称" value={v.infoTitle} error={f.infoTitle} />
        <Field name="infoDocNumber" label="文号" value={v.infoDocNumber} error={f.infoDocNumber} />
        <TextArea
          name="infoDescription"
          label="所需信息的内容描述"
          value={v.infoDescription}
          error={f.infoDescription}
          required
        />
        <Radios
          name="formWanted"
          legend="信息的提供形式"
          options={FORMS_WANTED}
          value={v.formWanted}
          error={f.formWanted}
          required
        />
        <Radios name="delivery" legend="获取信息的方式" options={DELIVERIES} value={v.delivery} error={f.delivery} required />
        <div class="actions">
          <button type="submit">登记</button>
          <a href={REQUESTS_HREF}>取消</a>
        </div>
      </form>
    </StaffLayout>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The actions the case page offers, in the order a case usually goes. */
const ACTION_ORDER: Action[] = [
  'assign',
  'request_correction',
  'receive_correction',
  'start_consultation',
  'end_consultation',
  // the fee notice is sent from the fee form (views/letters.tsx), which computes and stores the amount
  'record_payment',
  'extend',
  'defer',
  'draft',
  'decide',
  'approve',
  'return',
  'reply',
  'close',
  'withdraw',
  // a closed case handled again (a reconsideration decision or a judgment ordered a new reply)
  'reopen',
];
/** Destructive actions: the form asks to tick a confirmation. */
export const CONFIRMED: readonly Action[] = ['close', 'withdraw', 'reopen'];

export const ACTION_PATHS: Record<Action, string> = {
  assign: 'assign',
  request_correction: 'correction',
  receive_correction: 'correction-received',
  start_consultation: 'consultation',
  end_consultation: 'consultation-ended',
  send_fee_notice: 'fee-notice',
  record_payment: 'fee-paid',
  extend: 'extend',
  defer: 'defer',
  draft: 'draft',
  decide: 'decide',
  return: 'return',
  approve: 'approve',
  reply: 'reply',
  close: 'close',
  withdraw: 'withdraw',
  reopen: 'reopen',
};

function ActionForm(props: {
  ctx: ViewCtx;
  view: CaseView;
  action: Action;
  today: string;
  units: ReadonlyArray<{ id: number; name: string }>;
  typed: Record<string, string> | undefined;
  error: FormError | undefined;
}) {
  const { action, view } = props;
  const r = view.row;
  const v = props.typed ?? {};
  const f = props.error?.fields ?? {};
  const id = `act-${ACTION_PATHS[action]}`;
  const on = <Field name="on" label="日期" type="date" value={v.on ?? props.today} error={f.on} required />;
  const reason = (label: string, required = true) => (
    <TextArea name="reason" label={label} value={v.reason} error={f.reason} required={required} rows={3} />
  );
  let body: ComponentChildren = null;
  switch (action) {
    case 'assign':
      body = (
        <>
          <Select
            name="unitId"
            label="承办处室"
            options={[['', '请选择'], ...props.units.map((u) => [String(u.id), u.name] as const)]}
            value={v.unitId ?? (r.unit_id === null ? '' : String(r.unit_id))}
            error={f.unitId}
            required
          />
          <TextArea name="note" label="分办意见" value={v.note} error={f.note} rows={2} />
        </>
      );
      break;
    case 'request_correction':
      body = (
        <>
          {on}
          <Field
            name="deadline"
            label="补正期限"
            type="date"
            value={v.deadline}
            error={f.deadline}
            hint="告知书中给申请人的补正截止日期。"
          />
          {reason('需要补正的内容（一次性告知，将发送给申请人）')}
        </>
      );
      break;
    case 'start_consultation':
      body = (
        <>
          {on}
          <Select
            name="party"
            label="征求意见对象"
            options={[
              ['third_party', '第三方（第三十二条）'],
              ['organ', '其他机关（第三十四条）'],
            ]}
            value={v.party ?? 'third_party'}
          />
          {reason('征求意见的对象和事项')}
        </>
      );
      break;
    case 'send_fee_notice':
      body = (
        <>
          {on}
          {reason('收费依据、标准和金额（将发送给申请人）')}
        </>
      );
      break;
    case 'receive_correction':
    case 'end_consultation':
    case 'record_payment':
      body = (
        <>
          {on}
          {reason('说明', false)}
        </>
      );
      break;
    case 'extend':
      body = (
        <>
          {on}
          <Field
            name="workingDays"
            label="延长的工作日数"
            type="number"
            value={v.workingDays ?? '20'}
            error={f.workingDays}
            required
            hint="最长 20 个工作日（2008 年条例：15 个）。"
          />
          {reason('延期理由（将告知申请人）')}
        </>
      );
      break;
    case 'defer':
      body = (
        <>
          {on}
          <Field name="until" label="另行确定的答复期限" type="date" value={v.until} error={f.until} required />
          {reason('理由（第三十五条，将告知申请人）')}
        </>
      );
      break;
    case 'decide':
      body = (
        <>
          <Select
            name="outcome"
            label="处理结果"
            options={[
              ['', '请选择'],
              ...OUTCOMES.filter((o) => !['other.no_correction', 'other.fee_unpaid'].includes(o)).map(
                (o) => [o, OUTCOME_LABELS[o]] as const,
              ),
            ]}
            value={v.outcome ?? r.outcome ?? ''}
            error={f.outcome}
            required
          />
          <TextArea
            name="legalGround"
            label="法律依据和理由（不予公开、部分公开必填）"
            value={v.legalGround ?? r.legal_ground ?? ''}
            error={f.legalGround}
            rows={3}
          />
          <TextArea
            name="releasedParts"
            label="公开的部分（部分公开时填写）"
            value={v.releasedParts ?? r.released_parts ?? ''}
            error={f.releasedParts}
            rows={2}
          />
          <TextArea
            name="withheldParts"
            label="不予公开的部分（部分公开时填写）"
            value={v.withheldParts ?? r.withheld_parts ?? ''}
            error={f.withheldParts}
            rows={2}
          />
          <TextArea
            name="decisionNote"
            label="拟办意见"
            value={v.decisionNote ?? r.decision_note ?? ''}
            error={f.decisionNote}
            rows={3}
          />
        </>
      );
      break;
    case 'approve':
      body = (
        <p>
          处理结果：{r.outcome ? OUTCOME_LABELS[r.outcome] : '—'}
          {needsHeadApproval(r.outcome) ? '（须公开办负责人审批，拟办人不能审批）' : ''}
        </p>
      );
      break;
    case 'return':
      body = reason('退回理由');
      break;
    case 'reply':
      body = (
        <>
          <Field name="repliedOn" label="答复日期" type="date" value={v.repliedOn ?? props.today} error={f.repliedOn} required />
          <Field name="method" label="送达方式" value={v.method ?? labelOf(DELIVERIES, r.delivery)} error={f.method} required />
          <TextArea name="message" label="致申请人的说明（显示在查询页面）" value={v.message} error={f.message} rows={3} />
        </>
      );
      break;
    case 'close':
      body = (
        <>
          {r.state === 'awaiting_correction' ? <p>补正期限届满未补正：按“申请人无正当理由逾期不补正”办结。</p> : null}
          {r.state === 'awaiting_fee' ? <p>缴费期限届满未缴费：按“逾期未按收费通知要求缴纳费用”办结。</p> : null}
          {reason('说明', false)}
        </>
      );
      break;
    case 'withdraw':
      body = reason('撤回方式（如申请人书面撤回）');
      break;
    case 'reopen':
      body = (
        <>
          <p>重新办理后，本申请在重新办理当年的年报中计为“本年新收”；原办结日期和办理结果保留在办理记录中。</p>
          {reason('重新办理的依据（如行政复议决定书、判决书文号）')}
        </>
      );
      break;
    default:
      break;
  }
  return (
    <section class="card" aria-labelledby={`${id}-h`} id={id}>
      <h3 id={`${id}-h`}>{ACTION_LABELS[action]}</h3>
      {props.error ? <ErrorSummary message={props.error.message} fields={f} /> : null}
      <form method="post" action={`${caseHref(r.id)}/${ACTION_PATHS[action]}`} novalidate>
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="version" value={String(r.version)} />
        {body}
        {CONFIRMED.includes(action) ? (
          <div class="check">
            <input type="checkbox" id={`${id}-confirm`} name="confirm" value="1" />
            <label for={`${id}-confirm`}>我确认{ACTION_LABELS[action]}，此操作不可撤销。</label>
          </div>
        ) : null}
        <div class="actions">
          <button type="submit">{ACTION_LABELS[action]}</button>
        </div>
      </form>
    </section>
  );
}

export function CasePage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  view: CaseView;
  today: string;
  units: ReadonlyArray<{ id: number; name: string }>;
  /** The tracking link, shown once right after staff registration. */
  trackLink?: string | undefined;
  failed?: { action: Action | 'note'; typed: Record<string, string>; error: FormError } | undefined;
  /** Letters, delivery and fees (views/letters.tsx), shown under the dates. */
  letters?: ComponentChildren;
}) {
  const { view } = props;
  const r = view.row;
  const c = view.clock;
  const allowed = (a: Action) =>
    a === 'reopen'
      ? // the workflow's own guard: the office head decides a reopening (requests.workflow.ts)
        view.can.handle && (props.ctx.staff?.roles.includes('office_head') ?? false)
      : a === 'approve' || a === 'return'
        ? view.can.approve
        : a === 'extend'
          ? view.can.extend
          : view.can.handle;
  const actions = ACTION_ORDER.filter((a) => actionsFrom(r.state).includes(a) && allowed(a));
  const failedFor = (a: Action | 'note') => (props.failed?.action === a ? props.failed : undefined);
  const outcome = r.outcome as Outcome | null;
  return (
    <StaffLayout ctx={props.ctx} title={`申请 ${r.reference}`} nav={props.nav} current={REQUESTS_HREF}>
      <p>
        <a href={REQUESTS_HREF}>返回申请列表</a>
      </p>
      <h1>
        申请 {r.reference} <span class="tag">{STATE_LABELS[r.state]}</span>
      </h1>
      {props.failed && !actions.includes(props.failed.action as Action) && props.failed.action !== 'note' ? (
        <ErrorSummary message={props.failed.error.message} fields={props.failed.error.fields} />
      ) : null}
      {props.trackLink ? (
        <div class="notice" role="status">
          <p>已登记。请将申请编号和查询链接告知申请人（链接只显示这一次）：</p>
          <p>
            <a href={props.trackLink}>{props.trackLink}</a>
          </p>
        </div>
      ) : null}
      {view.repeatOf ? (
        <div class="warning">
          疑似重复申请：同一申请人此前申请过相似信息，见 <a href={caseHref(view.repeatOf.id)}>{view.repeatOf.reference}</a>。
        </div>
      ) : null}

      <h2>期限</h2>
      <dl class="meta">
        <Row label="收到申请之日">
          {r.received_on}（{labelOf(CHANNELS, r.channel)}）<br />
          <span class="hint">{r.received_rule}</span>
        </Row>
        <Row label="适用规定">{r.rules === '2008' ? '2008 年条例（15 + 15 个工作日）' : '2019 年条例（20 + 20 个工作日）'}</Row>
        <Row label="答复期限">
          {r.reply_due ?? (r.awaiting ? AWAITING_LABELS[r.awaiting] : '—')}
          {c.extensionDays ? `（含延长 ${c.extensionDays} 个工作日）` : ''}
          {c.deferredUntil ? `（另行确定至 ${c.deferredUntil}）` : ''}
        </Row>
        {r.correction_due ? (
          <Row label={r.awaiting === 'correction' ? '补正期限' : '补正告知期限'}>{r.correction_due}</Row>
        ) : null}
        {c.feePaymentDue ? <Row label="缴费期限">{c.feePaymentDue}</Row> : null}
        {r.replied_on ? <Row label="答复日期">{r.replied_on}</Row> : null}
      </dl>
      {props.letters}
      <details>
        <summary>为什么是这一天（逐日计算）</summary>
        {c.problems.length ? (
          <ul class="warning">
            {c.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        ) : null}
        {c.paused.length ? (
          <ul>
            {c.paused.map((p) => (
              <li>
                不计算：{p.from} 至 {p.to ?? '（尚未结束）'}，{p.reason}
              </li>
            ))}
          </ul>
        ) : null}
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">是否计算</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {c.receipt.map((d) => (
                <tr>
                  <td>{d.date}</td>
                  <td>{d.counted ? `第 ${d.n} 日` : '不计'}</td>
                  <td>{d.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>

      <h2>申请人</h2>
      <dl class="meta">
        <Row label="申请人类型">{labelOf(APPLICANT_TYPES, r.applicant_type)}</Row>
        <Row label="姓名或名称">{r.applicant_name}</Row>
        {r.contact_person ? <Row label="联系人">{r.contact_person}</Row> : null}
        <Row label="身份证明">
          {labelOf(ID_TYPES, r.id_type)} {view.idNumber}
        </Row>
        {r.phone ? <Row label="联系电话">{r.phone}</Row> : null}
        {r.email ? <Row label="电子邮箱">{r.email}</Row> : null}
        {r.address ? <Row label="通信地址">{r.address}</Row> : null}
      </dl>
      <h2>所需信息</h2>
      <dl class="meta">
        {r.info_title ? <Row label="信息名称">{r.info_title}</Row> : null}
        {r.info_doc_number ? <Row label="文号">{r.info_doc_number}</Row> : null}
        <Row label="内容描述">{r.info_description}</Row>
        <Row label="提供形式">{labelOf(FORMS_WANTED, r.form_wanted)}</Row>
        <Row label="获取方式">{labelOf(DELIVERIES, r.delivery)}</Row>
        <Row label="承办处室">{view.unitName ?? '未分办'}</Row>
      </dl>
      {outcome ? (
        <>
          <h2>答复意见</h2>
          <dl class="meta">
            <Row label="处理结果">{OUTCOME_LABELS[outcome]}</Row>
            {r.legal_ground ? <Row label="法律依据和理由">{r.legal_ground}</Row> : null}
            {r.released_parts ? <Row label="公开的部分">{r.released_parts}</Row> : null}
            {r.withheld_parts ? <Row label="不予公开的部分">{r.withheld_parts}</Row> : null}
            {r.decision_note ? <Row label="拟办意见">{r.decision_note}</Row> : null}
            {r.approved_at ? <Row label="审批时间">{chinaDateTime(r.approved_at)}</Row> : null}
          </dl>
        </>
      ) : null}

      <h2>办理过程</h2>
      <ol class="timeline">
        {view.events.map((e) => (
          <li>
            <strong>{e.on_date}</strong> {e.action === 'register' ? '登记' : (ACTION_LABELS[e.action as Action] ?? e.action)}
            {e.to_state !== e.from_state ? `（${STATE_LABELS[e.to_state as keyof typeof STATE_LABELS] ?? e.to_state}）` : ''} ·{' '}
            {e.actor_name} · <span class="hint">{chinaDateTime(e.at)}</span>
            {e.note ? <div>{e.note}</div> : null}
          </li>
        ))}
      </ol>

      <h2>致申请人的消息</h2>
      {view.messages.length ? (
        <ul>
          {view.messages.map((m) => (
            <li>
              {m.body}{' '}
              <span class="hint">
                — {m.author_name}，{chinaDateTime(m.at)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无。</p>
      )}
      {view.can.note ? (
        <>
          <h2>内部备注（申请人看不到）</h2>
          {view.notes.length ? (
            <ul>
              {view.notes.map((m) => (
                <li>
                  {m.body}{' '}
                  <span class="hint">
                    — {m.author_name}，{chinaDateTime(m.at)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>暂无。</p>
          )}
          <section class="card" id="act-note" aria-labelledby="act-note-h">
            <h3 id="act-note-h">添加备注或消息</h3>
            {failedFor('note') ? (
              <ErrorSummary message={failedFor('note')?.error.message} fields={failedFor('note')?.error.fields ?? {}} />
            ) : null}
            <form method="post" action={`${caseHref(r.id)}/note`} novalidate>
              <Csrf token={props.ctx.csrf} />
              <Radios
                name="kind"
                legend="类型"
                options={
                  view.can.handle
                    ? [
                        ['note', '内部备注（仅工作人员可见）'],
                        ['message', '致申请人的消息（申请人可见）'],
                      ]
                    : [['note', '内部备注（仅工作人员可见）']]
                }
                value={failedFor('note')?.typed.kind ?? 'note'}
                required
              />
              <TextArea
                name="body"
                label="内容"
                value={failedFor('note')?.typed.body}
                error={failedFor('note')?.error.fields.body}
                required
                rows={3}
              />
              <div class="actions">
                <button type="submit">保存</button>
              </div>
            </form>
          </section>
        </>
      ) : null}

      {actions.length ? (
        <>
          <h2>办理</h2>
          {actions.map((a) => (
            <ActionForm
              ctx={props.ctx}
              view={view}
              action={a}
              today={props.today}
              units={props.units}
              typed={failedFor(a)?.typed}
              error={failedFor(a)?.error}
            />
          ))}
        </>
      ) : null}
    </StaffLayout>
  );
}
