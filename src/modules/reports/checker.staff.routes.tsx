// 年报核查 in the back office: paste or upload a published report (multipart; the CSRF token is
// checked from the form before any file is read, as in attachments.routes.tsx), see a run's
// findings, confirm or dismiss each with a note, and — for supervisors — check every subordinate
// organ's published report. Handlers: parse → one service call → render or 303.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { m } from '../../ui/messages.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, bodyOf, isAppError, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { checkerPolicy } from './checker.policy.js';
import type { UploadedReport } from './checker.service.js';
import { CHECKER_HREF, CheckerPage, type CheckFormValues, CheckResultPage, checkHref } from './views/checker.js';

/** The checked file's size limit (a report with its tables is rarely above 1 MB). */
export const CHECK_MAX_BYTES = 8 * 1024 * 1024;
const PASTE_MAX_BYTES = 4 * 1024 * 1024;
const OWN_CSRF = { csrf: false } as FastifyContextConfig;
const YEAR = /^(19|20)\d{2}$/;

interface CheckForm {
  fields: Record<string, string>;
  files: Partial<Record<'file' | 'previous', UploadedReport>>;
  errors: Record<string, string>;
}

/** Reads the multipart form: fields, up to two files kept in memory within the limit. */
async function readForm(req: FastifyRequest, csrfValid: (secret: string, token: unknown) => boolean): Promise<CheckForm> {
  if (!req.isMultipart()) throw new AppError('bad_request', '请使用页面上的表单提交。');
  const form: CheckForm = { fields: {}, files: {}, errors: {} };
  const checkCsrf = () => {
    const secret = req.staff?.csrfSecret ?? '';
    if (!secret || !csrfValid(secret, req.headers['x-csrf-token'] ?? form.fields._csrf))
      throw new AppError('csrf', m.errors.csrf);
  };
  const parts = req.parts({
    limits: { files: 2, fileSize: CHECK_MAX_BYTES + 1, fieldSize: PASTE_MAX_BYTES, fields: 6, parts: 10 },
  });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (typeof part.value === 'string' && !(part.fieldname in form.fields)) form.fields[part.fieldname] = part.value;
      if (part.valueTruncated) form.errors[part.fieldname] = '粘贴的内容过长（不超过 4 MB）。';
      continue;
    }
    const file = part as MultipartFile;
    checkCsrf();
    const name = file.fieldname === 'previous' ? 'previous' : 'file';
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of file.file) {
      size += chunk.length;
      if (size <= CHECK_MAX_BYTES) chunks.push(chunk);
    }
    if (file.filename === '' && size === 0) continue;
    if (size > CHECK_MAX_BYTES || file.file.truncated) form.errors[name] = '文件超过 8 MB 的上限。';
    else if (size === 0) form.errors[name] = '文件为空。';
    else form.files[name] = { fileName: file.filename.slice(0, 200) || '（上传的文件）', bytes: Buffer.concat(chunks) };
  }
  checkCsrf();
  return form;
}

