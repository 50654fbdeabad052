// Letters on cases (preview, issue, print, .docx, delivery), the fee form, the non-disclosure
// register (back office) and the applicant's letters through the private link.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { chinaDate } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import { m } from '../../ui/messages.js';
import { contentDisposition } from '../attachments/attachments.names.js';
import { requireStaff, staffCtx } from '../auth/auth.http.js';
import { actorOf, type Body, bodyOf, staffNavFor, text } from '../backoffice/backoffice.http.js';
import { renderLetterDocx } from '../letters/letters.docx.js';
import { renderLetterHtml } from '../letters/letters.html.js';
import type { RequestFileRow } from './casework.files.js';
import type { LetterRow } from './casework.repository.js';
import { CaseLetters, LetterPreviewPage, letterFileName, REGISTER_HREF, RegisterPage, TrackLetters } from './views/letters.js';
import { CasePage, caseHref, type FormError, REQUESTS_HREF } from './views/staff.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Id = z.coerce.number().int().positive();
const TYPED = [
  'kind',
  'letterNumber',
  'thirdParty',
  'method',
  'quantity',
  'on',
  'howToPay',
  'waiverReason',
  'deliveredOn',
  'proof',
];

const formError = (err: unknown): FormError | undefined =>
  err instanceof AppError && (err.code === 'validation' || err.code === 'conflict')
    ? { message: err.message, fields: err.fields }
    : undefined;
const typedOf = (b: Body) => Object.fromEntries(TYPED.filter((k) => typeof b[k] === 'string').map((k) => [k, text(b[k])]));

/** The letters-and-fees section of the case page (also used by the case page route). */
export async function caseLettersSection(
  d: RouteDeps,
  req: FastifyRequest,
  ctx: Awaited<ReturnType<RouteDeps['viewCtx']>>,
  view: { row: Parameters<typeof CaseLetters>[0]['row']; can: { handle: boolean } },
  failed?: { form: string; typed: Record<string, string>; error: FormError },
) {
  const [letters, fees, files] = await Promise.all([
    d.caseLetters.list(staffCtx(req), view.row.id),
    view.can.handle ? d.requests.fees(view.row.id) : Promise.resolve([]),
    d.requestFiles.list(staffCtx(req), view.row.id),
  ]);
  return (
    <CaseLetters
      ctx={ctx}
      row={view.row}
      letters={letters}
      fees={fees}
      files={files}
      canHandle={view.can.handle}
      today={chinaDate(d.clock.now())}
      failed={failed}
    />
  );
}

async function sendDocx(reply: FastifyReply, reference: string, l: LetterRow) {
  if (!l.letter) throw notFound('该文书为历史数据，未生成文书。');
  const buf = await renderLetterDocx(l.letter);
  return reply
    .header('content-type', DOCX_MIME)
    .header('content-disposition', contentDisposition(letterFileName(reference, l), false))
    .header('x-content-type-options', 'nosniff')
    .send(buf);
}

function sendLetterPage(reply: FastifyReply, l: LetterRow) {
  if (!l.letter) throw notFound('该文书为历史数据，未生成文书。');
  return reply.type('text/html; charset=utf-8').send(renderLetterHtml(l.letter));
}

