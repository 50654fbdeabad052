// One publication in the back office: metadata, body preview, deadline, links, editions, history,
// and the actions the reader may take now (each leads to a confirm page).
import type { ComponentChildren } from 'preact';
import { EmptyState } from '../../../../ui/components.js';
import { chinaDateTime } from '../../../../ui/format.js';
import { StaffLayout } from '../../../../ui/layout.js';
import type { ViewCtx } from '../../../../ui/view.js';
import { AttachmentsSection, type StaffAttachment } from '../../../attachments/views/staff.js';
import type { PublicationBrief, PublicationView } from '../../publications.queries.js';
import {
  DISCLOSURE_LABELS,
  DOC_KIND_LABELS,
  GENRE_LABELS,
  type LinkKind,
  sanitizeBody,
  VALIDITY_LABELS,
} from '../../publications.schemas.js';
import type { Action } from '../../publications.workflow.js';
import { CONFIDENTIALITY_CHECKLIST } from '../../publications.workflow.js';
import {
  actionLabel,
  DeadlineText,
  eventLabel,
  FIELD_LABELS,
  itemHref,
  linkLabel,
  type Nav,
  PUBLICATIONS_HREF,
  stateLabel,
} from './common.js';

const orDash = (v: string | null | undefined) =>
  v === null || v === undefined || v === '' ? <span class="hint">未填写</span> : v;

function Brief({ p }: { p: PublicationBrief }) {
  return (
    <>
      <a href={itemHref(p.id)}>{p.title}</a> <span class="tag">{stateLabel(p.state)}</span>
      {p.index_no ? (
        <>
          {' '}
          <code>{p.index_no}</code>
        </>
      ) : null}
    </>
  );
}

const LINKED_FROM_LABELS: Record<LinkKind, string> = {
  interprets: '本文件的解读',
  corrects: '对本信息的澄清更正',
  replaces: '替代本文件的文件',
  repeals: '废止本文件的文件',
};

