// The applicant's pages: the request form (Art 29) with a search of what is already published, and
// the tracking page reached by the private link.
import type { ComponentChildren } from 'preact';
import { Csrf, ErrorSummary, Field, Notice, Radios, Select, TextArea } from '../../../ui/components.js';
import { chinaDateTime } from '../../../ui/format.js';
import { PortalLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import type { Challenge } from '../requests.captcha.js';
import { APPLICANT_TYPES, DELIVERIES, FORMS_WANTED, ID_TYPES, OUTCOME_LABELS } from '../requests.codes.js';
import type { TrackView } from '../requests.service.js';

export const APPLY_FIELDS = [
  'applicantType',
  'applicantName',
  'contactPerson',
  'idType',
  'idNumber',
  'phone',
  'email',
  'address',
  'infoTitle',
  'infoDocNumber',
  'infoDescription',
  'formWanted',
  'delivery',
] as const;

export interface FoundItem {
  title: string;
  url: string;
  publishedOn: string;
}

export function ApplyPage(props: {
  ctx: ViewCtx;
  organName: string;
  organCode: string;
  values: Record<string, string>;
  error?: { message: string; fields: Record<string, string> } | undefined;
  challenge: Challenge;
  search: { q: string; items: FoundItem[]; total: number } | null;
}) {
  const v = props.values;
  const f = props.error?.fields ?? {};
  const title = '政府信息公开申请';
  return (
    <PortalLayout ctx={props.ctx} organName={props.organName} title={title} current="/apply">
      <h1>{title}</h1>
      <p class="lead">
        依据《中华人民共和国政府信息公开条例》第二十九条，向{props.organName}
        申请获取政府信息。提交后您将获得申请编号和一个私人查询链接，可随时查看办理进度。
      </p>

      <section aria-labelledby="find-h" class="card">
        <h2 id="find-h">第一步：查找已公开信息</h2>
        <p class="hint">您需要的信息可能已经主动公开，无需申请即可查阅。</p>
        <form method="get" action="/requests/new">
          <input type="hidden" name="organ" value={props.organCode} />
          <Field name="q" label="信息名称或关键词" value={props.search?.q ?? v.infoTitle ?? ''} />
          <div class="actions">
            <button type="submit">查找已公开信息</button>
          </div>
        </form>
        {props.search ? (
          props.search.items.length ? (
            <>
              <p>找到 {props.search.total} 条已公开的信息：</p>
              <ul class="item-list">
                {props.search.items.map((i) => (
                  <li>
                    <a href={i.url}>{i.title}</a>
                    <span class="hint">{i.publishedOn}</span>
                  </li>
                ))}
              </ul>
              <p class="hint">如以上信息不是您需要的，请继续填写申请。</p>
            </>
          ) : (
            <p>没有找到与“{props.search.q}”相符的已公开信息，请填写申请。</p>
          )
        ) : null}
      </section>

      <h2>第二步：填写申请</h2>
      <ErrorSummary message={props.error?.message} fields={f} />
      <form
        method="post"
        action="/requests/new"
        novalidate
        data-pow={props.challenge.token}
        data-pow-bits={String(props.challenge.bits)}
      >
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="organ" value={props.organCode} />
        <fieldset>
          <legend>申请人信息</legend>
          <Radios
            name="applicantType"
            legend="申请人类型"
            options={APPLICANT_TYPES}
            value={v.applicantType ?? 'natural_person'}
            error={f.applicantType}
            required
          />
          <Field
            name="applicantName"
            label="姓名或名称"
            value={v.applicantName}
            error={f.applicantName}
            required
            autocomplete="name"
          />
          <Field name="contactPerson" label="联系人（法人或其他组织填写）" value={v.contactPerson} error={f.contactPerson} />
          <Select
            name="idType"
            label="身份证明类型"
            options={ID_TYPES}
            value={v.idType ?? 'resident_id'}
            error={f.idType}
            required
          />
          <Field
            name="idNumber"
            label="证件号码"
            value={v.idNumber}
            error={f.idNumber}
            required
            hint="加密保存，仅承办人员可见，对外一律部分隐去。"
            autocomplete="off"
          />
          <Field name="phone" label="联系电话" type="tel" value={v.phone} error={f.phone} autocomplete="tel" inputMode="tel" />
          <Field name="email" label="电子邮箱" type="email" value={v.email} error={f.email} autocomplete="email" />
          <Field name="address" label="通信地址" value={v.address} error={f.address} autocomplete="street-address" />
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <Field name="infoTitle" label="信息名称" value={v.infoTitle} error={f.infoTitle} />
          <Field
            name="infoDocNumber"
            label="文号"
            value={v.infoDocNumber}
            error={f.infoDocNumber}
            hint="如“某政发〔2025〕1号”，不清楚可不填。"
          />
          <TextArea
            name="infoDescription"
            label="所需信息的内容描述"
            value={v.infoDescription}
            error={f.infoDescription}
            required
            hint="请尽量写明便于查找的特征，如制作机关、时间、事项。"
            rows={5}
          />
        </fieldset>
        <fieldset>
          <legend>获取方式</legend>
          <Radios
            name="formWanted"
            legend="信息的提供形式"
            options={FORMS_WANTED}
            value={v.formWanted ?? 'electronic'}
            error={f.formWanted}
            required
          />
          <Radios
            name="delivery"
            legend="获取信息的方式"
            options={DELIVERIES}
            value={v.delivery ?? 'online'}
            error={f.delivery}
            required
          />
        </fieldset>
        <fieldset>
          <legend>验证</legend>
          <input type="hidden" name="captcha" value={props.challenge.token} />
          <input type="hidden" name="pow" value="" />
          <p class="hint" data-pow-status aria-live="polite" />
          <div data-pow-question>
            <Field
              name="answer"
              label={`请回答：${props.challenge.question}`}
              value=""
              error={f.answer}
              hint="可填写阿拉伯数字或汉字。"
              inputMode="numeric"
              autocomplete="off"
            />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">提交申请</button>
        </div>
      </form>
      <script src="/static/pow.js" defer />
    </PortalLayout>
  );
}

export function TrackPage(props: {
  ctx: ViewCtx;
  view: TrackView;
  isNew: boolean;
  link: string;
  /** The letters issued to the applicant (modules/requests views/letters.tsx). */
  letters?: ComponentChildren;
}) {
  const t = props.view;
  return (
    <PortalLayout ctx={props.ctx} organName={t.organName} title={`申请办理进度 ${t.reference}`} current="/apply">
      <h1>申请办理进度</h1>
      {props.isNew ? (
        <Notice>
          <p>
            您的申请已提交，申请编号：<strong>{t.reference}</strong>。
          </p>
          <p>
            请保存下面的查询链接（不要告诉他人），凭此链接查看办理进度和答复：
            <br />
            <a href={props.link}>{props.link}</a>
          </p>
        </Notice>
      ) : null}
      <dl class="meta">
        <dt>申请编号</dt>
        <dd>{t.reference}</dd>
        <dt>申请人</dt>
        <dd>{t.applicantName}</dd>
        <dt>证件号码</dt>
        <dd>{t.idMasked}</dd>
        <dt>办理状态</dt>
        <dd>
          <strong>{t.stateLabel}</strong>
        </dd>
        <dt>收到申请之日</dt>
        <dd>{t.receivedOn}</dd>
        {t.replyDue ? (
          <>
            <dt>答复期限</dt>
            <dd>{t.replyDue} 前</dd>
          </>
        ) : null}
        {t.awaiting === 'correction' ? (
          <>
            <dt>请您补正</dt>
            <dd>答复期限自本机关收到补正材料之日起重新计算{t.correctionDue ? `；补正期限：${t.correctionDue}` : ''}。</dd>
          </>
        ) : null}
        {t.awaiting === 'fee_payment' ? (
          <>
            <dt>请您缴费</dt>
            <dd>请按收费通知缴纳信息处理费；缴费期间不计入答复期限。</dd>
          </>
        ) : null}
        {t.repliedOn ? (
          <>
            <dt>答复日期</dt>
            <dd>{t.repliedOn}</dd>
          </>
        ) : null}
        {t.outcome ? (
          <>
            <dt>处理结果</dt>
            <dd>{OUTCOME_LABELS[t.outcome]}</dd>
          </>
        ) : null}
        <dt>申请内容</dt>
        <dd>{t.infoDescription}</dd>
      </dl>
      <h2>告知与答复</h2>
      {t.messages.length ? (
        <ul class="item-list">
          {t.messages.map((m) => (
            <li>
              <span>{m.body}</span>
              <span class="hint">{chinaDateTime(m.at)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无。</p>
      )}
      {props.letters}
      <h2>办理过程</h2>
      <ol>
        {t.steps.map((s) => (
          <li>
            {s.on} {s.label}
          </li>
        ))}
      </ol>
    </PortalLayout>
  );
}
