// 送交登记 and 新闻发布会登记: a year's records, its counts, and the form to add one.
import { Csrf, EmptyState, ErrorSummary, Field, Radios, TextArea } from '../../../ui/components.js';
import { StaffLayout, type StaffNavItem } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';

export const REGISTERS_HREF = '/staff/registers';
export const DELIVERIES_HREF = `${REGISTERS_HREF}/deliveries`;
export const CONFERENCES_HREF = `${REGISTERS_HREF}/conferences`;

export interface RegisterForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
}

interface Base {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  canWrite: boolean;
  form: RegisterForm;
}

function YearNav({ href, year }: { href: string; year: number }) {
  return (
    <nav aria-label="切换年度" class="actions">
      <a href={`${href}?year=${year - 1}`}>« {year - 1}年</a>
      <a href={`${href}?year=${year + 1}`}>{year + 1}年 »</a>
    </nav>
  );
}

export function RegistersIndexPage(props: {
  ctx: ViewCtx;
  nav: StaffNavItem[];
  year: number;
  deliveries: { deliveries: number; copies: number };
  conferences: number;
}) {
  return (
    <StaffLayout ctx={props.ctx} title="送交与发布会登记" nav={props.nav} current={REGISTERS_HREF}>
      <h1>送交与发布会登记</h1>
      <ul>
        <li>
          <a href={`${DELIVERIES_HREF}?year=${props.year}`}>送交登记</a>：{props.year}年送交 {props.deliveries.deliveries} 次，共{' '}
          {props.deliveries.copies} 份（政务服务中心、档案馆、公共图书馆）。
        </li>
        <li>
          <a href={`${CONFERENCES_HREF}?year=${props.year}`}>新闻发布会登记</a>：{props.year}年 {props.conferences} 场。
        </li>
      </ul>
    </StaffLayout>
  );
}

export interface DeliveryItem {
  id: number;
  deliveredOn: string;
  venue: string;
  venueName: string | null;
  items: string[];
  publications: Array<{ id: number; title: string }>;
  copies: number;
  note: string | null;
}

