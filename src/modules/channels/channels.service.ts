// Channels of publications (seed 一(四)): the website row written when an item is published,
// channels staff record by hand (微博, 报刊/媒体, 政府公报, 年鉴), WeChat through the outbox and
// the official-account adapter, and the counts per channel per year the annual report reads.
import { recordAudit } from '../../platform/audit/audit.js';
import { chinaDate } from '../../platform/clock.js';
import { authorize, type Ctx, systemCtx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/connect.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, invalid } from '../../platform/http/errors.js';
import {
  type DeliveryCtx,
  enqueue,
  messageByKey,
  type Outbox,
  PermanentFailure,
  retryMessage,
} from '../../platform/outbox/outbox.js';
import { parse } from '../../platform/validation.js';
import { sanitizeBody } from '../publications/publications.schemas.js';
import type { PublicationRow, PublicationService } from '../publications/publications.service.js';
import { channelsPolicy } from './channels.policy.js';
import { type ChannelRow, channelsRepo as repo } from './channels.repository.js';
import { CHANNEL_LABELS, CHANNELS, type ChannelCode, RecordInput } from './channels.schemas.js';
import { createWechatClient, type WechatClient, wechatArticle } from './wechat.js';

export const WECHAT_TOPIC = 'wechat.publish';
const wechatKey = (publicationId: number) => `${WECHAT_TOPIC}:${publicationId}`;

export interface WechatPayload {
  publicationId: number;
}

/** The permanent URL of an index number on the portal (portal.routes.tsx `/index/…`). */
export const permanentUrl = (publicUrl: string, indexNo: string) =>
  `${publicUrl}/index/${indexNo.split('/').map(encodeURIComponent).join('/')}`;

