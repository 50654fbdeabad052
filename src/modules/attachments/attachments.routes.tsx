// Attachments over HTTP: the public download (published editions only, cacheable, no session), the
// staff download (any item the reader may read), and the back-office page of a draft's attachments
// with upload, removal and 从 Word 导入正文.
//
// Uploads are multipart. The global CSRF check reads `_csrf` from a parsed body, which a streamed
// multipart body does not have; these routes therefore opt out of it (`csrf: false`) and check the
// token themselves, from the `x-csrf-token` header or the `_csrf` field, BEFORE any file is read —
// the forms put `_csrf` first, and a file arriving before a valid token is refused unread.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { m } from '../../ui/messages.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { isAppError, staffNavFor } from '../backoffice/backoffice.http.js';
import { PUBLICATIONS_HREF } from '../publications/views/staff/common.js';
import { contentDisposition } from './attachments.names.js';
import type { AttachmentRow, IncomingFile } from './attachments.service.js';
import { kindOfMime } from './attachments.types.js';
import { AttachmentsPage, attachmentsHref, ImportedPage, STAFF_FILES, type UploadError } from './views/staff.js';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Params = z.object({ id: Id, aid: Id.optional() });
/** The global CSRF check is skipped: these routes check the token from the multipart form. */
const OWN_CSRF = { csrf: false } as FastifyContextConfig;
/** Public files may be cached briefly: a withdrawn item's files must disappear soon. */
const PUBLIC_MAX_AGE = 300;

function params(req: FastifyRequest): { id: number; aid?: number | undefined } {
  const r = Params.safeParse(req.params);
  if (!r.success) throw notFound('附件不存在。');
  return r.data;
}

/** A downloaded file runs nothing: no sniffing, no scripts, no framing; PDF keeps the browser's
 * viewer (Chromium's refuses to run under a CSP sandbox), everything else is sandboxed too. */
function sendFile(reply: FastifyReply, a: AttachmentRow, path: string, cacheControl: string) {
  const kind = kindOfMime(a.media_type);
  const pdf = a.media_type === 'application/pdf';
  return reply
    .code(200)
    .header('content-type', a.media_type.startsWith('text/') ? `${a.media_type}; charset=utf-8` : a.media_type)
    .header('content-length', String(a.size))
    .header('content-disposition', contentDisposition(a.original_name, kind?.inline ?? false))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', `default-src 'none'; frame-ancestors 'none'; form-action 'none'${pdf ? '' : '; sandbox'}`)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', cacheControl)
    .send(createReadStream(path));
}

async function present(path: string): Promise<void> {
  try {
    await stat(path);
  } catch {
    throw notFound('附件文件不存在，请联系网站管理员。');
  }
}

