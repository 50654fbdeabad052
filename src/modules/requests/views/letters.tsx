// Letters, fees and the non-disclosure register on the back office; issued letters on the
// applicant's tracking page. Every text goes through preact (escaped).
import { Csrf, EmptyState, ErrorSummary, Field, Select, TextArea } from '../../../ui/components.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { formatSize } from '../../attachments/attachments.types.js';
import { LETTER_STYLES, LetterSheet } from '../../letters/letters.html.js';
import type { Letter } from '../../letters/letters.templates.js';
import type { RequestFileRow } from '../casework.files.js';
import { HISTORICAL_NOTE, LETTER_KIND_LABELS } from '../casework.letters.js';
import type { FeeRow, LetterRow, NondisclosureRow } from '../casework.repository.js';
import { DELIVERIES, labelOf, OUTCOME_LABELS } from '../requests.codes.js';
import type { RequestRow } from '../requests.repository.js';
import { caseHref, type FormError, REQUESTS_HREF } from './staff.js';

export const REGISTER_HREF = `${REQUESTS_HREF}/register`;
export const letterHref = (id: number, letterId: number) => `${caseHref(id)}/letters/${letterId}`;

const KIND_OPTIONS = Object.entries(LETTER_KIND_LABELS) as Array<[string, string]>;
const FEE_METHODS: Array<readonly [string, string]> = [
  ['per_request', '按件计收（本月同一申请人的申请件数累计）'],
  ['per_page', '按量计收（页数）'],
];

/** The title of an issued letter row: its letter's title, or the kind for a historical entry. */
export function letterTitle(l: LetterRow): string {
  if (l.letter) return l.letter.title;
  const k = l.kind as keyof typeof OUTCOME_LABELS;
  return `答复（${OUTCOME_LABELS[k] ?? l.kind}）`;
}

/** The letter's file name: `申请编号-文书标题.docx`. */
export const letterFileName = (reference: string, l: LetterRow) => `${reference}-${letterTitle(l)}.docx`;