export function DeliveriesPage(
  props: Base & {
    rows: DeliveryItem[];
    counts: { deliveries: number; copies: number; byVenue: Array<readonly [string, number]> };
    venues: ReadonlyArray<readonly [string, string]>;
  },
) {
  const { form } = props;
  const v = form.values;
  return (
    <StaffLayout ctx={props.ctx} title={`${props.year}年送交登记`} nav={props.nav} current={REGISTERS_HREF}>
      <p>
        <a href={REGISTERS_HREF}>返回送交与发布会登记</a>
      </p>
      <h1>{props.year}年送交登记</h1>
      <p class="hint">向政务服务中心、档案馆、公共图书馆等查阅场所送交主动公开政府信息的记录。</p>
      <YearNav href={DELIVERIES_HREF} year={props.year} />
      <p>
        本年度送交 <strong>{props.counts.deliveries}</strong> 次，共 <strong>{props.counts.copies}</strong> 份
        {props.counts.byVenue.length ? `（${props.counts.byVenue.map(([l, n]) => `${l} ${n} 次`).join('，')}）` : ''}。
      </p>
      {props.rows.length === 0 ? (
        <EmptyState title={`${props.year}年没有送交记录。`} />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">场所</th>
                <th scope="col">送交的文件</th>
                <th scope="col">份数</th>
                <th scope="col">备注</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{r.deliveredOn}</td>
                  <th scope="row">
                    {r.venue}
                    {r.venueName ? `（${r.venueName}）` : ''}
                  </th>
                  <td>
                    <ul>
                      {r.items.map((i) => (
                        <li>{i}</li>
                      ))}
                      {r.publications.map((p) => (
                        <li>
                          <a href={`/staff/publications/${p.id}`}>{p.title}</a>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{r.copies}</td>
                  <td>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canWrite ? (
        <>
          <h2 id="add">登记一次送交</h2>
          <form method="post" action={DELIVERIES_HREF} class="stack" novalidate>
            <Csrf token={props.ctx.csrf} />
            <ErrorSummary message={form.message} fields={form.errors} />
            <Field
              name="deliveredOn"
              label="送交日期"
              type="date"
              required
              hint="格式 YYYY-MM-DD"
              value={v.deliveredOn}
              error={form.errors.deliveredOn}
            />
            <Radios name="venue" legend="送交场所" required options={props.venues} value={v.venue} error={form.errors.venue} />
            <Field name="venueName" label="场所名称" hint="如：南宁市图书馆" value={v.venueName} error={form.errors.venueName} />
            <TextArea
              name="items"
              label="送交的文件"
              hint="每行一份文件的标题；本平台已发布的信息也可在下一项填写编号。"
              value={v.items}
              error={form.errors.items}
              rows={5}
            />
            <Field
              name="publicationIds"
              label="信息编号"
              hint="本平台信息的系统编号，多个用逗号或空格分隔"
              value={v.publicationIds}
              error={form.errors.publicationIds}
            />
            <Field name="copies" label="份数" required inputMode="numeric" value={v.copies} error={form.errors.copies} />
            <Field name="note" label="备注" value={v.note} error={form.errors.note} />
            <button type="submit">登记</button>
          </form>
        </>
      ) : null}
    </StaffLayout>
  );
}

export interface ConferenceItem {
  id: number;
  heldOn: string;
  topic: string;
  speakers: string;
  organiser: string;
  transcript: { id: number; title: string | null } | null;
  note: string | null;
}

export function ConferencesPage(props: Base & { rows: ConferenceItem[] }) {
  const { form } = props;
  const v = form.values;
  return (
    <StaffLayout ctx={props.ctx} title={`${props.year}年新闻发布会登记`} nav={props.nav} current={REGISTERS_HREF}>
      <p>
        <a href={REGISTERS_HREF}>返回送交与发布会登记</a>
      </p>
      <h1>{props.year}年新闻发布会登记</h1>
      <YearNav href={CONFERENCES_HREF} year={props.year} />
      <p>
        本年度召开新闻发布会 <strong>{props.rows.length}</strong> 场。
      </p>
      {props.rows.length === 0 ? (
        <EmptyState title={`${props.year}年没有新闻发布会记录。`} />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">主题</th>
                <th scope="col">发布人</th>
                <th scope="col">组织单位</th>
                <th scope="col">实录</th>
                <th scope="col">备注</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{r.heldOn}</td>
                  <th scope="row">{r.topic}</th>
                  <td>{r.speakers}</td>
                  <td>{r.organiser}</td>
                  <td>
                    {r.transcript ? (
                      <a href={`/staff/publications/${r.transcript.id}`}>{r.transcript.title ?? `信息 ${r.transcript.id}`}</a>
                    ) : (
                      <span class="hint">未关联</span>
                    )}
                  </td>
                  <td>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canWrite ? (
        <>
          <h2 id="add">登记一场新闻发布会</h2>
          <form method="post" action={CONFERENCES_HREF} class="stack" novalidate>
            <Csrf token={props.ctx.csrf} />
            <ErrorSummary message={form.message} fields={form.errors} />
            <Field
              name="heldOn"
              label="召开日期"
              type="date"
              required
              hint="格式 YYYY-MM-DD"
              value={v.heldOn}
              error={form.errors.heldOn}
            />
            <Field name="topic" label="主题" required value={v.topic} error={form.errors.topic} />
            <Field
              name="speakers"
              label="发布人"
              required
              hint="姓名和职务，多人用顿号分隔"
              value={v.speakers}
              error={form.errors.speakers}
            />
            <Field name="organiser" label="组织单位" required value={v.organiser} error={form.errors.organiser} />
            <Field
              name="transcriptId"
              label="实录信息编号"
              hint="发布会实录作为信息发布后，填写其系统编号"
              value={v.transcriptId}
              error={form.errors.transcriptId}
            />
            <Field name="note" label="备注" value={v.note} error={form.errors.note} />
            <button type="submit">登记</button>
          </form>
        </>
      ) : null}
    </StaffLayout>
  );
}