export function caseworkRoutes(app: FastifyInstance, d: RouteDeps): void {
  const pre = { preHandler: requireStaff };
  const nav = (req: FastifyRequest) => staffNavFor(req.staff?.actor.roles ?? []);
  const idOf = (v: unknown, what = '申请不存在。') => {
    const r = Id.safeParse(v);
    if (!r.success) throw notFound(what);
    return r.data;
  };
  const params = (req: FastifyRequest) => req.params as Record<string, string>;

  /** The case page again with a letters/fee/delivery form's error and what was typed. */
  async function showFailed(
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: string,
    b: Body,
    e: FormError,
    status: number,
  ) {
    const view = await d.requests.view(staffCtx(req), id);
    const units = await d.requests.units(view.row.organ_id);
    const ctx = await d.viewCtx(req, reply);
    const letters = await caseLettersSection(d, req, ctx, view, { form, typed: typedOf(b), error: e });
    return sendPage(
      reply,
      <CasePage ctx={ctx} nav={nav(req)} view={view} today={chinaDate(d.clock.now())} units={units} letters={letters} />,
      status,
    );
  }

  app.get(`${REQUESTS_HREF}/:id/letters/preview`, pre, async (req, reply) => {
    const id = idOf(params(req).id);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const input = { kind: text(q.kind), letterNumber: text(q.letterNumber), thirdParty: text(q.thirdParty) };
    try {
      const p = await d.caseLetters.preview(staffCtx(req), id, input);
      const ctx = await d.viewCtx(req, reply);
      return sendPage(reply, <LetterPreviewPage ctx={ctx} nav={nav(req)} row={p.row} letter={p.letter} input={input} />);
    } catch (err) {
      const e = formError(err);
      if (!e) throw err;
      return showFailed(req, reply, id, 'letter', input, e, 422);
    }
  });

  app.post(`${REQUESTS_HREF}/:id/letters`, pre, async (req, reply) => {
    const id = idOf(params(req).id);
    const b = bodyOf(req);
    try {
      const l = await d.caseLetters.issue(staffCtx(req), id, b);
      return seeOther(reply, `${caseHref(id)}?ok=saved#letter-${l.id}`);
    } catch (err) {
      const e = formError(err);
      if (!e) throw err;
      return showFailed(req, reply, id, 'letter', b, e, 422);
    }
  });

  app.get(`${REQUESTS_HREF}/:id/letters/:letter`, pre, async (req, reply) => {
    const id = idOf(params(req).id);
    const raw = params(req).letter ?? '';
    const docx = raw.endsWith('.docx');
    const { row, letter } = await d.caseLetters.get(staffCtx(req), id, idOf(docx ? raw.slice(0, -5) : raw, '文书不存在。'));
    return docx ? sendDocx(reply, row.reference, letter) : seeOther(reply, `${caseHref(id)}/letters/${letter.id}/print`);
  });

  app.get(`${REQUESTS_HREF}/:id/letters/:letter/print`, pre, async (req, reply) => {
    const { letter } = await d.caseLetters.get(staffCtx(req), idOf(params(req).id), idOf(params(req).letter, '文书不存在。'));
    return sendLetterPage(reply, letter);
  });

  app.post(`${REQUESTS_HREF}/:id/letters/:letter/delivery`, pre, async (req, reply) => {
    const id = idOf(params(req).id);
    const letterId = idOf(params(req).letter, '文书不存在。');
    const b = bodyOf(req);
    try {
      await d.caseLetters.recordDelivery(staffCtx(req), id, letterId, b);
      return seeOther(reply, `${caseHref(id)}?ok=saved`);
    } catch (err) {
      const e = formError(err);
      if (!e) throw err;
      return showFailed(req, reply, id, `delivery-${letterId}`, b, e, 422);
    }
  });

  app.post(`${REQUESTS_HREF}/:id/fee`, pre, async (req, reply) => {
    const id = idOf(params(req).id);
    const b = bodyOf(req);
    try {
      await d.requests.assessFee(staffCtx(req), id, b);
      return seeOther(reply, `${caseHref(id)}?ok=saved`);
    } catch (err) {
      const e = formError(err);
      if (!e) throw err;
      return showFailed(req, reply, id, 'fee', b, e, (err as AppError).status);
    }
  });

  app.get(REGISTER_HREF, pre, async (req, reply) => {
    const actor = actorOf(req);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const y = z.coerce.number().int().min(2000).max(2100).safeParse(q.year);
    const year = y.success ? y.data : Number(chinaDate(d.clock.now()).slice(0, 4));
    const reg = await d.caseLetters.register(staffCtx(req), actor.organId, year);
    const ctx = await d.viewCtx(req, reply);
    return sendPage(reply, <RegisterPage ctx={ctx} nav={nav(req)} year={year} {...reg} />);
  });

  // --- released files ----------------------------------------------------------------------

  /**
   * The upload form is multipart: the global CSRF check cannot read it, so this route checks the
   * token itself from the `_csrf` field, which the form sends first, before any file is read.
   */
  app.post(
    `${REQUESTS_HREF}/:id/files`,
    { preHandler: requireStaff, config: { csrf: false } as FastifyContextConfig },
    async (req, reply) => {
      const id = idOf(params(req).id);
      if (!req.isMultipart()) throw new AppError('bad_request', '请使用页面上的表单上传文件。');
      const fields: Record<string, string> = {};
      const checkCsrf = () => {
        const secret = req.staff?.csrfSecret ?? '';
        if (!secret || !d.auth.csrfValid(secret, req.headers['x-csrf-token'] ?? fields._csrf))
          throw new AppError('csrf', m.errors.csrf);
      };
      try {
        let done = false;
        for await (const part of req.parts()) {
          if (part.type === 'field') {
            if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
            continue;
          }
          const file = part as MultipartFile;
          checkCsrf();
          if (done || file.filename === '') {
            file.file.resume();
            continue;
          }
          await d.requestFiles.upload(staffCtx(req), id, { filename: file.filename, stream: file.file });
          done = true;
        }
        checkCsrf();
        if (!done) throw new AppError('validation', '请选择要上传的文件。', { file: '请选择文件。' });
        return seeOther(reply, `${caseHref(id)}?ok=saved`);
      } catch (err) {
        const e = formError(err);
        if (!e) throw err;
        return showFailed(req, reply, id, 'file', {}, e, (err as AppError).status);
      }
    },
  );

  async function sendFile(reply: FastifyReply, f: { file: RequestFileRow; stream: NodeJS.ReadableStream }) {
    return reply
      .header('content-type', f.file.media_type)
      .header('content-disposition', contentDisposition(f.file.original_name, false))
      .header('x-content-type-options', 'nosniff')
      .send(f.stream);
  }

  app.get(`${REQUESTS_HREF}/:id/files/:file`, pre, async (req, reply) =>
    sendFile(reply, await d.requestFiles.open(staffCtx(req), idOf(params(req).id), idOf(params(req).file, '文件不存在。'))),
  );

  app.get('/requests/track/:token/files/:file', async (req, reply) => {
    const fileId = Id.safeParse(params(req).file);
    if (!fileId.success) throw notFound('文件不存在或链接无效。');
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    return sendFile(reply, await d.requestFiles.openForApplicant(params(req).token ?? '', fileId.data));
  });

  // --- the applicant, through the private link ---------------------------------------------

  async function applicantLetter(req: FastifyRequest): Promise<{ reference: string; letter: LetterRow }> {
    const { token, letter: raw = '' } = params(req);
    const letters = await d.caseLetters.forApplicant(token ?? '');
    const view = letters ? await d.requests.track(token ?? '') : undefined;
    const id = Id.safeParse(raw.replace(/\.docx$/, ''));
    const l = id.success ? letters?.find((x) => x.id === id.data && x.letter) : undefined;
    if (!view || !l) throw notFound('文书不存在或链接无效。');
    return { reference: view.reference, letter: l };
  }

  app.get('/requests/track/:token/letters/:letter', async (req, reply) => {
    const { reference, letter } = await applicantLetter(req);
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    return params(req).letter?.endsWith('.docx') ? sendDocx(reply, reference, letter) : sendLetterPage(reply, letter);
  });
}

/** The applicant's letters section of the tracking page (undefined token → nothing). */
export async function trackLettersSection(d: RouteDeps, token: string) {
  const letters = (await d.caseLetters.forApplicant(token)) ?? [];
  const files = (await d.requestFiles.forApplicant(token)) ?? [];
  return <TrackLetters letters={letters} files={files} base={`/requests/track/${token}`} />;
}