/** The letters and fees section of the case page. */
export function CaseLetters(props: {
  ctx: ViewCtx;
  row: RequestRow;
  letters: LetterRow[];
  fees: FeeRow[];
  files: RequestFileRow[];
  canHandle: boolean;
  today: string;
  failed?: { form: string; typed: Record<string, string>; error: FormError } | undefined;
}) {
  const r = props.row;
  const f = props.failed;
  const typed = (form: string, k: string, fallback = '') => (f?.form === form ? (f.typed[k] ?? fallback) : fallback);
  const err = (form: string, k: string) => (f?.form === form ? f.error.fields[k] : undefined);
  return (
    <section aria-labelledby="letters-h">
      <h2 id="letters-h">文书与送达</h2>
      {props.letters.length === 0 ? (
        <EmptyState title="尚未出具文书。" />
      ) : (
        <table>
          <caption class="visually-hidden">已出具的文书</caption>
          <thead>
            <tr>
              <th scope="col">文书</th>
              <th scope="col">出具</th>
              <th scope="col">送达</th>
            </tr>
          </thead>
          <tbody>
            {props.letters.map((l) => (
              <tr id={`letter-${l.id}`}>
                <td>
                  {l.letter ? (
                    <>
                      <a href={`${letterHref(r.id, l.id)}/print`}>{letterTitle(l)}</a> （
                      <a href={`${letterHref(r.id, l.id)}.docx`}>下载 Word</a>）
                    </>
                  ) : (
                    <>
                      {letterTitle(l)}
                      <br />
                      <span class="hint">{l.note ?? HISTORICAL_NOTE}</span>
                    </>
                  )}
                </td>
                <td>
                  {l.issued_on}，{l.issued_by_name}
                </td>
                <td>
                  {l.delivered_on ? (
                    <>
                      {l.delivered_on}，{labelOf(DELIVERIES, l.delivery_method)}
                      {l.delivery_proof ? `（${l.delivery_proof}）` : ''}
                    </>
                  ) : (
                    '未登记'
                  )}
                  {props.canHandle && l.letter ? (
                    <details open={f?.form === `delivery-${l.id}`}>
                      <summary>登记送达</summary>
                      {f?.form === `delivery-${l.id}` ? <ErrorSummary message={f.error.message} fields={f.error.fields} /> : null}
                      <form method="post" action={`${letterHref(r.id, l.id)}/delivery`} novalidate>
                        <Csrf token={props.ctx.csrf} />
                        <Select
                          name="method"
                          label="送达方式"
                          options={DELIVERIES}
                          value={typed(`delivery-${l.id}`, 'method', r.delivery)}
                          error={err(`delivery-${l.id}`, 'method')}
                        />
                        <Field
                          name="deliveredOn"
                          label="送达日期"
                          type="date"
                          value={typed(`delivery-${l.id}`, 'deliveredOn', props.today)}
                          error={err(`delivery-${l.id}`, 'deliveredOn')}
                          required
                        />
                        <Field
                          name="proof"
                          label="送达凭证"
                          hint="邮寄填邮件单号；当面领取填签收人和签收情况。"
                          value={typed(`delivery-${l.id}`, 'proof')}
                          error={err(`delivery-${l.id}`, 'proof')}
                        />
                        <button type="submit">登记送达</button>
                      </form>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>附送的政府信息文件</h3>
      {props.files.length ? (
        <ul>
          {props.files.map((x) => (
            <li>
              <a href={`${caseHref(r.id)}/files/${x.id}`}>{x.original_name}</a>（{formatSize(x.size)}，{x.uploaded_by_name}）
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无。</p>
      )}
      {props.canHandle && ['drafting', 'under_review', 'approved', 'replied'].includes(r.state) ? (
        <form method="post" action={`${caseHref(r.id)}/files`} enctype="multipart/form-data">
          {f?.form === 'file' ? <ErrorSummary message={f.error.message} fields={f.error.fields} /> : null}
          <Csrf token={props.ctx.csrf} />
          <label for="f-file">选择要随答复书附送的文件</label>
          <input type="file" id="f-file" name="file" aria-invalid={err('file', 'file') ? 'true' : undefined} />
          <button type="submit">上传</button>
        </form>
      ) : null}
      {props.canHandle ? (
        <>
          <h3>出具文书</h3>
          {f?.form === 'letter' ? <ErrorSummary message={f.error.message} fields={f.error.fields} /> : null}
          <form method="get" action={`${caseHref(r.id)}/letters/preview`}>
            <Select
              name="kind"
              label="文书种类"
              options={KIND_OPTIONS}
              value={typed('letter', 'kind', 'reply')}
              error={err('letter', 'kind')}
            />
            <Field name="letterNumber" label="文号（可不填）" value={typed('letter', 'letterNumber')} />
            <Field name="thirdParty" label="第三方名称（仅征求意见书）" value={typed('letter', 'thirdParty')} />
            <button type="submit">预览</button>
          </form>

          <h3>信息处理费</h3>
          {props.fees.length ? (
            <ul>
              {props.fees.map((fee) => (
                <li>
                  {fee.assessed_on}：
                  {fee.method === 'per_request'
                    ? `按件计收，本次 ${fee.quantity} 件（本月此前 ${fee.prior_items} 件）`
                    : `按量计收，${fee.quantity} 页`}
                  ； 计算金额 {fee.computed_yuan} 元，应缴 {fee.amount_yuan} 元
                  {fee.waived_reason ? `（已减免：${fee.waived_reason}）` : ''}
                  {fee.paid_on ? `，${fee.paid_on} 已缴纳` : ''}
                  <ul>
                    {((fee.result as { breakdown?: Array<{ label: string }> }).breakdown ?? []).map((b) => (
                      <li>{b.label}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : null}
          {['assigned', 'drafting'].includes(r.state) ? (
            <form method="post" action={`${caseHref(r.id)}/fee`} novalidate>
              {f?.form === 'fee' ? <ErrorSummary message={f.error.message} fields={f.error.fields} /> : null}
              <Csrf token={props.ctx.csrf} />
              <input type="hidden" name="version" value={String(r.version)} />
              <Select
                name="method"
                label="计费方式（二者只能选一）"
                options={FEE_METHODS}
                value={typed('fee', 'method', 'per_request')}
                error={err('fee', 'method')}
              />
              <Field
                name="quantity"
                label="本次件数或页数"
                inputMode="numeric"
                value={typed('fee', 'quantity', '1')}
                error={err('fee', 'quantity')}
                required
              />
              <Field
                name="on"
                label="计费（通知）日期"
                type="date"
                value={typed('fee', 'on', props.today)}
                error={err('fee', 'on')}
                required
              />
              <TextArea name="howToPay" label="缴费方式" value={typed('fee', 'howToPay')} error={err('fee', 'howToPay')} />
              <TextArea
                name="waiverReason"
                label="减免理由（填写即免收）"
                value={typed('fee', 'waiverReason')}
                error={err('fee', 'waiverReason')}
              />
              <button type="submit">计算并处理</button>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The preview of a letter before it is issued, with the issue form. */
export function LetterPreviewPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  row: RequestRow;
  letter: Letter;
  input: { kind: string; letterNumber: string; thirdParty: string };
}) {
  const r = props.row;
  return (
    <StaffLayout
      ctx={props.ctx}
      title={`预览：${props.letter.title}`}
      nav={props.nav}
      current={REQUESTS_HREF}
      styles={LETTER_STYLES}
    >
      <p>
        <a href={caseHref(r.id)}>返回申请 {r.reference}</a>
      </p>
      <p class="notice" role="status">
        这是预览，尚未出具。出具后文书内容即固定保存，以后模板修改也不会改变已出具的文书。
      </p>
      <LetterSheet letter={props.letter} />
      <form method="post" action={`${caseHref(r.id)}/letters`}>
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="kind" value={props.input.kind} />
        <input type="hidden" name="letterNumber" value={props.input.letterNumber} />
        <input type="hidden" name="thirdParty" value={props.input.thirdParty} />
        <button type="submit">出具此文书</button>
      </form>
    </StaffLayout>
  );
}

/** 不予公开备案: the register of an organ for a year, with the count per ground. */
export function RegisterPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  years: number[];
  rows: NondisclosureRow[];
  counts: Array<[string, number]>;
}) {
  const years = [...new Set([props.year, ...props.years])].sort((a, b) => b - a);
  const label = (g: string) =>
    g === 'partial' ? '部分公开（不予公开的部分）' : (OUTCOME_LABELS[g as keyof typeof OUTCOME_LABELS] ?? g);
  return (
    <StaffLayout ctx={props.ctx} title={`不予公开备案 ${props.year}`} nav={props.nav} current={REQUESTS_HREF}>
      <p>
        <a href={REQUESTS_HREF}>返回申请列表</a>
      </p>
      <h1>不予公开备案（{props.year} 年）</h1>
      <form method="get" action={REGISTER_HREF} class="filters">
        <Select name="year" label="年度" options={years.map((y) => [String(y), `${y} 年`] as const)} value={String(props.year)} />
        <button type="submit">查看</button>
      </form>
      {props.rows.length === 0 ? (
        <EmptyState title={`${props.year} 年无不予公开政府信息的情况，暂无相关备案。`} />
      ) : (
        <>
          <h2>按理由统计</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">理由</th>
                <th scope="col">件数</th>
              </tr>
            </thead>
            <tbody>
              {props.counts.map(([g, n]) => (
                <tr>
                  <td>{label(g)}</td>
                  <td>{n}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">合计</th>
                <td>{props.rows.length}</td>
              </tr>
            </tbody>
          </table>
          <h2>备案明细</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">申请的信息</th>
                <th scope="col">理由及依据</th>
                <th scope="col">审批人</th>
                <th scope="col">答复日期</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((e) => (
                <tr>
                  <td>
                    <a href={caseHref(e.request_id)}>{e.reference}</a>
                  </td>
                  <td>
                    {e.information}
                    {e.withheld_parts ? (
                      <>
                        <br />
                        <span class="hint">不予公开的部分：{e.withheld_parts}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {label(e.ground)}；{e.legal_ground}
                  </td>
                  <td>{e.approver_name || '—'}</td>
                  <td>{e.decided_on}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </StaffLayout>
  );
}

/** The issued letters on the applicant's tracking page. */
export function TrackLetters({ letters, files, base }: { letters: LetterRow[]; files: RequestFileRow[]; base: string }) {
  if (letters.length === 0 && files.length === 0) return null;
  return (
    <section aria-labelledby="track-letters-h">
      <h2 id="track-letters-h">本机关出具的文书</h2>
      <ul>
        {letters.map((l) => (
          <li>
            {l.letter ? (
              <>
                <a href={`${base}/letters/${l.id}`}>{letterTitle(l)}</a>（{l.issued_on}，
                <a href={`${base}/letters/${l.id}.docx`}>下载 Word 文件</a>）
              </>
            ) : (
              <>
                {letterTitle(l)}（{l.issued_on}，{l.note ?? HISTORICAL_NOTE}）
              </>
            )}
          </li>
        ))}
      </ul>
      {files.length ? (
        <>
          <h3>随答复书附送的文件</h3>
          <ul>
            {files.map((x) => (
              <li>
                <a href={`${base}/files/${x.id}`}>{x.original_name}</a>（{formatSize(x.size)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