export function createChannelService(deps: Deps, ext: { publications: PublicationService; outbox: Outbox }) {
  const { db, clock, config } = deps;
  const { publications, outbox } = ext;

  /** Why WeChat publishing is off (a message for the button), or null when it is configured. */
  function wechatProblem(): string | null {
    const w = config.wechat;
    const missing = [
      w?.appId ? '' : 'GONGKAI_WECHAT_APPID',
      w?.secret ? '' : 'GONGKAI_WECHAT_SECRET',
      w?.thumbMediaId ? '' : 'GONGKAI_WECHAT_THUMB_MEDIA_ID',
      config.publicUrl ? '' : 'GONGKAI_PUBLIC_URL',
    ].filter(Boolean);
    return missing.length === 0 ? null : `微信公众号发布未启用：服务器尚未配置 ${missing.join('、')}，请联系系统管理员。`;
  }

  let client: WechatClient | undefined;
  const wechat = (): WechatClient => {
    const w = config.wechat;
    client ??= createWechatClient({ baseUrl: w?.baseUrl ?? '', appId: w?.appId ?? '', secret: w?.secret ?? '' }, clock);
    return client;
  };

  const userId = (ctx: Ctx) => (ctx.actor === 'system' ? null : ctx.actor.userId);

  async function published(ctx: Ctx, publicationId: number): Promise<PublicationRow> {
    const p = (await publications.get(ctx, publicationId)).publication;
    if (!p.published_at || !p.published_on) throw conflict('该信息尚未发布，不能登记发布渠道。');
    return p;
  }

  /** The outbox handler of `wechat.publish`: draft, then publish; the result goes on the channel row. */
  async function deliverWechat(payload: WechatPayload, d: DeliveryCtx): Promise<{ mediaId: string; publishId: string }> {
    const id = Number(payload?.publicationId);
    const row = Number.isSafeInteger(id) ? await repo.get(db, id, 'wechat') : undefined;
    const fail = async (message: string, final: boolean) => {
      if (row)
        await repo.update(
          db,
          row.id,
          { state: final ? 'failed' : 'pending', detail: { ...row.detail, lastError: message, attempt: d.attempt } },
          clock.now().toISOString(),
        );
    };
    const problem = wechatProblem();
    if (problem) {
      await fail(problem, true);
      throw new PermanentFailure(problem);
    }
    const p = (await publications.get(systemCtx('outbox'), id)).publication;
    if (p.state !== 'published' || !p.index_no) {
      const message = '该信息已不在发布状态（已撤回或已被新版本替代），未发布到微信公众号。';
      await fail(message, true);
      throw new PermanentFailure(message);
    }
    try {
      // a draft made by an earlier, interrupted delivery is published rather than made again
      let mediaId = typeof row?.detail.mediaId === 'string' ? row.detail.mediaId : '';
      if (!mediaId) {
        const article = wechatArticle({
          title: p.title,
          summary: p.summary,
          issuingOrgan: p.issuing_organ,
          // sanitised when saved; again here, so that nothing stored earlier goes out unchecked
          bodyHtml: sanitizeBody(p.body_html),
          permanentUrl: permanentUrl(config.publicUrl as string, p.index_no),
          thumbMediaId: config.wechat?.thumbMediaId as string,
        });
        mediaId = await wechat().addDraft([article], d.signal);
        if (row) await repo.update(db, row.id, { detail: { ...row.detail, mediaId } }, clock.now().toISOString());
      }
      const publishId = await wechat().submit(mediaId, d.signal);
      const now = clock.now();
      if (row) {
        await repo.update(
          db,
          row.id,
          {
            state: 'sent',
            sent_at: now.toISOString(),
            sent_on: chinaDate(now),
            external_id: publishId,
            detail: { mediaId, publishId },
          },
          now.toISOString(),
        );
      }
      return { mediaId, publishId };
    } catch (err) {
      const fresh = await repo.get(db, id, 'wechat');
      const message = err instanceof Error ? err.message : String(err);
      if (fresh) {
        await repo.update(
          db,
          fresh.id,
          { state: d.final ? 'failed' : 'pending', detail: { ...fresh.detail, lastError: message, attempt: d.attempt } },
          clock.now().toISOString(),
        );
      }
      throw err;
    }
  }

  outbox.handle(WECHAT_TOPIC, deliverWechat);

  return {
    wechatProblem,

    /** Called inside the publishing transaction: the website is the first channel of every item. */
    async onPublished(tx: Tx, row: PublicationRow): Promise<void> {
      if (!row.published_at || !row.published_on) return;
      await repo.insertIfAbsent(
        tx,
        { publicationId: row.id, organId: row.organ_id, channel: 'website' },
        { state: 'sent', sent_at: row.published_at, sent_on: row.published_on },
        row.published_at,
      );
    },

    /** The channels of one publication, in the order of CHANNELS, and what the reader may do. */
    async forPublication(
      ctx: Ctx,
      publicationId: number,
    ): Promise<{ rows: ChannelRow[]; canRecord: boolean; wechatProblem: string | null; published: boolean }> {
      const p = (await publications.get(ctx, publicationId)).publication;
      authorize(channelsPolicy, ctx, 'channel.read', { organId: p.organ_id });
      const rows = (await repo.forPublication(db, p.id)).sort(
        (a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel),
      );
      const canRecord = ctx.actor === 'system' || channelsPolicy.can(ctx.actor, 'channel.record', { organId: p.organ_id });
      return { rows, canRecord, wechatProblem: wechatProblem(), published: p.published_at !== null };
    },

    /** Records that a published item went out on 微博, 报刊/媒体, 政府公报 or 年鉴 (overwrites an earlier record). */
    async record(ctx: Ctx, publicationId: number, input: unknown): Promise<ChannelRow> {
      const p = await published(ctx, publicationId);
      authorize(channelsPolicy, ctx, 'channel.record', { organId: p.organ_id });
      const v = parse(RecordInput, input);
      const today = chinaDate(clock.now());
      if (v.sentOn > today) throw invalid('请检查标出的项目。', { sentOn: '发布日期不能晚于今天。' });
      if (v.sentOn < (p.published_on as string))
        throw invalid('请检查标出的项目。', { sentOn: `发布日期不能早于信息在网站发布的日期（${p.published_on}）。` });
      const at = clock.now();
      return inTransaction(db, async (tx) => {
        const before = await repo.get(tx, p.id, v.channel);
        await repo.upsert(
          tx,
          { publicationId: p.id, organId: p.organ_id, channel: v.channel },
          { state: 'recorded', sent_on: v.sentOn, note: v.note, recorded_by: userId(ctx) },
          at.toISOString(),
        );
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'channel.record',
          subjectType: 'publication',
          subjectId: p.id,
          organId: p.organ_id,
          before: before ? { channel: before.channel, sentOn: before.sent_on, note: before.note } : null,
          after: { channel: v.channel, sentOn: v.sentOn, note: v.note },
        });
        return (await repo.get(tx, p.id, v.channel)) as ChannelRow;
      });
    },

    /** 发布到微信公众号: writes the channel row and the outbox message in one transaction. */
    async requestWechat(ctx: Ctx, publicationId: number): Promise<void> {
      const p = await published(ctx, publicationId);
      authorize(channelsPolicy, ctx, 'channel.record', { organId: p.organ_id });
      const problem = wechatProblem();
      if (problem) throw conflict(problem);
      if (p.state !== 'published') throw conflict('只有处于“已发布”状态的信息可以发布到微信公众号。');
      const existing = await repo.get(db, p.id, 'wechat');
      if (existing?.state === 'sent') throw conflict('该信息已发布到微信公众号。');
      if (existing?.state === 'pending') throw conflict('该信息正在发送到微信公众号，请稍候刷新查看结果。');
      const at = clock.now();
      await inTransaction(db, async (tx, afterCommit) => {
        await repo.upsert(
          tx,
          { publicationId: p.id, organId: p.organ_id, channel: 'wechat' },
          { state: 'pending', detail: existing?.detail ?? {}, recorded_by: userId(ctx) },
          at.toISOString(),
        );
        const key = wechatKey(p.id);
        const message = await messageByKey(tx, key);
        if (message) await retryMessage(tx, message.id, at);
        else
          await enqueue(tx, {
            topic: WECHAT_TOPIC,
            payload: { publicationId: p.id } satisfies WechatPayload,
            key,
            at,
            organId: p.organ_id,
          });
        await recordAudit(tx, deps, ctx.audit, at, {
          action: 'channel.wechat',
          subjectType: 'publication',
          subjectId: p.id,
          organId: p.organ_id,
          before: existing ? { state: existing.state } : null,
          after: { state: 'pending', retry: Boolean(message) },
        });
        afterCommit(() => {
          void outbox.kick();
        });
      });
    },

    /** Items that went out on each channel in a calendar year (China dates), for the annual report. */
    async channelCounts(ctx: Ctx, organId: number, year: number): Promise<Record<ChannelCode, number>> {
      authorize(channelsPolicy, ctx, 'channel.read', { organId });
      const out = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<ChannelCode, number>;
      for (const r of await repo.counts(db, organId, `${year}-01-01`, `${year}-12-31`)) out[r.channel] = r.n;
      return out;
    },

    /** A year's items on one channel per 体裁 (genre), e.g. the website's notices and announcements. */
    async channelGenreCounts(ctx: Ctx, organId: number, year: number, channel: ChannelCode): Promise<Map<string, number>> {
      authorize(channelsPolicy, ctx, 'channel.read', { organId });
      const rows = await repo.genreCounts(db, organId, channel, `${year}-01-01`, `${year}-12-31`);
      return new Map(rows.map((r) => [r.genre, r.n]));
    },

    labels: CHANNEL_LABELS,
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