export function checkerRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const svc = d.reportChecker;
  const navFor = (req: FastifyRequest) => staffNavFor(req.staff?.actor.roles ?? []);

  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    values: CheckFormValues,
    more: { notice?: string; message?: string; errors?: Record<string, string> } = {},
    status = 200,
  ) {
    const actor = actorOf(req);
    const runs = await svc.list(staffCtx(req), actor.organId);
    return sendPage(
      reply,
      <CheckerPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        values={values}
        runs={runs}
        maxBytes={CHECK_MAX_BYTES}
        supervisor={checkerPolicy.can(actor, 'report_check.subordinates', { organId: actor.organId })}
        {...more}
      />,
      status,
    );
  }
  const empty: CheckFormValues = { html: '', year: '', subYear: '' };

  app.get(CHECKER_HREF, pre, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const n = Number(text(q.n));
    const notice = text(q.ok) === 'subordinates' ? `已核查 ${Number.isSafeInteger(n) ? n : 0} 份已发布的年度报告。` : undefined;
    return page(req, reply, empty, notice ? { notice } : {});
  });

  /** Refuses before the body is read or checked: an answer about the input would tell more than "no". */
  const mayOrThrow = (req: FastifyRequest, action: 'report_check.run' | 'report_check.subordinates') => {
    const actor = actorOf(req);
    if (!checkerPolicy.can(actor, action, { organId: actor.organId })) throw forbidden();
  };

  app.post(CHECKER_HREF, { preHandler: requireStaff, config: OWN_CSRF }, async (req, reply) => {
    mayOrThrow(req, 'report_check.run');
    const form = await readForm(req, (s, t) => d.auth.csrfValid(s, t));
    const values: CheckFormValues = { html: form.fields.html ?? '', year: (form.fields.year ?? '').trim(), subYear: '' };
    const errors = { ...form.errors };
    if (values.year && !YEAR.test(values.year)) errors.year = '年度应为四位数字，如 2023。';
    const pasted = values.html.trim();
    if (!form.files.file && !pasted && !errors.file && !errors.html) errors.html = '请粘贴年报网页的 HTML，或上传年报文件。';
    if (form.files.file && pasted) errors.html = '请只提供一份年报：粘贴或上传，二选一。';
    if (Object.keys(errors).length) return page(req, reply, values, { message: '请检查标出的项目。', errors }, 422);
    const report = form.files.file ?? { fileName: '（粘贴的网页）', bytes: Buffer.from(values.html) };
    try {
      const id = await svc.run(staffCtx(req), {
        organId: actorOf(req).organId,
        report,
        previous: form.files.previous ?? null,
        year: values.year ? Number(values.year) : null,
      });
      return seeOther(reply, checkHref(id));
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      // the previous file is named in the message when it is the one that cannot be read
      const field = err.message.startsWith('上一年度') ? 'previous' : form.files.file ? 'file' : 'html';
      return page(req, reply, values, { message: err.message, errors: { [field]: err.message } }, 422);
    }
  });

  const idOf = (req: FastifyRequest) => {
    const id = Number((req.params as { id?: string }).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound('核查记录不存在。');
    return id;
  };

  async function result(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { notice?: string; error?: { key: string; message: string; note: string } } = {},
    status = 200,
  ) {
    const { run, reviews, canReview } = await svc.get(staffCtx(req), id);
    return sendPage(
      reply,
      <CheckResultPage
        ctx={await d.viewCtx(req, reply)}
        nav={navFor(req)}
        run={run}
        reviews={reviews}
        canReview={canReview}
        {...extra}
      />,
      status,
    );
  }

  app.get(`${CHECKER_HREF}/:id`, pre, async (req, reply) => {
    const ok = text((req.query as Record<string, unknown>).ok);
    return result(req, reply, idOf(req), ok === 'reviewed' ? { notice: '已记录您的决定。' } : {});
  });

  app.post(`${CHECKER_HREF}/:id/review`, pre, async (req, reply) => {
    const id = idOf(req);
    const b = bodyOf(req);
    const v = { key: text(b.key), decision: text(b.decision), note: text(b.note) };
    try {
      await svc.review(staffCtx(req), id, v);
    } catch (err) {
      if (!isAppError(err, 'validation')) throw err;
      return result(req, reply, id, { error: { key: v.key, message: err.message, note: v.note } }, 422);
    }
    return seeOther(reply, `${checkHref(id)}?ok=reviewed`);
  });

  app.post(`${CHECKER_HREF}/subordinates`, pre, async (req, reply) => {
    mayOrThrow(req, 'report_check.subordinates');
    const subYear = text(bodyOf(req).subYear).trim();
    if (!YEAR.test(subYear)) {
      return page(
        req,
        reply,
        { ...empty, subYear },
        { message: '请检查标出的项目。', errors: { subYear: '年度应为四位数字，如 2023。' } },
        422,
      );
    }
    const ids = await svc.checkSubordinates(staffCtx(req), { organId: actorOf(req).organId, year: Number(subYear) });
    return seeOther(reply, `${CHECKER_HREF}?ok=subordinates&n=${ids.length}`);
  });
}
