import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a page component to a complete HTML document. */
export function renderPage(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

export function sendPage(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(vnode));
}

/** A marker no escaped text can contain (`<` is always escaped in text and attributes). */
export const BODY_SLOT = `<!--gongkai-body-${randomUUID()}-->`;

/**
 * A page whose largest part arrives as bytes (an item's stored body): the page is rendered with
 * `BODY_SLOT` where the bytes go, and the answer is the bytes spliced in, never decoded into a
 * string nor encoded again (ADR 0014).
 */
export function sendPageWith(reply: FastifyReply, vnode: VNode, bytes: Buffer, status = 200): FastifyReply {
  const html = renderPage(vnode);
  const at = html.indexOf(BODY_SLOT);
  if (at < 0 || html.indexOf(BODY_SLOT, at + 1) >= 0) throw new Error('页面中正文占位符须恰好出现一次');
  const page = Buffer.concat([Buffer.from(html.slice(0, at)), bytes, Buffer.from(html.slice(at + BODY_SLOT.length))]);
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

/** 303 See Other after a successful POST. */
export function seeOther(reply: FastifyReply, url: string): FastifyReply {
  return reply.code(303).header('location', url).send();
}

/** Only local paths may be redirect targets (no open redirects). */
export function safeLocalPath(p: unknown, fallback = '/'): string {
  // browsers drop tabs and newlines and read backslashes as slashes: refuse them all
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (typeof p !== 'string' || !p.startsWith('/') || /[\x00-\x1f\x7f\\]/.test(p)) return fallback;
  try {
    const u = new URL(p, 'http://local.invalid');
    if (u.origin !== 'http://local.invalid') return fallback;
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return fallback;
  }
}