export function PublicationPage(props: {
  ctx: ViewCtx;
  nav: Nav;
  view: PublicationView;
  columnName: string;
  unitName: string | null;
  names: ReadonlyMap<number, string>;
  /** Actions offered now: allowed by the policy and by the preflight. */
  actions: readonly Action[];
  canEdit: boolean;
  /** The item's attachments, and the largest file that may be added. */
  attachments?: { items: readonly StaffAttachment[]; maxBytes: number };
  /** Sections other modules add (the channels of a published item). */
  extra?: ComponentChildren;
}) {
  const { view } = props;
  const p = view.publication;
  const href = itemHref(p.id);
  const person = (id: number | null) => (id === null ? null : (props.names.get(id) ?? `#${id}`));
  const checklistLabels = new Map<string, string>(CONFIDENTIALITY_CHECKLIST.map(([k, l]) => [k, l]));
  return (
    <StaffLayout ctx={props.ctx} title={p.title} nav={props.nav} current={PUBLICATIONS_HREF}>
      <p>
        <a href={PUBLICATIONS_HREF}>返回信息列表</a>
      </p>
      <h1>{p.title}</h1>
      <p>
        <span class="tag">{stateLabel(p.state)}</span>
        {p.edition > 1 ? <span class="tag">第 {p.edition} 版</span> : null}
        <span class="tag">{VALIDITY_LABELS[p.validity]}</span>
      </p>
      {p.state === 'returned' && p.return_reason ? (
        <div class="warning" role="status">
          <p>退回理由：{p.return_reason}</p>
        </div>
      ) : null}
      {p.state === 'withdrawn' && p.withdraw_reason ? (
        <div class="warning" role="status">
          <p>撤回理由：{p.withdraw_reason}</p>
        </div>
      ) : null}
      {view.successor ? (
        <div class="notice" role="status">
          <p>
            本信息已有新版本：
            <Brief p={view.successor} />
          </p>
        </div>
      ) : null}

      {props.canEdit || props.actions.length ? (
        <div class="actions">
          {props.canEdit ? (
            <a class="button" href={`${href}/edit`}>
              修改内容
            </a>
          ) : null}
          {props.actions.map((a) => (
            <a class="button secondary" href={`${href}/${a}`}>
              {actionLabel(a)}
            </a>
          ))}
        </div>
      ) : null}

      <h2>公开期限（第二十六条）</h2>
      <p>
        <DeadlineText d={view.deadline} />
      </p>

      <h2>目录信息</h2>
      <dl class="meta">
        <dt>系统编号</dt>
        <dd>{p.id}</dd>
        <dt>索引号</dt>
        <dd>{p.index_no ? <code>{p.index_no}</code> : <span class="hint">发布时生成</span>}</dd>
        <dt>{FIELD_LABELS.columnId}</dt>
        <dd>{props.columnName}</dd>
        <dt>{FIELD_LABELS.unitId}</dt>
        <dd>{orDash(props.unitName)}</dd>
        <dt>{FIELD_LABELS.issuingOrgan}</dt>
        <dd>{p.issuing_organ}</dd>
        <dt>{FIELD_LABELS.createdOn}</dt>
        <dd>{p.created_on}</dd>
        <dt>发布日期</dt>
        <dd>{orDash(p.published_on)}</dd>
        <dt>{FIELD_LABELS.docNumber}</dt>
        <dd>{orDash(p.doc_number)}</dd>
        <dt>{FIELD_LABELS.theme}</dt>
        <dd>{p.theme}</dd>
        <dt>{FIELD_LABELS.genre}</dt>
        <dd>{GENRE_LABELS[p.genre]}</dd>
        <dt>{FIELD_LABELS.keywords}</dt>
        <dd>{orDash(p.keywords.join('，'))}</dd>
        <dt>{FIELD_LABELS.docKind}</dt>
        <dd>{DOC_KIND_LABELS[p.doc_kind]}</dd>
        <dt>{FIELD_LABELS.disclosure}</dt>
        <dd>
          {DISCLOSURE_LABELS[p.disclosure]}
          {p.withheld_reason ? `（${p.withheld_reason}）` : ''}
        </dd>
        <dt>{FIELD_LABELS.validity}</dt>
        <dd>
          {VALIDITY_LABELS[p.validity]}
          {p.validity_date ? `（${p.validity_date}）` : ''}
        </dd>
        <dt>{FIELD_LABELS.summary}</dt>
        <dd>{orDash(p.summary)}</dd>
        <dt>起草人</dt>
        <dd>{orDash(person(p.author_id))}</dd>
        <dt>审核人</dt>
        <dd>
          {p.approver_id === null ? (
            <span class="hint">尚未审核</span>
          ) : (
            `${person(p.approver_id)}（${chinaDateTime(p.approved_at)}）`
          )}
        </dd>
        {p.publish_at && p.state === 'scheduled' ? (
          <>
            <dt>定时发布时间</dt>
            <dd>{chinaDateTime(p.publish_at)}</dd>
          </>
        ) : null}
        <dt>保密审查</dt>
        <dd>
          {p.checklist.length === 0 ? (
            <span class="hint">尚未完成</span>
          ) : (
            <>
              {person(p.checklist_by)} 于 {chinaDateTime(p.checklist_at)} 确认：
              <ul>
                {p.checklist.map((k) => (
                  <li>{checklistLabels.get(k) ?? k}</li>
                ))}
              </ul>
            </>
          )}
        </dd>
      </dl>

      {props.extra}

      <h2>关联信息</h2>
      {view.links.length === 0 && view.linkedFrom.length === 0 ? (
        <EmptyState title="没有关联信息。" />
      ) : (
        <ul>
          {view.links.map((l) => (
            <li>
              {linkLabel(l.kind)}：<Brief p={l.target} />
            </li>
          ))}
          {view.linkedFrom.map((l) => (
            <li>
              {LINKED_FROM_LABELS[l.kind]}：<Brief p={l.source} />
            </li>
          ))}
        </ul>
      )}

      <h2>版本</h2>
      {view.previous === null && view.successor === null ? (
        <p class="hint">本信息只有这一个版本（第 {p.edition} 版）。</p>
      ) : (
        <ul>
          {view.previous ? (
            <li>
              上一版本：
              <Brief p={view.previous} />
            </li>
          ) : null}
          {view.successor ? (
            <li>
              新版本：
              <Brief p={view.successor} />
            </li>
          ) : null}
        </ul>
      )}

      <h2>正文预览</h2>
      {p.body_html === '' ? (
        <EmptyState title="正文为空。" />
      ) : (
        // sanitised when saved; sanitised again here so that nothing stored earlier can run
        <div class="card" dangerouslySetInnerHTML={{ __html: sanitizeBody(p.body_html) }} />
      )}

      {props.attachments ? (
        <AttachmentsSection
          csrf={props.ctx.csrf}
          item={{ id: p.id, version: p.version }}
          items={props.attachments.items}
          editable={props.canEdit}
          maxBytes={props.attachments.maxBytes}
        />
      ) : null}

      <h2>办理记录</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">状态</th>
              <th scope="col">理由或说明</th>
            </tr>
          </thead>
          <tbody>
            {view.events.map((e) => (
              <tr>
                <td>{chinaDateTime(e.at)}</td>
                <td>{e.actor_user_id === null ? e.actor_name : (props.names.get(e.actor_user_id) ?? e.actor_name)}</td>
                <th scope="row">{eventLabel(e.action)}</th>
                <td>
                  {e.from_state && e.from_state !== e.to_state
                    ? `${stateLabel(e.from_state)} → ${stateLabel(e.to_state)}`
                    : stateLabel(e.to_state)}
                </td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffLayout>
  );
}
