// The applicant's side (no session): the request form, its captcha and rate limit, and the
// tracking page of the private link. CSRF: the anonymous cookie secret that public forms use.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { seeOther, sendPage } from '../../platform/http/render.js';
import type { OrganRow } from '../organs/organs.service.js';
import { trackLettersSection } from './casework.routes.js';
import { createCaptcha } from './requests.captcha.js';
import { APPLY_FIELDS, ApplyPage, TrackPage } from './views/public.js';

/** Requests one address may submit per hour. */
export const SUBMIT_PER_HOUR = 10;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function requestPublicRoutes(app: FastifyInstance, d: RouteDeps): void {
  // operational time (expiry of challenges), like the calendar cache: not business time
  const captcha = createCaptcha(d.config.secret, () => Date.now());

  async function organOf(code: unknown): Promise<OrganRow> {
    const organ = typeof code === 'string' && code !== '' ? await d.organs.byCode(code) : await d.organs.portalOrgan();
    if (!organ) throw notFound('受理机关不存在。');
    return organ;
  }

  async function showForm(
    req: FastifyRequest,
    reply: FastifyReply,
    organ: OrganRow,
    values: Record<string, string>,
    error?: { message: string; fields: Record<string, string> },
    q?: string,
  ) {
    const ctx = await d.viewCtx(req, reply, { forms: true });
    const search = q ? { q, ...(await d.requests.findPublished(organ.id, q)) } : null;
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      <ApplyPage
        ctx={ctx}
        organName={organ.name}
        organCode={organ.code}
        values={values}
        error={error}
        challenge={captcha.issue()}
        search={search}
      />,
      error ? 422 : 200,
    );
  }

  app.get('/requests/new', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const organ = await organOf(query.organ);
    const q = str(query.q).trim();
    return showForm(req, reply, organ, q ? { infoTitle: q } : {}, undefined, q || undefined);
  });

  app.post('/requests/new', { config: { rateLimit: { max: SUBMIT_PER_HOUR, timeWindow: '1 hour' } } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const organ = await organOf(body.organ);
    const values = Object.fromEntries(APPLY_FIELDS.map((k) => [k, str(body[k])]));
    const problem = captcha.verify(body.captcha, body.pow, body.answer);
    try {
      if (problem) {
        // check the rest too, so that every problem is shown at once
        const fields: Record<string, string> = { answer: problem };
        try {
          await d.requests.validateApplication(body);
        } catch (err) {
          if (err instanceof AppError && err.code === 'validation') Object.assign(fields, err.fields);
          else throw err;
        }
        return showForm(req, reply, organ, values, { message: '请检查标出的项目。', fields });
      }
      const { token } = await d.requests.submitOnline(organ.id, body, { ip: req.ip, requestId: req.id });
      return seeOther(reply, `/requests/track/${token}?new=1`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation') {
        return showForm(req, reply, organ, values, { message: err.message, fields: err.fields });
      }
      throw err;
    }
  });

  app.get('/requests/track/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const view = await d.requests.track(token);
    if (!view) throw notFound('查询链接无效。请核对链接是否完整。');
    const ctx = await d.viewCtx(req, reply);
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    const link = `${req.protocol}://${req.host}/requests/track/${token}`;
    return sendPage(
      reply,
      <TrackPage
        ctx={ctx}
        view={view}
        isNew={str((req.query as Record<string, unknown>)?.new) === '1'}
        link={link}
        letters={await trackLettersSection(d, token)}
      />,
    );
  });
}