export function attachmentRoutes(app: FastifyInstance, d: RouteDeps): void {
  const svc = d.attachments;
  const pre = { preHandler: requireStaff };
  const navFor = (req: FastifyRequest) => staffNavFor(req.staff?.actor.roles ?? []);

  // ── downloads ───────────────────────────────────────────────────────────────────────

  const publicFile = async (req: FastifyRequest, reply: FastifyReply) => {
    const { attachment, path } = await svc.openPublic(params(req).id);
    await present(path);
    return sendFile(reply, attachment, path, `public, max-age=${PUBLIC_MAX_AGE}`);
  };
  app.get('/attachments/:id', publicFile);
  app.get('/attachments/:id/:name', publicFile);

  const staffFile = async (req: FastifyRequest, reply: FastifyReply) => {
    const { attachment, path } = await svc.openStaff(staffCtx(req), params(req).id);
    await present(path);
    return sendFile(reply, attachment, path, 'no-store');
  };
  app.get(`${STAFF_FILES}/:id`, pre, staffFile);
  app.get(`${STAFF_FILES}/:id/:name`, pre, staffFile);

  // ── the page of a draft's attachments ───────────────────────────────────────────────

  async function page(req: FastifyRequest, reply: FastifyReply, id: number, status = 200, error?: UploadError) {
    const ctx = staffCtx(req);
    const view = await d.publications.get(ctx, id);
    const p = view.publication;
    const items = await svc.list(ctx, id);
    return sendPage(
      reply,
      <AttachmentsPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        item={{ id: p.id, title: p.title, version: p.version }}
        items={items.map((a) => ({
          id: a.id,
          name: a.original_name,
          mediaType: a.media_type,
          size: a.size,
          createdAt: a.created_at,
        }))}
        editable={view.can.edit}
        maxBytes={d.config.uploadMaxBytes}
        error={error}
      />,
      status,
    );
  }

  app.get(`${PUBLICATIONS_HREF}/:id/attachments`, pre, async (req, reply) => page(req, reply, params(req).id));

  /**
   * Reads a multipart form: fields first, then one file handed to `use` while it streams. The CSRF
   * token is checked before the file is read; without a file, `use` gets none.
   */
  async function withUpload<T>(
    req: FastifyRequest,
    use: (fields: Record<string, string>, file: IncomingFile | undefined) => Promise<T>,
  ): Promise<T> {
    if (!req.isMultipart()) throw new AppError('bad_request', '请使用页面上的表单上传文件。');
    const fields: Record<string, string> = {};
    const checkCsrf = () => {
      const secret = req.staff?.csrfSecret ?? '';
      const token = req.headers['x-csrf-token'] ?? fields._csrf;
      if (!secret || !d.auth.csrfValid(secret, token)) throw new AppError('csrf', m.errors.csrf);
    };
    let result: { value: T } | undefined;
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      const file = part as MultipartFile;
      checkCsrf();
      if (result || file.filename === '') {
        // a second file, or the empty part a browser sends when no file was chosen
        file.file.resume();
        continue;
      }
      result = { value: await use(fields, { filename: file.filename, stream: file.file }) };
    }
    checkCsrf();
    return result ? result.value : use(fields, undefined);
  }

  const noFile = () => new AppError('validation', '请选择要上传的文件。', { file: '请选择文件。' });

  app.post(`${PUBLICATIONS_HREF}/:id/attachments`, { preHandler: requireStaff, config: OWN_CSRF }, async (req, reply) => {
    const id = params(req).id;
    try {
      await withUpload(req, async (_fields, file) => {
        if (!file) throw noFile();
        return svc.upload(staffCtx(req), id, file);
      });
      return seeOther(reply, `${attachmentsHref(id)}?ok=saved`);
    } catch (err) {
      if (!isAppError(err, 'validation') && !isAppError(err, 'conflict') && !isAppError(err, 'storage_full')) throw err;
      return page(req, reply, id, err.status, { form: 'file', message: err.message });
    }
  });

  app.post(`${PUBLICATIONS_HREF}/:id/attachments/:aid/remove`, pre, async (req, reply) => {
    const { id, aid } = params(req);
    const a = aid === undefined ? undefined : (await svc.list(staffCtx(req), id)).find((x) => x.id === aid);
    if (!a) throw notFound('附件不存在。');
    await svc.remove(staffCtx(req), a.id);
    return seeOther(reply, `${attachmentsHref(id)}?ok=removed`);
  });

  app.post(`${PUBLICATIONS_HREF}/:id/import-docx`, { preHandler: requireStaff, config: OWN_CSRF }, async (req, reply) => {
    const id = params(req).id;
    try {
      const r = await withUpload(req, async (fields, file) => {
        if (!file) throw noFile();
        const version = Number(fields.version);
        return svc.importDocx(staffCtx(req), id, Number.isSafeInteger(version) ? version : -1, file);
      });
      const p = (await d.publications.get(staffCtx(req), id)).publication;
      return sendPage(
        reply,
        <ImportedPage
          ctx={await d.viewCtx(req, reply)}
          nav={navFor(req)}
          item={{ id: p.id, title: p.title }}
          fileName={r.attachment.original_name}
          warnings={r.warnings}
        />,
      );
    } catch (err) {
      if (!isAppError(err, 'validation') && !isAppError(err, 'conflict')) throw err;
      return page(req, reply, id, err.status, { form: 'docx', message: err.message });
    }
  });
}
