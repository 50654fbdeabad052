// The channels of a published item in the back office: the panel's own page (shown again with
// errors), recording a channel, and sending the item to the WeChat official account.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { StaffLayout } from '../../ui/layout.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { type Body, bodyOf, isAppError, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { CHANNEL_LABELS, CHANNEL_STATE_LABELS, MANUAL_CHANNELS } from './channels.schemas.js';
import { type ChannelForm, ChannelsPanel, type ChannelsPanelProps, channelsHref } from './views/channels-panel.js';

const idOf = (req: FastifyRequest): number => {
  const raw = (req.params as { id?: string }).id ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw notFound('信息不存在。');
  return Number(raw);
};

const itemHref = (id: number) => `/staff/publications/${id}`;

/** The panel's props for a publication as the reader may see it (null when it is not published). */
export async function channelsPanel(
  d: RouteDeps,
  req: FastifyRequest,
  csrf: string,
  id: number,
  extra: { form?: ChannelForm; refusal?: string } = {},
): Promise<ChannelsPanelProps | null> {
  const c = await d.channels.forPublication(staffCtx(req), id);
  if (!c.published) return null;
  const wechatRow = c.rows.find((r) => r.channel === 'wechat');
  return {
    publicationId: id,
    csrf,
    items: c.rows.map((r) => ({
      channel: r.channel,
      label: CHANNEL_LABELS[r.channel],
      stateLabel: CHANNEL_STATE_LABELS[r.state],
      sentOn: r.sent_on,
      sentAt: r.sent_at,
      externalId: r.external_id,
      note: r.note,
      lastError: r.state === 'sent' || typeof r.detail.lastError !== 'string' ? null : r.detail.lastError,
    })),
    canRecord: c.canRecord,
    manual: MANUAL_CHANNELS.map((m) => [m, CHANNEL_LABELS[m]] as const),
    wechat: {
      problem: c.wechatProblem,
      state: wechatRow?.state ?? null,
      offer: !wechatRow || wechatRow.state === 'failed',
    },
    form: extra.form ?? { values: { channel: '', sentOn: chinaDate(d.clock.now()), note: '' }, errors: {} },
    refusal: extra.refusal,
  };
}

export function channelRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };

  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    extra: Parameters<typeof channelsPanel>[4] = {},
  ) {
    const view = await d.publications.get(staffCtx(req), id);
    const ctx = await d.viewCtx(req, reply);
    const panel = await channelsPanel(d, req, ctx.csrf, id, extra);
    return sendPage(
      reply,
      <StaffLayout
        ctx={ctx}
        title={`发布渠道：${view.publication.title}`}
        nav={staffNavFor(req.staff?.actor.roles ?? [])}
        current="/staff/publications"
      >
        <p>
          <a href={itemHref(id)}>返回信息：{view.publication.title}</a>
        </p>
        <h1>{view.publication.title}</h1>
        {panel ? (
          <ChannelsPanel {...panel} />
        ) : (
          <div class="warning" role="alert">
            <p>{extra.refusal ?? '该信息尚未发布，发布后可登记发布渠道。'}</p>
          </div>
        )}
      </StaffLayout>,
      status,
    );
  }

  app.get('/staff/publications/:id/channels', pre, async (req, reply) => page(req, reply, idOf(req), 200));

  app.post('/staff/publications/:id/channels', pre, async (req, reply) => {
    const id = idOf(req);
    const b: Body = bodyOf(req);
    try {
      await d.channels.record(staffCtx(req), id, b);
      return seeOther(reply, `${itemHref(id)}?ok=saved#channels`);
    } catch (err) {
      if (isAppError(err, 'conflict')) return page(req, reply, id, 409, { refusal: err.message });
      if (!isAppError(err, 'validation')) throw err;
      const values = { channel: text(b.channel), sentOn: text(b.sentOn), note: text(b.note) };
      return page(req, reply, id, 422, { form: { values, errors: err.fields, message: err.message } });
    }
  });

  app.post('/staff/publications/:id/wechat', pre, async (req, reply) => {
    const id = idOf(req);
    try {
      await d.channels.requestWechat(staffCtx(req), id);
      return seeOther(reply, `${channelsHref(id)}?ok=saved`);
    } catch (err) {
      if (!isAppError(err, 'conflict')) throw err;
      return page(req, reply, id, 409, { refusal: err.message });
    }
  });
}
