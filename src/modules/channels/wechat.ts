// A client of the WeChat official-account API (微信公众号), as documented by WeChat:
//   GET  {base}/cgi-bin/token?grant_type=client_credential&appid=…&secret=…  → {access_token, expires_in}
//   POST {base}/cgi-bin/draft/add?access_token=…          {articles:[…]}      → {media_id}
//   POST {base}/cgi-bin/freepublish/submit?access_token=… {media_id}          → {publish_id}
// Errors come with HTTP 200 as {errcode, errmsg}. An invalid or expired access token (40001,
// 40014, 42001) is refreshed once and the call repeated. The token is cached until shortly
// before it expires (by the injected clock). The API takes no idempotency key: the channel
// handler keeps the draft's media_id so that a retry does not create a second draft.
import type { Clock } from '../../platform/clock.js';

export interface WechatSettings {
  baseUrl: string;
  appId: string;
  secret: string;
}

/** An article of a draft (草稿箱/新建草稿). */
export interface WechatArticle {
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  need_open_comment: 0 | 1;
  only_fans_can_comment: 0 | 1;
}

/** An answer of the API with a non-zero errcode (or an unusable answer). */
export class WechatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`微信接口 ${api} 返回错误 ${errcode}：${errmsg}`);
  }
}

const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Refresh this long before the token's announced expiry. */
const TOKEN_MARGIN_MS = 5 * 60_000;

interface ApiAnswer {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

export function createWechatClient(s: WechatSettings, clock: Clock) {
  let cached: { token: string; expiresAt: number } | undefined;
  let fetching: Promise<string> | undefined;

  async function request(api: string, url: string, init: RequestInit): Promise<ApiAnswer> {
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (err) {
      // the URL carries the secret or the token: never put it in a message
      throw new WechatApiError(api, -2, `无法连接微信服务器（${(err as Error).name}）`);
    }
    if (!res.ok) throw new WechatApiError(api, -2, `HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new WechatApiError(api, -2, '应答不是 JSON');
    }
    if (typeof body !== 'object' || body === null) throw new WechatApiError(api, -2, '应答格式不正确');
    const a = body as ApiAnswer;
    if (typeof a.errcode === 'number' && a.errcode !== 0) throw new WechatApiError(api, a.errcode, String(a.errmsg ?? ''));
    return a;
  }

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: s.appId, secret: s.secret });
    const a = await request('token', `${s.baseUrl}/cgi-bin/token?${q}`, { method: 'GET', signal: signal ?? null });
    if (typeof a.access_token !== 'string' || a.access_token === '')
      throw new WechatApiError('token', -1, '应答中没有 access_token');
    const seconds = typeof a.expires_in === 'number' ? a.expires_in : 7200;
    cached = { token: a.access_token, expiresAt: clock.now().getTime() + seconds * 1000 - TOKEN_MARGIN_MS };
    return a.access_token;
  }

  /** The cached access token, fetched when missing, near expiry, or `refresh` is asked for. */
  async function accessToken(opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<string> {
    if (!opts.refresh && cached && clock.now().getTime() < cached.expiresAt) return cached.token;
    if (opts.refresh) cached = undefined;
    // one fetch at a time: concurrent callers share it
    fetching ??= fetchToken(opts.signal).finally(() => {
      fetching = undefined;
    });
    return fetching;
  }

  /** POSTs JSON with the access token; on an invalid or expired token, refreshes once and retries. */
  async function post(api: string, path: string, body: unknown, signal?: AbortSignal): Promise<ApiAnswer> {
    const send = async (token: string) =>
      request(api, `${s.baseUrl}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: signal ?? null,
      });
    const token = await accessToken({ signal });
    try {
      return await send(token);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err;
      return send(await accessToken({ refresh: true, signal }));
    }
  }

  return {
    accessToken,
    /** 新建草稿: returns the draft's media_id. */
    async addDraft(articles: WechatArticle[], signal?: AbortSignal): Promise<string> {
      const a = await post('draft/add', '/cgi-bin/draft/add', { articles }, signal);
      if (typeof a.media_id !== 'string' || a.media_id === '') throw new WechatApiError('draft/add', -1, '应答中没有 media_id');
      return a.media_id;
    },
    /** 发布草稿: returns the publish_id of the (asynchronous) publication task. */
    async submit(mediaId: string, signal?: AbortSignal): Promise<string> {
      const a = await post('freepublish/submit', '/cgi-bin/freepublish/submit', { media_id: mediaId }, signal);
      const id = a.publish_id;
      if ((typeof id !== 'string' && typeof id !== 'number') || id === '')
        throw new WechatApiError('freepublish/submit', -1, '应答中没有 publish_id');
      return String(id);
    },
  };
}

export type WechatClient = ReturnType<typeof createWechatClient>;

/** WeChat takes an article body of fewer than 20,000 characters. */
export const WECHAT_CONTENT_MAX = 20_000;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The article for a publication: its sanitised body, then a link back to its permanent URL.
 * A body too long for WeChat is replaced by the summary and the link.
 */
export function wechatArticle(p: {
  title: string;
  summary: string | null;
  issuingOrgan: string;
  /** Already sanitised HTML. */
  bodyHtml: string;
  permanentUrl: string;
  thumbMediaId: string;
}): WechatArticle {
  const url = escapeHtml(p.permanentUrl);
  const link = `<p>原文链接：<a href="${url}">${url}</a></p>`;
  let content = `${p.bodyHtml}${link}`;
  if (content.length >= WECHAT_CONTENT_MAX) {
    content = `${p.summary ? `<p>${escapeHtml(p.summary)}</p>` : ''}<p>全文较长，请点击“阅读原文”查看。</p>${link}`;
  }
  return {
    title: p.title,
    author: p.issuingOrgan,
    digest: (p.summary ?? '').slice(0, 120),
    content,
    content_source_url: p.permanentUrl,
    thumb_media_id: p.thumbMediaId,
    need_open_comment: 0,
    only_fans_can_comment: 0,
  };
}
